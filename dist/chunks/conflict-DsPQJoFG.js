import { P as PreconditionFailed } from './store-CbTX16qn.js';

/**
 * The code-unit order of two strings, as `<` compares them: the same on every machine whatever
 * its locale, unlike localeCompare (whose first call also sets up ICU's collator, 9 ms of a cold
 * publish). Indexes and listings sort with it, so the same content renders the same bytes.
 */
function byCodeUnit(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** How many times a read-merge-write is tried before losing the race is an error. */
const CONFLICT_ATTEMPTS = 20;
/**
 * Runs a read-merge-write until its conditional write holds. `attempt` reads the current state,
 * merges its change and writes with a precondition; when another writer got there first
 * (PreconditionFailed) it runs again from the read, so both changes end up in the result.
 * Anything else, or losing `CONFLICT_ATTEMPTS` times in a row, is thrown.
 */
async function retryOnConflict(attempt, onConflict) {
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed) || n >= CONFLICT_ATTEMPTS)
                throw e;
            onConflict?.(n + 1);
        }
    }
}

export { byCodeUnit as b, retryOnConflict as r };
