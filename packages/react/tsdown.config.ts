import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'browser',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: { neverBundle: [/^@seedance-kit\/core/, /^react/, /^@tanstack\//, /^radix-ui/, /^zod/] },
});
