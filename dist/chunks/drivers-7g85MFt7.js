import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { createWriteStream, promises, createReadStream } = __nodeBuiltin('node:fs');
const path = __nodeBuiltin('node:path');
import { ac as runCommand, ad as splitArgs, ae as pLimit, P as PreconditionFailed, af as progressLine, _ as statObject, s as scan, S as StageError, ag as listOutput, w as hasWork, ah as selectShard, ai as fitJsonArray, N as registerSecrets } from './publish-C_SEibVM.js';
import { d as driverName } from './config-B0QMYXjo.js';
import { r as readDriverGrid } from './grid-Bj4r0W5O.js';
import { c as clientUrl, r as readText, S as SITE, p as parseSiteVersion, a as casUpdate, b as rfc3339, d as parseSiteIndex, u as updateSite, f as folders, e as planJobs, g as driverMatrix } from './refresh-w5db918B.js';
const { once } = __nodeBuiltin('node:events');
import { d as distExports } from './index-CLLX3Qm8.js';
import { publishSidecars } from './sidecars-DA0MK0xp.js';
import { coverage } from './coverage-DyAIpyb0.js';
import { s as semver } from './derive-DaswkrbP.js';

/** Exit status of coreutils `timeout` when the time limit was hit. */
const TIMED_OUT = 124;
/**
 * Runs the builder as an argument list (runCommand): no shell sees the config's values. The
 * per-build limit is enforced by coreutils `timeout`, which sends TERM at the limit and KILL
 * 30 s later to builders that ignore it, and to the children they started.
 */
