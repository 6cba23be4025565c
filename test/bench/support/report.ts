import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_RESULTS = fileURLToPath(new URL('../../../test-results/bench/', import.meta.url));

/** One table of the report: a title, column names and rows of already formatted cells. */
export interface BenchTable {
  readonly order: number;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly string[];
}

/** Saves a table (test-results/bench/NAME.json) for the report printed at the end, and prints it now. */
export async function saveTable(name: string, table: BenchTable): Promise<void> {
  await mkdir(BENCH_RESULTS, { recursive: true });
  await writeFile(join(BENCH_RESULTS, `${name}.json`), JSON.stringify(table, null, 2));
  console.log(formatTable(table));
}

export function formatTable(table: BenchTable): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `\n${table.title}`,
    line(table.columns),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...table.rows.map(line),
    ...(table.notes ?? []).map((n) => `  ${n}`),
  ].join('\n');
}

export async function clearTables(): Promise<void> {
  await rm(BENCH_RESULTS, { recursive: true, force: true });
}

/** Every saved table, in report order. */
export async function readTables(): Promise<BenchTable[]> {
  const names = await readdir(BENCH_RESULTS).catch(() => [] as string[]);
  const tables = await Promise.all(names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(join(BENCH_RESULTS, n), 'utf8')) as BenchTable));
  return tables.sort((a, b) => a.order - b.order);
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
export const ms = (value: number) => `${value.toFixed(0)} ms`;
