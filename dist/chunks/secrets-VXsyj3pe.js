/**
 * The one rule for what is masked of a secret: the value whole and, when it spans lines (an
 * armoured key), each line on its own too, since runners mask line by line. Armour lines
 * (`-----BEGIN ...`) are public, and lines under 8 characters would mask ordinary words: both
 * are left out.
 */
function secretParts(value) {
    if (value === '')
        return [];
    const lines = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 8 && !line.startsWith('-----'));
    return [value, ...lines.filter((line) => line !== value)];
}
/** Registers each of `values` with the logger, by `secretParts`, before anything may print it. */
function registerSecrets(log, ...values) {
    for (const value of values)
        for (const part of secretParts(value))
            log.secret(part);
}

export { registerSecrets as r, secretParts as s };
