import { describe, expect, it } from 'vitest';
import { measureBundle, packageEntry, type BenchmarkFigure } from './support/measure.js';
import { kB, saveTable } from './support/report.js';

// The same measure for every entry: a browser bundle of one import, minified and gzipped, with
// the peers an app already has (react, react-dom, react-query, radix-ui, zod) left out.
const entries = [
  { name: 'seedance-kit: <SeedanceGenerator/> (the widget)', source: "export { SeedanceGenerator } from '@seedance-kit/react';" },
  { name: 'seedance-kit: useVideoTask (hook only)', source: "export { useVideoTask } from '@seedance-kit/react';" },
  { name: 'seedance-kit: whole @seedance-kit/react', source: "export * from '@seedance-kit/react';" },
  { name: 'seedance-kit: core client (createSeedanceClient)', source: "export { createSeedanceClient } from '@seedance-kit/core';" },
  { name: '@fal-ai/client: fal', source: `export { fal } from ${JSON.stringify(packageEntry('@fal-ai/client'))};` },
  { name: '@ai-sdk/react: useChat', source: `export { useChat } from ${JSON.stringify(packageEntry('@ai-sdk/react'))};` },
];

describe('bundle sizes, side by side', () => {
  it('measures the widget against @fal-ai/client and @ai-sdk/react the same way', async () => {
    const figures: BenchmarkFigure[] = [];
    for (const entry of entries) figures.push(await measureBundle(entry.name, entry.source));
    const widget = figures[0]?.gzipBytes ?? 1;
    await saveTable('1-bundles', {
      order: 1,
      title: 'Browser JS one import adds (minified + gzip, peers external)',
      columns: ['entry', 'min', 'gzip', 'on demand (gzip)', 'vs widget'],
      rows: figures.map((f) => [f.name, kB(f.minifiedBytes), kB(f.gzipBytes), f.lazyGzipBytes ? kB(f.lazyGzipBytes) : '–', `${(f.gzipBytes / widget).toFixed(2)}×`]),
      notes: [
        'peers external: react, react-dom, @tanstack/react-query, radix-ui, zod (test/budgets/measure-bundle.ts)',
        'gzip: what loads with the page; on demand: chunks loaded by import() when used (the photo reader and scaler, when a file is picked)',
      ],
    });
    for (const f of figures) expect(f.gzipBytes).toBeGreaterThan(0);
  });
});
