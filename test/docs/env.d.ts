// What a bundler resolves for the snippets: stylesheets are side-effect imports.
declare module '*.css';
