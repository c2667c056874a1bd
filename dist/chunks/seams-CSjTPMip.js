import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { r as runCommand } from './exec-DWS1DOXp.js';
const { existsSync, ReadStream, unlinkSync, writeFileSync, mkdirSync, linkSync, readFileSync, statSync, openSync, fstatSync, readSync, closeSync, constants, ftruncateSync, renameSync, createWriteStream, readdirSync, rmdirSync, writeSync, utimesSync, fsync, createReadStream, realpathSync } = __nodeBuiltin('node:fs');
const { stat, readFile, open, copyFile } = __nodeBuiltin('node:fs/promises');
const path = __nodeBuiltin('node:path');
import { g as getDefaultExportFromCjs, E as requireSemver, H as requireGte, Q as requirePrerelease, R as requireRsort, P as requireValid, a as pLimit, I as InputError } from './package-m0x3kU6p.js';
import { m as mark, w as waitAtLeast, i as isRetryableStatus, c as isTransient, e as retryAfterMs, f as waitMs, D as DEFAULT_RETRY, b as retry, R as RetryableStatus } from './retry-CU8D-t2X.js';
const { createHash, randomUUID } = __nodeBuiltin('node:crypto');
const { Readable, PassThrough, Transform } = __nodeBuiltin('node:stream');
const { createRequire } = __nodeBuiltin('node:module');
import { s as sha256Of, a as sha256Hex, S as Sha256Stream } from './digest-BYxfGJno.js';
const { hostname } = __nodeBuiltin('node:os');
import { P as PreconditionFailed, u as unreadFileOf, c as checkKey } from './store-TuibcctJ.js';
const { pathToFileURL, fileURLToPath } = __nodeBuiltin('node:url');
import './inputs-FU9e9tRC.js';
const { performance } = __nodeBuiltin('node:perf_hooks');
const { pipeline } = __nodeBuiltin('node:stream/promises');
const { once } = __nodeBuiltin('node:events');

var semverExports = requireSemver();
var SemVer = /*@__PURE__*/getDefaultExportFromCjs(semverExports);

var gteExports = requireGte();
var gte = /*@__PURE__*/getDefaultExportFromCjs(gteExports);

var prereleaseExports = requirePrerelease();
var prerelease = /*@__PURE__*/getDefaultExportFromCjs(prereleaseExports);

var rsortExports = requireRsort();
var rsort = /*@__PURE__*/getDefaultExportFromCjs(rsortExports);

var validExports = requireValid();
var valid = /*@__PURE__*/getDefaultExportFromCjs(validExports);

// The functions used, not the package's index: it loads every range and comparison module too
// (about 10 ms of CPU at every start, for nothing a release needs).
const semver = { SemVer, gte, prerelease, rsort, valid };
/**
 * The semver a tag names, without its optional leading `v`, or undefined when it names none.
 * Build metadata is kept (semver.parse would drop it from `.version`), and whitespace or a
 * second prefix (`=`, `vv`) is refused rather than quietly trimmed: a tag is a name, not prose.
 */
function tagVersion(tag) {
    const bare = tag.startsWith('v') ? tag.slice(1) : tag;
    if (!/^[0-9]/.test(bare) || /\s/.test(bare))
        return undefined;
    return semver.valid(bare) === null ? undefined : bare;
}
/** A semver with a prerelease part (`0.41.0-rc1`); build metadata alone does not make one. */
function isPrerelease(version) {
    return semver.prerelease(version) !== null;
}
/** The stable (non-prerelease) semver versions among tag names; other tags are ignored. */
function stableVersions(tags) {
    const versions = [];
    for (const tag of tags) {
        const version = tagVersion(tag);
        if (version !== undefined && !isPrerelease(version))
            versions.push(version);
    }
    return versions;
}
/**
 * `<next minor>-<commits since the last stable tag>+<sha7>`: after 0.40.0, 15 commits at
 * 8c4040b... gives `0.41.0-15+8c4040b`. The next minor (not patch) because the development
 * branch is where the next feature release grows; a prerelease part makes it sort below that
 * release, and the commit count makes successive dev builds sort in order.
 */
function nextDevVersion(describe) {
    let base = new semver.SemVer('0.0.0');
    if (describe.tag !== undefined) {
        const version = tagVersion(describe.tag);
        if (version === undefined || isPrerelease(version)) {
            throw new Error(`git describe named tag '${describe.tag}', which is not a stable semver tag`);
        }
        base = new semver.SemVer(version);
    }
    if (!Number.isSafeInteger(describe.commits) || describe.commits < 0) {
        throw new Error(`commit count must be a whole number, got ${describe.commits}`);
    }
    if (!/^[0-9a-f]{7}$/.test(describe.sha7)) {
        throw new Error(`expected seven lowercase hex digits of the commit, got '${describe.sha7}'`);
    }
    return `${base.major}.${base.minor + 1}.0-${describe.commits}+${describe.sha7}`;
}
/**
 * Whether a stable version takes `latest`: it is not a prerelease and no stable tag of the
 * repository is higher. A back-port (0.38.3 after 0.39.0) does not take it; re-publishing the
 * highest version does. Prerelease and non-semver tags do not count.
 */
function isLatest(version, tags) {
    if (semver.valid(version) === null || isPrerelease(version))
        return false;
    return stableVersions(tags).every((tag) => semver.gte(version, tag));
}
/** The highest stable semver among tag names, or undefined when there is none. */
function highestStable(tags) {
    const versions = stableVersions(tags);
    return versions.length === 0 ? undefined : semver.rsort(versions)[0];
}

/** The event or inputs cannot make a release; the message names the tag or input and the fix. */
class ReleaseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReleaseError';
    }
}
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Events on which an explicit dev/stable channel input is honoured. */
const CHANNEL_EVENTS = ['push', 'workflow_dispatch', 'release'];
function classify(event, inputs) {
    const versionInput = parseVersionInput(inputs.version);
    // `none` wins over everything, even a tag that is not semver: nothing will be published, so
    // nothing about the tag can be wrong for this run.
    if (inputs.channel === 'none')
        return { channel: 'none', reason: 'the channel input is none.' };
    // A pull request never publishes, whatever the channel input says: its code has not been
    // reviewed and pull_request_target runs with write tokens. Classifying it as `none` rather
    // than failing keeps a shared workflow (on: [push, pull_request]) green on pull requests.
    if (PULL_REQUEST_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' was ignored for a pull request)`;
        return {
            channel: 'none',
            reason: `a ${event.eventName} event never publishes${ignored}.`
        };
    }
    if (!CHANNEL_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' is honoured only for push, workflow_dispatch and release events)`;
        return { channel: 'none', reason: `a ${event.eventName} event does not publish${ignored}.` };
    }
    const source = eventSource(event);
    if (source.kind === 'none') {
        // A forced channel where there is neither branch nor tag (the CLI outside a git checkout):
        // publishing nothing would be a silent success; a dev release needs its version given.
        if (inputs.channel === 'dev') {
            if (versionInput === undefined) {
                throw new ReleaseError(`input 'version': the channel input is dev, but ${source.reason.replace(/\.$/, '')}, so ` +
                    `no dev version can be computed from git. Give the version input (--version ` +
                    `0.41.0-dev.1), or run inside a git checkout with its history (fetch-depth: 0).`);
            }
            return dev(inputs, {
                version: versionInput,
                prerelease: isPrerelease(versionInput),
                reason: `the channel input is dev, version from the version input (${source.reason.replace(/\.$/, '')}).`
            });
        }
        if (inputs.channel === 'stable') {
            throw new ReleaseError(`input 'channel': stable needs a tag to publish from, but ${source.reason.replace(/\.$/, '')}. ` +
                `Publish from a tag (--ref refs/tags/0.40.0), or use --channel dev with --version.`);
        }
        return { channel: 'none', reason: source.reason };
    }
    if (source.kind === 'tag') {
        const tagged = tagVersion(source.tag);
        if (tagged === undefined) {
            throw new ReleaseError(`tag '${source.tag}' is not a semver version: release tags look like 0.40.0, v0.40.0 or ` +
                `0.41.0-rc1. Push a semver tag, or set the channel input to none for this tag.`);
        }
        const version = versionInput ?? tagged;
        const prerelease = isPrerelease(version) || source.githubPrerelease;
        const via = versionInput === undefined ? '' : ` (version from the version input)`;
        if (inputs.channel === 'dev' || (inputs.channel === 'auto' && prerelease)) {
            const why = inputs.channel === 'dev'
                ? `the channel input is dev`
                : isPrerelease(version)
                    ? `${version} is a semver prerelease`
                    : `the GitHub release is marked as a prerelease`;
            return dev(inputs, {
                version,
                prerelease,
                tag: source.tag,
                reason: `${source.what} ${source.tag}: ${why}, published to the dev channel${via}.`
            });
        }
        return stable(inputs, {
            version,
            prerelease,
            tag: source.tag,
            reason: `${source.what} ${source.tag}: a stable release${via}.`
        });
    }
    // A branch.
    const devBranch = developmentBranch(inputs.devBranch, event.payload);
    const on = `${source.what} ${source.branch}`;
    if (inputs.channel === 'stable') {
        // A stable release is a tag: a branch moves, so what it pointed at cannot be told later.
        if (!inputs.stableFromBranch) {
            throw new ReleaseError(`input 'channel': stable on ${on}, which is not a tag. Stable releases are published ` +
                `from a tag: push the tag (e.g. 0.40.0) and run on it, or set stable-from-branch: true ` +
                `(with the version input) to publish this branch as stable on purpose.`);
        }
        // Never from a branch: latest names the newest tagged release.
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${on} is not a tag, and latest only moves to a tagged ` +
                `release. Use latest: auto (false here), or publish from a tag.`);
        }
        if (versionInput === undefined) {
            throw new ReleaseError(`input 'version': the channel input is stable but ${on} has no tag to take the version ` +
                `from. Give the version input (e.g. 0.40.0), or publish from a tag.`);
        }
        return stable({ ...inputs, latest: 'false' }, {
            version: versionInput,
            prerelease: isPrerelease(versionInput),
            reason: `${on}: the channel input is stable (stable-from-branch), version from the version input; never latest from a branch.`
        });
    }
    if (inputs.channel === 'dev' || source.branch === devBranch) {
        const why = source.branch === devBranch
            ? `the development branch`
            : `not the development branch (${devBranch}), but the channel input is dev`;
        return dev(inputs, {
            version: versionInput,
            prerelease: false,
            reason: `${on}: ${why}.`
        });
    }
    return {
        channel: 'none',
        reason: `${on}: not the development branch (${devBranch}) and not a tag.`
    };
}
/** The dev-branch input, else the repository's default branch from the event, else master. */
function developmentBranch(input, payload) {
    const given = input.trim().replace(/^refs\/heads\//, '');
    if (given !== '')
        return given;
    const repository = payload.repository;
    const fromPayload = repository?.default_branch;
    if (typeof fromPayload === 'string' && fromPayload !== '')
        return fromPayload;
    return 'master';
}
/** What the event points at: a tag (push, release) or a branch (push, dispatch). */
function eventSource(event) {
    if (event.eventName === 'release') {
        const action = event.payload.action;
        if (action !== 'published') {
            // GitHub sends created/released/prereleased/... alongside published; acting on one of
            // them only keeps a release from being published twice.
            return {
                kind: 'none',
                reason: `a release event with action '${String(action)}' does not publish (only 'published' does).`
            };
        }
        const release = event.payload.release;
        const tag = release?.tag_name;
        if (typeof tag !== 'string' || tag === '') {
            throw new ReleaseError(`the release event payload has no release.tag_name; cannot tell which version was released.`);
        }
        // A release the maintainers marked as a prerelease on GitHub is one, whatever its tag says.
        return { kind: 'tag', tag, what: 'release', githubPrerelease: release?.prerelease === true };
    }
    const what = event.eventName === 'push' ? 'push to' : `${event.eventName} on`;
    if (event.ref.startsWith('refs/tags/')) {
        const tag = event.ref.slice('refs/tags/'.length);
        return { kind: 'tag', tag, what: `${what} tag`, githubPrerelease: false };
    }
    if (event.ref.startsWith('refs/heads/')) {
        return { kind: 'branch', branch: event.ref.slice('refs/heads/'.length), what: `${what} branch` };
    }
    return {
        kind: 'none',
        reason: `${what} '${event.ref || '(no ref)'}', which is neither a branch nor a tag.`
    };
}
function parseVersionInput(raw) {
    if (raw.trim() === '')
        return undefined;
    const version = tagVersion(raw.trim());
    if (version === undefined) {
        throw new ReleaseError(`input 'version': '${raw}' is not a semver version (e.g. 0.40.0, 0.41.0-rc1, 0.41.0-15+8c4040b).`);
    }
    return version;
}
function dev(inputs, release) {
    // Development builds and prereleases are never latest; asking for it is a mistake in the
    // workflow, not something to quietly drop.
    if (inputs.latest === 'true') {
        throw new ReleaseError(`input 'latest': true, but this is a ${release.prerelease ? 'prerelease' : 'development'} ` +
            `release, which is never latest. Use latest: auto, or set it to true only for stable tags.`);
    }
    return { channel: 'dev', latest: false, ...release };
}
function stable(inputs, release) {
    if (release.prerelease) {
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${release.version} is a prerelease, which is never latest. ` +
                `Use latest: auto, or publish a stable version.`);
        }
        return { channel: 'stable', latest: false, ...release };
    }
    const latest = inputs.latest === 'auto' ? undefined : inputs.latest === 'true';
    return { channel: 'stable', latest, ...release };
}

/**
 * ReleaseSources from the git checkout in `cwd`, with the GitHub API as the fallback for tags.
 * git runs through execFile (no shell, no output in the logs); what it prints is parsed here.
 */
function gitSources(cwd, remoteTags) {
    const git = (...args) => run(cwd, args);
    // Asked at most once per run, and answered from the checkout's files when they say.
    let shallow;
    const history = () => (shallow ??= shallowness(cwd, git));
    return {
        async describe() {
            await requireFullHistory(cwd, history);
            // One process in the common case: describe against the tags that can be stable semver
            // (a digit, or v and a digit, and no '-', which starts a prerelease), HEAD's full sha
            // in its answer. Whatever that cannot settle goes the exact, slower way below.
            const fast = await git('describe', '--tags', '--long', '--abbrev=40', '--match', '[0-9]*', '--match', 'v[0-9]*', '--exclude', '*-*', 'HEAD').catch((error) => {
                if (error instanceof GitFailed && NO_TAG.test(error.detail))
                    return undefined;
                throw error;
            });
            const parsed = fast === undefined ? null : /^(.+)-(\d+)-g([0-9a-f]{40})$/.exec(fast.trim());
            if (parsed && stableTagNames([parsed[1]]).length === 1) {
                return { tag: parsed[1], commits: Number(parsed[2]), sha7: parsed[3].slice(0, 7) };
            }
            return exactDescribe(cwd, git);
        },
        async stableTags() {
            // A shallow checkout of a tag push holds just that one tag, which would always look like
            // the highest; only a full clone's tags are the repository's tags.
            if ((await history()).state === 'full') {
                const local = lines(await git('tag', '--list'));
                if (local.length > 0)
                    return stableTagNames(local);
            }
            return stableTagNames(await remoteTags());
        }
    };
}
/** git describe's words when no tag matches (no tags at all, or none reachable). */
const NO_TAG = /No names found|No tags can describe|cannot describe/i;
/**
 * describe with each reachable stable tag's exact name (semver names hold no glob characters),
 * so rc, nightly and other tags are skipped: three processes, for what the fast path cannot
 * settle (no such tag at all, or a name the globs let through that is not stable semver).
 */
async function exactDescribe(cwd, git) {
    const head = (await git('rev-parse', '--verify', 'HEAD^{commit}')).trim();
    const sha7 = head.slice(0, 7);
    const reachable = stableTagNames(lines(await git('tag', '--merged', 'HEAD')));
    if (reachable.length === 0) {
        const commits = Number((await git('rev-list', '--count', 'HEAD')).trim());
        return { commits, sha7 };
    }
    const matches = reachable.flatMap((tag) => ['--match', tag]);
    const described = (await git('describe', '--tags', '--long', ...matches, 'HEAD')).trim();
    const parsed = /^(.+)-(\d+)-g[0-9a-f]+$/.exec(described);
    if (parsed === null) {
        throw new ReleaseError(`git describe in ${cwd} printed '${described}', which is not <tag>-<n>-g<sha>.`);
    }
    return { tag: parsed[1], commits: Number(parsed[2]), sha7 };
}
const FETCH_DEPTH_FIX = 'A development version is derived from the git history: check out with actions/checkout and ' +
    '`fetch-depth: 0`, or give the version input.';
