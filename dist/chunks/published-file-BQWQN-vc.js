import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { s as storeUrl } from './inputs-FU9e9tRC.js';
import { f as formatDuration, S as StageError, I as InputError, d as allPublished, e as publishedOutput, w as warnCut, h as computeOutputs } from './package-m0x3kU6p.js';
import { c as classify, n as nextDevVersion, a as isLatest, b as highestStable, d as changedPaths } from './seams-CSjTPMip.js';
import { m as mark } from './retry-CU8D-t2X.js';
const { writeFile } = __nodeBuiltin('node:fs/promises');
const path = __nodeBuiltin('node:path');

class GateError extends Error {
    result;
    constructor(result) {
        super(gateMessage(result));
        this.result = result;
        this.name = 'GateError';
    }
}
/** Thrown when GitHub cannot be read at all; the message says which permission to grant. */
class GateAccessError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GateAccessError';
    }
}
const PASSING = new Set(['success', 'neutral', 'skipped']);
const FAILING = new Set([
    'failure',
    'cancelled',
    'timed_out',
    'action_required',
    'stale',
    'startup_failure'
]);
/** A check run's state from its status and conclusion; unknown conclusions count as failures. */
function checkRunState(status, conclusion) {
    if (status !== 'completed')
        return 'pending';
    if (conclusion === null || conclusion === undefined)
        return 'pending';
    if (PASSING.has(conclusion))
        return 'success';
    if (FAILING.has(conclusion))
        return 'failure';
    return 'failure';
}
/** A commit status's state: error and failure fail, pending waits. */
function statusState(state) {
    if (state === 'success')
        return 'success';
    if (state === 'pending')
        return 'pending';
    return 'failure';
}
async function checkGate(octokit, options, log) {
    const { owner, repo, sha } = options;
    const where = `${owner}/${repo}@${sha.slice(0, 12)}`;
    const ownSuite = options.runId === undefined
        ? undefined
        : await read(`the workflow run ${options.runId}`, 'actions: read', async () => {
            const { data } = await octokit.rest.actions.getWorkflowRun({
                owner,
                repo,
                run_id: options.runId
            });
            return data.check_suite_id;
        });
    const runs = await read(`the check runs of ${where}`, 'checks: read', () => octokit.paginate(octokit.rest.checks.listForRef, {
        owner,
        repo,
        ref: sha,
        filter: 'latest',
        per_page: 100
    }));
    const statuses = await read(`the commit statuses of ${where}`, 'statuses: read', () => combinedStatuses(octokit, owner, repo, sha));
    const found = [
        ...runs.map((run) => ({
            name: run.name,
            source: 'check-run',
            state: checkRunState(run.status, run.conclusion),
            conclusion: run.status === 'completed' ? (run.conclusion ?? run.status) : run.status,
            url: run.html_url ?? run.details_url ?? undefined,
            suiteId: run.check_suite?.id
        })),
        ...statuses.map((status) => ({
            name: status.context,
            source: 'status',
            state: statusState(status.state),
            conclusion: status.state,
            url: status.target_url ?? undefined
        }))
    ];
    log.debug(`gate: ${runs.length} check runs and ${statuses.length} statuses on ${where}`);
    const result = judge(found, options.required, ownSuite);
    for (const check of result.checks) {
        log.debug(`gate: ${check.name} (${check.source}) is ${check.state} [${check.conclusion ?? ''}]`);
    }
    if (result.checks.length === 0) {
        log.info(`Gate: no checks found on ${where}; nothing to wait for`);
    }
    else {
        const failed = result.checks.filter((check) => check.state !== 'success').length;
        log.info(`Gate: ${result.checks.length - failed} of ${result.checks.length} checks on ${where} ` +
            `succeeded` +
            (result.ignored.length > 0 ? `; ignored ${result.ignored.join(', ')}` : ''));
    }
    return result;
}
/** Throws GateError unless the gate passed. main calls checkGate, reports, then asserts. */
function assertGate(result) {
    if (!result.passed)
        throw new GateError(result);
}
/** Which checks count, and whether they all succeeded. Pure: the tests drive it with data. */
function judge(found, required, ownSuite) {
    if (required.length === 0) {
        // This run's own jobs (the one running the gate among them) cannot be finished yet.
        const own = (check) => ownSuite !== undefined && check.source === 'check-run' && check.suiteId === ownSuite;
        const checks = found.filter((check) => !own(check)).map(strip);
        const ignored = unique(found.filter(own).map((check) => check.name));
        return { passed: checks.every((check) => check.state === 'success'), checks, ignored };
    }
    const wanted = new Set(required);
    const checks = [];
    for (const name of unique(required)) {
        const matches = found.filter((check) => check.name === name);
        if (matches.length === 0)
            checks.push({ name, source: 'check-run', state: 'missing' });
        for (const match of matches) {
            const own = ownSuite !== undefined && match.source === 'check-run' && match.suiteId === ownSuite;
            checks.push(own ? { ...strip(match), thisRun: true } : strip(match));
        }
    }
    const ignored = unique(found.filter((check) => !wanted.has(check.name)).map((c) => c.name));
    return { passed: checks.every((check) => check.state === 'success'), checks, ignored };
}
function strip(check) {
    const { suiteId: _suite, ...state } = check;
    return state;
}
function unique(names) {
    return [...new Set(names)];
}
/**
 * The latest status per context. The combined-status endpoint already keeps only the newest
 * status of each context; its `statuses` list is paginated by `page` without a Link header, so
 * it is walked until `total_count` is reached.
 */
