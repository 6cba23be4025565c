import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_RESULTS, clearTables, formatTable, readTables } from './report.js';

/** Starts from an empty results folder; at the end prints every table together and saves it. */
export default async function setup() {
  await clearTables();
  return async () => {
    const tables = await readTables();
    if (tables.length === 0) return;
    const report = [`seedance-kit bench (${new Date().toISOString()}, Node ${process.version})`, ...tables.map(formatTable)].join('\n');
    console.log(`\n${'═'.repeat(100)}\n${report}\n${'═'.repeat(100)}`);
    await writeFile(join(BENCH_RESULTS, 'report.txt'), `${report}\n`);
  };
}