async function requireFullHistory(cwd, history) {
    const { state, detail } = await history();
    // git's own words are kept: "not a git repository" and "dubious ownership" need different fixes.
    if (state === 'no-git') {
        throw new ReleaseError(`${cwd} is not a usable git checkout (${detail}). ${FETCH_DEPTH_FIX}`);
    }
    if (state === 'shallow') {
        throw new ReleaseError(`${cwd} is a shallow clone, so the commits since the last tag cannot be counted. ${FETCH_DEPTH_FIX}`);
    }
}
/**
 * Whether the checkout has its whole history. At the top of a checkout, git's own files say it
 * without a process: a repository is shallow exactly when its (common) git directory holds a
 * `shallow` file. Anywhere else (a subdirectory, GIT_DIR set), git is asked.
 */
async function shallowness(cwd, git) {
    const common = process.env.GIT_DIR === undefined ? await commonGitDir(cwd) : undefined;
    if (common !== undefined) {
        return { state: existsSync(path.join(common, 'shallow')) ? 'shallow' : 'full' };
    }
    try {
        const shallow = (await git('rev-parse', '--is-shallow-repository')).trim() === 'true';
        return { state: shallow ? 'shallow' : 'full' };
    }
    catch (error) {
        if (error instanceof GitFailed)
            return { state: 'no-git', detail: error.detail };
        throw error;
    }
}
/**
 * The git directory shared by all worktrees of the checkout at `cwd`: `.git` itself, or for a
 * worktree (`.git` a file saying `gitdir: ...`) the directory its `commondir` names. Undefined
 * when `cwd` is not the top of a checkout or the layout is not one of these.
 */
async function commonGitDir(cwd) {
    const dotGit = path.join(cwd, '.git');
    const info = await stat(dotGit).catch(() => undefined);
    if (info === undefined)
        return undefined;
    let gitDir = dotGit;
    if (info.isFile()) {
        const pointer = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8'));
        if (pointer === null)
            return undefined;
        gitDir = path.resolve(cwd, pointer[1].trim());
    }
    if (!existsSync(path.join(gitDir, 'HEAD')))
        return undefined;
    const commondir = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
    return commondir === undefined ? gitDir : path.resolve(gitDir, commondir.trim());
}
/** Tag names that are stable semver, as git names them (a `v` prefix kept). */
function stableTagNames(tags) {
    return tags.filter((tag) => stableVersions([tag]).length === 1);
}
function lines(output) {
    return output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
}
/** git exited non-zero; the message carries its stderr, which names the problem. */
class GitFailed extends ReleaseError {
    detail;
    constructor(message, detail) {
        super(message);
        this.detail = detail;
    }
}
async function run(cwd, args) {
    // LC_ALL=C: messages are quoted in errors and must read the same on every runner.
    const { code, stdout, stderr, startError } = await runCommand('git', args, {
        cwd,
        env: { ...process.env, LC_ALL: 'C' }
    });
    if (code === 0)
        return stdout;
    if (startError)
        // spawn says ENOENT both when git is not installed and when cwd does not exist.
        throw new ReleaseError(`cannot run git in ${cwd}: ${startError.message}. Install git, or check out the repository into that directory.`);
    const detail = stderr.trim() || `exit code ${code}`;
    throw new GitFailed(`git ${args.slice(0, 2).join(' ')} in ${cwd} failed: ${detail}`, detail);
}

/**
 * The repository's tag names as GitHub lists them, every page. Used to find the highest stable
 * version when the checkout has no tags (a shallow clone), so `latest` can still be decided.
 */
async function remoteTags(octokit, owner, repo) {
    try {
        const tags = await octokit.paginate(octokit.rest.repos.listTags, { owner, repo, per_page: 100 });
        return tags.map((tag) => tag.name);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not list the tags of ${owner}/${repo} through the GitHub API: ${reason}. ` +
            `Check the github-token input (it needs contents: read), or check out with ` +
            `fetch-depth: 0 so the local git tags are used instead.`, { cause: error });
    }
}

/**
 * Whether a stage has anything to do in this run, read from the release and the inputs alone.
 * A stage without work plans nothing, so its code and libraries (OpenPGP for packages, the
 * registry's HTTP client for containers, YAML for drivers) are not loaded at all: a run that only
 * publishes packages does not compile the container client. Each stage's plan starts with the
 * same test, so the two cannot disagree.
 */
const hasWork = {
    // The GitHub release of a tag: for stable releases and prereleases, when asked for.
    release: ({ release, inputs }) => release.tag !== undefined &&
        (release.channel === 'stable' || release.prerelease) &&
        (inputs.release.body !== '' || inputs.release.assets.length > 0 || inputs.release.notes !== ''),
    // Verify checks what the others publish: it has work when they do, unless turned off.
    verify: (ctx) => ctx.inputs.verify.enabled &&
        (hasWork.packages(ctx) || hasWork.containers(ctx) || hasWork.drivers(ctx)),
    packages: ({ release, inputs }) => release.channel !== 'none' &&
        (inputs.packages.length > 0 || inputs.packaging.remove.length > 0),
    containers: ({ inputs }) => inputs.containers.images.length > 0,
    drivers: ({ release, inputs: { drivers } }) => release.channel !== 'none' &&
        drivers.versions.length > 0 &&
        (drivers.config !== '' || drivers.shard.mode === 'index')
};

/**
 * A stage whose code, and the libraries it needs (OpenPGP, the registry client, YAML), is loaded
 * the first time it plans with work to do (see work.ts): a run that publishes nothing (a pull
 * request) never pays for it, nor a run for the stages it has no inputs for, and the action's
 * first log line comes sooner.
 */
function lazy(name, load) {
    let stage;
    const loaded = () => (stage ??= (async () => {
        mark('plan');
        const code = await load();
        mark(`load ${name}`);
        return code;
    })());
    return {
        name,
        plan: async (ctx) => hasWork[name](ctx) ? (await loaded()).plan(ctx) : { stage: name, operations: [] },
        apply: async (plan, ctx) => (await loaded()).apply(plan, ctx)
    };
}
/** The stages, in the order they are applied: packages, containers, drivers, the GitHub release, then verify. */
const allStages = [
    lazy('packages', async () => (await import('./packages-MgjRLRR6.js')).packagesStage),
    lazy('containers', async () => (await import('./containers-oUsr1q3O.js')).containersStage),
    lazy('drivers', async () => (await import('./drivers-BP-JQTLb.js')).driversStage),
    lazy('release', async () => (await import('./release-CkNReSFx.js')).releaseStage),
    lazy('verify', async () => (await import('./verify-Ci2jwk49.js')).verifyStage)
];

/**
 * Requests through node:http(s), for the HTTP store and for reading what a public URL serves:
 * fetch would load Node's bundled undici at its first call (~40 ms of CPU and 16-40 MiB of RSS
 * at every start on Node 24), and its web streams cost a gigabyte download twice the CPU.
 */
/**
 * node:http's or node:https's `request`, required rather than imported: an ESM import of
 * node:http builds a namespace of all its exports, whose WebSocket getters load Node's bundled
 * undici: ~40 ms of CPU at every start on Node 24 (bench/small-repo.ts), for a module only an
 * upload to an HTTP store uses.
 */
function requestOf(protocol) {
    const module = protocol === 'https:' ? 'node:https' : 'node:http';
    // Required once, then kept: a retry still running after its caller gave up must not require
    // again (under a test runner that has torn its module registry down, that throws).
    return (loaded[module] ??= createRequire(import.meta.url)(module).request);
}
const loaded = {};
function answerOf(response) {
    return {
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: {
            get: (name) => {
                const value = response.headers[name.toLowerCase()];
                return value === undefined ? null : String(value);
            }
        }
    };
}
/**
 * A request whose connection fails after IDLE_MS of silence, as fetch's did. Aborting `signal`
 * destroys it, its answer's body included.
 */
function openRequest(url, method, headers, signal) {
    const request = requestOf(url.protocol)(url, { method, headers, ...(signal && { signal }) });
    request.setTimeout(IDLE_MS, () => request.destroy(new Error(`no answer for ${IDLE_MS / 1000} s (socket hang up)`)));
    return request;
}
/**
 * One request through node:http, no redirect followed: the store's requests other than a PUT's
 * (fetch would load Node's bundled undici at the first: ~40 ms and 16-40 MiB at every start).
 * A connection silent for IDLE_MS fails, as fetch's did. An answer that stops short of its
 * Content-Length fails the body's stream (node:http checks it).
 */
function send(url, method, headers, body, signal) {
    const request = openRequest(url, method, headers, signal);
    return new Promise((resolve, reject) => {
        request.once('response', (response) => {
            const bytes = async () => {
                const chunks = [];
                for await (const chunk of response)
                    chunks.push(chunk);
                return Buffer.concat(chunks);
            };
            resolve({
                ...answerOf(response),
                ok: response.statusCode !== undefined &&
                    response.statusCode >= 200 &&
                    response.statusCode < 300,
                body: response,
                bytes,
                text: async () => (await bytes()).toString('utf8'),
                discard: () => {
                    response.resume();
                }
            });
        });
        // Kept after the answer: a socket error mid-body is emitted here too (the body fails with it).
        request.on('error', reject);
        request.end(body);
    });
}
/**
 * Hashes an answer's body as it arrives, freeing each chunk once hashed: node:http allocates a
 * fresh 64 KiB buffer for every read from the socket, and copies the body out of it into another,
 * and Node 24's collector lets ~70 MiB of them pile up before it frees any. The body's chunks never
 * leave this function; a socket read is freed after node:http has parsed it, only while no body
 * chunk waits unread (node:http copies the body out, but should one ever be a view of the read,
 * it has been hashed by then).
 */
function hashBody(response) {
    const hash = createHash('sha256');
    let size = 0;
    const socket = response.socket;
    const afterParse = (read) => {
        if (response.readableLength === 0)
            releaseChunk(read);
    };
    // Registered after node:http's own listener, so it runs once the read is parsed. Plain TCP
    // only: a TLS socket's reads are left to the collector (their bodies' copies are still freed).
    if (!socket.encrypted)
        socket.on('data', afterParse);
    const done = () => {
        socket.off('data', afterParse);
    };
    return new Promise((resolve, reject) => {
        response.on('data', (chunk) => {
            hash.update(chunk);
            size += chunk.length;
            releaseChunk(chunk);
        });
        response.once('end', () => {
            done();
            resolve({ sha256: hash.digest('hex'), size });
        });
        response.once('error', (error) => {
            done();
            reject(error);
        });
        response.once('close', () => {
            done();
            if (!response.complete)
                reject(new Error('the connection closed before the whole body'));
        });
    });
}
/** ArrayBuffer.prototype.transfer, where Node has it (22 and later). */
const transfer = ArrayBuffer.prototype.transfer;
/**
 * Frees a chunk's memory now instead of at the next collection, by moving it into an empty
 * buffer (detaching it): only a chunk that is a whole allocation of its own, never a view into a
 * shared pool (Buffer's small-allocation pool is 8 KiB).
 */
function releaseChunk(chunk) {
    if (!transfer || chunk.length <= 8192)
        return;
    if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== chunk.length)
        return;
    transfer.call(chunk.buffer, 0);
}
/** How long a connection may stay silent mid-request (undici's default, which fetch had). */
const IDLE_MS = 300_000;

/**
 * Mutual exclusion between publishes through lease objects in the store itself, for stores that
 * cannot compare-and-swap an object (a plain WebDAV server). A lease names its owner and an
 * expiry; an expired one is broken by a waiter, after checking that it is still the same lease.
 * Within one process, callers of the same lease also queue on a promise chain, so they do not
 * spend requests racing each other.
 *
 * The guarantee is as strong as `create` and the clocks: with an atomic create and clocks within
 * the ttl of each other, one holder at a time, as long as holders finish within the ttl (index
 * updates take milliseconds; the default ttl is a minute).
 */
class Leases {
    objects;
    options;
    ttlMs;
    timeoutMs;
    local = new Map();
    constructor(objects, options = {}) {
        this.objects = objects;
        this.options = options;
        this.ttlMs = options.ttlMs ?? 60_000;
        this.timeoutMs = options.timeoutMs ?? 180_000;
    }
    /**
     * A conditional put on a store that cannot make one itself: under the key's lease, compare the
     * current object with the precondition, then write. A failed precondition writes nothing (and
     * discards a stream body).
     */
    async conditionalPut(key, body, precondition, head, write) {
        const name = createHash('sha256').update(key).digest('hex');
        return this.withLease(name, async () => {
            const current = await head(key);
            const holds = 'ifNoneMatch' in precondition
                ? current === undefined
                : current !== undefined && current.etag === precondition.ifMatch;
            if (!holds) {
                if (body instanceof Readable)
                    body.destroy();
                throw new PreconditionFailed(key, precondition);
            }
            return write();
        });
    }
    async withLease(name, critical) {
        const previous = this.local.get(name) ?? Promise.resolve();
        const run = previous.catch(() => undefined).then(() => this.holding(name, critical));
        const settled = run.catch(() => undefined);
        this.local.set(name, settled);
        try {
            return await run;
        }
        finally {
            if (this.local.get(name) === settled)
                this.local.delete(name);
        }
    }
    async holding(name, critical) {
        const me = await this.acquire(name);
        try {
            return await critical();
        }
        finally {
            // Only remove the lease if it is still ours: a waiter may have broken it after the ttl.
            const now = await this.objects.read(name).catch(() => undefined);
            if (now?.owner === me.owner)
                await this.objects.remove(name);
        }
    }
    async acquire(name) {
        const started = Date.now();
        let delay = 20;
        // A lease whose holder file cannot be read (created, owner not written yet, or written by
        // something else) is judged by how long this waiter has seen it so, on its own clock.
        let unreadableSince;
        for (;;) {
            const me = {
                owner: randomUUID(),
                host: hostname(),
                pid: process.pid,
                since: Date.now(),
                expires: Date.now() + this.ttlMs
            };
            if (await this.objects.create(name, me))
                return me;
            const holder = await this.objects.read(name);
            if (holder === undefined)
                unreadableSince ??= Date.now();
            else
                unreadableSince = undefined;
            const expired = holder !== undefined
                ? Date.now() > holder.expires
                : Date.now() - (unreadableSince ?? Date.now()) > this.ttlMs;
            if (expired) {
                const again = await this.objects.read(name);
                if (again?.owner === holder?.owner) {
                    await this.objects.remove(name);
                    this.options.onBreak?.(name, holder);
                    unreadableSince = undefined;
                    continue;
                }
            }
            if (Date.now() - started > this.timeoutMs) {
                const who = holder ? `held by ${holder.owner} (pid ${holder.pid} on ${holder.host})` : '';
                throw new Error(`timed out after ${this.timeoutMs} ms waiting for the lease ${name} ${who}; ` +
                    `if no publish is running, remove it from the store`);
            }
            await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
            delay = Math.min(delay * 2, 500);
        }
    }
}
/** Parses a lease object's text; undefined when it is not one of ours. */
function parseHolder(text) {
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.owner === 'string' && typeof parsed.expires === 'number') {
            return {
                owner: parsed.owner,
                host: String(parsed.host ?? ''),
                pid: Number(parsed.pid ?? 0),
                since: Number(parsed.since ?? 0),
                expires: parsed.expires
            };
        }
    }
    catch {
        // not JSON: not ours
    }
    return undefined;
}

/**
 * Whether an attempt is worth repeating: what the SDK calls throttling or transient (429, 500,
 * 502-504, S3's RequestTimeout and SlowDown, timeouts, resets), what the shared policy retries
 * (408, other 5xx but 501), and dropped connections. Other client errors (400, 403, 404, 412)
 * are answers, not accidents.
 */
function isRetryableAttempt(info) {
    if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT')
        return true;
    const status = info.error?.$metadata?.httpStatusCode;
    if (status !== undefined)
        return isRetryableStatus(status);
    return isTransient(info.error);
}
/**
 * The wait before the next attempt (`attempt` counts the ones made, from 1): what Retry-After
 * asks, read as every other client here reads it (delta-seconds or an HTTP-date); else the
 * SDK's hint (it also reads AWS's x-amz-retry-after); else the policy's backoff with jitter.
 * Never longer than the policy's `maxDelayMs`.
 */
function retryDelayMs(policy, attempt, info, now = Date.now(), random = Math.random) {
    const asked = retryAfterMs(headerOf(info.error, 'retry-after'), now) ??
        (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - now) : undefined);
    return waitMs(policy, attempt, asked, random);
}
/**
 * A RetryStrategyV2 for the S3 client that follows the shared retry policy. The SDK's retry
 * middleware calls it after each failed attempt; it waits there and then allows the next one.
 * It keeps no retry quota across requests (the standard strategy's circuit breaker): like the
 * other clients, each request gets the policy's attempts.
 */
class PolicyRetryStrategy {
    policy;
    options;
    /** Failed attempts' errors, named by the middleware that saw their request. */
    requests = new WeakMap();
    constructor(policy, options = {}) {
        this.policy = policy;
        this.options = options;
    }
    async acquireInitialRetryToken() {
        return token(0, 0);
    }
    async refreshRetryTokenForRetry(previous, info) {
        const attempt = previous.getRetryCount() + 1;
        if (attempt >= this.policy.attempts || !isRetryableAttempt(info))
            throw info.error ?? new Error('not retried');
        const delay = retryDelayMs(this.policy, attempt, info, Date.now(), this.options.random);
        const request = info.error ? this.requests.get(info.error) : undefined;
        this.options.onRetry?.(request, causeOf$1(info.error), attempt, delay);
        // The strategy sleeps itself and hands back a token with no delay, as the SDK's own do (the
        // SDK's middleware would sleep a token's delay with a plain timer, which can fire early).
        await waitAtLeast(delay);
        return token(attempt, 0);
    }
    recordSuccess() { }
    /**
     * A client middleware to add at `finalizeRequest` with low priority, so that it runs inside
     * the retry loop once per attempt: it names each failed attempt's request (operation and
     * object, never credentials) for the retry's log line.
     */
    namer = (next, context) => {
        return async (args) => {
            try {
                return await next(args);
            }
            catch (error) {
                if (error !== null && typeof error === 'object')
                    this.requests.set(error, requestName(context.commandName, args.input));
                throw error;
            }
        };
    };
}
function token(retries, delayMs) {
    return { getRetryCount: () => retries, getRetryDelay: () => delayMs };
}
/** "PutObject s3://bucket/key": the operation and the object (or listed prefix) it was about. */
function requestName(command, input) {
    const { Bucket, Key, Prefix } = input;
    const operation = (command ?? 'request').replace(/Command$/, '');
    return `${operation} s3://${Bucket ?? ''}/${Key ?? Prefix ?? ''}`;
}
/** "503 SlowDown", or a connection error's code: the status and S3's error code, no message. */
function causeOf$1(error) {
    const e = (error ?? {});
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined)
        return `${status} ${e.name ?? ''}`.trim();
    return e.code ?? e.name ?? 'error';
}
function headerOf(error, name) {
    const headers = error?.$response?.headers;
    if (!headers)
        return undefined;
    for (const [header, value] of Object.entries(headers))
        if (header.toLowerCase() === name)
            return value;
    return undefined;
}