async function combinedStatuses(octokit, owner, repo, ref) {
    const perPage = 100;
    const all = [];
    for (let page = 1;; page++) {
        const { data } = await octokit.rest.repos.getCombinedStatusForRef({
            owner,
            repo,
            ref,
            per_page: perPage,
            page
        });
        all.push(...data.statuses);
        if (data.statuses.length < perPage || all.length >= data.total_count)
            return all;
    }
}
/** Runs one read; turns GitHub's 401/403/404 into an error that says what to grant. */
async function read(what, permission, fn) {
    try {
        return await fn();
    }
    catch (error) {
        const status = error.status;
        const reason = error instanceof Error ? error.message : String(error);
        if (status === 401) {
            throw new GateAccessError(`The gate could not read ${what}: GitHub answered 401 (${reason}). ` +
                `Check the github-token input; it must be a valid token for this repository.`);
        }
        if (status === 403 || status === 404) {
            throw new GateAccessError(`The gate could not read ${what}: GitHub answered ${status} (${reason}). ` +
                `Give the workflow's token \`permissions: ${permission}\` (the gate needs checks: read, ` +
                `statuses: read and actions: read), or set require-checks: false to publish without the gate.`);
        }
        throw new GateAccessError(`The gate could not read ${what}: ${reason}`);
    }
}
function gateMessage(result) {
    const bad = result.checks.filter((check) => check.state !== 'success');
    const line = (check) => {
        const kind = check.state === 'missing' ? 'required, not reported' : check.source;
        const detail = check.conclusion && check.conclusion !== check.state ? `, ${check.conclusion}` : '';
        const own = check.thisRun && check.state === 'pending'
            ? ' - a job of this workflow run: it cannot finish before this step; make this job `needs:` it instead'
            : '';
        return `  ${check.state}: ${check.name} (${kind}${detail})${check.url ? ` ${check.url}` : ''}${own}`;
    };
    const order = ['failure', 'pending', 'missing'];
    const lines = order.flatMap((state) => bad.filter((check) => check.state === state).map(line));
    const hints = [];
    if (bad.some((check) => check.state === 'failure'))
        hints.push('fix the failing checks');
    if (bad.some((check) => check.state === 'pending')) {
        hints.push('let the pending checks finish (or make this job `needs:` them) and re-run this job');
    }
    if (bad.some((check) => check.state === 'missing')) {
        hints.push('correct the names in required-checks (they must equal the check or status names)');
    }
    return [
        `The gate refused to publish: ${bad.length} of ${result.checks.length} required checks did not succeed.`,
        ...lines,
        `To publish, ${hints.join('; ')}. To publish without the gate, set require-checks: false.`
    ].join('\n');
}

