import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { realpathSync } = __nodeBuiltin('node:fs');
const { readFile, mkdtemp, writeFile, mkdir } = __nodeBuiltin('node:fs/promises');
const os = __nodeBuiltin('node:os');
const path = __nodeBuiltin('node:path');
const { pathToFileURL } = __nodeBuiltin('node:url');
import { I as INPUT_DEFAULTS, r as readInputs, i as inputSecrets, s as storeUrl } from './inputs-FU9e9tRC.js';
import { r as runCommand } from './exec-DWS1DOXp.js';
import { m as isMetadata, n as formatBytes } from './package-m0x3kU6p.js';
import { m as mark, t as timingLine } from './retry-CU8D-t2X.js';

/**
 * Command-line flags. Every action input is a flag of the same name (`--store`, `--dry-run`, …);
 * a few more give the workflow context that GitHub would otherwise provide.
 */
const CONTEXT_FLAGS = [
    'event',
    'ref',
    'sha',
    'repository',
    'event-path',
    'workspace',
    'summary',
    'published-file'
];
const SWITCHES = ['verbose', 'help'];
const INPUT_NAMES = [...Object.keys(INPUT_DEFAULTS), 'github-token'];
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** Parses `[command] --name value --name=value --bool`; a boolean input may be given without a value. */
function parseArgs(argv, commands) {
    const args = {
        command: 'publish',
        inputs: new Map(),
        context: new Map(),
        verbose: false,
        help: false,
        version: false
    };
    let index = 0;
    if (argv[0] === 'help') {
        args.help = true;
        return args;
    }
    // `--version` is also the input naming the release's version: alone, it asks for ours.
    if ((argv.length === 1 && argv[0] === '--version') || argv.includes('-V')) {
        args.version = true;
        return args;
    }
    if (argv[0] !== undefined && !argv[0].startsWith('-')) {
        if (!commands.includes(argv[0])) {
            throw new UsageError(`unknown command ${JSON.stringify(argv[0])}${didYouMean(argv[0], commands, '')}; commands: ${commands.join(', ')}`);
        }
        args.command = argv[0];
        index = 1;
    }
    for (; index < argv.length; index++) {
        const arg = argv[index];
        if (arg === '-h') {
            args.help = true;
            continue;
        }
        const match = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
        if (!match)
            throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; flags look like --store public`);
        const [, name, inline] = match;
        if (SWITCHES.includes(name)) {
            args[name] = inline === undefined || inline === 'true';
            continue;
        }
        const isInput = INPUT_NAMES.includes(name);
        if (!isInput && !CONTEXT_FLAGS.includes(name)) {
            const flags = [...INPUT_NAMES, ...CONTEXT_FLAGS, ...SWITCHES];
            throw new UsageError(`unknown flag --${name}${didYouMean(name, flags, '--')}; see --help`);
        }
        let value = inline;
        if (value === undefined) {
            const next = argv[index + 1];
            // A boolean input may stand alone: `--dry-run` means `--dry-run true`.
            if (next === undefined || next.startsWith('--')) {
                if (!isBooleanInput(name))
                    throw new UsageError(`--${name} needs a value`);
                value = 'true';
            }
            else {
                value = next;
                index++;
            }
        }
        const target = isInput ? args.inputs : args.context;
        // A repeated list input adds lines, as a multi-line YAML value would.
        const previous = target.get(name);
        target.set(name, previous !== undefined && isInput ? `${previous}\n${value}` : value);
    }
    return args;
}
function isBooleanInput(name) {
    const value = INPUT_DEFAULTS[name];
    return value === 'true' || value === 'false';
}
/** ` (did you mean --<closest>?)` when a known name is a typo away from `name`, else nothing. */
function didYouMean(name, known, prefix) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const d = editDistance(name, candidate);
        if (d < bestDistance)
            [best, bestDistance] = [candidate, d];
    }
    // A third of the name, at least one edit and at most three: `--dryrun` finds `--dry-run`,
    // `--foo` finds nothing.
    const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    return best !== undefined && bestDistance <= allowed ? ` (did you mean ${prefix}${best}?)` : '';
}
/** Edits from `a` to `b`: insertions, deletions, substitutions and swaps of two neighbours. */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * The command line's `--help`, rendered from action.yml as the README's tables are: every input
 * is a flag of the same name, so the help lists them all and cannot drift from the action.
 */
/** The workflow context GitHub gives the action, as flags on the command line. */
const CONTEXT_HELP = {
    event: 'push, release, workflow_dispatch, pull_request, ... (default: push)',
    ref: "refs/heads/master, refs/tags/0.40.0, ... (default: the checkout's branch or tag)",
    sha: 'the commit (default: HEAD)',
    'event-path': 'the event payload as JSON',
    repository: 'whose checks gate the publish (default: GITHUB_REPOSITORY or the origin remote)',
    workspace: 'where relative paths start (default: the current directory)',
    summary: 'also write the Markdown job summary there',
    'published-file': 'verify: check what one run published (its published-file output)'
};
const WIDTH = 100;
const COLUMN = 30;
/** The first sentence of an input's description ("e.g." and "i.e." do not end one). */
function firstSentence(text) {
    const flat = text.trim().replace(/\s+/g, ' ');
    const end = /(?<!\be\.g|\bi\.e|\betc)\.(?=\s|$)/.exec(flat);
    return end ? flat.slice(0, end.index + 1) : flat;
}
/** `text` wrapped to the help's width, its lines after the first indented to the column. */
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
            lines.push(line);
            line = word;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines.join(`\n${' '.repeat(indent)}`);
}
/** `  <left>  <text>`, the text wrapped at the column (below the left part when that is long). */
function row(left, text) {
    const head = `  ${left}`;
    const gap = head.length + 2 <= COLUMN ? ' '.repeat(COLUMN - head.length) : `\n${' '.repeat(COLUMN)}`;
    return `${head}${gap}${wrap(text, COLUMN)}`;
}
const isBoolean = (value) => value === 'true' || value === 'false';
function renderHelp(action, commands) {
    const inputs = Object.entries(action.inputs).map(([name, input]) => {
        const flag = isBoolean(input.default) ? `--${name}` : `--${name} <value>`;
        // The token's default is the workflow's; on the command line it is GITHUB_TOKEN (said above).
        const value = input.default === undefined || name === 'github-token' ? '' : input.default;
        const text = firstSentence(input.description);
        return row(flag, value === '' ? text : `${text} (default: ${value})`);
    });
    return [
        'usage: falco-publish [<command>] [--<input> <value> ...]',
        '       falco-publish help | --help | -h | --version (alone) | -V',
        '',
        'Commands:',
        ...commands.map((c) => row(c.name, c.summary.replace(/\s+/g, ' '))),
        '',
        'Inputs: every input of action.yml is a flag of the same name; a boolean flag alone means',
        'true, and a repeated list flag adds lines. A secret can be read from a file rather than the',
        'command line, where other users of the machine could see it: --gpg-private-key @key.asc.',
        '--github-token defaults to the GITHUB_TOKEN environment variable.',
        ...inputs,
        '',
        "Workflow context (default: a push of the local checkout's current branch or tag):",
        ...Object.entries(CONTEXT_HELP).map(([name, text]) => row(`--${name} <value>`, text)),
        row('--verbose', 'debug lines'),
        ''
    ].join('\n');
}

async function git(cwd, ...args) {
    const { code, stdout } = await runCommand('git', args, { cwd });
    return code === 0 ? stdout.trim() : undefined;
}
/**
 * The workflow context outside Actions: from flags when given, otherwise from the local checkout
 * (a push of the current branch, or of the tag HEAD sits on when HEAD is detached at one).
 */
async function localEvent(workspace, flags) {
    const payload = flags.eventPath
        ? JSON.parse(await readFile(flags.eventPath, 'utf8').catch((error) => {
            throw new Error(`--event-path ${flags.eventPath}: ${error.message}`);
        }))
        : {};
    let ref = flags.ref;
    if (!ref) {
        const branch = await git(workspace, 'symbolic-ref', '-q', 'HEAD');
        const tag = branch
            ? undefined
            : await git(workspace, 'describe', '--tags', '--exact-match', 'HEAD');
        ref = branch || (tag ? `refs/tags/${tag}` : '');
    }
    const sha = flags.sha || (await git(workspace, 'rev-parse', 'HEAD')) || '';
    return { eventName: flags.event || 'push', ref, sha, payload };
}
/** `owner/repo` from a flag, GITHUB_REPOSITORY, or the origin remote's URL. */
async function localRepository(workspace, flag) {
    const fromName = (name) => {
        const match = name ? /^([\w.-]+)\/([\w.-]+)$/.exec(name) : null;
        return match ? { owner: match[1], repo: match[2] } : undefined;
    };
    if (flag) {
        const parsed = fromName(flag);
        if (!parsed)
            throw new Error(`--repository ${JSON.stringify(flag)}: expected owner/name`);
        return parsed;
    }
    if (process.env.GITHUB_REPOSITORY)
        return fromName(process.env.GITHUB_REPOSITORY);
    const origin = await git(workspace, 'remote', 'get-url', 'origin');
    const match = origin ? /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(origin) : null;
    return match ? { owner: match[1], repo: match[2] } : undefined;
}
/** Whether the checkout has the history a dev version is computed from. */
async function hasHistory(workspace) {
    return (await git(workspace, 'rev-parse', '--is-shallow-repository')) === 'false';
}

/**
 * The Logger on the command line. Secrets are masked here, since no runner does it for us: every
 * registered value is replaced by *** in every line before it is written.
 */
function consoleLogger(options = {}) {
    const write = options.write ?? ((line) => process.stderr.write(line + '\n'));
    const secrets = new Set();
    // Longest first, so a secret that contains another is masked whole. Sorted once per new
    // secret, not per line: an armoured key registers each of its ~50 lines.
    let longestFirst = [];
    const mask = (text) => {
        let masked = text;
        for (const secret of longestFirst) {
            if (masked.includes(secret))
                masked = masked.split(secret).join('***');
        }
        return masked;
    };
    const emit = (prefix, message) => {
        for (const line of mask(message).split('\n'))
            write(prefix + line);
    };
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    return {
        mask,
        info: (message) => emit(indent(), message),
        debug: (message) => {
            if (options.verbose)
                emit(`${indent()}debug: `, message);
        },
        warning: (message, where) => emit(`${indent()}warning: `, where?.file ? `${where.file}: ${message}` : message),
        error: (message, where) => emit(`${indent()}error: `, where?.file ? `${where.file}: ${message}` : message),
        group: async (name, fn) => {
            emit(indent(), `== ${name}`);
            depth++;
            try {
                return await fn();
            }
            finally {
                depth--;
            }
        },
        secret: (value) => {
            if (value.length === 0 || secrets.has(value))
                return;
            secrets.add(value);
            longestFirst = [...secrets].sort((a, b) => b.length - a.length);
        }
    };
}

/**
 * falco-publish on the command line: the action's pipeline, with inputs as flags and the workflow
 * context from flags or the local git checkout.
 */
/** The commands, in the order `--help` lists them; a new one is one more row. */
const COMMANDS = [
    { name: 'publish', summary: "run the action's pipeline (the default)", run: runPipeline },
    {
        name: 'demo',
        summary: 'publish the sample artifacts of examples/ into ./public as a development release',
        run: async (args, workspace, log) => {
            await demoDefaults(args, workspace, log);
            return runPipeline(args, workspace, log);
        }
    },
    {
        name: 'remove',
        summary: `unpublish the packages matching --remove name=version patterns (wildcards: *) from
      the --channel (dev or stable) apt, dnf and tarball repositories, and re-sign them`,
        run: (args, workspace, log) => maintain('remove', args, workspace, log)
    },
    {
        name: 're-sign',
        summary: `sign every index and package signature of the --channel repositories again with
      --gpg-private-key (several keys during a rotation); no package is uploaded again`,
        run: (args, workspace, log) => maintain('re-sign', args, workspace, log)
    },
    {
        name: 'collect',
        summary: `delete the .deb and .rpm files (and their .asc) of the --channel repositories that
      no index nor pending deletion names (left by a publish stopped before its commit), once older
      than --package-deletion-grace minutes; --dry-run prints them and deletes nothing (unlisted
      tarballs are left for the next publish to adopt)`,
        run: collect
    },
    {
        name: 'drivers-check',
        summary: `parse and validate the driverkit configs of --drivers-config (the folders of
      --driver-versions, or all), write nothing; exit 1 when one is invalid. (To refresh the
      driver listings only, run publish with --shard index.)`,
        run: driversCheck
    },
    {
        name: 'drivers-generate',
        summary: `write a driverkit config into --drivers-config for every kernel of --kernel-list
      that has none, for each of --driver-versions`,
        run: async (args, workspace, log) => (await import('./generate-5XfBEDKz.js')).driversGenerateCommand(args.inputs, workspace, log)
    },
    {
        name: 'drivers-verify',
        summary: `download a driver by falcoctl's URL and check its .sha256 and .asc (flags of its
      own: drivers-verify --help)`,
        own: async (argv) => (await import('./verify-Ib8pMP-7.js')).driversVerifyCommand(argv)
    },
    {
        name: 'push-images',
        summary: `push local images to registries under given tags, outside a release (flags of its
      own: push-images --help)`,
        own: async (argv) => (await import('./commands-Cr-hw7Nh.js')).pushImagesCommand(argv, consoleLogger({ verbose: argv.includes('--verbose') }))
    },
    {
        name: 'verify',
        summary: `check every repository in --store as clients fetch it through --public-url
      (signatures, index hashes, by-hash files, every listed package); exit 1 on a mismatch.
      --published-file <file> (a run's published-file output) checks what that run published
      instead, its drivers and images included`,
        run: verify
    }
];
/**
 * A file of the action's own folder (action.yml, package.json): the folder above src/ when this
 * runs from the sources, two above when it runs from the bundle (dist/chunks/, see cli-start.ts).
 */
async function ownFile(name) {
    const beside = new URL(`../${name}`, import.meta.url);
    return readFile(beside, 'utf8').catch((error) => {
        if (error.code !== 'ENOENT')
            throw error;
        return readFile(new URL(`../../${name}`, import.meta.url), 'utf8');
    });
}
async function help() {
    const { parse } = await import('./index-CLLX3Qm8.js').then(function (n) { return n.i; });
    return renderHelp(parse(await ownFile('action.yml')), COMMANDS);
}
/** Runs one command line; the exit code is returned, not set (tests run it in-process). */
async function main(argv) {
    mark('modules');
    const own = COMMANDS.find((c) => c.name === argv[0])?.own;
    if (own)
        return own(argv.slice(1));
    let args;
    try {
        args = parseArgs(argv, COMMANDS.map((c) => c.name));
    }
    catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`falco-publish: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    if (args.help) {
        process.stdout.write(await help());
        return 0;
    }
    if (args.version) {
        process.stdout.write(`${JSON.parse(await ownFile('package.json')).version}\n`);
        return 0;
    }
    const log = consoleLogger({ verbose: args.verbose || process.env.RUNNER_DEBUG === '1' });
    const workspace = path.resolve(args.context.get('workspace') ?? process.cwd());
    try {
        await readSecretFiles(args, workspace);
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
    const command = COMMANDS.find((c) => c.name === args.command);
    return command.run ? command.run(args, workspace, log) : command.own(argv.slice(1));
}
/** `verify`: the repositories of --store (or what one run published) as clients see them. */
async function verify(args, workspace, log) {
    try {
        const { verifyCommand } = await import('./command-DAfcuCSe.js');
        const inputs = readInputs((name) => args.inputs.get(name));
        return await verifyCommand(inputs, workspace, log, {
            summary: args.context.get('summary'),
            publishedFile: args.context.get('published-file')
        });
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** `publish` (and `demo`, after its defaults): the action's pipeline, run from the command line. */
async function runPipeline(args, workspace, log) {
    // The pipeline's modules load while the inputs are read and git answers; the other commands
    // (push-images, verify, drivers-verify) never load them.
    const modules = import('./cli-pipeline-BHE5gecS.js');
    modules.catch(() => undefined); // awaited below; a failed load is reported there
    try {
        const inputs = readInputs((name) => args.inputs.get(name) ?? (name === 'github-token' ? process.env.GITHUB_TOKEN : undefined));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        // Both at once: each may wait on a git process (the remote's URL; the branch, the commit).
        const [repository, event] = await Promise.all([
            localRepository(workspace, args.context.get('repository')),
            localEvent(workspace, {
                event: args.context.get('event'),
                ref: args.context.get('ref'),
                sha: args.context.get('sha'),
                eventPath: args.context.get('event-path')
            })
        ]);
        const workdir = await mkdtemp(path.join(os.tmpdir(), 'falco-publish-'));
        const { publish, pipelineSeams, renderSummary, outputsWithPublishedFile } = await modules;
        mark('load pipeline');
        const report = await publish({
            inputs,
            event,
            repository,
            workspace,
            workdir,
            log,
            ...pipelineSeams(inputs, workspace, repository, log)
        });
        const summaryFile = args.context.get('summary');
        if (summaryFile)
            await writeFile(summaryFile, log.mask(renderSummary(report)));
        printResult(report, args.command === 'demo', log.mask, await outputsWithPublishedFile(report, workdir, log));
        mark('report');
        log.debug(timingLine());
        return report.error ? 1 : 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** The store the inputs name, opened as the pipeline opens it. */
async function openStoreOf(inputs, workspace, log) {
    const { storeOpener } = await import('./seams-CSjTPMip.js').then(function (n) { return n.g; });
    return storeOpener(inputs, log)(storeUrl(inputs.store, workspace));
}
/** Inputs whose value `@<file>` means the file's content. */
const SECRET_INPUTS = [
    'gpg-private-key',
    'gpg-passphrase',
    'github-token',
    'store-password',
    'store-token'
];
async function readSecretFiles(args, workspace) {
    for (const name of SECRET_INPUTS) {
        const value = args.inputs.get(name);
        if (!value?.startsWith('@'))
            continue;
        const file = path.resolve(workspace, value.slice(1));
        const content = await readFile(file, 'utf8').catch((error) => {
            throw new Error(`--${name} ${value}: ${error.message}`);
        });
        args.inputs.set(name, content.trim());
    }
}
/** `remove` and `re-sign`: repository maintenance on one channel, outside a release. */
async function maintain(command, args, workspace, log) {
    try {
        const inputs = readInputs((name) => args.inputs.get(name));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        const { gpgPrivateKey, gpgPassphrase, remove } = inputs.packaging;
        if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
            throw new Error(`${command} needs --channel dev or --channel stable`);
        }
        if (gpgPrivateKey === '')
            throw new Error(`${command} needs --gpg-private-key (the metadata is signed again)`);
        const options = {
            store: await openStoreOf(inputs, workspace, log),
            channel: inputs.channel,
            gpgPrivateKey,
            gpgPassphrase,
            log,
            dryRun: inputs.dryRun
        };
        const { removePackages, resignRepositories } = await import('./maintenance-BKilKjkf.js');
        const result = await log.group(`${command} (${inputs.channel})`, () => command === 'remove'
            ? removePackages({ ...options, patterns: remove })
            : resignRepositories(options));
        if (result.changes) {
            // A dry run: what a real run writes and deletes; the store was not touched.
            for (const key of result.removed)
                process.stdout.write(`would remove  ${key}\n`);
            for (const key of result.changes.written)
                process.stdout.write(`would write   ${key}\n`);
            for (const key of result.changes.deleted)
                process.stdout.write(`would delete  ${key}\n`);
            process.stdout.write(`dry-run: ${result.changes.written.length} files would be written, ` +
                `${result.changes.deleted.length} deleted; nothing was changed\n`);
            return 0;
        }
        for (const key of result.removed)
            process.stdout.write(`removed  ${key}\n`);
        process.stdout.write(`${result.published.length} files written, ${result.removed.length} removed\n`);
        return 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** `collect`: package files no index names, older than the grace, leave the channel's repositories. */
async function collect(args, workspace, log) {
    try {
        const inputs = readInputs((name) => args.inputs.get(name));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
            throw new Error('collect needs --channel dev or --channel stable');
        }
        const { collectOrphans } = await import('./collect-nndC5lMq.js');
        const channel = inputs.channel;
        const store = await openStoreOf(inputs, workspace, log);
        const result = await log.group(`collect (${channel})`, () => collectOrphans({
            store,
            channel,
            graceMs: inputs.packaging.deletionGraceMinutes * 60_000,
            log,
            dryRun: inputs.dryRun
        }));
        const verb = inputs.dryRun ? 'would delete' : 'deleted';
        for (const key of result.deleted)
            process.stdout.write(`${verb}  ${key}\n`);
        for (const key of result.young)
            process.stdout.write(`kept (young)  ${key}\n`);
        process.stdout.write(`${result.deleted.length} files ${inputs.dryRun ? 'would be deleted' : 'deleted'}, ` +
            `${result.young.length} kept as younger than ${inputs.packaging.deletionGraceMinutes} minutes` +
            `${inputs.dryRun ? '; nothing was changed' : ''}\n`);
        return 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** Validates a drivers build grid without building or writing anything. */
async function driversCheck(args, workspace, log) {
    try {
        const { drivers } = readInputs((name) => args.inputs.get(name));
        if (drivers.config === '')
            throw new Error('drivers-check needs --drivers-config <dir>');
        const { checkDriverConfigs } = await import('./commands-AW6R_UpL.js');
        const grid = await checkDriverConfigs(path.resolve(workspace, drivers.config), drivers.versions);
        for (const warning of grid.warnings)
            log.warning(warning);
        for (const invalid of grid.invalid)
            log.error(invalid.error, { file: invalid.file });
        process.stdout.write(`${grid.configs.length} configs valid, ${grid.invalid.length} invalid, ${grid.warnings.length} warnings\n`);
        return grid.invalid.length > 0 ? 1 : 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** The demo is a dev release of examples/ into ./public, with no GitHub checks to read. */
async function demoDefaults(args, workspace, log) {
    const defaults = {
        store: 'public',
        packages: 'examples/packages/*',
        'require-checks': 'false'
    };
    // The demo's --public-url names where it will be served later: nothing serves it yet to verify.
    if (args.inputs.has('public-url'))
        defaults.verify = 'false';
    for (const [name, value] of Object.entries(defaults))
        if (!args.inputs.has(name))
            args.inputs.set(name, value);
    if (!args.inputs.has('gpg-private-key')) {
        args.inputs.set('gpg-private-key', await demoKey(workspace, log));
    }
    if (!args.context.has('event'))
        args.context.set('event', 'push');
    if (!args.context.has('ref'))
        args.context.set('ref', 'refs/heads/master');
    // A dev version is computed from git history; a checkout without it (a tarball of the sources, a
    // shallow clone) gets a fixed demo version instead of an error.
    if (!args.inputs.has('version') && !(await hasHistory(workspace))) {
        log.info('No git history here: the demo uses version 0.0.0-demo.');
        args.inputs.set('version', '0.0.0-demo');
    }
}
async function demoKey(workspace, log) {
    const file = path.join(workspace, '.falco-publish', 'demo-signing-key.asc');
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing)
        return existing;
    log.info(`Making a throwaway signing key for the demo: ${path.relative(workspace, file)}`);
    const { generateSigningKey } = await import('./openpgp-47fX-gKE.js').then(function (n) { return n.o; });
    const { privateKey } = await generateSigningKey('falco-publish demo');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, privateKey, { mode: 0o600 });
    return privateKey;
}
/** What a person reads: the artifacts themselves, a count of the metadata, and (for the demo) how to use it. */
function printResult(report, demo, mask, outputs) {
    const out = (line = '') => process.stdout.write(mask(line) + '\n');
    if (report.error) {
        process.stderr.write(mask(`falco-publish: ${report.error}\n`));
        if (report.results.some((result) => result.published.length > 0)) {
            out('Published before the failure:');
        }
    }
    const published = report.results.flatMap((result) => result.published);
    if (!report.error && report.release?.channel !== 'none') {
        out(`${report.dryRun ? 'Would publish' : 'Published'} ${report.release?.channel} release ${report.release?.version}:`);
    }
    for (const item of published.filter((item) => !isMetadata(item))) {
        out(`  ${item.kind.padEnd(8)} ${item.path} (${formatBytes(item.size ?? 0)})`);
    }
    const signed = published.filter(isMetadata).length;
    if (signed > 0)
        out(`  and ${signed} indexes, signatures and listings`);
    const skipped = report.plans
        .flatMap((plan) => plan.operations)
        .filter((op) => op.action === 'skip');
    if (!report.error && !report.dryRun && published.length === 0 && skipped.length > 0) {
        out(`  nothing new: ${skipped.length} artifacts were already published with the same bytes`);
    }
    if (demo && !report.error && report.store)
        demoInstructions(new URL(report.store).pathname, out);
    // The outputs, as a later step would read them; `published` is long JSON: see --summary for it.
    out();
    for (const [name, value] of Object.entries(outputs)) {
        out(`${name}=${name === 'published' && !process.env.GITHUB_ACTIONS ? `[${published.length} artifacts]` : value}`);
    }
}
function demoInstructions(root, out) {
    const url = 'http://127.0.0.1:8080/packages';
    out();
    out('Serve it:');
    out(`  python3 -m http.server --directory ${root} 8080`);
    out('apt (as root):');
    out(`  curl -fsSo /etc/apt/keyrings/falco-demo.asc ${url}/repository-key.asc`);
    out(`  echo "deb [signed-by=/etc/apt/keyrings/falco-demo.asc] ${url}/deb-dev stable main" > /etc/apt/sources.list.d/falco-demo.list`);
    out('  apt-get update && apt-get install falco');
    out('dnf (as root; the .repo file reads the directory itself, no server needed):');
    out(`  cp ${root}/packages/rpm-dev/falco-publish.repo /etc/yum.repos.d/ && dnf install falco`);
    out('tarballs:');
    out(`  curl -s ${url}/bin-dev/x86_64/SHA256SUMS`);
}
// Run when this module is the program (node dist/cli.js, or npx through the bin link), not
// when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
    process.exitCode = await main(process.argv.slice(2));
}

export { main };
