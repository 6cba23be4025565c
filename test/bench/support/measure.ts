import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bench measures bundles exactly as the budgets do.
export { measureBundle, type BundleFigure as BenchmarkFigure } from '../../budgets/measure-bundle.js';

const NODE_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));

/**
 * The absolute path of a package's ESM (else main) entry, as a bundler would pick it. The
 * measured entry module lives in a temp folder with no node_modules of its own, so third-party
 * packages are imported by path.
 */
export function packageEntry(name: string): string {
  // Read directly: not every package exports its package.json.
  const dir = join(NODE_MODULES, name);
  const manifest = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown>; module?: string; main?: string };
  const dot = pkg.exports?.['.'];
  const fromExports = typeof dot === 'string' ? dot : typeof dot === 'object' && dot !== null ? ((dot as Record<string, unknown>).browser ?? (dot as Record<string, unknown>).import ?? (dot as Record<string, unknown>).default) : undefined;
  const relative = (typeof fromExports === 'string' ? fromExports : undefined) ?? pkg.module ?? pkg.main ?? 'index.js';
  return join(dir, relative);
}
