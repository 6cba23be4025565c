import type { NextConfig } from 'next';

const config: NextConfig = {
  // The monorepo root (where node_modules and the lockfile are), so the build finds the
  // workspace packages and never guesses.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
  // ffmpeg's installer package is looked up on disk at run time; keep it out of the server bundle.
  serverExternalPackages: ['@ffmpeg-installer/ffmpeg'],
  poweredByHeader: false,
};

export default config;
