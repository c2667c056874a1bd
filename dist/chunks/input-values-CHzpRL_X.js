/**
 * Reading one input's value: lists, booleans, enums, numbers, and the error that names the input.
 * Kept apart from inputs.ts, which composes every stage's inputs, so that a stage's own input
 * module can use these without importing the composition (and its defaults) back in a cycle.
 */
/** An input that cannot be used; the message names the input and says what it accepts. */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(`input '${input}': ${message}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Newline- (or comma-) separated values, trimmed, without empty lines or `#` comments. */
function list(raw) {
    return raw
        .split(/\r?\n|,/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
function boolean(get, name) {
    const raw = get(name).toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(raw))
        return true;
    if (['false', 'no', '0', 'off'].includes(raw))
        return false;
    throw new InputError(name, `expected true or false, got ${JSON.stringify(get(name))}`);
}
function oneOf(get, name, allowed) {
    const raw = get(name).toLowerCase();
    if (allowed.includes(raw))
        return raw;
    throw new InputError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(get(name))}`);
}
function integer(get, name, min = 0) {
    const raw = get(name);
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
        throw new InputError(name, `expected a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
    }
    return Number(raw);
}

export { InputError as I, boolean as b, integer as i, list as l, oneOf as o };
