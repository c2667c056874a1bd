import { createWriteStream, promises, createReadStream } from 'node:fs';
import * as path from 'node:path';
import { S as StageError, h as hasWork } from './work-DIV6r4xq.js';
import { b as distExports, c as clientUrl, e as casUpdate, f as renderVersionsHtml, a as refreshListings, r as readDriverGrid, d as driverName, g as folders, p as planJobs, h as driverMatrix } from './refresh-3xp48_dm.js';
import { s as splitArgs, a as semver, b as selectShard } from './index-BZaeQf5G.js';
import { once } from 'node:events';
import { e as exec } from './exec-BmD6LFMY.js';
import { p as pLimit } from './index-1_RgLtDn.js';
import { P as PreconditionFailed } from './store-CbTX16qn.js';
import { p as progressLine, l as listOutput, b as fitJsonArray } from './outputs-BN3EaEv4.js';
import './conflict-DsPQJoFG.js';
import 'process';
import 'buffer';
import 'string_decoder';
import 'os';
import 'events';
import 'child_process';
import 'path';
import 'assert';
import 'fs';
import 'timers';

/** Exit status of coreutils `timeout` when the time limit was hit. */
const TIMED_OUT = 124;
/**
 * Runs the builder with @actions/exec as an argument list: no shell sees the config's values.
 * @actions/exec cannot kill a child, so the per-build limit is enforced by coreutils `timeout`,
 * which sends TERM at the limit and KILL 30 s later to builders that ignore it.
 */
const execBuilder = {
    async run(req) {
        const log = createWriteStream(req.logFile);
        await once(log, 'open');
        const [program, ...args] = req.timeout > 0 ? ['timeout', '--kill-after=30', String(req.timeout), ...req.argv] : req.argv;
        log.write(`$ ${req.argv.map(quoteForLog).join(' ')}\n`);
        let exitCode;
        try {
            exitCode = await exec(program, args, {
                cwd: req.cwd,
                ignoreReturnCode: true,
                silent: true,
                listeners: { stdout: (b) => log.write(b), stderr: (b) => log.write(b) }
            });
        }
        catch (e) {
            // The program could not be started at all (not found, not executable).
            log.write(`${e.message}\n`);
            exitCode = 127;
        }
        const timedOut = req.timeout > 0 && exitCode === TIMED_OUT;
        log.write(timedOut ? `\ntimed out after ${req.timeout}s\n` : `\nexit code ${exitCode}\n`);
        log.end();
        await once(log, 'close');
        return { exitCode, timedOut };
    }
};
function jobPaths(workRoot, job) {
    const dir = path.join(workRoot, job.config.driverVersion, job.config.arch, job.name);
    return {
        dir,
        config: path.join(dir, 'config.yaml'),
        module: path.join(dir, `${job.name}.ko`),
        probe: path.join(dir, `${job.name}.o`),
        log: path.join(workRoot, 'logs', `${job.config.driverVersion}_${job.config.arch}_${job.name}.log`)
    };
}
/**
 * The builder's copy of a config: the same document (kernelurls, kernelconfigdata, comments)
 * with its output paths pointing into the work directory, and without a probe when none is
 * wanted. driverkit reads its outputs from here.
 */
function rewriteConfig(text, config, paths) {
    const doc = distExports.parseDocument(text);
    doc.deleteIn(['output']);
    if (config.module)
        doc.setIn(['output', 'module'], paths.module);
    if (config.probe)
        doc.setIn(['output', 'probe'], paths.probe);
    // Trimmed values are what the published name uses; the builder must see the same.
    doc.set('target', config.target);
    doc.set('kernelrelease', config.kernelRelease);
    doc.set('kernelversion', config.kernelVersion);
    return doc.toString({ lineWidth: 0 });
}
/**
 * Splits the `driver-builder` template into arguments (whitespace separates, single or double
 * quotes group) and fills the placeholders in each argument. Values never split or join
 * arguments, so `{probe}` stays one (possibly empty) argument.
 */