/**
 * The Release for this run. git is asked only for a dev version that the version input does
 * not give, and the tags only when `latest` is auto on a stable release: a tag push with the
 * default shallow checkout never needs the history.
 */
async function decideRelease(event, inputs, sources) {
    const decided = classify(event, inputs);
    if (decided.channel === 'none') {
        return {
            channel: 'none',
            version: '',
            prerelease: false,
            latest: false,
            reason: decided.reason,
            ...(decided.tag === undefined ? {} : { tag: decided.tag }),
            sha: event.sha
        };
    }
    const version = decided.version ?? nextDevVersion(await sources.describe());
    let latest = decided.latest;
    let reason = decided.reason;
    if (latest === undefined) {
        const tags = await sources.stableTags();
        latest = isLatest(version, tags);
        // A back-port that does not take latest surprises people; say which release holds it.
        const highest = highestStable(tags);
        if (!latest && highest !== undefined) {
            reason = `${reason.replace(/\.$/, '')}; not latest, ${highest} is higher.`;
        }
    }
    return {
        channel: decided.channel,
        version,
        prerelease: decided.prerelease,
        latest,
        reason,
        ...(decided.tag === undefined ? {} : { tag: decided.tag }),
        sha: event.sha
    };
}

/**
 * inputs -> release -> gate -> plans -> apply. Never throws: whatever happens ends up in the returned
 * report (with `error` set when the run failed), so the caller can always write outputs and a summary.
 */
