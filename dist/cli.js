#!/usr/bin/env node
import { e as enableCompileCache } from './chunks/compile-cache-D0wyjDj_.js';

/**
 * The command line's entry point (dist/cli.js, the `falco-publish` bin): the compile cache is
 * turned on before the command line's modules are imported, which is why they are imported here
 * and not at the top (static imports are all compiled before this module's first line runs).
 */
enableCompileCache();
const { main } = await import('./chunks/publish-C_SEibVM.js').then(function (n) { return n.aU; });
process.exitCode = await main(process.argv.slice(2));
