import type { NextConfig } from 'next';

const config: NextConfig = {
  // The monorepo root (where node_modules and the lockfile are), so the build finds the
  // workspace packages and never guesses.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
  // The local Runware (development only, found at run time when no key is set) and its ffmpeg
  // stay out of the server bundle and its trace.
  serverExternalPackages: ['@seedance-kit/local-runware', '@ffmpeg-installer/ffmpeg'],
  poweredByHeader: false,
};

export default config;
