// @seedance-kit/core: the browser-safe entry. Nothing here may import server code.
export * from './spec/index.js';
export * from './errors/index.js';
export * from './task/index.js';
export * from './image/index.js';
export * from './json/index.js';
export * from './runware/index.js';
export * from './protocol/wire.js';
export * from './client/index.js';