/** S3 takes at most 10,000 parts; a known size beyond them gets larger parts. */
const MAX_PARTS = 10_000;
/**
 * Sends `source` to `target`, handing each part to `seen` in order before it is sent (the
 * store's hash). Resolves with the object's etag (undefined when the service gave none) and its
 * size. A failure aborts the parts in flight and the multipart upload: nothing becomes visible.
 * The source's own errors come out as they are, the target's as the target threw them.
 */
async function uploadParts(source, target, shape, seen) {
    try {
        const known = source.size;
        const partBytes = known === undefined
            ? shape.partBytes
            : Math.max(shape.partBytes, Math.ceil(known / MAX_PARTS));
        // A known size that fits one part is read into a buffer one byte longer, so that its end
        // shows (a short read) without a second read.
        const firstLength = known !== undefined && known <= partBytes ? known + 1 : partBytes;
        let firstBuffer;
        const first = await source.read(firstLength, () => (firstBuffer = Buffer.allocUnsafeSlow(firstLength)));
        if (first.length < firstLength) {
            seen(first);
            const size = first.length;
            const etag = await target.put(first);
            if (firstBuffer)
                releaseChunk(firstBuffer);
            return { etag, size };
        }
        if (firstLength < partBytes)
            throw new Error(`the body grew while it was read (${known} bytes when the upload began)`);
        return await multipart(source, target, partBytes, shape.partsInFlight, seen, first, firstBuffer);
    }
    finally {
        await source.close();
    }
}
async function multipart(source, target, partBytes, partsInFlight, seen, first, firstBuffer) {
    const uploadId = await target.create();
    const stop = new AbortController();
    const parts = [];
    const inFlight = new Set();
    /** Part buffers whose requests have settled, to be read into again. */
    const free = [];
    /** Every part buffer this upload made, freed at its end (see below). */
    const made = firstBuffer ? [firstBuffer] : [];
    let failure;
    let size = 0;
    /** `owned`: the buffer the part was read into (none when it is a view of the caller's bytes). */
    const send = (number, body, owned) => {
        seen(body);
        size += body.length;
        const sent = target.part(uploadId, number, body, stop.signal).then((etag) => {
            parts.push({ PartNumber: number, ETag: etag });
            inFlight.delete(sent);
            if (owned)
                free.push(owned);
        });
        // Seen by Promise.race/all below; until then, a failure is only noted (never unhandled).
        sent.catch((error) => {
            failure ??= { error };
        });
        inFlight.add(sent);
    };
    try {
        send(1, first, firstBuffer);
        for (let number = 2;; number++) {
            // A part is read only once fewer than partsInFlight are in flight: their buffers are all.
            while (inFlight.size >= partsInFlight)
                await Promise.race(inFlight);
            if (failure)
                throw failure.error;
            let owned;
            const part = await source.read(partBytes, () => (owned = free.pop() ?? made[made.push(Buffer.allocUnsafeSlow(partBytes)) - 1]));
            if (part.length > 0)
                send(number, part, owned);
            if (part.length < partBytes)
                break;
        }
        await Promise.all(inFlight);
        parts.sort((a, b) => a.PartNumber - b.PartNumber);
        const etag = await target.complete(uploadId, parts);
        // Every part's request has been answered, so none is still being sent: the buffers are freed
        // now (Node 22+; Node 20 cannot) rather than left to the collector, whose next run may come
        // only once the verify stage has downloaded tens of MiB more.
        for (const buffer of made)
            releaseChunk(buffer);
        return { etag, size };
    }
    catch (error) {
        // The parts still in flight are stopped and settled first, so that the abort drops them all.
        stop.abort();
        await Promise.allSettled(inFlight);
        await target.abort(uploadId).catch(() => undefined);
        throw error;
    }
}
/**
 * The source for a put's body: bytes in memory as they are; a local file just opened
 * (`createReadStream(file)`, nothing read yet) by positional reads into the part buffers, with no
 * stream between; any other stream copied chunk by chunk into them.
 */
async function partSource(body) {
    // A Buffer is sent as it is (views of it, never written into): no copy.
    if (typeof body === 'string' || Buffer.isBuffer(body))
        return memorySource(Buffer.isBuffer(body) ? body : Buffer.from(body));
    const file = unreadFileOf(body);
    if (file !== undefined) {
        body.destroy();
        return fileSource(file);
    }
    return streamSource(body);
}
function memorySource(bytes) {
    let at = 0;
    return {
        size: bytes.length,
        read: async (length) => {
            const part = bytes.subarray(at, at + length);
            at += part.length;
            return part;
        },
        close: async () => undefined
    };
}
async function fileSource(file) {
    const handle = await open(file, 'r');
    let size;
    try {
        size = (await handle.stat()).size;
    }
    catch (error) {
        await handle.close();
        throw error;
    }
    let position = 0;
    let closed = false;
    return {
        size,
        read: async (length, into) => {
            const buffer = into();
            let filled = 0;
            while (filled < length) {
                const { bytesRead } = await handle.read(buffer, filled, length - filled, position);
                if (bytesRead === 0)
                    break;
                filled += bytesRead;
                position += bytesRead;
            }
            return buffer.subarray(0, filled);
        },
        close: async () => {
            if (closed)
                return;
            closed = true;
            await handle.close();
        }
    };
}
function streamSource(body) {
    const chunks = body[Symbol.asyncIterator]();
    let rest = Buffer.alloc(0);
    let ended = false;
    return {
        size: undefined,
        read: async (length, into) => {
            const buffer = into();
            let filled = 0;
            while (filled < length) {
                if (rest.length === 0) {
                    if (ended)
                        break;
                    const next = await chunks.next();
                    if (next.done) {
                        ended = true;
                        break;
                    }
                    rest = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
                }
                const copied = rest.copy(buffer, filled, 0, Math.min(rest.length, length - filled));
                filled += copied;
                rest = rest.subarray(copied);
            }
            return buffer.subarray(0, filled);
        },
        close: async () => {
            // Stops (and destroys) the stream when the upload ended before it did.
            if (!ended)
                await chunks.return?.();
        }
    };
}

function spell(etag, spelling) {
    const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    return spelling === 'quoted' ? `"${bare}"` : bare;
}
const spellingName = (spelling) => spelling === 'quoted' ? 'in quotes' : 'without quotes';
/** The store's own objects (probe, leases) live under this folder of the prefix, never listed. */
const S3_STATE_DIR = '.falco-publish';
/** A conditional put is sent as one PutObject, so its body is read into memory first: indexes. */
const CONDITIONAL_MAX = 64 * 1024 * 1024;
const MIB = 1024 * 1024;
/**
 * A Store in an S3 bucket (or an S3-compatible service), under an optional key prefix.
 *
 * Credentials come from the SDK's standard chain only (environment, web identity as
 * aws-actions/configure-aws-credentials sets it up, profiles): never from an input.
 * Uploads are one PutObject up to a part, else multipart with a bounded number of parts in flight,
 * read into reused buffers and hashed on the way (s3-upload.ts): memory does not grow with the
 * object. Downloads that are only checked are hashed as they arrive (`digest`).
 *
 * Requests are retried under the shared policy, Retry-After honoured up to its longest wait
 * (s3-retry.ts). The SDK never retries a request whose body is a stream, so every body sent is a
 * buffer: the upload's parts, and the conditional put's index read into memory.
 *
 * Conditional puts use If-None-Match: * and If-Match: <etag> (S3 since 2024, R2, MinIO). A
 * service that ignores them (s3rver, older gateways) is found out by a probe on the first
 * conditional put; the store then takes a lease object per key and compares etags under it. S3
 * offers no atomic create without conditional writes, so that lease is put, then read back after a
 * pause: it keeps concurrent publishes apart in practice, but is not a guarantee (the README
 * says so).
 */
