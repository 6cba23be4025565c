import { fileURLToPath } from 'node:url';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const REPO_ROOT = at('../../../');
export const DEMO_ROOT = at('../../../examples/demo/');
export const DEMO_CONFIG = at('../../../examples/demo/vite.config.ts');
export const NEXT_ROOT = at('../../../examples/nextjs/');
/** Screenshots, downloads and builds the E2E tests leave behind (gitignored). */
export const ARTIFACTS = at('../../../test-results/e2e/');
export const FRAME_IMAGE = at('../../fixtures/images/frame-640x360.jpg');

/**
 * A key shaped like a Runware API key (32 letters and digits), easy to search for: the servers
 * under test hold it; no response and no client asset may contain it.
 */
export const FAKE_RUNWARE_KEY = 'E2Ek3yN0tR3aLrWx7Qm4Xz9Lp2Vb8Nc5';