function builderArgv(template, values) {
    return splitArgs(template).map((arg) => arg.replace(/\{([a-z]+)\}/g, (whole, name) => (name in values ? values[name] : whole)));
}
function placeholders(config, paths, workdir) {
    return {
        config: paths.config,
        driverversion: config.driverVersion,
        arch: config.arch,
        target: config.target,
        kernelrelease: config.kernelRelease,
        kernelversion: config.kernelVersion,
        module: config.module ? paths.module : '',
        probe: config.probe ? paths.probe : '',
        workdir
    };
}
function quoteForLog(arg) {
    return /^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
/** A built output worth publishing: it exists and is not empty. */
async function builtFile(file) {
    const st = await promises.stat(file).catch(() => undefined);
    return st?.isFile() && st.size > 0 ? st.size : undefined;
}

/**
 * Builds the jobs, at most `concurrency` at once, and publishes each one's outputs as soon as it
 * finished, so a later failure or a cancelled job keeps what was already done. Best effort: one
 * job's failure is recorded and never stops the others.
 */
async function buildJobs(jobs, o) {
    // buildOne records a failure in its result and never rejects, so no job stops the others.
    return pLimit(o.concurrency).map(jobs, (job) => buildOne(job, o));
}
async function buildOne(job, o) {
    const started = Date.now();
    const paths = jobPaths(o.workRoot, job);
    const result = { job, built: false, published: [], logFile: paths.log, durationMs: 0 };
    const done = (error) => {
        if (error !== undefined) {
            result.error = error;
            o.log.warning(`${job.config.file}: ${error} (log: ${paths.log})`);
        }
        result.durationMs = Date.now() - started;
        return result;
    };
    try {
        await promises.rm(paths.dir, { recursive: true, force: true });
        await promises.mkdir(paths.dir, { recursive: true });
        await promises.writeFile(paths.config, rewriteConfig(await promises.readFile(job.config.source, 'utf8'), job.config, paths));
        const argv = builderArgv(o.template, placeholders(job.config, paths, o.workRoot));
        o.log.debug(`building ${job.name} for ${job.config.driverVersion}/${job.config.arch}: ${argv.join(' ')}`);
        const outcome = await o.builder.run({
            argv,
            cwd: paths.dir,
            logFile: paths.log,
            timeout: o.timeout
        });
        if (outcome.timedOut)
            return done(`build timed out after ${o.timeout}s`);
        if (outcome.exitCode !== 0)
            return done(`builder exited with code ${outcome.exitCode}`);
        result.built = true;
        const missingFiles = [];
        for (const out of job.missing) {
            const file = out.kind === 'module' ? paths.module : paths.probe;
            const size = await builtFile(file);
            if (size === undefined) {
                missingFiles.push(`${out.kind} ${file}`);
                continue;
            }
            const t0 = Date.now();
            try {
                // Create-only: published drivers are immutable, and a concurrent job that got there
                // first has published the same driver.
                const put = await o.store.put(out.key, createReadStream(file), {
                    precondition: { ifNoneMatch: '*' },
                    contentType: 'application/octet-stream'
                });
                result.published.push({
                    kind: 'driver',
                    path: put.key,
                    sha256: put.sha256,
                    size: put.size,
                    url: clientUrl(o.store.url(put.key))
                });
                o.log.info(progressLine('published', put.key, put.size, Date.now() - t0));
            }
            catch (e) {
                if (e instanceof PreconditionFailed)
                    o.log.info(`${out.key} was published meanwhile by another job; kept it`);
                else
                    throw e;
            }
        }
        if (missingFiles.length > 0)
            return done(`the build succeeded but left no ${missingFiles.join(', no ')}`);
        return done();
    }
    catch (e) {
        return done(`${e.message}`);
    }
}

/**
 * Which driver versions to keep: the newest `keep` by semver (`7.0.0+driver` > `6.0.0+driver`),
 * then git-SHA versions by their last update; the versions being published now are always kept.
 */
function versionsToDrop(index, keep, publishing) {
    const ordered = [...index.versions].sort((a, b) => {
        const va = semver.valid(a.driverversion);
        const vb = semver.valid(b.driverversion);
        if (va && vb)
            return semver.rcompare(va, vb);
        if (va)
            return -1;
        if (vb)
            return 1;
        return b.updated.localeCompare(a.updated);
    });
    return ordered
        .slice(keep)
        .map((v) => v.driverversion)
        .filter((v) => !publishing.includes(v));
}
/** Deletes driver versions beyond the newest `keep`: the index first, so nobody browses to gone files. */
async function applyRetention(store, keep, publishing, log) {
    let dropped = [];
    const written = await casUpdate(store, 'driver/index.json', async (current) => {
        if (!current)
            return undefined;
        const index = JSON.parse(current);
        dropped = versionsToDrop(index, keep, publishing);
        if (dropped.length === 0)
            return undefined;
        return `${JSON.stringify({ versions: index.versions.filter((v) => !dropped.includes(v.driverversion)) }, null, 2)}\n`;
    });
    if (written === undefined)
        return [];
    const index = JSON.parse(written.body);
    await store.put('driver/index.html', renderVersionsHtml(index), { contentType: 'text/html' });
    for (const version of dropped) {
        const keys = [];
        for await (const o of store.list(`driver/${version}/`))
            keys.push(o.key);
        for (const key of keys)
            await store.delete(key);
        log.info(`driver-retention: removed driver version ${version} (${keys.length} files)`);
    }
    return dropped;
}

const MAX_FAILURE_ROWS = 500;
/**
 * The drivers section of the job summary: the counts and the failures. The drivers published
 * are listed with every stage's artifacts (report/summary.ts).
 */
function renderDriversSummary(c, results, invalid) {
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [
        `${c.planned} planned · ${c.skipped} already published · ${c.built} built · ${c.published} files published · ${c.failed} failed · ${c.invalid} invalid configs`,
        ''
    ];
    const failed = results.filter((r) => r.error !== undefined);
    if (failed.length + invalid.length > 0) {
        lines.push('| failed config | reason | log |', '|---|---|---|');
        const rows = [
            ...failed.map((r) => `| ${cell(r.job.config.file)} | ${cell(r.error ?? '')} | ${cell(r.logFile)} |`),
            ...invalid.map((i) => `| ${cell(i.file)} | invalid config: ${cell(i.error)} | |`)
        ];
        lines.push(...rows.slice(0, MAX_FAILURE_ROWS));
        if (rows.length > MAX_FAILURE_ROWS) {
            lines.push('', `… and ${rows.length - MAX_FAILURE_ROWS} more (all in the failing output and failing.txt).`);
        }
        lines.push('');
    }
    return lines.join('\n') + '\n';
}
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The drivers stage: reads the grid of driverkit configs, builds what the store lacks, publishes
 * what built, refreshes the listing. Independent of Falco's channel, except that `none`
 * (a pull request, another branch) publishes nothing.
 */
function createDriversStage(builder = execBuilder) {
    return {
        name: 'drivers',
        plan: (ctx) => planDrivers(ctx),
        apply: (plan, ctx) => applyDrivers(plan, ctx, builder)
    };
}
const driversStage = createDriversStage();
async function planDrivers(ctx) {
    const inputs = ctx.inputs.drivers;
    const empty = { stage: 'drivers', operations: [] };
    if (!hasWork.drivers(ctx))
        return empty;
    const grid = inputs.config === ''
        ? { configs: [], invalid: [], warnings: [] }
        : await readDriverGrid(path.resolve(ctx.workspace, inputs.config), inputs.versions);
    for (const w of grid.warnings) {
        ctx.log.warning(w, { file: path.join(inputs.config, w.split(':')[0]) });
    }
    for (const i of grid.invalid) {
        ctx.log.warning(`${i.file}: invalid config, not built: ${i.error}`, {
            file: path.join(inputs.config, i.file)
        });
    }
    const hints = grid.configs.map((c) => [
        driverName(c),
        { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
    ]);
    if (inputs.shard.mode === 'index') {
        const detail = {
            mode: 'index',
            versions: inputs.versions,
            jobs: [],
            invalid: [],
            hints
        };
        return {
            stage: 'drivers',
            operations: inputs.versions.map((v) => ({
                action: 'put',
                target: `driver/${v}/index.json`,
                reason: 'refresh the listing'
            })),
            detail
        };
    }
    const selected = selectShard(grid.configs, inputs.shard);
    // Skip existing: one listing per driver version and arch, not one request per driver.
    const existing = new Set();
    for (const prefix of folders(selected)) {
        for await (const o of ctx.store.list(prefix))
            existing.add(o.key);
    }
    const jobs = planJobs(selected, existing);
    // Invalid configs are dealt out like the others, so exactly one job reports each.
    const invalid = selectShard(grid.invalid, inputs.shard);
    const toBuild = jobs.filter((j) => j.missing.length > 0);
    const operations = [
        ...jobs.map((j) => j.missing.length > 0
            ? { action: 'build', target: j.missing.map((o) => o.key).join(' '), source: j.config.file }
            : {
                action: 'skip',
                target: j.outputs.map((o) => o.key).join(' '),
                source: j.config.file,
                reason: 'already published'
            }),
        ...invalid.map((i) => ({
            action: 'skip',
            target: i.file,
            reason: `invalid config: ${i.error}`
        }))
    ];
    // The listings are refreshed after the builds (and rewritten only if they changed). Listing them
    // as operations also makes the pipeline apply this stage when the only news is an invalid
    // config, so that it is reported (and fails the step under fail-on-build-error).
    if ((toBuild.length > 0 || invalid.length > 0) && inputs.shard.mode !== 'plan') {
        for (const v of inputs.versions) {
            operations.push({
                action: 'put',
                target: `driver/${v}/index.json`,
                reason: 'driver listing, rewritten if it changed'
            });
        }
    }
    const outputs = {
        drivers: JSON.stringify(counts({
            planned: jobs.length,
            skipped: jobs.length - toBuild.length,
            invalid: invalid.length
        }))
    };
    outputs.failing = fitJsonArray(invalid.map((i) => i.file)).json;
    if (inputs.shard.mode === 'all' || inputs.shard.mode === 'plan') {
        outputs['driver-matrix'] = JSON.stringify(driverMatrix(toBuild.length, inputs.jobs));
    }
    const detail = {
        mode: inputs.shard.mode,
        versions: inputs.versions,
        jobs,
        invalid,
        hints
    };
    return { stage: 'drivers', operations, detail, outputs };
}
async function applyDrivers(plan, ctx, builder) {
    const started = Date.now();
    const detail = plan.detail;
    const result = {
        stage: 'drivers',
        published: [],
        failed: [],
        durationMs: 0,
        outputs: { ...plan.outputs }
    };
    if (!detail || detail.mode === 'plan') {
        result.durationMs = Date.now() - started;
        return result;
    }
    const inputs = ctx.inputs.drivers;
    const workRoot = path.join(ctx.workdir, 'drivers');
    await promises.mkdir(path.join(workRoot, 'logs'), { recursive: true });
    const toBuild = detail.jobs.filter((j) => j.missing.length > 0);
    const jobResults = await buildJobs(toBuild, {
        builder,
        store: ctx.store,
        log: ctx.log,
        workRoot,
        template: inputs.builder,
        concurrency: inputs.concurrency,
        timeout: inputs.timeout
    });
    for (const r of jobResults)
        result.published.push(...r.published);
    try {
        const listed = await refreshListings(ctx.store, detail.versions, detail.hints, ctx.log);
        result.published.push(...listed);
        if (inputs.retention > 0)
            await applyRetention(ctx.store, inputs.retention, detail.versions, ctx.log);
    }
    catch (e) {
        // The drivers are out; only the listing is behind. Say so, with what was published.
        result.failed.push({ target: 'driver listing', error: e.message });
        result.durationMs = Date.now() - started;
        throw new StageError(`the drivers were published but the listing could not be refreshed: ${e.message} (re-run with shard: index)`, result);
    }
    const failures = jobResults.filter((r) => r.error !== undefined);
    for (const f of failures)
        result.failed.push({ target: f.job.config.file, error: f.error ?? '' });
    for (const i of detail.invalid)
        result.failed.push({ target: i.file, error: `invalid config: ${i.error}` });
    const c = counts({
        planned: detail.jobs.length,
        skipped: detail.jobs.length - toBuild.length,
        built: jobResults.filter((r) => r.built).length,
        published: jobResults.reduce((n, r) => n + r.published.length, 0),
        failed: failures.length,
        invalid: detail.invalid.length
    });
    const failingLog = path.join(workRoot, 'failing.txt');
    await promises.writeFile(failingLog, result.failed.map((f) => `${f.target}\t${f.error}${logOf(jobResults, f.target)}\n`).join(''));
    result.outputs = {
        ...result.outputs,
        drivers: JSON.stringify(c),
        // A broken builder fails the whole grid: the output keeps what fits, failing.txt has all.
        failing: listOutput('failing', result.failed.map((f) => f.target), `${failingLog} lists them all`, ctx.log),
        'driver-logs': path.join(workRoot, 'logs')
    };
    result.summary = renderDriversSummary(c, jobResults, detail.invalid);
    result.durationMs = Date.now() - started;
    if (inputs.failOnBuildError && result.failed.length > 0) {
        throw new StageError(`${result.failed.length} driver config(s) failed to build or parse; see ${failingLog}`, result);
    }
    return result;
}
function logOf(results, file) {
    const r = results.find((x) => x.job.config.file === file);
    return r ? `\t${r.logFile}` : '';
}
function counts(c) {
    return { planned: 0, skipped: 0, built: 0, published: 0, failed: 0, invalid: 0, ...c };
}

export { applyDrivers, createDriversStage, driversStage, planDrivers };
