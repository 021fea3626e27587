// Stands in for Node's `buffer` in the browser bundle (next.config.js, turbopack.resolveAlias).
// lib0 names the global `Buffer` only on its Node path (`env.isBrowser` picks `btoa`/`atob`), but
// Turbopack sees the name and ships a 7 kB gzip polyfill to every page for it.
export const Buffer = undefined;
