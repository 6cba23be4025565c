import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'browser',
  dts: true,
  sourcemap: true,
  clean: true,
  // Bundling drops per-module directives; the whole package is client code for React Server Components.
  banner: { js: "'use client';" },
  // The default theme ships as plain CSS: no CSS-in-JS runtime.
  copy: [{ from: 'src/styles/seedance.css', rename: 'styles.css' }],
  deps: { neverBundle: [/^@seedance-kit\/core/, /^react/, /^@tanstack\//, /^radix-ui/, /^zod/] },
});