async function publish(deps) {
    const { inputs, log } = deps;
    const started = Date.now();
    const report = {
        dryRun: inputs.dryRun,
        plans: [],
        results: [],
        notRun: [],
        durationMs: 0
    };
    try {
        const release = await log.group('Release', async () => {
            const decided = await decideRelease(deps.event, inputs, deps.releaseSources);
            log.info(`channel: ${decided.channel} (${decided.reason})`);
            if (decided.channel !== 'none') {
                log.info(`version: ${decided.version}${decided.prerelease ? ' (prerelease)' : ''}`);
                log.info(`latest: ${decided.latest}`);
            }
            return decided;
        });
        report.release = release;
        if (release.channel === 'none') {
            log.info('Nothing to publish for this event.');
            return report;
        }
        // The result is kept before it is judged, so the summary lists the checks that stopped the run.
        report.gate = await log.group('Checks', () => readGate(deps, release.sha));
        if ('checks' in report.gate)
            assertGate(report.gate);
        const store = deps.openStore(storeUrl(inputs.store, deps.workspace));
        report.store = store.location;
        mark('release');
        const ctx = {
            release,
            inputs,
            store,
            log,
            workspace: deps.workspace,
            workdir: deps.workdir,
            // Filled as stages apply: the verify stage checks what the ones before it published.
            results: report.results,
            github: deps.github,
            repository: deps.repository,
            checks: 'checks' in report.gate ? report.gate.checks : undefined
        };
        // Every stage plans before any stage writes, so bad input anywhere stops the run with nothing written.
        for (const stage of deps.stages) {
            const plan = await log.group(`Plan: ${stage.name}`, async () => {
                const planned = await stage.plan(ctx);
                logPlan(planned, log);
                return planned;
            });
            report.plans.push(plan);
        }
        mark('plan');
        if (inputs.dryRun) {
            log.info('dry-run: the plan above was not applied.');
            return report;
        }
        const todo = deps.stages
            .map((stage, index) => ({ stage, plan: report.plans[index] }))
            .filter(({ plan }) => plan.operations.some((op) => op.action !== 'skip'));
        let invalidated = false;
        for (const [index, { stage, plan }] of todo.entries()) {
            try {
                // Verify reads through the CDN: it must see what this run changed, not cached copies.
                if (stage.name === 'verify' && !invalidated) {
                    invalidated = true;
                    await invalidateChanged(deps, report, store);
                }
                const result = await log.group(`Publish: ${stage.name}`, () => stage.apply(plan, ctx));
                report.results.push(result);
                mark(`publish ${stage.name}`);
                log.info(`${stage.name}: ${result.published.length} published in ${formatDuration(result.durationMs)}`);
            }
            catch (error) {
                if (error instanceof StageError)
                    report.results.push(error.result);
                report.notRun = todo.slice(index + 1).map(({ stage: later }) => later.name);
                // What did change is served fresh even when a later part failed.
                if (!invalidated)
                    await invalidateChanged(deps, report, store);
                throw error;
            }
        }
        if (!invalidated)
            await invalidateChanged(deps, report, store);
        return report;
    }
    catch (error) {
        report.error = error instanceof Error ? error.message : String(error);
        return report;
    }
    finally {
        report.durationMs = Date.now() - started;
    }
}
/** Drops the CDN's cached copies of the indexes and listings this run changed. */
async function invalidateChanged(deps, report, store) {
    if (!deps.cdn)
        return;
    const paths = changedPaths(report.results, store);
    if (paths.length === 0)
        return;
    const cdn = deps.cdn;
    await deps.log.group('CDN', async () => {
        try {
            const id = await cdn.invalidate(paths);
            deps.log.info(`${cdn.name}: invalidated ${paths.length} path(s) (invalidation ${id})`);
        }
        catch (error) {
            // The publish itself succeeded; a stale cache expires on its own, so this is a warning
            // that says what to invalidate by hand.
            deps.log.warning(`${cdn.name}: the invalidation failed (${error instanceof Error ? error.message : String(error)}); ` +
                `invalidate these paths by hand: ${paths.join(' ')}`);
        }
    });
}
async function readGate(deps, sha) {
    const { inputs, log } = deps;
    if (!inputs.requireChecks) {
        log.info('require-checks is false: the checks of the commit are not read.');
        return { skipped: 'require-checks is false' };
    }
    if (!deps.github) {
        throw new InputError('github-token', 'a token is needed to read the checks of the commit; give one, or set require-checks to false');
    }
    if (!deps.repository) {
        throw new Error('the repository is unknown, so its checks cannot be read (set GITHUB_REPOSITORY or --repository)');
    }
    const result = await checkGate(await deps.github(), { ...deps.repository, sha, required: inputs.requiredChecks, runId: deps.runId }, log);
    for (const check of result.checks)
        log.info(`${check.state.padEnd(7)} ${check.name} (${check.source})`);
    if (result.checks.length === 0)
        log.info('No checks found on the commit.');
    return result;
}
function logPlan(plan, log) {
    if (plan.operations.length === 0) {
        log.info('nothing to do');
        return;
    }
    for (const op of plan.operations) {
        log.info(`${op.action.padEnd(6)} ${op.target}${op.reason ? ` (${op.reason})` : ''}`);
    }
}

/**
 * The outputs of a run, with every published artifact written to `<workdir>/published.json`
 * (the `published-file` output): the `published` output has a size limit, a later step or an
 * upload-artifact step can read the file whatever the run published.
 */
async function outputsWithPublishedFile(report, workdir, log) {
    const items = allPublished(report);
    // One JSON text serves the file and, when it fits, the output.
    const all = JSON.stringify(items);
    let file = path.join(workdir, 'published.json');
    try {
        await writeFile(file, all);
    }
    catch (error) {
        // What was published stays published: the run's outputs are set without the file.
        log.warning(`the published-file output is empty: ${file} could not be written: ${error.message}`);
        file = '';
    }
    const { json, left } = publishedOutput(items, all);
    if (left > 0) {
        const whole = file ? `published-file (${file}) lists them all` : undefined;
        warnCut(log, 'published', `${items.length - left} of ${items.length} artifacts`, whole);
    }
    return computeOutputs(report, file, json);
}

export { outputsWithPublishedFile as o, publish as p };