const execBuilder = {
    async run(req) {
        const log = createWriteStream(req.logFile);
        await once(log, 'open');
        const [program, ...args] = req.timeout > 0 ? ['timeout', '--kill-after=30', String(req.timeout), ...req.argv] : req.argv;
        log.write(`$ ${req.argv.map(quoteForLog).join(' ')}\n`);
        const { code: exitCode, startError } = await runCommand(program, args, {
            cwd: req.cwd,
            env: req.env,
            output: (b) => log.write(b)
        });
        // The program could not be started at all (not found, not executable).
        if (startError)
            log.write(`${startError.message}\n`);
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
/**
 * The builder's environment: PATH and HOME, each placeholder as `DRIVER_<NAME>`
 * (`DRIVER_KERNELRELEASE`, …), and the variables `driver-builder-env` names (DOCKER_HOST, …).
 * Nothing else: the action's environment holds the signing key, its passphrase, the store's
 * credentials and the GitHub token, and a builder's output lands in `driver-logs`, an artifact
 * anyone with read access to the repository can download.
 */
function builderEnv(source, names, values) {
    const env = {};
    for (const name of ['PATH', 'HOME', ...names]) {
        const value = source[name];
        if (value !== undefined)
            env[name] = value;
    }
    for (const [name, value] of Object.entries(values))
        env[`DRIVER_${name.toUpperCase()}`] = value;
    return env;
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
    if (jobs.length === 0)
        return [];
    o.log.info(`building ${jobs.length} driver config(s), ${Math.min(o.concurrency, jobs.length)} at a time`);
    // A counter in each line, so a log of thousands of builds says how far it got.
    let started = 0;
    const total = jobs.length;
    // buildOne records a failure in its result and never rejects, so no job stops the others.
    return pLimit(o.concurrency).map(jobs, (job) => buildOne(job, o, `[${++started}/${total}]`));
}
async function buildOne(job, o, counter) {
    const started = Date.now();
    const paths = jobPaths(o.workRoot, job);
    const result = { job, built: false, published: [], logFile: paths.log, durationMs: 0 };
    const done = (error) => {
        if (error !== undefined) {
            result.error = error;
            o.log.warning(`${counter} ${job.config.file}: ${error} (log: ${paths.log})`);
        }
        result.durationMs = Date.now() - started;
        return result;
    };
    try {
        await promises.rm(paths.dir, { recursive: true, force: true });
        await promises.mkdir(paths.dir, { recursive: true });
        await promises.writeFile(paths.config, rewriteConfig(await promises.readFile(job.config.source, 'utf8'), job.config, paths));
        o.log.info(`${counter} building ${job.name} for ${job.config.driverVersion}/${job.config.arch}`);
        const values = placeholders(job.config, paths, o.workRoot);
        const argv = builderArgv(o.template, values);
        o.log.debug(`building ${job.name} for ${job.config.driverVersion}/${job.config.arch}: ${argv.join(' ')}`);
        const outcome = await o.builder.run({
            argv,
            cwd: paths.dir,
            logFile: paths.log,
            timeout: o.timeout,
            env: builderEnv(process.env, o.envNames, values)
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
            let put;
            try {
                // Create-only: published drivers are immutable, and a concurrent job that got there
                // first has published the same driver.
                put = await o.store.put(out.key, createReadStream(file), {
                    precondition: { ifNoneMatch: '*' },
                    contentType: 'application/octet-stream'
                });
            }
            catch (e) {
                if (!(e instanceof PreconditionFailed))
                    throw e;
                o.log.info(`${out.key} was published meanwhile by another job; kept it`);
                // Its copies must hold its bytes, not ours (builds are not reproducible).
                for (const alias of out.aliases)
                    await copyOnce(o.store, out.key, alias);
                continue;
            }
            result.published.push(publishedItem('driver', o.store, put));
            o.log.info(progressLine('published', put.key, put.size, Date.now() - t0));
            const bytes = async () => createReadStream(file, { highWaterMark: 1 << 20 });
            for (const r of await publishSidecars(o.store, bytes, put, o.keys))
                result.published.push(publishedItem('signature', o.store, r));
            for (const alias of out.aliases) {
                const r = await putOnce(o.store, alias, () => createReadStream(file));
                if (r)
                    result.published.push(publishedItem('driver', o.store, r));
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
function publishedItem(kind, store, r) {
    return { kind, path: r.key, sha256: r.sha256, size: r.size, url: clientUrl(store.url(r.key)) };
}
/** Creates `key` unless it exists; undefined when it did. */
async function putOnce(store, key, body) {
    try {
        return await store.put(key, body(), {
            precondition: { ifNoneMatch: '*' },
            contentType: 'application/octet-stream'
        });
    }
    catch (e) {
        if (e instanceof PreconditionFailed)
            return undefined;
        throw e;
    }
}
/** A copy of a published object under another key, unless that key exists already. */
async function copyOnce(store, from, to) {
    if (await statObject(store, to))
        return undefined;
    const body = await store.get(from);
    return body ? putOnce(store, to, () => body) : undefined;
}
/**
 * Fills the keys the plan found missing for drivers the store holds under another of their keys:
 * no build. Returns what was written, and site facts for drivers that gained their main key.
 */
async function applyCopies(jobs, store, log, keys) {
    const published = [];
    const facts = [];
    for (const job of jobs) {
        for (const c of job.copies) {
            const r = await copyOnce(store, c.from, c.to);
            if (!r)
                continue;
            published.push(publishedItem('driver', store, r));
            log.info(`copied ${c.from} to ${c.to}`);
            if (job.outputs.some((o) => o.key === c.to)) {
                // The driver's main key gets what every published driver has: its checksum and signature.
                const bytes = async () => {
                    const body = await store.get(c.to);
                    if (!body)
                        throw new Error(`${c.to} vanished while it was being signed`);
                    return body;
                };
                for (const side of await publishSidecars(store, bytes, r, keys))
                    published.push(publishedItem('signature', store, side));
                facts.push({
                    signed: keys !== undefined,
                    key: c.to,
                    size: r.size,
                    modified: new Date(),
                    sha256: r.sha256,
                    fields: { target: job.config.target, kernelRelease: job.config.kernelRelease }
                });
            }
        }
    }
    return { published, facts };
}

/**
 * Computes the coverage of the given driver versions from the site files (what the store holds,
 * without listing it) and merges it into `driver/site/coverage.json`, keeping other versions' rows.
 */
async function writeCoverage(store, versions, input) {
    const rows = [];
    for (const lib of versions) {
        const key = `${SITE}/${lib}.json`;
        const text = await readText(await store.get(key));
        const drivers = text ? parseSiteVersion(text, key).drivers : [];
        const published = drivers.map((d) => {
            const stem = d.name.replace(/\.(ko|o)$/, '');
            const prefix = `falco_${d.target}_${d.kernel}_`;
            return {
                arch: d.arch,
                target: d.target,
                kernelRelease: d.kernel,
                kernelVersion: stem.startsWith(prefix) ? stem.slice(prefix.length) : ''
            };
        });
        const configs = input.configs.filter((c) => c.lib === lib);
        rows.push(...coverage(lib, input.known, configs, published));
    }
    const written = await casUpdate(store, `${SITE}/coverage.json`, async (current) => {
        const previous = current ? JSON.parse(current) : {};
        const kept = (previous.coverage ?? []).filter((r) => !versions.includes(r.lib));
        const next = [...kept, ...rows];
        if (JSON.stringify(previous.coverage) === JSON.stringify(next))
            return undefined;
        return `${JSON.stringify({ date: rfc3339(new Date()), coverage: next })}\n`;
    });
    if (!written)
        return { rows };
    const { kind, path, sha256, size, url } = written;
    return { rows, published: { kind, path, sha256, size, url } };
}

/**
 * Which driver versions to drop beyond the newest `keep`: semver versions by precedence
 * (`7.0.0+driver` > `6.0.0+driver`), then git-SHA versions newest first (the site index lists
 * them in their order of arrival); the versions being published now are always kept.
 */
function versionsToDrop(libs, keep, publishing) {
    const sem = libs.filter((v) => semver.valid(v)).sort((a, b) => semver.rcompare(a, b));
    const shas = libs.filter((v) => !semver.valid(v)).reverse();
    return [...sem, ...shas].slice(keep).filter((v) => !publishing.includes(v));
}
/** Deletes driver versions beyond the newest `keep`: the site index first, so nobody browses to gone files. */
async function applyRetention(store, keep, publishing, log) {
    let dropped = [];
    const key = `${SITE}/index.json`;
    const written = await casUpdate(store, key, async (current) => {
        if (!current)
            return undefined;
        const libs = parseSiteIndex(current, key);
        dropped = versionsToDrop(libs, keep, publishing);
        if (dropped.length === 0)
            return undefined;
        return `${JSON.stringify(libs.filter((v) => !dropped.includes(v)))}\n`;
    });
    if (written === undefined)
        return [];
    for (const version of dropped) {
        await store.delete(`${SITE}/${version}.json`);
        const keys = [];
        for await (const o of scan(store, `driver/${version}/`))
            keys.push(o.key);
        for (const k of keys)
            await store.delete(k);
        log.info(`driver-retention: removed driver version ${version} (${keys.length} files)`);
    }
    return dropped;
}

const MAX_FAILURE_ROWS = 500;
/**
 * The drivers section of the job summary: the counts and the failures. The drivers published
 * are listed with every stage's artifacts (report/summary.ts).
 */
function renderDriversSummary(c, results, invalid, derived) {
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [
        ...(derived
            ? [
                `Driver version ${derived.driverVersion}: pinned in ${derived.file} at tag ${derived.tag} (driver-versions: auto).`,
                ''
            ]
            : []),
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
    const { versions, derived } = await resolveVersions(inputs.versions, ctx);
    const grid = inputs.config === ''
        ? { configs: [], invalid: [], warnings: [] }
        : await readDriverGrid(path.resolve(ctx.workspace, inputs.config), versions);
    for (const w of grid.warnings) {
        ctx.log.warning(w, { file: path.join(inputs.config, w.split(':')[0]) });
    }
    for (const i of grid.invalid) {
        ctx.log.warning(`${i.file}: invalid config, not built: ${i.error}`, {
            file: path.join(inputs.config, i.file)
        });
    }
    const coverageInput = inputs.kernelList.length > 0
        ? {
            known: (await (await import('./coverage-DyAIpyb0.js')).readKernelLists(inputs.kernelList, ctx.workspace)).map(({ arch, target, kernelRelease, kernelVersion }) => ({
                arch,
                target,
                kernelRelease,
                kernelVersion
            })),
            configs: grid.configs.map((c) => ({
                lib: c.driverVersion,
                arch: c.arch,
                target: c.target,
                kernelRelease: c.kernelRelease,
                kernelVersion: c.kernelVersion
            }))
        }
        : undefined;
    const hints = grid.configs.map((c) => [
        driverName(c),
        { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
    ]);
    if (inputs.shard.mode === 'index') {
        const detail = {
            mode: 'index',
            versions,
            derived,
            coverage: coverageInput,
            jobs: [],
            invalid: [],
            hints
        };
        return {
            stage: 'drivers',
            operations: versions.map((v) => ({
                action: 'put',
                target: `${SITE}/${v}.json`,
                reason: `rebuild the driver site from the store${from(v, derived)}`
            })),
            detail
        };
    }
    const selected = selectShard(grid.configs, inputs.shard);
    // Skip existing: one listing per driver version and arch, not one request per driver.
    // Only the drivers themselves: their .sha256 and .asc would double the set at 50,000 configs.
    const existing = new Set();
    for (const prefix of folders(selected)) {
        for await (const o of scan(ctx.store, prefix))
            if (o.key.endsWith('.ko') || o.key.endsWith('.o'))
                existing.add(o.key);
    }
    const jobs = planJobs(selected, existing, {
        spaceForPlus: ctx.store.location.startsWith('s3://')
    });
    // Invalid configs are dealt out like the others, so exactly one job reports each.
    const invalid = selectShard(grid.invalid, inputs.shard);
    const toBuild = jobs.filter((j) => j.missing.length > 0);
    const operations = [
        ...jobs.flatMap((j) => [
            ...j.copies.map((c) => ({
                action: 'put',
                target: c.to,
                source: c.from,
                reason: 'a copy of the published driver, where another client era asks for it'
            })),
            j.missing.length > 0
                ? { action: 'build', target: j.missing.map((o) => o.key).join(' '), source: j.config.file }
                : {
                    action: 'skip',
                    target: j.outputs.map((o) => o.key).join(' '),
                    source: j.config.file,
                    reason: 'already published'
                }
        ]),
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
        for (const v of versions) {
            operations.push({
                action: 'put',
                target: `${SITE}/${v}.json`,
                reason: `driver site, rewritten if it changed${from(v, derived)}`
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
        versions,
        derived,
        coverage: coverageInput,
        jobs,
        invalid,
        hints
    };
    return { stage: 'drivers', operations, detail, outputs };
}
/**
 * `auto` in driver-versions becomes the driver version Falco's latest stable release pins, read
 * from the checkout (the workspace); the plan and the log say which and from where.
 */
async function resolveVersions(listed, ctx) {
    if (!listed.includes('auto'))
        return { versions: listed };
    const { deriveDriverVersion } = await import('./derive-DaswkrbP.js').then(function (n) { return n.d; });
    const derived = await deriveDriverVersion(ctx.workspace);
    ctx.log.info(`driver-versions: auto is ${derived.driverVersion} (${derived.file} at tag ${derived.tag})`);
    const versions = [...new Set(listed.map((v) => (v === 'auto' ? derived.driverVersion : v)))];
    return { versions, derived };
}
/** Where a derived driver version came from, for the plan. */
function from(version, derived) {
    return derived?.driverVersion === version
        ? `; ${version} is driver-versions: auto, pinned in ${derived.file} at tag ${derived.tag}`
        : '';
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
    let coverageRows = [];
    const keys = toBuild.length > 0 || detail.jobs.some((j) => j.copies.length > 0) || detail.mode === 'index'
        ? await driverSigningKeys(ctx)
        : undefined;
    const jobResults = await buildJobs(toBuild, {
        builder,
        store: ctx.store,
        log: ctx.log,
        workRoot,
        template: inputs.builder,
        concurrency: inputs.concurrency,
        timeout: inputs.timeout,
        envNames: inputs.builderEnv,
        keys
    });
    for (const r of jobResults)
        result.published.push(...r.published);
    const copied = await applyCopies(detail.jobs, ctx.store, ctx.log, keys);
    result.published.push(...copied.published);
    const backfilled = [];
    const listings = new Map();
    if (detail.mode === 'index') {
        // The drivers already in the store that have no checksum (or signature) yet get them.
        const { backfillSidecars } = await import('./sidecars-DA0MK0xp.js');
        for (const v of detail.versions) {
            const r = await backfillSidecars(ctx.store, v, keys);
            for (const w of r.written)
                result.published.push({ kind: 'signature', path: w.key, sha256: w.sha256, size: w.size });
            if (r.written.length > 0)
                ctx.log.info(`${v}: wrote ${r.written.length} missing checksum and signature file(s)`);
            listings.set(v, r.listing);
            // Size, date and signature from the listing: no request per driver.
            const byKey = new Map(r.digests.size > 0 ? r.listing.map((o) => [o.key, o]) : []);
            for (const [key, sha256] of r.digests) {
                const info = byKey.get(key);
                const signed = byKey.has(`${key}.asc`);
                if (info)
                    backfilled.push({
                        key,
                        size: info.size,
                        modified: info.modified ?? new Date(),
                        sha256,
                        signed
                    });
            }
        }
    }
    try {
        const listed = await updateSite(ctx.store, detail.versions, [...siteFacts(jobResults), ...copied.facts, ...backfilled], detail.hints, ctx.log, { relist: detail.mode === 'index', listings });
        result.published.push(...listed);
        if (inputs.retention > 0)
            await applyRetention(ctx.store, inputs.retention, detail.versions, ctx.log);
        if (detail.coverage) {
            const written = await writeCoverage(ctx.store, detail.versions, detail.coverage);
            coverageRows = written.rows;
            if (written.published)
                result.published.push(written.published);
        }
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
        published: jobResults.reduce((n, r) => n + r.published.filter((p) => r.job.outputs.some((o) => o.key === p.path)).length, 0),
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
    result.summary =
        renderDriversSummary(c, jobResults, detail.invalid, detail.derived) +
            (coverageRows.length > 0
                ? `\n${(await import('./coverage-DyAIpyb0.js')).renderCoverage(coverageRows)}`
                : '');
    result.durationMs = Date.now() - started;
    if (inputs.failOnBuildError && result.failed.length > 0) {
        throw new StageError(`${result.failed.length} driver config(s) failed to build or parse; see ${failingLog}`, result);
    }
    return result;
}
/**
 * The packages' OpenPGP keys, when given: each driver then gets a detached `.asc` beside its
 * `.sha256`. Loaded before any build, so a wrong key or passphrase fails the stage before anything
 * is written. Loaded lazily: a run without a key never compiles the OpenPGP library.
 */
async function driverSigningKeys(ctx) {
    const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging;
    if (gpgPrivateKey === '')
        return undefined;
    registerSecrets(ctx.log, gpgPrivateKey, gpgPassphrase);
    const { loadSigningKeys } = await import('./publish-C_SEibVM.js').then(function (n) { return n.aT; });
    try {
        return await loadSigningKeys(gpgPrivateKey, gpgPassphrase);
    }
    catch (e) {
        throw new Error(`gpg-private-key: cannot sign the drivers: ${e.message}`);
    }
}
/** What the site needs of each driver this run published: no listing of the store. */
function siteFacts(results) {
    const now = new Date();
    return results.flatMap((r) => {
        const keys = new Set(r.published.map((p) => p.path));
        return r.published
            .filter((p) => p.kind === 'driver' && r.job.outputs.some((o) => o.key === p.path))
            .map((p) => ({
            key: p.path,
            size: p.size ?? 0,
            modified: now,
            sha256: p.sha256,
            signed: keys.has(`${p.path}.asc`),
            fields: { target: r.job.config.target, kernelRelease: r.job.config.kernelRelease }
        }));
    });
}
function logOf(results, file) {
    const r = results.find((x) => x.job.config.file === file);
    return r ? `\t${r.logFile}` : '';
}
function counts(c) {
    return { planned: 0, skipped: 0, built: 0, published: 0, failed: 0, invalid: 0, ...c };
}

export { applyDrivers, createDriversStage, driversStage, planDrivers };
