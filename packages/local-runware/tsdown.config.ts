import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', msw: 'src/msw.ts' },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: { neverBundle: [/^node:/, /^@seedance-kit\/core(\/|$)/, '@ffmpeg-installer/ffmpeg', 'zod', /^zod\//, /^msw(\/|$)/] },
});
