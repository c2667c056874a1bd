/**
 * The `driver-builder` template split into arguments as a shell would split words, with single
 * and double quotes and no expansion: the builder runs without a shell. A module of its own so
 * that reading the inputs does not load the builder (and the YAML library it uses).
 */
function splitArgs(template) {
    const args = [];
    let current = '';
    let quote;
    let started = false;
    for (const ch of template) {
        if (quote !== undefined) {
            if (ch === quote)
                quote = undefined;
            else
                current += ch;
        }
        else if (ch === '"' || ch === "'") {
            quote = ch;
            started = true;
        }
        else if (/\s/.test(ch)) {
            if (started || current !== '')
                args.push(current);
            current = '';
            started = false;
        }
        else
            current += ch;
    }
    if (quote !== undefined)
        throw new Error(`unbalanced ${quote} in ${JSON.stringify(template)}`);
    if (started || current !== '')
        args.push(current);
    return args;
}

/**
 * The `shard` input and the slice of the grid it selects. A module of its own, without the
 * driver config parser: the inputs are read on every run, and the YAML library should load
 * only with the drivers stage.
 */
function parseShard(raw) {
    const value = raw.trim();
    if (value === '' || value === 'all')
        return { mode: 'all' };
    if (value === 'plan' || value === 'index')
        return { mode: value };
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (m) {
        const index = Number(m[1]);
        const count = Number(m[2]);
        if (count >= 1 && index >= 1 && index <= count)
            return { mode: 'slice', index, count };
    }
    throw new Error(`expected <i>/<n> with 1 <= i <= n (e.g. 2/8), plan or index; got ${JSON.stringify(raw)}`);
}
/**
 * The i-th of n slices. The configs are taken in file order (the grid is sorted) and dealt out
 * round-robin: slices differ by at most one config, every config lands in exactly one slice, and
 * the new kernels of a release (which sort together) spread over all jobs instead of one.
 * It depends only on the config list, never on the store, so jobs that plan at different moments
 * still agree.
 */
function selectShard(items, shard) {
    if (shard.mode !== 'slice')
        return [...items];
    return items.filter((_, i) => i % shard.count === shard.index - 1);
}

export { selectShard as a, parseShard as p, splitArgs as s };
