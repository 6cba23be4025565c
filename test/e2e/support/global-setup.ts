import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { ensurePackagesBuilt, isFresh, run, writeStamp } from './builds.js';
import { ARTIFACTS, DEMO_CONFIG, DEMO_ROOT, FAKE_RUNWARE_KEY, NEXT_ROOT, REPO_ROOT } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo's `vite build` output. */
    demoDist: string;
    /** The Next.js example's `.next` directory. */
    nextDist: string;
  }
}

const DIST = ['core', 'react'].map((name) => join(REPO_ROOT, 'packages', name, 'dist'));
/** Builds made with this key in the environment; a change (or a build without it) rebuilds. */
const STAMP = createHash('sha256').update(`RUNWARE_API_KEY=${FAKE_RUNWARE_KEY}`).digest('hex');

/**
 * Builds what the E2E tests serve: the packages (when stale), the demo (`vite build` with the
 * demo's own config) and the Next.js example (`next build`), each skipped when its output is
 * newer than its inputs. Both apps are built with a Runware key in the environment, so the
 * asset scan proves no build step copies it into client code.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const packages = await ensurePackagesBuilt();
  const demoDist = join(ARTIFACTS, 'build/demo');
  const nextDist = join(NEXT_ROOT, '.next');
  const withKey = { ...process.env, RUNWARE_API_KEY: FAKE_RUNWARE_KEY, NEXT_TELEMETRY_DISABLED: '1' };

  const buildDemo = async () => {
    const marker = join(demoDist, 'index.html');
    if (await isFresh(marker, [join(DEMO_ROOT, 'src'), join(DEMO_ROOT, 'index.html'), DEMO_CONFIG, ...DIST], STAMP)) return 'fresh';
    const saved = process.env.RUNWARE_API_KEY;
    process.env.RUNWARE_API_KEY = FAKE_RUNWARE_KEY;
    try {
      await build({ configFile: DEMO_CONFIG, logLevel: 'warn', build: { outDir: demoDist, emptyOutDir: true } });
    } finally {
      if (saved === undefined) delete process.env.RUNWARE_API_KEY;
      else process.env.RUNWARE_API_KEY = saved;
    }
    await writeStamp(marker, STAMP);
    return 'built';
  };
  const buildNext = async () => {
    const marker = join(nextDist, 'BUILD_ID');
    const inputs = [join(NEXT_ROOT, 'app'), join(NEXT_ROOT, 'next.config.ts'), join(NEXT_ROOT, 'package.json'), ...DIST];
    if (await isFresh(marker, inputs, STAMP)) return 'fresh';
    const output = await run(process.execPath, [join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'build'], { cwd: NEXT_ROOT, env: withKey });
    // A clean build is part of the promise: e.g. file tracing that would ship the whole project.
    if (/warn/i.test(output)) throw new Error(`next build passed with warnings:\n${output}`);
    await writeStamp(marker, STAMP);
    return 'built';
  };
  const [demo, next] = await Promise.all([buildDemo(), buildNext()]);

  project.provide('demoDist', demoDist);
  project.provide('nextDist', nextDist);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[e2e] packages ${packages}, demo ${demo}, Next.js app ${next} (${seconds} s)`);
}
