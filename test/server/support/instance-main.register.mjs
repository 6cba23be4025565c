// `node --import ./instance-main.register.mjs instance-main.ts`: installs the TypeScript hooks
// (instance-main.hooks.mjs) before the entry loads. SEEDANCE_CORE_SRC points them at another
// copy of packages/core/src.
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./instance-main.hooks.mjs', import.meta.url, { data: { coreSrc: process.env.SEEDANCE_CORE_SRC } });
