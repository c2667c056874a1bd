import { P as PreconditionFailed } from './store-TuibcctJ.js';

/** How many times a read-merge-write is tried before losing the race is an error. */
const CONFLICT_ATTEMPTS = 20;
/** The longest pause between two attempts of a read-merge-write (see retryOnConflict). */
const CONFLICT_PAUSE_CAP_MS = 1_000;
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
            // Writers that lost together would read and write again together, and most would lose
            // again: a random pause, growing with each loss, spreads them out.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(CONFLICT_PAUSE_CAP_MS, 10 * 2 ** n)));
        }
    }
}

export { retryOnConflict as r };
