// @seedance-kit/react: hooks (headless), parts (Radix-based) and the drop-in widget.
export * from './hooks/index.js';
export * from './components/index.js';
export * from './messages.js';
// A complete Spanish translation; tree-shaken away unless imported.
export { esMessages } from './locales/es.js';
