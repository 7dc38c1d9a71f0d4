/**
 * Gives simjs a `window` to register itself on while it loads in a Web Worker (which has none);
 * simjs-browser.ts takes the classes and removes it again. Imported before simjs, so it runs first.
 */
const host = globalThis as { window?: unknown };
export const shimmed = host.window === undefined;
if (shimmed) host.window = {};