class S3Store {
    bucket;
    options;
    location;
    prefix;
    sdk;
    mode;
    /** How If-Match etags are spelt: as S3 returns them (quoted) unless the probe or a refusal says otherwise. */
    spelling = 'quoted';
    leases;
    leaseFolder;
    constructor(bucket, prefix, options = {}) {
        this.bucket = bucket;
        this.options = options;
        this.prefix = prefix.replace(/^\/+|\/+$/g, '');
        if (this.prefix !== '')
            this.prefix += '/';
        this.location = `s3://${bucket}/${this.prefix}`.replace(/\/$/, '');
        if (options.conditionalWrites && options.conditionalWrites !== 'probe')
            this.mode = Promise.resolve(options.conditionalWrites);
        this.leases = new Leases({
            create: (name, holder) => this.createLease(name, holder),
            read: (name) => this.readLease(name),
            remove: (name) => this.delete(`${S3_STATE_DIR}/leases/${name}`)
        }, {
            ...options.lease,
            onBreak: (name, holder) => options.log?.warning(`broke an expired lease ${name} in ${this.location}` +
                (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : ''))
        });
    }
    /** The key in the bucket: the store's prefix and the key. */
    objectKey(key) {
        return this.prefix + checkKey(key);
    }
    url(key) {
        checkKey(key);
        if (this.options.baseUrl)
            return new URL(key.split('/').map(encodeURIComponent).join('/'), withSlash$1(new URL(this.options.baseUrl))).href;
        const path = (this.prefix + key).split('/').map(encodeURIComponent).join('/');
        if (!this.options.endpoint) {
            const region = this.options.region ?? 'us-east-1';
            return `https://${this.bucket}.s3.${region}.amazonaws.com/${path}`;
        }
        const endpoint = new URL(this.options.endpoint);
        if (this.options.forcePathStyle)
            return new URL(`${this.bucket}/${path}`, withSlash$1(endpoint)).href;
        endpoint.hostname = `${this.bucket}.${endpoint.hostname}`;
        return new URL(path, withSlash$1(endpoint)).href;
    }
    async head(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return {
                key,
                size: out.ContentLength ?? 0,
                etag: out.ETag ?? '',
                ...(out.LastModified ? { modified: out.LastModified } : {})
            };
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('HEAD', key, error);
        }
    }
    async get(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return this.named(out.Body, key);
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('GET', key, error);
        }
    }
    /**
     * The object (or `range` of it) in memory. A body that breaks off once the SDK has handed it
     * over (the server resets the connection mid-answer: Node says only `aborted`) is out of the
     * SDK's retries; a read is safe to repeat, so the GET is sent again under the same policy.
     */
    async read(key, range) {
        checkKey(key);
        if (range && range.end <= range.start)
            return Buffer.alloc(0);
        return this.getAgainIfBroken(key, async (body) => {
            const chunks = [];
            for await (const chunk of this.named(body, key))
                chunks.push(Buffer.from(chunk));
            return Buffer.concat(chunks);
        }, range);
    }
    /**
     * Size and SHA-256 of an object, hashed as the GET's body arrives, each chunk freed once hashed
     * (hashBody): the verify stage's read of a 1 GiB package holds a few chunks, not the ~80 MiB
     * Node 24's collector lets pile up from a stream read to its end. A body that breaks off is
     * sent for again, as `read` does.
     */
    async digest(key) {
        checkKey(key);
        return this.getAgainIfBroken(key, async (body) => {
            try {
                // node:http's answer as the SDK hands it over (no checksum stream around it: response
                // checksums are validated only when required); anything else is read as a stream.
                const answer = body;
                return await (answer.socket ? hashBody(answer) : sha256Of(body));
            }
            catch (error) {
                throw new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, { cause: error });
            }
        });
    }
    /**
     * A GET of `key` (or `range` of it) whose body `consume` reads, undefined when there is no such
     * object. A body that breaks off (`consume` throws BrokenBody) is out of the SDK's retries; a
     * GET is safe to repeat, so it is sent again under the store's policy.
     */
    async getAgainIfBroken(key, consume, range) {
        const { s3, client } = await this.client();
        const policy = this.options.retry ?? DEFAULT_RETRY;
        return retry(async () => {
            let body;
            try {
                const out = await client.send(new s3.GetObjectCommand({
                    Bucket: this.bucket,
                    Key: this.prefix + key,
                    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {})
                }));
                body = out.Body;
            }
            catch (error) {
                if (isNotFound(error))
                    return undefined;
                throw this.failure('GET', key, error);
            }
            return consume(body);
        }, {
            policy,
            retryable: (error) => error instanceof BrokenBody && isTransient(error),
            onRetry: (error, attempt, delayMs) => this.options.log?.debug(`${error.message}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
        });
    }
    /**
     * The body of a GET, whose errors name the operation and the object: a connection reset while
     * reading it otherwise surfaces as Node's bare `aborted`.
     */
    named(body, key) {
        const out = new PassThrough();
        body.once('error', (error) => out.destroy(new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, {
            cause: error
        })));
        body.pipe(out);
        return out;
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.upload(key, body, options);
        if ((await this.conditionalMode()) === 'native')
            return this.putConditional(key, body, precondition, options.contentType, options.lifetime);
        return this.leases.conditionalPut(key, body, precondition, (k) => this.head(k), () => this.upload(key, body, options));
    }
    /** CopyObject: the service copies the bytes (up to 5 GiB, far above any index). */
    async copy(from, to, options = {}) {
        checkKey(from);
        checkKey(to);
        const { s3, client } = await this.client();
        // A copy takes the source's metadata but never its ACL; with a Cache-Control of its own
        // (a plain index name copied from a by-hash one) the metadata is given anew.
        const cacheControl = this.cacheControl(options.lifetime);
        try {
            await client.send(new s3.CopyObjectCommand({
                Bucket: this.bucket,
                Key: this.prefix + to,
                // bucket/key URL-encoded. encodeURI keeps '/', '+' and '&' as they are, which every
                // reading of the header agrees on (s3rver decodes it with decodeURI); '?' and '#'
                // would start a query or fragment.
                CopySource: encodeURI(`${this.bucket}/${this.prefix}${from}`).replace(/[?#]/g, (c) => c === '?' ? '%3F' : '%23'),
                ...this.objectMetadata(options.lifetime),
                ...(cacheControl
                    ? { MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' }
                    : {})
            }));
        }
        catch (error) {
            if (isNotFound(error))
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`, {
                    cause: error
                });
            throw this.failure('COPY', to, error);
        }
    }
    async delete(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        }
        catch (error) {
            if (isNotFound(error))
                return;
            throw this.failure('DELETE', key, error);
        }
    }
    async *list(prefix) {
        // S3 lists in UTF-8 byte order; some compatible services (s3rver) walk their disk instead, so
        // the listing is gathered and sorted here (keys and sizes only: small even for large buckets).
        const all = [];
        for await (const info of this.pages(prefix))
            all.push(info);
        all.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
        yield* all;
    }
    async *pages(prefix) {
        const { s3, client } = await this.client();
        let token;
        do {
            let out;
            try {
                out = await client.send(new s3.ListObjectsV2Command({
                    Bucket: this.bucket,
                    Prefix: this.prefix + prefix,
                    ContinuationToken: token
                }));
            }
            catch (error) {
                throw this.failure('LIST', prefix, error);
            }
            for (const item of out.Contents ?? []) {
                const key = (item.Key ?? '').slice(this.prefix.length);
                if (key.startsWith(`${S3_STATE_DIR}/`))
                    continue;
                yield {
                    key,
                    size: item.Size ?? 0,
                    etag: item.ETag ?? '',
                    ...(item.LastModified ? { modified: item.LastModified } : {})
                };
            }
            token = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (token);
    }
    /** The Cache-Control configured for a lifetime, if any. */
    cacheControl(lifetime) {
        return lifetime ? this.options.cacheControl?.[lifetime] : undefined;
    }
    /** ACL and Cache-Control for a write, as the options configure them. */
    objectMetadata(lifetime) {
        const cacheControl = this.cacheControl(lifetime);
        return {
            ...(this.options.acl ? { ACL: this.options.acl } : {}),
            ...(cacheControl ? { CacheControl: cacheControl } : {})
        };
    }
    /**
     * One PutObject up to a part, else a multipart upload from reused part buffers (s3-upload.ts):
     * the memory is partsInFlight x partBytes whatever the object's size. Each part is hashed as it
     * is read, in order, unless the caller gave the sha256 of bytes in memory or of a local file
     * (PutOptions.sha256) and wants no hash kept; the SDK retries a part's request with the same
     * buffer.
     */
    async upload(key, body, options = {}) {
        const { contentType, lifetime, keepHash } = options;
        const { s3, client } = await this.client();
        const trusted = options.sha256 !== undefined &&
            !keepHash &&
            (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof ReadStream);
        const hash = trusted ? undefined : createHash('sha256');
        const Bucket = this.bucket;
        const Key = this.prefix + key;
        const metadata = {
            ContentType: contentType ?? 'application/octet-stream',
            ...this.objectMetadata(lifetime)
        };
        const named = (request) => request.catch((error) => {
            throw this.failure('PUT', key, error);
        });
        const target = {
            put: async (bytes) => (await named(client.send(new s3.PutObjectCommand({
                Bucket,
                Key,
                Body: bytes,
                ContentLength: bytes.length,
                ...metadata
            })))).ETag,
            create: async () => {
                const out = await named(client.send(new s3.CreateMultipartUploadCommand({ Bucket, Key, ...metadata })));
                if (!out.UploadId)
                    throw this.failure('PUT', key, new Error('no UploadId in the answer'));
                return out.UploadId;
            },
            part: async (UploadId, PartNumber, bytes, abortSignal) => (await named(client.send(new s3.UploadPartCommand({
                Bucket,
                Key,
                UploadId,
                PartNumber,
                Body: bytes,
                ContentLength: bytes.length
            }), { abortSignal }))).ETag ?? '',
            complete: async (UploadId, Parts) => (await named(client.send(new s3.CompleteMultipartUploadCommand({
                Bucket,
                Key,
                UploadId,
                MultipartUpload: { Parts }
            })))).ETag,
            abort: async (UploadId) => {
                await client.send(new s3.AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
            }
        };
        const sent = await uploadParts(await partSource(body), target, {
            partBytes: this.options.partBytes ?? 8 * 1024 * 1024,
            partsInFlight: this.options.partsInFlight ?? 4
        }, (part) => hash?.update(part));
        const hashed = keepHash && hash ? { hashed: hash.copy() } : {};
        const sha256 = hash ? hash.digest('hex') : options.sha256;
        const etag = sent.etag ?? (await this.head(key))?.etag ?? '';
        return { key, size: sent.size, sha256, etag, ...hashed };
    }
    async putConditional(key, body, precondition, contentType, lifetime) {
        const { s3, client } = await this.client();
        const { bytes, sha256 } = await readAll(body, key);
        const send = (spelling) => client.send(new s3.PutObjectCommand({
            Bucket: this.bucket,
            Key: this.prefix + key,
            Body: bytes,
            ContentLength: bytes.length,
            ContentType: contentType ?? 'application/octet-stream',
            ...this.objectMetadata(lifetime),
            ...('ifNoneMatch' in precondition
                ? { IfNoneMatch: '*' }
                : { IfMatch: spell(precondition.ifMatch, spelling) })
        }));
        const refused = (error) => {
            const status = statusOf(error);
            // 412: the precondition failed; 409: a concurrent conditional write won (S3 says retry).
            // 404: If-Match on an object that does not exist.
            return status === 412 || status === 409 || (status === 404 && 'ifMatch' in precondition);
        };
        const done = (etag) => ({
            key,
            size: bytes.length,
            sha256,
            etag: etag ?? ''
        });
        try {
            return done((await send(this.spelling)).ETag);
        }
        catch (error) {
            if (!refused(error))
                throw this.failure('PUT', key, error);
            // Refused while the object still carries the etag asked for: the service reads If-Match
            // spelt the other way (RGW refuses quoted etags, R2 bare ones). Once with that spelling.
            if ('ifNoneMatch' in precondition || statusOf(error) !== 412)
                throw new PreconditionFailed(key, precondition);
            const now = await this.head(key);
            if (!now || spell(now.etag, 'bare') !== spell(precondition.ifMatch, 'bare'))
                throw new PreconditionFailed(key, precondition);
            const other = this.spelling === 'quoted' ? 'bare' : 'quoted';
            try {
                const out = await send(other);
                this.spelling = other;
                this.options.log?.info(`store: ${this.location} refused a matching If-Match etag spelt ${spellingName(other === 'bare' ? 'quoted' : 'bare')}; sending them ${spellingName(other)} from now on`);
                return done(out.ETag);
            }
            catch (again) {
                if (refused(again))
                    throw new PreconditionFailed(key, precondition);
                throw this.failure('PUT', key, again);
            }
        }
    }
    /** Whether the service honours conditional writes: asked once, by trying them on a probe key. */
    conditionalMode() {
        this.mode ??= this.probe();
        return this.mode;
    }
    async probe() {
        const { s3, client } = await this.client();
        const key = `${this.prefix}${S3_STATE_DIR}/probe/${randomUUID()}`;
        /** The new etag when the put was written, 'refused' when its condition failed. */
        const attempt = async (condition) => {
            try {
                const out = await client.send(new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: 'probe', ...condition }));
                return out.ETag ?? (await this.head(key.slice(this.prefix.length)))?.etag ?? '';
            }
            catch (error) {
                const status = statusOf(error);
                if (status === 412 || status === 409)
                    return 'refused';
                throw this.failure('PUT', `${S3_STATE_DIR}/probe`, error);
            }
        };
        try {
            const created = await attempt({ IfNoneMatch: '*' });
            const again = await attempt({ IfNoneMatch: '*' });
            const stale = await attempt({ IfMatch: '"0123456789abcdef0123456789abcdef"' });
            // Refusing is not enough: a matching If-Match must also go through, and services differ
            // on how they read it (RGW refuses the quoted etag S3 returns and the SDK sends, R2 the
            // bare one). The first spelling that goes through is the one used.
            let spelling;
            if (created !== 'refused' && again === 'refused' && stale === 'refused') {
                for (const s of ['quoted', 'bare']) {
                    if ((await attempt({ IfMatch: spell(created, s) })) !== 'refused') {
                        spelling = s;
                        break;
                    }
                }
            }
            if (spelling) {
                this.spelling = spelling;
                this.options.log?.info(`store: ${this.location} honours conditional writes; If-Match etags are sent ${spellingName(spelling)}`);
                return 'native';
            }
            this.options.log?.warning(`the S3 service behind ${this.location} ${again === 'refused' && stale === 'refused' ? 'refuses a matching If-Match in either spelling' : 'ignores conditional writes (If-None-Match/If-Match)'}; ` +
                `index updates take a lease object instead, which keeps concurrent publishes apart in ` +
                `practice but is not atomic. Use a service that honours them (AWS S3, R2, MinIO, Ceph RGW) for a guarantee.`);
            return 'lease';
        }
        finally {
            await client
                .send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
                .catch(() => { });
        }
    }
    /**
     * Without conditional writes S3 has no atomic create. The lease is written only when absent,
     * then read back after a pause longer than a competing write takes: of several that wrote at
     * once, only the last one finds its own owner there.
     */
    async createLease(name, holder) {
        const key = `${S3_STATE_DIR}/leases/${name}`;
        await this.keepLeaseFolder();
        if (await this.head(key))
            return false;
        await this.upload(key, JSON.stringify(holder), { contentType: 'application/json' });
        await new Promise((resolve) => setTimeout(resolve, 250));
        return (await this.readLease(name))?.owner === holder.owner;
    }
    /**
     * s3rver, a server the lease fallback exists for, removes a folder a delete leaves empty, and
     * a put into that folder racing the removal crashes it (its write stream's ENOENT goes
     * unhandled): leases come and go in one folder, so it keeps an object that is never deleted.
     */
    keepLeaseFolder() {
        this.leaseFolder ??= (async () => {
            const key = `${S3_STATE_DIR}/leases/.keep`;
            if (!(await this.head(key)))
                await this.upload(key, 'Keeps the folder of the leases in place.\n', {
                    contentType: 'text/plain'
                });
        })().catch((error) => {
            this.leaseFolder = undefined;
            throw error;
        });
        return this.leaseFolder;
    }
    async readLease(name) {
        const body = await this.read(`${S3_STATE_DIR}/leases/${name}`);
        return body && parseHolder(body.toString('utf8'));
    }
    /** The SDK is loaded on first use only: runs without an s3 store never load it. */
    client() {
        this.sdk ??= (async () => {
            const s3 = await import('./dist-es-C0P0KEL3.js');
            const policy = this.options.retry ?? DEFAULT_RETRY;
            // The shared policy instead of the SDK's standard strategy, which caps what Retry-After
            // asks at its own backoff plus 5 s (see s3-retry.ts).
            const retryStrategy = new PolicyRetryStrategy(policy, {
                onRetry: (request, cause, attempt, delayMs) => this.options.log?.debug(`${request ?? this.location}: ${cause}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
            });
            const client = new s3.S3Client({
                region: this.options.region || process.env.AWS_REGION || 'us-east-1',
                ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
                forcePathStyle: this.options.forcePathStyle ?? false,
                retryStrategy,
                // Only read for the amz-sdk-request header once a strategy is given: kept truthful.
                maxAttempts: policy.attempts,
                // Checksums in trailers (the SDK's default since 2025) are not understood by every
                // S3-compatible service; compute them only where S3 requires them.
                requestChecksumCalculation: 'WHEN_REQUIRED',
                responseChecksumValidation: 'WHEN_REQUIRED'
            });
            client.middlewareStack.add(retryStrategy.namer, {
                step: 'finalizeRequest',
                priority: 'low',
                name: 'falcoPublishRetryNamer'
            });
            return { s3, client };
        })();
        return this.sdk;
    }
    failure(operation, key, error) {
        const status = statusOf(error);
        const name = error.name;
        const hint = status === 403 || name === 'CredentialsProviderError'
            ? ' (credentials come from the AWS environment: run aws-actions/configure-aws-credentials first)'
            : '';
        return new Error(`${operation} ${this.location}/${key} failed: ${name}${status ? ` (${status})` : ''}: ${error.message}${hint}`);
    }
}
/**
 * A conditional put's body (an index, a driver) in memory, and its sha256; refuses large ones.
 * Bytes in memory are taken as they are and a local file is read once into a buffer of its size;
 * another stream is gathered 1 MiB at a time.
 */
async function readAll(body, key) {
    const tooLarge = () => new Error(`${key}: a conditional put to S3 is limited to ${CONDITIONAL_MAX} bytes`);
    const source = await partSource(body);
    try {
        const known = source.size;
        if (known !== undefined && known > CONDITIONAL_MAX)
            throw tooLarge();
        let bytes;
        if (known !== undefined) {
            bytes = await source.read(known + 1, () => Buffer.allocUnsafeSlow(known + 1));
            if (bytes.length > known)
                throw new Error(`${key}: the body grew while it was read (${known} bytes before)`);
        }
        else {
            const chunks = [];
            let size = 0;
            for (;;) {
                const chunk = await source.read(MIB, () => Buffer.allocUnsafe(MIB));
                size += chunk.length;
                if (size > CONDITIONAL_MAX)
                    throw tooLarge();
                chunks.push(chunk);
                if (chunk.length < MIB)
                    break;
            }
            bytes = Buffer.concat(chunks, size);
        }
        return { bytes, sha256: sha256Hex(bytes) };
    }
    finally {
        await source.close();
    }
}
/** A GET whose body failed after its answer began: see S3Store.named. */
class BrokenBody extends Error {
    name = 'BrokenBody';
}
/** `ECONNRESET: aborted`: a stream error's code and Node's message. */
function causeText(error) {
    const { code, message } = (error ?? {});
    return [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ') || 'error';
}
function statusOf(error) {
    return error.$metadata?.httpStatusCode;
}
function isNotFound(error) {
    const name = error.name;
    return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404;
}
function withSlash$1(url) {
    const copy = new URL(url.href);
    if (!copy.pathname.endsWith('/'))
        copy.pathname += '/';
    return copy;
}

/**
 * What changes in place when a publish succeeds: indexes, listings, and the signatures of those
 * (InRelease, repomd.xml.asc, SHA256SUMS.asc). Packages, tarballs and drivers, and the detached
 * signatures beside them, are published once under their own names and need no invalidation.
 */
const MUTABLE = ['index', 'listing'];
/** The CDN paths of the objects this run changed in place, each once, sorted. */
function changedPaths(results, store) {
    const published = results.flatMap((result) => result.published);
    const immutable = new Set(published
        .filter((item) => !MUTABLE.includes(item.kind) && item.kind !== 'signature')
        .map((item) => item.path));
    const paths = new Set();
    for (const item of published) {
        const changed = MUTABLE.includes(item.kind) ||
            (item.kind === 'signature' && !immutable.has(item.path.replace(/\.(asc|sig)$/, '')));
        if (changed)
            paths.add(cdnPath(store, item.path));
    }
    return [...paths].sort();
}
/** The path the CDN serves a key under: the key in the bucket (with the store's prefix). */
function cdnPath(store, key) {
    const objectKey = store instanceof S3Store ? store.objectKey(key) : key;
    return `/${objectKey.split('/').map(encodeURIComponent).join('/')}`;
}
/**
 * CloudFront, through the SDK (loaded on first use); credentials from the AWS environment like the
 * s3 store's. `endpoint` is for tests only.
 */
function cloudFront(distributionId, options = {}) {
    let client;
    return {
        name: `CloudFront distribution ${distributionId}`,
        async invalidate(paths) {
            client ??= import('./dist-es-CY6844G3.js').then((cf) => ({
                cf,
                client: new cf.CloudFrontClient({
                    region: 'us-east-1',
                    maxAttempts: 5,
                    ...(options.endpoint ? { endpoint: options.endpoint } : {})
                })
            }));
            const { cf, client: cloudfront } = await client;
            const out = await cloudfront.send(new cf.CreateInvalidationCommand({
                DistributionId: distributionId,
                InvalidationBatch: {
                    CallerReference: `falco-publish-${randomUUID()}`,
                    Paths: { Quantity: paths.length, Items: paths }
                }
            }));
            options.log?.debug(`CloudFront invalidation ${out.Invalidation?.Id}: ${paths.join(' ')}`);
            return out.Invalidation?.Id ?? '';
        }
    };
}

/**
 * Per-key mutual exclusion between processes sharing one directory, built on the one primitive
 * every local filesystem makes atomic: `link()` fails with EEXIST when the name is taken.
 *
 * A lock is a file `<dir>/<sha256 of key>.lock` holding its owner's pid, host and a random token.
 * It is written completely under a private name first and then linked into place, so nobody ever
 * reads a half-written lock. A lock whose owner is dead (same host, pid gone) or that is older
 * than `staleMs` is broken, but only by one waiter at a time: breaking needs the `.break` file,
 * also create-only, and under it the waiter checks that the lock is still the very one it judged
 * stale before removing it. Without that, two waiters that both saw the same dead lock could
 * remove each other's fresh one. (The remaining hole: a process dying inside those few lines
 * leaves a `.break` file that is itself broken by age or dead pid, without a second guard.)
 *
 * The lock files are written, linked, read and removed with synchronous calls. Each is a few
 * microseconds of kernel work on a tiny file, while handing it to libuv's thread pool costs tens
 * of microseconds of thread wake-ups: measured on a 2-core runner, a lock taken and released
 * cost ~650 µs of CPU asynchronously, and a publish takes one for every object it writes.
 * Only the waiting between attempts is asynchronous.
 */
class KeyLocks {
    dir;
    staleMs;
    timeoutMs;
    onBreak;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.staleMs = options.staleMs ?? 30_000;
        this.timeoutMs = options.timeoutMs ?? 120_000;
        this.onBreak = options.onBreak ?? (() => { });
    }
    /** Runs `critical` while holding the lock of `key`; the lock is released even when it throws. */
    async withLock(key, critical) {
        const lockPath = this.pathOf(key);
        const token = await this.acquire(key, lockPath);
        try {
            return await critical();
        }
        finally {
            this.release(lockPath, token);
        }
    }
    pathOf(key) {
        return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.lock`);
    }
    async acquire(key, lockPath) {
        const me = {
            pid: process.pid,
            host: hostname(),
            token: randomUUID(),
            since: Date.now()
        };
        const started = Date.now();
        let delay = 1;
        for (;;) {
            if (place(lockPath, me))
                return me.token;
            const holder = readHolder(lockPath);
            if (holder === undefined)
                continue; // released between our attempt and our look: try again now
            if (this.isStale(holder)) {
                const outcome = this.breakStale(lockPath, holder);
                if (outcome === 'broken')
                    this.onBreak(key, holder);
                if (outcome !== 'wait')
                    continue;
            }
            if (Date.now() - started > this.timeoutMs) {
                throw new Error(`timed out after ${this.timeoutMs} ms waiting for the lock on store key ${key} ` +
                    `(${lockPath}, held by pid ${holder.pid} on ${holder.host}); ` +
                    `if that process is gone, delete the lock file`);
            }
            // Exponential backoff with jitter, capped low: locks are held for a stat and a rename.
            await sleep(delay * (0.5 + Math.random()));
            delay = Math.min(delay * 2, 50);
        }
    }
    release(lockPath, token) {
        // Only remove the lock if it is still ours. It is not when we held it past `staleMs` and a
        // waiter broke it; removing the new holder's lock would let a third process in beside it.
        const holder = readHolder(lockPath);
        if (holder?.token === token)
            removeFileSync(lockPath);
    }
    isStale(holder) {
        if (Date.now() - holder.since > this.staleMs)
            return true;
        return holder.host === hostname() && !isAlive(holder.pid);
    }
    /**
     * Removes `lockPath` if it still is `stale`. 'broken': it was removed; 'retry': something
     * changed (another waiter broke it first, or an abandoned breaker was cleared), look again
     * now; 'wait': another waiter is breaking it, back off.
     */
    breakStale(lockPath, stale) {
        const breakPath = `${lockPath}.break`;
        const breaker = {
            pid: process.pid,
            host: hostname(),
            token: randomUUID(),
            since: Date.now()
        };
        if (!place(breakPath, breaker)) {
            const other = readHolder(breakPath);
            if (other === undefined)
                return 'retry';
            if (!this.isStale(other))
                return 'wait';
            removeFileSync(breakPath);
            return 'retry';
        }
        try {
            const now = readHolder(lockPath);
            if (now?.token !== stale.token)
                return 'retry';
            removeFileSync(lockPath);
            return 'broken';
        }
        finally {
            removeFileSync(breakPath);
        }
    }
}
/** Creates `file` holding `holder`, atomically and only if it does not exist yet. */
function place(file, holder) {
    const draft = `${file}.${holder.token}.draft`;
    try {
        writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' });
    }
    catch (error) {
        if (code(error) !== 'ENOENT')
            throw error;
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' });
    }
    try {
        linkSync(draft, file);
        return true;
    }
    catch (error) {
        if (code(error) === 'EEXIST')
            return false;
        throw error;
    }
    finally {
        removeFileSync(draft);
    }
}
function readHolder(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        if (code(error) === 'ENOENT')
            return undefined;
        throw error;
    }
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
            return {
                pid: parsed.pid,
                host: String(parsed.host ?? ''),
                token: parsed.token,
                since: Number(parsed.since ?? 0)
            };
        }
    }
    catch {
        // Not ours (a lock file written by hand or by something else): judge it by its age alone.
    }
    let since = 0;
    try {
        since = statSync(file).mtimeMs;
    }
    catch {
        // gone or unreadable: as old as can be
    }
    return { pid: 0, host: '', token: `foreign:${text}`, since };
}
/** Whether process `pid` on this host is still running. */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: the process exists but belongs to someone else.
        return code(error) === 'EPERM';
    }
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Deletes a file, one already gone included: a single unlink, where rm() looks first. */
function removeFileSync(file) {
    try {
        unlinkSync(file);
    }
    catch (error) {
        if (code(error) !== 'ENOENT')
            throw error;
    }
}
function code(error) {
    return error?.code;
}

