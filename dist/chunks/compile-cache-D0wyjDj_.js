import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const module$1 = __nodeBuiltin('node:module');

/**
 * Turns on V8's compile cache (Node >= 22.1; the action runs on node24) before the bundle's
 * modules load: each later run on the same machine reads the compiled code of the ~2 MB of
 * JavaScript a publish loads instead of compiling it again (measured by bench/small-repo.ts).
 * The cache lives where Node puts it by default, `node-compile-cache` in the system's temporary
 * directory, or in NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node checks
 * each entry against the source and its own version, so a stale one is only ignored. On Node 20,
 * which has no such cache, and when the cache cannot be written, nothing changes.
 */
function enableCompileCache() {
    const enable = module$1.enableCompileCache;
    if (typeof enable !== 'function')
        return;
    try {
        enable();
    }
    catch {
        // Only an optimisation: a read-only temporary directory must not stop a publish.
    }
}

export { enableCompileCache as e };
