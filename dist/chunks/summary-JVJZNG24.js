import { i as isMetadata } from './plan-CQATGyda.js';
import { f as formatDuration, a as formatBytes } from './format-DaSF4MNC.js';

/**
 * Rows a table of artifacts or planned operations shows: GitHub refuses a job summary over 1 MiB,
 * and a drivers run can publish thousands of files. The `published-file` output lists every one.
 */
const MAX_TABLE_ROWS = 100;
/**
 * The job summary, as Markdown: failures first, then the release, the gate, and per stage what was
 * published where (with links, sizes and digests) and how long it took. Pure: the action writes the
 * string with core.summary, the CLI prints it.
 */
function renderSummary(report) {
    const parts = [heading(report), failures(report), overview(report)];
    for (const result of report.results)
        parts.push(stageSection(result));
    if (report.dryRun)
        parts.push(planSection(report));
    return parts.filter((part) => part !== '').join('\n\n') + '\n';
}
function heading(report) {
    const release = report.release;
    if (!release)
        return '## falco-publish: no release';
    if (release.channel === 'none')
        return '## falco-publish: nothing to publish';
    const kind = release.prerelease ? 'prerelease' : `${release.channel} release`;
    const mode = report.dryRun ? ' (dry run)' : '';
    return `## falco-publish: ${kind} ${release.version}${mode}`;
}
function failures(report) {
    const lines = [];
    if (report.error)
        lines.push(`> [!CAUTION]\n> ${escapeLines(report.error)}`);
    const failed = report.results.flatMap((result) => result.failed.map((failure) => `| ${result.stage} | \`${cell(failure.target)}\` | ${cell(failure.error)} |`));
    if (failed.length > 0) {
        const shown = failed.slice(0, MAX_TABLE_ROWS);
        lines.push(['### Failed', '', '| Stage | What | Error |', '| --- | --- | --- |', ...shown].join('\n'));
        if (failed.length > shown.length)
            lines.push(`…and ${failed.length - shown.length} more failures: the log names each one.`);
    }
    if (report.notRun.length > 0) {
        lines.push(`Not run because an earlier stage failed: ${report.notRun.join(', ')}. Nothing of theirs was published.`);
    }
    return lines.join('\n\n');
}
function overview(report) {
    const release = report.release;
    const rows = [];
    if (release) {
        rows.push(['Channel', `${release.channel} — ${release.reason}`]);
        if (release.channel !== 'none') {
            rows.push(['Version', `\`${release.version}\`${release.prerelease ? ' (prerelease)' : ''}`]);
            rows.push(['Latest', release.latest ? 'yes' : 'no']);
        }
        rows.push(['Commit', release.sha ? `\`${release.sha.slice(0, 12)}\`` : 'unknown']);
    }
    if (report.gate)
        rows.push(['Checks', gateLine(report.gate)]);
    if (report.store)
        rows.push(['Store', `\`${report.store}\``]);
    rows.push(...releaseAndVerifyRows(report));
    rows.push(['Duration', formatDuration(report.durationMs)]);
    const table = [
        '| | |',
        '| --- | --- |',
        ...rows.map(([key, value]) => `| ${key} | ${cell(value)} |`)
    ];
    const gate = report.gate && 'checks' in report.gate ? gateDetails(report.gate) : '';
    return [table.join('\n'), gate].filter((part) => part !== '').join('\n\n');
}
/** The GitHub release's link, and green or red per kind that verify checked. */
function releaseAndVerifyRows(report) {
    const rows = [];
    const outputs = Object.assign({}, ...report.results.map((r) => r.outputs));
    const url = outputs['release-url'];
    if (url)
        rows.push(['GitHub release', `[${report.release?.tag ?? url}](${url})`]);
    const verified = outputs.verified;
    if (verified) {
        const kinds = Object.entries(JSON.parse(verified));
        rows.push([
            'Verified',
            kinds.map(([kind, ok]) => `${ok ? '🟢' : '🔴'} ${kind}`).join(' ') || 'nothing to check'
        ]);
    }
    return rows;
}
function gateLine(gate) {
    if ('skipped' in gate)
        return `not checked: ${gate.skipped}`;
    if (gate.checks.length === 0)
        return 'no checks found on the commit';
    const bad = gate.checks.filter((check) => check.state !== 'success');
    return gate.passed
        ? `all ${gate.checks.length} passed`
        : `${bad.length} of ${gate.checks.length} not successful`;
}
function gateDetails(gate) {
    if (gate.checks.length === 0)
        return '';
    const icon = { success: '✅', failure: '❌', pending: '⏳', missing: '❔' };
    const rows = [...gate.checks]
        .sort((a, b) => Number(a.state === 'success') - Number(b.state === 'success'))
        .map((check) => {
        const name = check.url ? `[${cell(check.name)}](${check.url})` : cell(check.name);
        return `| ${icon[check.state]} ${check.state} | ${name} | ${check.source} |`;
    });
    return [
        '<details><summary>Checks on the commit</summary>',
        '',
        '| State | Check | Kind |',
        '| --- | --- | --- |',
        ...rows,
        '',
        '</details>'
    ].join('\n');
}
/** Stages that publish nothing to the store themselves. */
const STORELESS_STAGES = new Set(['release', 'verify']);
function stageSection(result) {
    const total = result.published.reduce((sum, item) => sum + (item.size ?? 0), 0);
    // The release and verify stages write nothing to the store (the release's own account says
    // what it did on GitHub): a count of 0 published would mislead.
    const counted = result.published.length > 0 || !STORELESS_STAGES.has(result.stage);
    const title = `### ${result.stage}${counted ? `: ${result.published.length} published` : ''}` +
        (total > 0 ? `, ${formatBytes(total)}` : '') +
        (result.failed.length > 0 ? `, ${result.failed.length} failed` : '') +
        ` in ${formatDuration(result.durationMs)}`;
    const lines = [title];
    if (result.notes?.length)
        lines.push(result.notes.map((note) => `- ${note}`).join('\n'));
    // The stage's own account (what changed, how to use it, what failed) before the long lists.
    if (result.summary)
        lines.push(result.summary);
    const artifacts = result.published.filter((item) => !isMetadata(item));
    const metadata = result.published.filter(isMetadata);
    if (artifacts.length > 0)
        lines.push(publishedTable(artifacts));
    // What a client reads about the artifacts matters when something goes wrong: folded away.
    if (metadata.length > 0) {
        lines.push([
            `<details><summary>${metadata.length} indexes, signatures and listings</summary>`,
            '',
            publishedTable(metadata),
            '',
            '</details>'
        ].join('\n'));
    }
    return lines.join('\n\n');
}
function publishedTable(published) {
    const rows = published.slice(0, MAX_TABLE_ROWS).map((item) => {
        const name = item.url ? `[${cell(item.path)}](${item.url})` : `\`${cell(item.path)}\``;
        const digest = item.digest ?? (item.sha256 ? `sha256:${item.sha256}` : '');
        const shortDigest = digest ? `\`${digest.slice(0, 19)}…\`` : '';
        return `| ${item.kind} | ${name} | ${item.size !== undefined ? formatBytes(item.size) : ''} | ${shortDigest} |`;
    });
    const table = ['| Kind | Artifact | Size | Digest |', '| --- | --- | --- | --- |', ...rows].join('\n');
    const more = published.length - rows.length;
    return more > 0
        ? `${table}\n\n…and ${more} more: the \`published-file\` output lists them all.`
        : table;
}
function planSection(report) {
    const lines = ['### Plan (dry run: nothing was written)'];
    for (const plan of report.plans) {
        lines.push(`**${plan.stage}**: ${plan.operations.length} operations`);
        if (plan.operations.length === 0)
            continue;
        const shown = plan.operations.slice(0, MAX_TABLE_ROWS);
        lines.push([
            '| Action | Target | Why |',
            '| --- | --- | --- |',
            ...shown.map((op) => `| ${op.action} | \`${cell(op.target)}\` | ${cell(op.reason ?? '')} |`)
        ].join('\n'));
        if (plan.operations.length > shown.length)
            lines.push(`…and ${plan.operations.length - shown.length} more operations.`);
    }
    return lines.join('\n\n');
}
/** Keeps a value inside one table cell. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function escapeLines(text) {
    return text.replace(/\r?\n/g, '\n> ');
}

export { MAX_TABLE_ROWS as M, renderSummary as r };