/** Objects are read 1 MiB at a time: an index of megabytes in a few chunks, not hundreds. */
const READ_CHUNK$1 = 1 << 20;
/** Objects listed between turns of the event loop. */
const LIST_BATCH = 256;
/** The store's own files (temporary writes, locks) live here, inside the root, never listed. */
const STATE_DIR = '.falco-publish';
/**
 * A Store on a local directory: the embedded default, and what a web server serves from.
 *
 * Writes stream into a temporary file under `<root>/.falco-publish/tmp/` (same filesystem, so
 * the final rename is atomic), hashing on the way, then rename into place: a reader sees the old
 * object or the new one, never a part. When the bytes reach the disk depends on the object (see
 * `deferred`). A new immutable object (a package, its signature, a content-addressed index) is
 * placed without an fsync; every other write is a barrier: it first syncs every object placed so
 * far without one (16 at a time) and their folders, then fsyncs its own bytes before its rename
 * and its folder after, as every write did before. An index (InRelease, repomd.xml, a listing, a
 * commit) is never on disk before the files it names, and a publish of N packages syncs them in
 * one bounded burst before its commit instead of one after the other.
 *
 * The etag is the file's inode, size and mtime in nanoseconds: a replacement is a new inode, and
 * the mtime is set so that it always moves forward (see `stamp`), so the etag changes on every
 * replacement without reading any content.
 *
 * Preconditions hold between processes on one machine (and on filesystems with atomic link and
 * rename):
 * - `ifNoneMatch: '*'` links the finished temp file to the key; link() fails when the name
 *   exists, so exactly one of several creators wins, and no existing object is ever replaced.
 * - every other change to a key (plain put, `ifMatch` put, delete) happens under the key's lock
 *   (see KeyLocks): `ifMatch` compares the etag and renames while nobody else can change the key,
 *   and a create-only link cannot slip in because the object exists for the whole time.
 * So a compare-and-swap loop never loses an update, and a failed conditional put changes nothing.
 *
 * Metadata calls (stat, link, rename, unlink, mkdir, readdir, utimes) and reads and writes of
 * bytes already in memory are synchronous; fsync, the kernel's copy of kept bytes and streamed
 * bodies are not. A metadata call is microseconds of kernel work, and handing it to libuv's
 * thread pool costs far more than that in thread wake-ups (on a 2-core runner: ~85 µs for an
 * asynchronous stat, ~10 µs for a synchronous one), and a publish makes hundreds of them. What
 * waits on the disk stays off the event loop.
 */
