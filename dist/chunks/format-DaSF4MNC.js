/** Human-readable sizes, rates and durations for logs and the job summary. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
function formatRate(bytes, ms) {
    if (ms <= 0)
        return '-';
    return `${formatBytes(Math.round((bytes * 1000) / ms))}/s`;
}
/** One progress line per artifact: `put packages/bin/x86_64/falco.tar.gz 12.0 MiB in 1.2 s (10.0 MiB/s)`. */
function progressLine(verb, target, bytes, ms) {
    return `${verb} ${target} ${formatBytes(bytes)} in ${formatDuration(ms)} (${formatRate(bytes, ms)})`;
}

export { formatBytes as a, formatRate as b, formatDuration as f, progressLine as p };
