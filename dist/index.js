import { e as enableCompileCache } from './chunks/compile-cache-D0wyjDj_.js';

/**
 * The action's entry point (action.yml runs dist/index.js). The compile cache is turned on before
 * the action's modules are imported (see compile-cache.ts), so they are imported here, not at the
 * top: static imports are all compiled before this module's first line runs.
 */
enableCompileCache();
const { run } = await import('./chunks/main-5-SWI829.js');
await run();