class FileStore {
    location;
    root;
    tmpDir;
    locks;
    baseUrl;
    /** Folders known to exist (see intoPlace). */
    folders = new Set();
    tempMade = false;
    /** New immutable objects placed without an fsync, and their folders: synced by `flush`. */
    unsynced = { files: new Set(), folders: new Set() };
    /** The last flush: a barrier waits for every flush before it (see flush). */
    flushed = Promise.resolve();
    constructor(rootDir, options = {}) {
        this.root = path.resolve(rootDir);
        this.location = pathToFileURL(this.root).href;
        this.tmpDir = path.join(this.root, STATE_DIR, 'tmp');
        this.locks = new KeyLocks(path.join(this.root, STATE_DIR, 'locks'), {
            ...options.lock,
            onBreak: (key, holder) => options.log?.warning(`broke an abandoned lock on store key ${key} in ${this.location} (pid ${holder.pid} on ${holder.host})`)
        });
        this.baseUrl = options.baseUrl === undefined ? undefined : withSlash(options.baseUrl);
    }
    async head(key) {
        const stats = fileStats(this.pathOf(key));
        return stats && info(key, stats);
    }
    async get(key) {
        const file = this.pathOf(key);
        let handle;
        try {
            handle = await open(file, 'r');
        }
        catch (error) {
            if (isAbsent(error))
                return undefined;
            throw error;
        }
        // The open handle keeps reading this version even if the key is replaced meanwhile.
        if (!(await handle.stat()).isFile()) {
            await handle.close();
            return undefined;
        }
        return handle.createReadStream({ highWaterMark: READ_CHUNK$1 });
    }
    /**
     * Size and SHA-256: a file of up to READ_CHUNK in one read (a stream's open, stat, chunks and
     * close cost more than hashing it; verify hashes a dozen indexes after each publish), a larger
     * one as it streams, so a big package neither sits whole in memory nor holds the event loop.
     */
    async digest(key) {
        const stats = fileStats(this.pathOf(key));
        if (!stats)
            return undefined;
        if (stats.size > BigInt(READ_CHUNK$1)) {
            const stream = await this.get(key);
            return stream && sha256Of(stream);
        }
        const bytes = await this.read(key);
        return bytes && { sha256: sha256Hex(bytes), size: bytes.length };
    }
    /** One read into a buffer of the file's size: a few times quicker than a stream's chunks. */
    async read(key, range) {
        let fd;
        try {
            fd = openSync(this.pathOf(key), 'r');
        }
        catch (error) {
            if (isAbsent(error))
                return undefined;
            throw error;
        }
        try {
            const stats = fstatSync(fd);
            if (!stats.isFile())
                return undefined;
            const start = range?.start ?? 0;
            const end = Math.min(range?.end ?? stats.size, stats.size);
            const bytes = Buffer.allocUnsafe(Math.max(0, end - start));
            let at = 0;
            while (at < bytes.length) {
                const bytesRead = readSync(fd, bytes, at, bytes.length - at, start + at);
                if (bytesRead === 0)
                    break;
                at += bytesRead;
            }
            return bytes.subarray(0, at);
        }
        finally {
            closeSync(fd);
        }
    }
    /**
     * The kept bytes are copied by the kernel (copy_file_range, or a reflink where the filesystem
     * shares blocks), never through this process; then the appended bytes are written after them,
     * the file is linked into place, create-only; its bytes are synced at the next barrier (the
     * result is content-addressed: see `deferred`).
     */
    async extend(from, keep, append, to, sha256) {
        const source = this.pathOf(from);
        const dest = this.pathOf(to);
        const precondition = { ifNoneMatch: '*' };
        const existing = fileStats(dest);
        if (existing && !isTorn(existing, keep + byteLength(append)))
            throw new PreconditionFailed(to, precondition);
        const file = this.tempName();
        this.tempFolder();
        try {
            try {
                await copyFile(source, file, constants.COPYFILE_FICLONE);
            }
            catch (error) {
                throw new Error(`cannot extend ${from} into ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`, { cause: error });
            }
            const fd = openSync(file, 'r+');
            let size = keep;
            try {
                if (fstatSync(fd).size < keep)
                    throw new Error(`cannot extend ${from} into ${to} in ${this.location}: ${from} is shorter than ${keep} bytes`);
                ftruncateSync(fd, keep);
                for (const part of append) {
                    writeAll(fd, part, size);
                    size += part.length;
                }
            }
            finally {
                closeSync(fd);
            }
            const stats = stamp(file, undefined);
            const placed = await this.createImmutable(to, dest, file, size);
            if (!placed)
                throw new PreconditionFailed(to, precondition);
            return { key: to, size, sha256, etag: etagOf(stats) };
        }
        finally {
            removeFileSync(file);
        }
    }
    async put(key, body, options = {}) {
        const dest = this.pathOf(key);
        const precondition = options.precondition;
        // contentType is not kept: a file server derives it from the file name.
        if (precondition && !this.holds(dest, precondition) && !this.mayHeal(dest, body, options)) {
            // Fail before streaming a possibly large body that could not be written anyway.
            if (body instanceof Readable)
                body.destroy();
            throw new PreconditionFailed(key, precondition);
        }
        const createOnly = precondition !== undefined && 'ifNoneMatch' in precondition;
        // Advisory: a plain put that finds the key taken is synced after all (under its lock, below).
        const defer = deferred(options) && (createOnly || (!precondition && !fileStats(dest)));
        // Bytes are written as they are: Buffer.from() of a Buffer would copy them first.
        const temp = Buffer.isBuffer(body)
            ? await this.writeBytes(key, body, options.sha256, !defer)
            : typeof body === 'string'
                ? await this.writeBytes(key, Buffer.from(body), options.sha256, !defer)
                : await this.writeTemp(key, body, !defer, options.keepHash);
        // A rename moves the temporary file into place; a link leaves it to be removed.
        let moved = false;
        try {
            let stats;
            if (createOnly && defer) {
                stats = stamp(temp.file, undefined);
                if (!(await this.createImmutable(key, dest, temp.file, temp.size)))
                    throw new PreconditionFailed(key, precondition);
                return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) };
            }
            // A barrier: what this write may name (packages, by-hash indexes) is on disk before it.
            if (!defer)
                await this.flush();
            if (createOnly) {
                stats = stamp(temp.file, undefined);
                if (!this.linkNew(key, dest, temp.file))
                    throw new PreconditionFailed(key, precondition);
            }
            else {
                stats = await this.locks.withLock(key, async () => {
                    const current = fileStats(dest);
                    if (precondition && (!current || etagOf(current) !== precondition.ifMatch)) {
                        throw new PreconditionFailed(key, precondition);
                    }
                    // Replacing a file an index may name: never with bytes not yet on disk.
                    if (current && defer)
                        await fsyncPath(temp.file);
                    const stamped = stamp(temp.file, current);
                    this.intoPlace(key, dest, () => renameSync(temp.file, dest));
                    moved = true;
                    return stamped;
                });
            }
            if (defer)
                this.pending(dest);
            else
                await syncDirectory(path.dirname(dest));
            return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) };
        }
        finally {
            if (!moved)
                removeFileSync(temp.file);
        }
    }
    /**
     * A hard link, taking the key's place like any write (link to a temp name, then rename); a
     * create-only copy links straight to the name, and leaves one that exists as it is.
     */
    async copy(from, to, options = {}) {
        const source = this.pathOf(from);
        const dest = this.pathOf(to);
        if (options.createOnly) {
            const stats = fileStats(source);
            if (!stats)
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`);
            // One that exists holds these bytes (the name is content-addressed). A new link names
            // bytes that may still wait for the next barrier (a by-hash index): so does the link,
            // and when they wait under the source's name, only the link's folder needs syncing.
            await this.createImmutable(to, dest, source, Number(stats.size), this.unsynced.files.has(source));
            return;
        }
        // A barrier: the copied bytes, and what the copy may name, are on disk before it.
        await this.flush();
        const temp = this.tempName();
        this.tempFolder();
        try {
            try {
                linkSync(source, temp);
            }
            catch (error) {
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`, { cause: error });
            }
            await this.locks.withLock(to, async () => this.intoPlace(to, dest, () => renameSync(temp, dest)));
            await syncDirectory(path.dirname(dest));
        }
        finally {
            // Left behind when `to` already was a link to the same file (rename then does nothing).
            removeFileSync(temp);
        }
    }
    async *list(prefix) {
        yield* this.listed(prefix, (file, key) => {
            const stats = fileStats(file);
            return stats && info(key, stats);
        });
    }
    /**
     * Keys, sizes and dates without etags: a plain stat per file, where list() reads bigint stats
     * and spells out the etag. Pruning old index generations lists a repository's whole component
     * folder on every publish (hundreds of by-hash files while they wait out the grace period).
     */
    async *scan(prefix) {
        yield* this.listed(prefix, (file, key) => {
            const stats = statSync(file, { throwIfNoEntry: false });
            return stats?.isFile() ? { key, size: stats.size, modified: stats.mtime } : undefined;
        });
    }
    async *listed(prefix, read) {
        // Only the folder the prefix ends in is read, then everything below it that can match.
        const slash = prefix.lastIndexOf('/');
        const folder = slash <= 0 ? '' : checkKey(prefix.slice(0, slash));
        // A driver folder holds thousands of files: other work gets the event loop between batches.
        let listed = 0;
        for (const object of this.walk(folder, prefix, read)) {
            yield object;
            if (++listed % LIST_BATCH === 0)
                await new Promise((resolve) => setImmediate(resolve));
        }
    }
    async delete(key) {
        const file = this.pathOf(key);
        await this.locks.withLock(key, async () => {
            try {
                unlinkSync(file);
            }
            catch (error) {
                if (isAbsent(error) || code(error) === 'EISDIR')
                    return;
                throw error;
            }
        });
        this.prune(path.dirname(file));
    }
    url(key) {
        const file = this.pathOf(key);
        if (this.baseUrl === undefined)
            return pathToFileURL(file).href;
        return this.baseUrl + key.split('/').map(encodeSegment).join('/');
    }
    pathOf(key) {
        checkKey(key);
        if (key === STATE_DIR || key.startsWith(`${STATE_DIR}/`)) {
            throw new Error(`invalid store key ${JSON.stringify(key)}: ${STATE_DIR}/ is reserved for the temporary and lock files of ${this.location}`);
        }
        return path.join(this.root, ...key.split('/'));
    }
    /** An early, advisory look at the precondition; the binding check happens when renaming. */
    holds(dest, precondition) {
        const current = fileStats(dest);
        return 'ifNoneMatch' in precondition
            ? current === undefined
            : current !== undefined && etagOf(current) === precondition.ifMatch;
    }
    /** A create-only immutable put of bytes in memory over a torn leftover (see createImmutable). */
    mayHeal(dest, body, options) {
        if (!deferred(options) || (typeof body !== 'string' && !Buffer.isBuffer(body)))
            return false;
        const there = fileStats(dest);
        return there !== undefined && isTorn(there, Buffer.byteLength(body));
    }
    /** Bytes in memory: one write (an fsync when `sync`), hashed unless the caller gave the sha256. */
    async writeBytes(key, bytes, sha256, sync) {
        const file = this.tempName();
        try {
            this.tempFolder();
            const fd = openSync(file, 'wx');
            try {
                writeAll(fd, bytes, 0);
                if (sync)
                    await fsyncAsync(fd);
            }
            finally {
                closeSync(fd);
            }
        }
        catch (error) {
            removeFileSync(file);
            throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
        return { file, sha256: sha256 ?? sha256Hex(bytes), size: bytes.length };
    }
    async writeTemp(key, body, sync, keepHash) {
        const file = this.tempName();
        const digest = new Sha256Stream(keepHash);
        try {
            this.tempFolder();
            // flush: fsync before close, so the rename never exposes a file whose bytes are not on disk.
            await pipeline(toStream(body), digest, createWriteStream(file, { flags: 'wx', flush: sync }));
        }
        catch (error) {
            removeFileSync(file);
            throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
        return { file, sha256: digest.sha256, size: digest.size, hashed: digest.hashed };
    }
    /**
     * A fresh name for a temporary file, unique between processes and calls, naming its writer
     * (pid and host) so that the leftovers of a killed run can be told from writes under way.
     */
    tempName() {
        return path.join(this.tmpDir, `${process.pid}@${hostname()}-${randomUUID()}.tmp`);
    }
    /**
     * Links `file` to the key's name, create-only (link() fails when the name exists, so exactly
     * one of several creators wins): false when an object holds the name already.
     */
    linkNew(key, dest, file) {
        let created = true;
        this.intoPlace(key, dest, () => {
            try {
                linkSync(file, dest);
            }
            catch (error) {
                if (code(error) !== 'EEXIST' || !fileStats(dest))
                    throw error;
                created = false;
            }
        });
        return created;
    }
    /**
     * Places a new immutable object (content-addressed: its name says its bytes) without syncing
     * it: false when an object holds the name already. `bytesPending`: `file` is itself waiting
     * for the barrier, synced under its own name, so only the new name's folder is noted. One
     * there that is shorter is the torn leftover of a crash that came before its bytes reached the
     * disk (a name journaled, its blocks not: empty on ext4 and XFS), never another version: it is
     * replaced, synced this time, under the key's lock.
     */
    async createImmutable(key, dest, file, size, bytesPending = false) {
        if (this.linkNew(key, dest, file)) {
            if (bytesPending)
                this.unsynced.folders.add(path.dirname(dest));
            else
                this.pending(dest);
            return true;
        }
        const there = fileStats(dest);
        if (!there || !isTorn(there, size))
            return false;
        const temp = this.tempName();
        this.tempFolder();
        try {
            linkSync(file, temp);
            await fsyncPath(temp);
            await this.locks.withLock(key, async () => {
                const current = fileStats(dest);
                if (current && !isTorn(current, size))
                    return;
                this.intoPlace(key, dest, () => renameSync(temp, dest));
            });
            await syncDirectory(path.dirname(dest));
        }
        finally {
            removeFileSync(temp);
        }
        return true;
    }
    /** Notes an object placed without an fsync, for the next barrier. */
    pending(dest) {
        this.unsynced.files.add(dest);
        this.unsynced.folders.add(path.dirname(dest));
    }
    /**
     * Makes every object placed so far without an fsync durable, with its folder: the barrier that
     * comes before any write that may name them. It waits for the flushes before it (their files
     * may be what the caller's write names) and retries what a failed one left.
     */
    async flush() {
        const run = this.flushed.catch(() => { }).then(() => this.syncPending());
        this.flushed = run;
        return run;
    }
    async syncPending() {
        const { files, folders } = this.unsynced;
        if (files.size === 0 && folders.size === 0)
            return;
        const batch = { files: [...files], folders: [...folders] };
        files.clear();
        folders.clear();
        try {
            // Bounded: one open file per sync in flight, whatever the number of packages.
            await forEachBounded(batch.files, SYNC_CONCURRENCY, fsyncPath);
            await forEachBounded(batch.folders, SYNC_CONCURRENCY, syncDirectory);
        }
        catch (error) {
            for (const file of batch.files)
                files.add(file);
            for (const folder of batch.folders)
                folders.add(folder);
            throw new Error(`cannot sync the new objects of ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
    }
    /** Makes the folder of temporary files, once per store object, and collects what killed runs left there. */
    tempFolder() {
        if (this.tempMade)
            return;
        mkdirSync(this.tmpDir, { recursive: true });
        this.tempMade = true;
        collectAbandoned(this.tmpDir);
    }
    /**
     * Runs `move` into a folder made first, again if a concurrent delete pruned it. A folder this
     * store made or saw is not made again until a move into it finds it gone.
     */
    intoPlace(key, dest, move) {
        const folder = path.dirname(dest);
        for (let attempt = 1;; attempt++) {
            try {
                if (!this.folders.has(folder)) {
                    mkdirSync(folder, { recursive: true });
                    this.folders.add(folder);
                }
                move();
                return;
            }
            catch (error) {
                if (error instanceof PreconditionFailed)
                    throw error;
                this.folders.delete(folder);
                if (code(error) === 'ENOENT' && attempt < 5)
                    continue;
                throw this.placeError(key, error);
            }
        }
    }
    /** Explains the one way a key can be valid and still not fit: files and folders share names. */
    placeError(key, error) {
        const parts = key.split('/');
        for (let i = 1; i < parts.length; i++) {
            const above = parts.slice(0, i).join('/');
            if (fileStats(path.join(this.root, ...parts.slice(0, i)))) {
                return new Error(`cannot write store key ${key} to ${this.location}: ${above} is an object, so it cannot also hold keys below it`, { cause: error });
            }
        }
        if (statSync(path.join(this.root, ...parts), { throwIfNoEntry: false })?.isDirectory()) {
            return new Error(`cannot write store key ${key} to ${this.location}: other keys live under ${key}/, so it cannot also be an object`, { cause: error });
        }
        return new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
            cause: error
        });
    }
    *walk(folder, prefix, read) {
        const dir = path.join(this.root, ...(folder ? folder.split('/') : []));
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        }
        catch (error) {
            if (isAbsent(error))
                return;
            throw error;
        }
        const named = entries
            .filter((entry) => !(folder === '' && entry.name === STATE_DIR))
            .map((entry) => ({ entry, key: folder ? `${folder}/${entry.name}` : entry.name }))
            .filter(({ key }) => isKey(key))
            // Key order is the byte order of the keys, as S3 lists them. A folder sorts as its name
            // plus '/', which is where its keys fall among its siblings: 'a.txt' < 'a/b' < 'a0'.
            .map((item) => ({
            ...item,
            sortAs: Buffer.from(item.entry.isDirectory() ? `${item.key}/` : item.key)
        }))
            .sort((a, b) => Buffer.compare(a.sortAs, b.sortAs));
        // Keys come out in key order; a sub-folder's keys at its place in that order.
        for (const { entry, key } of named) {
            if (entry.isDirectory()) {
                const below = `${key}/`;
                if (below.startsWith(prefix) || prefix.startsWith(below))
                    yield* this.walk(key, prefix, read);
            }
            else if ((entry.isFile() || entry.isSymbolicLink()) && key.startsWith(prefix)) {
                // The folder's path once, then the name: path.join per file was a tenth of a listing.
                // Gone since readdir (a concurrent delete) or a link to a folder: not an object.
                const found = read(dir + path.sep + entry.name, key);
                if (found !== undefined)
                    yield found;
            }
        }
    }
    /** Removes folders left empty by a delete, up to (not including) the root. */
    prune(folder) {
        for (let dir = folder; dir !== this.root && dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
            try {
                rmdirSync(dir);
                this.folders.delete(dir);
            }
            catch (error) {
                if (code(error) === 'ENOENT')
                    continue;
                return; // not empty (ENOTEMPTY, EEXIST): something else still lives there
            }
        }
    }
}
function info(key, stats) {
    return {
        key,
        size: Number(stats.size),
        etag: etagOf(stats),
        modified: new Date(Number(stats.mtimeNs / 1000000n))
    };
}
function etagOf(stats) {
    return `${stats.ino.toString(16)}-${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}`;
}
/**
 * Sets the new file's mtime (which the etag carries) before it takes the key's place, and
 * returns its final stats. Filesystem timestamps come from a coarse clock (milliseconds), and
 * a replaced file's inode number is free to be reused by the next write: two quick same-size
 * writes could otherwise produce the etag of an earlier version and let a stale ifMatch through.
 * So the mtime is the precise time now, and for a replacement at least 1 µs after the mtime of
 * the version it replaces (replacements happen under the key's lock, so this is ordered).
 */
function stamp(file, replacing) {
    const now = (performance.timeOrigin + performance.now()) / 1000;
    // Seconds as a double keep ~0.25 µs of precision today; 1 µs survives the rounding.
    const after = replacing ? Number(replacing.mtimeNs) / 1e9 + 1e-6 : 0;
    const time = Math.max(now, after);
    utimesSync(file, time, time);
    return statSync(file, { bigint: true });
}
/** The stats of a regular file (following links), or undefined when there is none. */
function fileStats(file) {
    try {
        const stats = statSync(file, { bigint: true });
        return stats.isFile() ? stats : undefined;
    }
    catch (error) {
        if (isAbsent(error))
            return undefined;
        throw error;
    }
}
/**
 * A temporary file of another host, or of an older version that did not name its host, is judged
 * by its age alone: no write streams for this long.
 */
const ABANDONED_TEMP_MS = 6 * 60 * 60 * 1000;
/**
 * Removes the temporary files of writers that are gone: those of this host whose process no
 * longer runs, and any not touched for ABANDONED_TEMP_MS. A run killed mid-write leaves its
 * temporary file behind; nothing else would ever remove it.
 */
function collectAbandoned(tmpDir) {
    let names;
    try {
        names = readdirSync(tmpDir);
    }
    catch {
        return;
    }
    const host = hostname();
    for (const name of names) {
        const writer = /^(\d+)@(.+)-[0-9a-f-]{36}\.tmp$/.exec(name);
        const file = path.join(tmpDir, name);
        let gone = writer !== null && writer[2] === host && !isAlive(Number(writer[1]));
        if (!gone) {
            const stats = statSync(file, { throwIfNoEntry: false });
            gone = stats !== undefined && Date.now() - stats.mtimeMs > ABANDONED_TEMP_MS;
        }
        if (gone)
            removeFileSync(file);
    }
}
const folderSyncs = new Map();
/**
 * Makes the renames and links made in `dir` durable (a filesystem that cannot sync folders is
 * left be). Concurrent callers share fsyncs: an fsync covers
 * every change made before it started, so a caller waits for the first one to start after its
 * own call, and a burst of puts into one folder (the by-hash copies of an index) costs one or two
 * fsyncs instead of one each, which the filesystem's journal would otherwise run one by one.
 */
async function syncDirectory(dir) {
    let state = folderSyncs.get(dir);
    if (!state)
        folderSyncs.set(dir, (state = { asked: 0, covered: 0 }));
    const mine = ++state.asked;
    while (state.covered < mine) {
        if (state.running) {
            await state.running;
            continue;
        }
        const covers = state.asked;
        const s = state;
        s.running = fsyncFolder(dir).then(() => {
            s.covered = Math.max(s.covered, covers);
            s.running = undefined;
        });
        await s.running;
    }
    if (!state.running && state.covered === state.asked)
        folderSyncs.delete(dir);
}
async function fsyncFolder(dir) {
    let fd;
    try {
        fd = openSync(dir, 'r');
    }
    catch {
        return;
    }
    try {
        await fsyncAsync(fd);
    }
    catch {
        // EINVAL/EISDIR on filesystems that do not support syncing a directory.
    }
    finally {
        closeSync(fd);
    }
}
/** fsync on the thread pool: it waits on the disk. */
function fsyncAsync(fd) {
    return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}
/**
 * Fsyncs in flight at once at a barrier: enough to keep the disk's queue and libuv's four
 * threads busy (the journal commits concurrent fsyncs together), few enough open files.
 */
const SYNC_CONCURRENCY = 16;
/**
 * Whether a write may be placed without an fsync, synced at the next barrier: an immutable
 * object's name is never reused for other bytes, and only an index (written as a barrier) makes
 * it part of a repository; the caller says so of others (a package's signature).
 */
function deferred(options) {
    return options.lifetime === 'immutable' || options.syncLater === true;
}
/**
 * An immutable object shorter than the bytes its name stands for: torn by a crash that came before
 * its blocks reached the disk (one of another, larger size is another object, left as it is).
 */
function isTorn(stats, size) {
    return stats.size < BigInt(size);
}
function byteLength(parts) {
    return parts.reduce((sum, part) => sum + part.length, 0);
}
/** Fsyncs the file at `file`; one deleted meanwhile needs nothing. */
async function fsyncPath(file) {
    let handle;
    try {
        handle = await open(file, 'r');
    }
    catch (error) {
        if (isAbsent(error))
            return;
        throw error;
    }
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
async function forEachBounded(items, limit, run) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await run(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/** Writes all of `bytes` at `position` (a write may take fewer bytes than it was given). */
function writeAll(fd, bytes, position) {
    for (let at = 0; at < bytes.length;)
        at += writeSync(fd, bytes, at, bytes.length - at, position + at);
}
function toStream(body) {
    if (typeof body === 'string')
        return Readable.from([Buffer.from(body, 'utf8')]);
    if (Buffer.isBuffer(body))
        return Readable.from([body]);
    return body;
}
function isAbsent(error) {
    return code(error) === 'ENOENT' || code(error) === 'ENOTDIR';
}
/** File names that are not valid keys (a backslash, a control character) cannot be addressed. */
function isKey(key) {
    try {
        checkKey(key);
        return true;
    }
    catch {
        return false;
    }
}
function withSlash(baseUrl) {
    let parsed;
    try {
        parsed = new URL(baseUrl);
    }
    catch {
        // fall through to the error below
    }
    if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
        // Whatever precedes an '@' could be a credential: keep it out of the message.
        const shown = baseUrl.replace(/^.*@/, '…@');
        throw new Error(`invalid base URL ${JSON.stringify(shown)} for the file store: expected an http(s) URL such as https://download.example.org/`);
    }
    return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}
/**
 * Percent-encodes what a URL path segment cannot hold, and '+': S3 and the CDNs in front of it read
 * a literal '+' in a path as a space, so the dev versions' build metadata (`0.41.0-15+8c4040b`) is
 * written `%2B`, as Falco's own links and falcoctl write it. Keeps '~', ':' and the like.
 */
function encodeSegment(segment) {
    return segment.replace(/[^A-Za-z0-9\-._~!$&'()*,;=:@]/gu, (c) => encodeURIComponent(c));
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The unfinished hash of a streamed write, when asked for (PutOptions.keepHash). */
function kept(temp) {
    return temp.hashed ? { hashed: temp.hashed } : {};
}

/**
 * nginx's JSON autoindex (`autoindex on; autoindex_format json;`):
 * `[{"name":"a.deb","type":"file","mtime":"Mon, 07 Dec 2026 08:00:00 GMT","size":123}, ...]`.
 * Undefined when the text is not such a listing (an HTML autoindex, an error page).
 */
function parseAutoindex(text) {
    let entries;
    try {
        entries = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!Array.isArray(entries))
        return undefined;
    return entries.map((raw) => {
        const entry = raw;
        return {
            name: String(entry.name),
            folder: entry.type === 'directory',
            size: typeof entry.size === 'number' ? entry.size : 0,
            ...dateOf(entry.mtime)
        };
    });
}
/** The body of a PROPFIND (Depth: 1) asking for what a listing needs, nothing more. */
const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<D:propfind xmlns:D="DAV:"><D:prop>' +
    '<D:resourcetype/><D:getcontentlength/><D:getlastmodified/>' +
    '</D:prop></D:propfind>\n';
/** The XML parser, loaded the first time a server answers PROPFIND: most runs never list that way. */
let parser;
function xmlParser() {
    parser ??= import('./fxp-BUkbEXL4.js').then(({ XMLParser }) => new XMLParser({
        removeNSPrefix: true,
        ignoreAttributes: true,
        parseTagValue: false,
        isArray: (name) => name === 'response' || name === 'propstat'
    }));
    return parser;
}
/**
 * A WebDAV multistatus answer to PROPFIND with Depth: 1 on `folderPath` (the URL path, ending in
 * '/'): the folder's children, the folder itself left out. Hrefs may be absolute URLs or paths,
 * percent-encoded; a collection is a folder. Undefined when the text is not a multistatus.
 */
async function parseMultistatus(text, folderPath) {
    const xml = await xmlParser();
    let doc;
    try {
        doc = xml.parse(text);
    }
    catch {
        return undefined;
    }
    if (!doc.multistatus)
        return undefined;
    const self = decodeURIComponent(folderPath).replace(/\/+$/, '');
    const entries = [];
    for (const response of doc.multistatus.response ?? []) {
        const href = String(response.href ?? '');
        const pathOf = decodeURIComponent(new URL(href, 'http://listing.invalid/').pathname);
        const trimmed = pathOf.replace(/\/+$/, '');
        if (trimmed === self || !trimmed.startsWith(`${self}/`))
            continue;
        const name = trimmed.slice(self.length + 1);
        if (name.includes('/'))
            continue; // a server that answered deeper than asked
        const props = {};
        for (const propstat of response.propstat ?? []) {
            if (!/\s200\s/.test(` ${String(propstat.status ?? '')} `))
                continue;
            Object.assign(props, propstat.prop ?? {});
        }
        const folder = typeof props.resourcetype === 'object' &&
            props.resourcetype !== null &&
            'collection' in props.resourcetype;
        entries.push({
            name,
            folder,
            size: Number(props.getcontentlength ?? 0) || 0,
            ...dateOf(props.getlastmodified)
        });
    }
    return entries;
}
function dateOf(value) {
    if (typeof value !== 'string')
        return {};
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? {} : { modified: date };
}

/**
 * How long a lease collection found without a holder, after our own MKCOL's answer was lost, is
 * given for another publish's holder to appear before the lease is taken as ours.
 */
const LOST_ANSWER_PAUSE_MS = 1_000;
/** The store's own objects (leases) live under this folder of the root and are never listed. */
const HTTP_STATE_DIR = '.falco-publish';
/** Folders listed at once while walking a prefix. */
const LISTING_CONCURRENCY = 8;
/** Objects up to this size have their sha256 as etag (see HttpStore). */
const SMALL_OBJECT = 16 * 1024 * 1024;
/**
 * A Store on a plain HTTP server that takes PUT and DELETE: a WebDAV server (nginx's dav module),
 * an Artifactory or Nexus raw repository.
 *
 * - Uploads stream (chunked when the size is unknown), hashed on the way: a local file is read
 *   once. X-Checksum-Sha256 and X-Checksum-Sha1 (which Artifactory and Nexus check and deploy
 *   by) need the digests before the first byte, so a file is read a second time for them: that
 *   happens only for servers that identify as Artifactory or Nexus (see `checksumHeaders`).
 * - A server answering 409 to a PUT lacks the parent collection: the store creates it with MKCOL
 *   and tries again.
 * - Listing reads nginx's autoindex in JSON (`autoindex on; autoindex_format json;`), else WebDAV
 *   PROPFIND, walking the folders under the prefix: `scan()` returns that alone (keys, sizes,
 *   dates; one request per folder), `list()` also asks head() for each object's etag, so list and
 *   head agree (and may GET small objects, see below).
 * - Etags: nginx's ETag is the mtime in seconds and the size, so two versions of an index written
 *   within a second can share one, and a compare-and-swap on it would lose an update. So the
 *   etag of an object up to SMALL_OBJECT bytes (every index) is its sha256: the server's
 *   X-Checksum-Sha256 when it sends one (Artifactory), else hashed from a GET. Larger objects
 *   (packages, immutable once published) keep the server's ETag.
 * - Conditional puts: such servers ignore If-None-Match and If-Match on PUT, so the store takes a
 *   lease on the key first (a collection under `.falco-publish/leases/`, created with MKCOL,
 *   which fails on an existing collection: an atomic create), compares the etag under it, and
 *   writes. Plain puts take no lease.
 */
class HttpStore {
    options;
    location;
    base;
    headers;
    leases;
    policy;
    collections = new Set();
    /** Whether this server wants checksum headers: settled by the first answer that says. */
    checksums;
    /** How this server lists a folder, once known. */
    listing;
    constructor(base, options = {}) {
        this.options = options;
        const clean = new URL(base.href);
        const username = options.username ?? decodeURIComponent(clean.username);
        const password = options.password ?? decodeURIComponent(clean.password);
        clean.username = '';
        clean.password = '';
        clean.search = '';
        clean.hash = '';
        if (!clean.pathname.endsWith('/'))
            clean.pathname += '/';
        this.base = clean;
        this.location = clean.href.replace(/\/$/, '');
        this.headers = {};
        if (options.token)
            this.headers.authorization = `Bearer ${options.token}`;
        else if (username || password)
            this.headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
        this.policy = options.retry ?? DEFAULT_RETRY;
        this.leases = new Leases({
            create: (name, holder) => this.createLease(name, holder),
            read: (name) => this.readLease(name),
            remove: (name) => this.removeLease(name)
        }, {
            ...options.lease,
            onBreak: (name, holder) => options.log?.warning(`broke an expired lease ${name} in ${this.location}` +
                (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : ''))
        });
    }
    url(key) {
        checkKey(key);
        if (!this.options.baseUrl)
            return this.objectUrl(key).href;
        const base = new URL(this.options.baseUrl);
        if (!base.pathname.endsWith('/'))
            base.pathname += '/';
        return new URL(key.split('/').map(encodeURIComponent).join('/'), base).href;
    }
    async head(key) {
        const response = await this.request('HEAD', this.objectUrl(checkKey(key)));
        response.discard();
        if (!isObject(response))
            return undefined;
        const info = infoOf(key, response);
        if (info.size > SMALL_OBJECT)
            return info;
        const sha256 = response.headers.get('x-checksum-sha256');
        if (sha256 && /^[0-9a-f]{64}$/i.test(sha256))
            return { ...info, etag: contentEtag(sha256) };
        const body = await this.get(key);
        if (!body)
            return undefined;
        const read = await sha256Of(body);
        // Size and digest from the same read: the object may have changed since the HEAD.
        return { ...info, size: read.size, etag: contentEtag(read.sha256) };
    }
    /**
     * The object's bytes as node:http receives them: a 1 GiB package read back (the verify stage,
     * a foreign tarball's adoption) costs half the CPU and memory of fetch's web stream.
     */
    async get(key) {
        const url = this.objectUrl(checkKey(key));
        const response = await this.request('GET', url);
        if (isObject(response))
            return response.body;
        response.discard();
        return undefined;
    }
    /**
     * Size and SHA-256 of an object, hashed as node:http receives it (the verify stage's read of a
     * published package). Each chunk is freed as soon as it is hashed (see `releaseChunk`), so a
     * 1 GiB download holds a few of them, not the ~70 MiB the collector lets pile up on Node 24.
     */
    async digest(key) {
        const response = await this.request('GET', this.objectUrl(checkKey(key)));
        if (!isObject(response)) {
            response.discard();
            return undefined;
        }
        return hashBody(response.body);
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.write(key, body, options);
        return this.leases.conditionalPut(key, body, precondition, (k) => this.head(k), () => this.write(key, body, options));
    }
    async delete(key) {
        const response = await this.request('DELETE', this.objectUrl(checkKey(key)));
        response.discard();
        if (response.ok || response.status === 404 || response.status === 410)
            return;
        throw this.failure('DELETE', key, response);
    }
    async *list(prefix) {
        const keys = (await this.listed(prefix)).map((entry) => entry.key);
        // HEAD in small batches, in order: the etag comes from the same place as head()'s.
        for (let i = 0; i < keys.length; i += 8) {
            const infos = await Promise.all(keys.slice(i, i + 8).map((key) => this.head(key)));
            for (const info of infos)
                if (info)
                    yield info;
        }
    }
    /** The server's folder listings alone: one request per folder, none per object. */
    async *scan(prefix) {
        yield* await this.listed(prefix);
    }
    async listed(prefix) {
        const slash = prefix.lastIndexOf('/');
        const start = slash < 0 ? '' : prefix.slice(0, slash + 1);
        const found = [];
        const limit = pLimit(LISTING_CONCURRENCY);
        const walk = async (folder) => {
            const entries = await limit(() => this.folderEntries(folder));
            const folders = [];
            for (const entry of entries) {
                const key = folder + entry.name;
                if (folder === '' && entry.name === HTTP_STATE_DIR)
                    continue;
                if (entry.folder) {
                    const sub = `${key}/`;
                    if (sub.startsWith(prefix) || prefix.startsWith(sub))
                        folders.push(sub);
                }
                else if (key.startsWith(prefix)) {
                    found.push({
                        key,
                        size: entry.size,
                        ...(entry.modified ? { modified: entry.modified } : {})
                    });
                }
            }
            await Promise.all(folders.map(walk));
        };
        await walk(start);
        return found.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    }
    /**
     * A folder's children: nginx's JSON autoindex, else WebDAV PROPFIND (Depth: 1), which Apache
     * mod_dav, nginx's dav-ext module, Artifactory and Nexus answer. The first answer settles which
     * one this server speaks.
     */
    async folderEntries(folder) {
        const url = folder === '' ? new URL(this.base.href) : this.objectUrl(folder.slice(0, -1));
        if (folder !== '')
            url.pathname += '/';
        if (this.listing !== 'propfind') {
            const response = await this.request('GET', url, { accept: 'application/json' });
            if (response.status === 404) {
                response.discard();
                return [];
            }
            const entries = response.ok ? parseAutoindex(await response.text()) : undefined;
            if (!response.ok)
                response.discard();
            if (entries) {
                this.listing = 'autoindex';
                return entries;
            }
            // A folder holding an index page (index.html) answers the page: PROPFIND may list it.
            if (this.listing === 'autoindex' && !response.ok) {
                throw this.failure('GET', folder || '/', response);
            }
        }
        const response = await this.request('PROPFIND', url, {
            depth: '1',
            'content-type': 'application/xml; charset=utf-8'
        });
        if (response.status === 404) {
            response.discard();
            return [];
        }
        const entries = response.status === 207
            ? await parseMultistatus(await response.text(), url.pathname)
            : undefined;
        if (response.status !== 207)
            response.discard();
        if (!entries) {
            throw new Error(`${this.shown(url)} answered neither a JSON listing nor PROPFIND (${response.status}); ` +
                `the http store lists folders through nginx's autoindex (autoindex on; ` +
                `autoindex_format json;) or WebDAV PROPFIND (nginx: dav_ext_methods PROPFIND;), and ` +
                `a folder holding an index page (index.html) only through PROPFIND`);
        }
        // A server that lists by autoindex keeps doing so: PROPFIND served one folder's index page.
        this.listing ??= 'propfind';
        return entries;
    }
    /**
     * Streams `body` to the key, hashing on the way, unless the caller gives the sha256 of a local
     * file it has just read (then the file is read once here, for sending only).
     */
    async write(key, body, options = {}) {
        const url = this.objectUrl(key);
        const source = await replayable(body);
        const headers = {
            'content-type': options.contentType ?? 'application/octet-stream'
        };
        if (source.size !== undefined)
            headers['content-length'] = String(source.size);
        if (source.sums && (await this.wantsChecksums())) {
            const sums = await source.sums();
            headers['x-checksum-sha256'] = sums.sha256;
            headers['x-checksum-sha1'] = sums.sha1;
        }
        if (!source.replay)
            await this.ensureParents(key); // a one-shot stream cannot be sent twice
        const known = source.file !== undefined ? options.sha256 : undefined;
        for (let created = false;; created = true) {
            let tally = new Tally(known, options.keepHash);
            const response = await this.retrying('PUT', url, source.replay, async () => {
                tally = new Tally(known, options.keepHash);
                return upload(url, { ...this.headers, ...headers }, source, tally);
            });
            if (response.status === 409 && !created) {
                await this.ensureParents(key);
                if (source.replay)
                    continue;
            }
            if (response.status < 200 || response.status > 299)
                throw this.failure('PUT', key, response);
            const { size, sha256, hashed } = tally;
            const kept = hashed ? { hashed } : {};
            if (size <= SMALL_OBJECT)
                return { key, size, sha256, etag: contentEtag(sha256), ...kept };
            const info = await this.head(key);
            if (!info)
                throw new Error(`${this.shown(url)} answered ${response.status} to PUT but is not there`);
            return { key, size, sha256, etag: info.etag, ...kept };
        }
    }
    /**
     * Artifactory and Nexus name themselves in their answers (X-Artifactory-Id, Server: Nexus);
     * with 'auto' one HEAD of the store's root asks, once per store.
     */
    wantsChecksums() {
        const setting = this.options.checksumHeaders ?? 'auto';
        if (setting !== 'auto')
            return Promise.resolve(setting);
        this.checksums ??= this.request('HEAD', new URL(this.base.href)).then(async (response) => {
            response.discard();
            return isArtifactoryOrNexus(response.headers);
        }, () => false // the PUT that follows reports an unreachable server
        );
        return this.checksums;
    }
    /** MKCOL every folder above `key`, from the server's root down (405: it exists already). */
    async ensureParents(key) {
        const segments = this.objectUrl(key).pathname.split('/').slice(1, -1);
        for (let i = 1; i <= segments.length; i++) {
            const url = new URL(this.base.href);
            url.pathname = `/${segments.slice(0, i).join('/')}/`;
            if (this.collections.has(url.pathname))
                continue;
            const response = await this.request('MKCOL', url);
            response.discard();
            if (!response.ok && response.status !== 405)
                throw this.failure('MKCOL', url.pathname, response);
            this.collections.add(url.pathname);
        }
    }
    leaseUrl(name) {
        const url = this.objectUrl(`${HTTP_STATE_DIR}/leases/${name}`);
        url.pathname += '/';
        return url;
    }
    async createLease(name, holder) {
        await this.ensureParents(`${HTTP_STATE_DIR}/leases/${name}`);
        const url = this.leaseUrl(name);
        let sent = 0;
        const response = await this.retrying('MKCOL', url, true, () => {
            sent++;
            return send(url, 'MKCOL', this.headers);
        });
        response.discard();
        const holderKey = `${HTTP_STATE_DIR}/leases/${name}/holder.json`;
        if (response.status === 405 || response.status === 409) {
            // Sent again after an attempt whose answer was lost: that attempt may have made the
            // collection, and then the lease is ours, without a holder, and waiting for it to expire
            // would wait on ourselves. Another publish's lease gets its holder written right after
            // its MKCOL; one still without a holder a moment later is taken as ours.
            if (sent < 2 || (await this.readLease(name)) !== undefined)
                return false;
            await new Promise((resolve) => setTimeout(resolve, LOST_ANSWER_PAUSE_MS));
            if ((await this.head(holderKey)) !== undefined)
                return false;
            this.options.log?.debug(`lease ${name}: MKCOL answered 405 after a lost answer; taking it`);
        }
        else if (!response.ok)
            throw this.failure('MKCOL', `lease ${name}`, response);
        await this.write(holderKey, JSON.stringify(holder));
        return true;
    }
    async readLease(name) {
        const body = await this.get(`${HTTP_STATE_DIR}/leases/${name}/holder.json`);
        if (!body)
            return undefined;
        const chunks = [];
        for await (const chunk of body)
            chunks.push(Buffer.from(chunk));
        return parseHolder(Buffer.concat(chunks).toString('utf8'));
    }
    async removeLease(name) {
        const response = await this.request('DELETE', this.leaseUrl(name));
        response.discard();
        if (!response.ok && response.status !== 404)
            throw this.failure('DELETE', `lease ${name}`, response);
    }
    objectUrl(key) {
        const url = new URL(this.base.href);
        url.pathname += key.split('/').map(encodeURIComponent).join('/');
        return url;
    }
    /** One request without an object's body (HEAD, GET, DELETE, MKCOL, PROPFIND), retried (see `retrying`). */
    async request(method, url, extra = {}) {
        const body = method === 'PROPFIND' ? PROPFIND_BODY : undefined;
        return this.retrying(method, url, true, () => send(url, method, { ...this.headers, ...extra }, body));
    }
    /**
     * Sends through the shared retry policy (backoff with jitter on 429/5xx and dropped
     * connections, honouring Retry-After) when the request can be sent again; a one-shot stream
     * gets one attempt. The last retryable answer is returned as it is, for the caller to report.
     */
    async retrying(method, url, replay, send) {
        const policy = replay ? this.policy : { ...this.policy, attempts: 1 };
        try {
            return await retry(async (attempt) => {
                const response = await send();
                if (isRetryableStatus(response.status) && attempt < policy.attempts) {
                    response.discard?.();
                    throw new RetryableStatus(response.status, this.shown(url), response.headers.get('retry-after') ?? undefined);
                }
                return response;
            }, {
                policy,
                onRetry: (error, attempt, delayMs) => this.options.log?.debug(`${method} ${this.shown(url)}: ${causeOf(error)}; attempt ${attempt + 1} in ${delayMs} ms`),
                // The body's own failure is never cured by sending it again.
                retryable: (error) => !(error instanceof BodyError) && isTransient(error)
            });
        }
        catch (error) {
            if (error instanceof BodyError)
                throw error.cause;
            throw new Error(`${method} ${this.shown(url)} failed: ${causeOf(error)}`);
        }
    }
    failure(method, key, response) {
        const hint = response.status === 401 || response.status === 403
            ? ' (check store-username/store-password or store-token)'
            : '';
        return new Error(`${method} ${this.location}/${key} answered ${response.status} ${response.statusText ?? ''}${hint}`);
    }
    shown(url) {
        const copy = new URL(url.href);
        copy.username = '';
        copy.password = '';
        return copy.href;
    }
}
/** The body's own failure while uploading: not retried, and reported as itself. */
class BodyError extends Error {
    cause;
    constructor(cause) {
        super('the body failed');
        this.cause = cause;
    }
}
/**
 * PUTs a body through node:http, hashing it on the way, with the socket's backpressure all the
 * way to the source: memory stays a few buffers whatever the size.
 */
function upload(url, headers, source, tally) {
    const request = openRequest(url, 'PUT', headers);
    const answered = new Promise((resolve, reject) => {
        request.once('response', (response) => {
            response.resume();
            response.once('end', () => resolve(response));
            response.once('error', reject);
        });
        // Not once: a socket error after the first is emitted here too.
        request.on('error', reject);
    });
    // The server may answer before the digest has flushed (it has all the bytes by then): wait for
    // both, and when the body broke, report the body's error, never retried.
    const sent = (source.file !== undefined
        ? sendFile(source.file, request, tally)
        : sendStream(source.open(), request, tally)).catch((error) => {
        request.destroy();
        throw error;
    });
    return Promise.all([answered, sent]).then(([response]) => answerOf(response), async (error) => {
        // Prefer the body's own error over the connection error it caused.
        const reason = await sent.then(() => error, (sentError) => sentError);
        answered.catch(() => undefined);
        throw reason;
    });
}
async function sendStream(body, request, tally) {
    const counted = new Transform({
        transform(chunk, _encoding, done) {
            tally.update(chunk);
            done(null, chunk);
        },
        flush(done) {
            tally.end();
            done();
        }
    });
    await pipeline(body, counted, request).catch((error) => {
        throw body.errored || counted.errored ? new BodyError(body.errored ?? error) : error;
    });
}
/**
 * Sends a local file, read into a few reused buffers: a read stream's fresh 1 MiB buffer per chunk
 * waits for the collector (a 1 GiB upload: ~40 full collections and 170+ MiB of RSS on Node 24).
 * A buffer is read into again only once the socket's write callback for it has fired: until then
 * the socket may still be sending it, and reading into it sooner would send other bytes.
 */
async function sendFile(file, request, tally) {
    let handle;
    try {
        handle = await open(file, 'r');
    }
    catch (error) {
        throw new BodyError(error);
    }
    const free = [];
    const readNext = async () => {
        const buffer = free.pop() ?? Buffer.allocUnsafe(READ_CHUNK);
        try {
            return { buffer, bytesRead: (await handle.read(buffer, 0, READ_CHUNK, null)).bytesRead };
        }
        catch (error) {
            throw new BodyError(error);
        }
    };
    // One read ahead: the next chunk is read while this one is hashed and sent.
    let next = readNext();
    try {
        for (;;) {
            const { buffer, bytesRead } = await next;
            if (bytesRead === 0)
                break;
            next = readNext();
            const chunk = buffer.subarray(0, bytesRead);
            tally.update(chunk);
            const room = request.write(chunk, (error) => {
                if (!error)
                    free.push(buffer);
            });
            if (!room)
                await until(request, 'drain');
        }
        tally.end();
        request.end();
        await until(request, 'finish');
    }
    finally {
        await next.catch(() => undefined);
        await handle.close();
    }
}
/** Resolves on `event`; rejects on an error, or when the request closes before it. */
async function until(request, event) {
    const stop = new AbortController();
    try {
        await Promise.race([
            once(request, event, { signal: stop.signal }),
            once(request, 'close', { signal: stop.signal }).then(() => {
                throw new Error('the connection closed while sending');
            })
        ]);
    }
    finally {
        stop.abort();
    }
}
function contentEtag(sha256) {
    return `"sha256:${sha256.toLowerCase()}"`;
}
function isObject(response) {
    // A folder answers with a redirect to its slash form (nginx): not an object.
    return response.status === 200;
}
function infoOf(key, response) {
    const modified = response.headers.get('last-modified');
    return {
        key,
        size: Number(response.headers.get('content-length') ?? 0),
        etag: response.headers.get('etag') ?? '',
        ...(modified ? { modified: new Date(modified) } : {})
    };
}
/** Artifactory answers with X-Artifactory-Id (and -Node-Id); Nexus names itself in Server. */
function isArtifactoryOrNexus(headers) {
    return (headers.get('x-artifactory-id') !== null ||
        headers.get('x-artifactory-node-id') !== null ||
        /\b(Artifactory|Nexus)\b/i.test(headers.get('server') ?? ''));
}
/**
 * The size of the bytes sent and their SHA-256, unless the caller knows it already (see `write`);
 * with `keep`, a copy of the unfinished hash too (PutOptions.keepHash).
 */
class Tally {
    known;
    keep;
    size = 0;
    hashed;
    hash;
    digest;
    constructor(known, keep = false) {
        this.known = known;
        this.keep = keep;
        this.hash = known === undefined ? createHash('sha256') : undefined;
    }
    update(chunk) {
        this.size += chunk.length;
        this.hash?.update(chunk);
    }
    end() {
        if (!this.hash || this.digest !== undefined)
            return;
        if (this.keep)
            this.hashed = this.hash.copy();
        this.digest = this.hash.digest('hex');
    }
    get sha256() {
        const sha256 = this.known ?? this.digest;
        if (sha256 === undefined)
            throw new Error('sha256 asked for before the body ended');
        return sha256;
    }
}
/** Local files are read 1 MiB at a time: 16 times fewer chunks through hashes and the socket than the default 64 KiB. */
const READ_CHUNK = 1 << 20;
/** What can be sent again after a failure: bytes in memory and local files; other streams once. */
async function replayable(body) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
        const bytes = Buffer.from(body);
        return {
            open: () => Readable.from([bytes]),
            replay: true,
            size: bytes.length,
            sums: () => Promise.resolve({
                sha256: createHash('sha256').update(bytes).digest('hex'),
                sha1: createHash('sha1').update(bytes).digest('hex')
            })
        };
    }
    const file = unreadFileOf(body);
    if (file !== undefined) {
        body.destroy();
        const { size } = await stat(file);
        return {
            open: () => createReadStream(file, { highWaterMark: READ_CHUNK }),
            replay: true,
            file,
            size,
            sums: () => fileSums(file)
        };
    }
    let used = false;
    return {
        open: () => {
            if (used)
                throw new Error('a streamed body cannot be sent twice');
            used = true;
            return body;
        },
        replay: false
    };
}
async function fileSums(file) {
    const sha256 = createHash('sha256');
    const sha1 = createHash('sha1');
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
        sha256.update(chunk);
        sha1.update(chunk);
    }
    return { sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
}
function causeOf(error) {
    const cause = error.cause;
    return cause?.code ?? cause?.message ?? error.message;
}

const SUPPORTED = ['file://', 's3://', 'https://', 'http:// (loopback only)'];
/** The AWS SDK's credential variables: masked whenever an s3 store is opened. */
const AWS_SECRETS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN'];
/** Opens the Store a `store` URL names (see `storeUrl` in inputs.ts for how the input becomes one). */
function openStore(url, options = {}) {
    const { log, inputs = {} } = options;
    if (url.protocol === 'file:') {
        let dir;
        try {
            dir = fileURLToPath(url);
        }
        catch (error) {
            throw new InputError('store', `${shown(url)} is not a local directory (${error.message}); use file:///absolute/path`);
        }
        checkLocalDirectory(dir, url);
        const store = new FileStore(dir, options);
        log?.debug(`store: local directory ${store.location}`);
        return store;
    }
    if (url.protocol === 's3:') {
        if (url.username || url.password) {
            throw new InputError('store', `${shown(url)}: credentials do not belong in the URL; they come from the AWS environment (aws-actions/configure-aws-credentials)`);
        }
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname)) {
            throw new InputError('store', `${shown(url)}: ${url.hostname} is not an S3 bucket name`);
        }
        for (const name of AWS_SECRETS)
            if (process.env[name])
                log?.secret(process.env[name]);
        const store = new S3Store(url.hostname, decodeURIComponent(url.pathname), {
            endpoint: inputs.s3Endpoint || undefined,
            region: inputs.s3Region || undefined,
            forcePathStyle: inputs.s3ForcePathStyle ?? false,
            acl: inputs.s3Acl || undefined,
            cacheControl: inputs.s3CacheControl && {
                immutable: inputs.s3CacheControl.immutable || undefined,
                short: inputs.s3CacheControl.short || undefined
            },
            baseUrl: options.baseUrl,
            log
        });
        log?.debug(`store: S3 ${store.location}${inputs.s3Endpoint ? ` at ${inputs.s3Endpoint}` : ''}`);
        return store;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') {
        const username = inputs.storeUsername || decodeURIComponent(url.username);
        const password = inputs.storePassword || decodeURIComponent(url.password);
        const token = inputs.storeToken ?? '';
        for (const secret of [password, token])
            if (secret)
                log?.secret(secret);
        if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
            throw new InputError('store', `${shown(url)}: plain http sends credentials and packages unprotected; use https:// (http:// is for 127.0.0.1 and localhost)`);
        }
        const store = new HttpStore(url, {
            username: username || undefined,
            password: password || undefined,
            token: token || undefined,
            checksumHeaders: checksumHeaders(inputs.storeChecksumHeaders),
            baseUrl: options.baseUrl,
            log
        });
        log?.debug(`store: HTTP ${store.location}`);
        return store;
    }
    throw new InputError('store', `unsupported scheme ${url.protocol.replace(/:$/, '')} in ${shown(url)}; supported: ${SUPPORTED.join(', ')}`);
}
function checksumHeaders(input) {
    return input === 'true' ? true : input === 'false' ? false : 'auto';
}
/** Kernel and device file systems: not a place for a repository, and walking them never ends. */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev'];
/**
 * A local store is a directory (or will be created as one) outside the kernel's pseudo file
 * systems; the nearest existing ancestor is resolved, so a symlink cannot lead there either.
 */
function checkLocalDirectory(dir, url) {
    let existing = dir;
    while (!existsSync(existing) && path.dirname(existing) !== existing) {
        existing = path.dirname(existing);
    }
    const real = realpathSync(existing);
    if (PSEUDO_FILESYSTEMS.some((root) => real === root || real.startsWith(`${root}/`))) {
        throw new InputError('store', `${shown(url)} is under ${real}, a kernel file system, not a place to publish; give a directory on disk`);
    }
    if (existing === dir && !statSync(real).isDirectory()) {
        throw new InputError('store', `${shown(url)} is a file, not a directory; give a directory (it is created when missing)`);
    }
}
function isLoopback(host) {
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The URL without user name and password, fit for an error message. */
function shown(url) {
    const copy = new URL(url.href);
    copy.username = '';
    copy.password = '';
    copy.search = '';
    return copy.href;
}

/**
 * The side effects the pipeline is handed, built from the inputs in one place, so the action and the
 * command line cannot drift apart: the GitHub client, the release's git and tag sources, the store
 * (with its credentials and public URL), the CDN and the stages.
 */
function pipelineSeams(inputs, workspace, repository, log) {
    // Octokit is loaded when first asked for: a run that reads no checks and makes no GitHub
    // release (the CLI, a workflow gating by `needs:`) does not pay its ~10 ms of loading.
    let octokit;
    const github = inputs.githubToken
        ? () => (octokit ??= import('./github--Z-yEd9n.js').then(({ createOctokit }) => createOctokit(inputs.githubToken, { log })))
        : undefined;
    return {
        github,
        releaseSources: gitSources(workspace, async () => github && repository ? remoteTags(await github(), repository.owner, repository.repo) : []),
        openStore: storeOpener(inputs, log),
        cdn: inputs.cdnInvalidate ? cloudFront(inputs.cdnInvalidate, { log }) : undefined,
        stages: allStages
    };
}
/** Opens the store a URL names with the inputs' credentials, endpoint and public URL. */
function storeOpener(inputs, log) {
    return (url) => openStore(url, { log, inputs, baseUrl: inputs.publicUrl || undefined });
}

var seams = /*#__PURE__*/Object.freeze({
    __proto__: null,
    pipelineSeams: pipelineSeams,
    storeOpener: storeOpener
});

export { isLatest as a, highestStable as b, classify as c, changedPaths as d, hashBody as e, send as f, seams as g, hasWork as h, isPrerelease as i, nextDevVersion as n, pipelineSeams as p, storeOpener as s, tagVersion as t };
