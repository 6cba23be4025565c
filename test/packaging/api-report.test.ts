import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiEntries, renderApiReports, reportPath } from '../../scripts/api-report.mjs';

/**
 * The public API of every entry, as built, against the reports committed in api/. A change to
 * what a package exports (a name, a signature, a member) fails here with the diff; when it is
 * meant, `npm run build && npm run api-report` rewrites the reports for the commit.
 */
const entries = apiEntries();
const reports = entries.every((entry) => existsSync(entry.dts)) ? renderApiReports(entries) : undefined;

describe.each(entries)('API report of $subpath', (entry) => {
  it('matches the committed api report', () => {
    if (!reports) throw new Error(`${entry.dts} is missing: run \`npm run build\` before this test (it reads the built declarations).`);
    const committed = existsSync(reportPath(entry)) ? readFileSync(reportPath(entry), 'utf8') : '(no report committed)';
    expect(reports.get(entry), `The public API of ${entry.subpath} changed: if that is meant, run \`npm run api-report\` and commit api/.`).toBe(committed);
  });
});
