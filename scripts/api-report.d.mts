export interface ApiEntry {
  readonly pkg: string;
  readonly name: string;
  readonly subpath: string;
  readonly dts: string;
}
export function apiEntries(): ApiEntry[];
export function reportPath(entry: ApiEntry): string;
/** Keyed by the entries given (all of them by default). */
export function renderApiReports(entries?: readonly ApiEntry[]): Map<ApiEntry, string>;
