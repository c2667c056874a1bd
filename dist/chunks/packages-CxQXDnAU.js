import { createReadStream, promises, createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { p as pLimit } from './index-1_RgLtDn.js';
import * as fs from 'fs';
import { statSync, stat, realpathSync, realpath, readdirSync, readdir } from 'fs';
import { sep, basename, dirname, resolve, normalize, relative, posix, isAbsolute } from 'path';
import { fileURLToPath } from 'url';
import { createRequire } from 'module';
import { g as getDefaultExportFromCjs, c as commonjsGlobal, S as StageError, h as hasWork } from './work-DIV6r4xq.js';
import { b as byCodeUnit, r as retryOnConflict } from './conflict-DsPQJoFG.js';
import { Readable } from 'node:stream';
import events__default from 'events';
import { gunzipSync, gzipSync, crc32, gunzip as gunzip$1 } from 'node:zlib';
import require$$0 from 'stream/web';
import { createHash } from 'node:crypto';
import { s as sha256Of$1, M as MAX_TABLE_ROWS, p as parseRemovePattern } from './summary-CDjaKqhs.js';
import { p as progressLine, l as listOutput } from './outputs-BN3EaEv4.js';
import { clearSign, detachSign, detachSignBinary, loadSigningKeys } from './openpgp-CRjueVWG.js';
import { P as PreconditionFailed } from './store-CbTX16qn.js';
import { promisify } from 'node:util';
import { pipeline } from 'node:stream/promises';

function parseStanzas(text, where) {
    const stanzas = [];
    let current = [];
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    for (const [i, line] of lines.entries()) {
        if (line.trim() === '') {
            if (current.length)
                stanzas.push(current);
            current = [];
            continue;
        }
        if (line.startsWith('#'))
            continue;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (!current.length)
                throw new Error(`${where}:${i + 1}: continuation line outside a field`);
            current[current.length - 1][1] += '\n' + line;
            continue;
        }
        const m = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/.exec(line);
        if (!m)
            throw new Error(`${where}:${i + 1}: not a "Field: value" line: ${JSON.stringify(line.slice(0, 80))}`);
        current.push([m[1], m[2].trimEnd()]);
    }
    if (current.length)
        stanzas.push(current);
    return stanzas;
}
function field(stanza, name) {
    const lower = name.toLowerCase();
    return stanza.find(([f]) => f.toLowerCase() === lower)?.[1];
}
/** Sets (replacing, or appending at the end) a field. */
function setField(stanza, name, value) {
    const lower = name.toLowerCase();
    const out = stanza.filter(([f]) => f.toLowerCase() !== lower);
    out.push([name, value]);
    return out;
}
function renderStanza(stanza) {
    return stanza.map(([f, v]) => `${f}: ${v}\n`).join('');
}

function renderRelease(r) {
    const files = [...r.files].sort((a, b) => byCodeUnit(a.path, b.path));
    const list = (hash) => files
        .map((f) => ` ${f.digests[hash]} ${String(f.digests.size).padStart(16)} ${f.path}\n`)
        .join('');
    return (`Origin: ${r.origin}\n` +
        `Label: ${r.label}\n` +
        `Suite: ${r.suite}\n` +
        `Codename: ${r.codename}\n` +
        `Date: ${r.date.toUTCString().replace('GMT', '+0000')}\n` +
        `Architectures: ${r.architectures.join(' ')}\n` +
        `Components: ${r.components.join(' ')}\n` +
        `Acquire-By-Hash: yes\n` +
        `MD5Sum:\n${list('md5')}` +
        `SHA256:\n${list('sha256')}` +
        `SHA512:\n${list('sha512')}`);
}
/** The cleartext of an InRelease (or a plain Release): the signature is apt's business, not ours. */
function releaseText(signedOrPlain) {
    const m = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----/.exec(signedOrPlain);
    if (!m)
        return signedOrPlain;
    return m[1].replace(/^- /gm, '') + '\n';
}
/** The files a Release lists, with their SHA256 and size. */
function releaseFiles(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const list = stanza ? field(stanza, 'SHA256') : undefined;
    for (const line of (list ?? '').split('\n')) {
        const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line);
        if (m)
            out.set(m[3], { sha256: m[1], size: Number(m[2]) });
    }
    return out;
}
/** Every file a Release lists, with all the digests it gives (so unchanged indexes can be listed again as they are). */
function releaseDigests(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const sections = [
        ['MD5Sum', 'md5'],
        ['SHA1', 'sha1'],
        ['SHA256', 'sha256'],
        ['SHA512', 'sha512']
    ];
    for (const [name, hash] of sections) {
        for (const line of ((stanza && field(stanza, name)) ?? '').split('\n')) {
            const m = /^\s*([0-9a-f]+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
            if (!m)
                continue;
            const d = out.get(m[3]) ?? { size: Number(m[2]), md5: '', sha1: '', sha256: '', sha512: '' };
            d[hash] = m[1];
            out.set(m[3], d);
        }
    }
    return out;
}

//#region rolldown:runtime
var __require = /* @__PURE__ */ createRequire(import.meta.url);

//#endregion
//#region src/utils.ts
function cleanPath(path) {
	let normalized = normalize(path);
	if (normalized.length > 1 && normalized[normalized.length - 1] === sep) normalized = normalized.substring(0, normalized.length - 1);
	return normalized;
}
const SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
	return path.replace(SLASHES_REGEX, separator);
}
const WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
	return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
	const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
	const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
	if (resolvePaths) path = resolve(path);
	if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
	if (path === ".") return "";
	const needsSeperator = path[path.length - 1] !== pathSeparator;
	return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}

//#endregion
//#region src/api/functions/join-path.ts
function joinPathWithBasePath(filename, directoryPath) {
	return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
	return function(filename, directoryPath) {
		const sameRoot = directoryPath.startsWith(root);
		if (sameRoot) return directoryPath.slice(root.length) + filename;
		else return convertSlashes(relative(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
	};
}
function joinPath(filename) {
	return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
	return directoryPath + filename + separator;
}
function build$7(root, options) {
	const { relativePaths, includeBasePath } = options;
	return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}

//#endregion
//#region src/api/functions/push-directory.ts
function pushDirectoryWithRelativePath(root) {
	return function(directoryPath, paths) {
		paths.push(directoryPath.substring(root.length) || ".");
	};
}
function pushDirectoryFilterWithRelativePath(root) {
	return function(directoryPath, paths, filters) {
		const relativePath = directoryPath.substring(root.length) || ".";
		if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
	};
}
const pushDirectory = (directoryPath, paths) => {
	paths.push(directoryPath || ".");
};
const pushDirectoryFilter = (directoryPath, paths, filters) => {
	const path = directoryPath || ".";
	if (filters.every((filter) => filter(path, true))) paths.push(path);
};
const empty$2 = () => {};
function build$6(root, options) {
	const { includeDirs, filters, relativePaths } = options;
	if (!includeDirs) return empty$2;
	if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
	return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}

//#endregion
//#region src/api/functions/push-file.ts
const pushFileFilterAndCount = (filename, _paths, counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) counts.files++;
};
const pushFileFilter = (filename, paths, _counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
const pushFileCount = (_filename, _paths, counts, _filters) => {
	counts.files++;
};
const pushFile = (filename, paths) => {
	paths.push(filename);
};
const empty$1 = () => {};
function build$5(options) {
	const { excludeFiles, filters, onlyCounts } = options;
	if (excludeFiles) return empty$1;
	if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
	else if (onlyCounts) return pushFileCount;
	else return pushFile;
}

//#endregion
//#region src/api/functions/get-array.ts
const getArray = (paths) => {
	return paths;
};
const getArrayGroup = () => {
	return [""].slice(0, 0);
};
function build$4(options) {
	return options.group ? getArrayGroup : getArray;
}

//#endregion
//#region src/api/functions/group-files.ts
const groupFiles = (groups, directory, files) => {
	groups.push({
		directory,
		files,
		dir: directory
	});
};
const empty = () => {};
function build$3(options) {
	return options.group ? groupFiles : empty;
}

//#endregion
//#region src/api/functions/resolve-symlink.ts
const resolveSymlinksAsync = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	fs.realpath(path, (error, resolvedPath) => {
		if (error) return queue.dequeue(suppressErrors ? null : error, state);
		fs.stat(resolvedPath, (error$1, stat) => {
			if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
			if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
			callback$1(stat, resolvedPath);
			queue.dequeue(null, state);
		});
	});
};
const resolveSymlinks = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	try {
		const resolvedPath = fs.realpathSync(path);
		const stat = fs.statSync(resolvedPath);
		if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return;
		callback$1(stat, resolvedPath);
	} catch (e) {
		if (!suppressErrors) throw e;
	}
};
function build$2(options, isSynchronous) {
	if (!options.resolveSymlinks || options.excludeSymlinks) return null;
	return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
	if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
	let parent = dirname(path);
	let depth = 1;
	while (parent !== state.root && depth < 2) {
		const resolvedPath = state.symlinks.get(parent);
		const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
		if (isSameRoot) depth++;
		else parent = dirname(parent);
	}
	state.symlinks.set(path, resolved);
	return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
	return state.visited.includes(resolved + state.options.pathSeparator);
}

//#endregion
//#region src/api/functions/invoke-callback.ts
const onlyCountsSync = (state) => {
	return state.counts;
};
const groupsSync = (state) => {
	return state.groups;
};
const defaultSync = (state) => {
	return state.paths;
};
const limitFilesSync = (state) => {
	return state.paths.slice(0, state.options.maxFiles);
};
const onlyCountsAsync = (state, error, callback$1) => {
	report(error, callback$1, state.counts, state.options.suppressErrors);
	return null;
};
const defaultAsync = (state, error, callback$1) => {
	report(error, callback$1, state.paths, state.options.suppressErrors);
	return null;
};
const limitFilesAsync = (state, error, callback$1) => {
	report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
	return null;
};
const groupsAsync = (state, error, callback$1) => {
	report(error, callback$1, state.groups, state.options.suppressErrors);
	return null;
};
function report(error, callback$1, output, suppressErrors) {
	if (error && !suppressErrors) callback$1(error, output);
	else callback$1(null, output);
}
function build$1(options, isSynchronous) {
	const { onlyCounts, group, maxFiles } = options;
	if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
	else if (group) return isSynchronous ? groupsSync : groupsAsync;
	else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
	else return isSynchronous ? defaultSync : defaultAsync;
}

//#endregion
//#region src/api/functions/walk-directory.ts
const readdirOpts = { withFileTypes: true };
const walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	state.queue.enqueue();
	if (currentDepth < 0) return state.queue.dequeue(null, state);
	const { fs } = state;
	state.visited.push(crawlPath);
	state.counts.directories++;
	fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
		callback$1(entries, directoryPath, currentDepth);
		state.queue.dequeue(state.options.suppressErrors ? null : error, state);
	});
};
const walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	const { fs } = state;
	if (currentDepth < 0) return;
	state.visited.push(crawlPath);
	state.counts.directories++;
	let entries = [];
	try {
		entries = fs.readdirSync(crawlPath || ".", readdirOpts);
	} catch (e) {
		if (!state.options.suppressErrors) throw e;
	}
	callback$1(entries, directoryPath, currentDepth);
};
function build(isSynchronous) {
	return isSynchronous ? walkSync : walkAsync;
}

//#endregion
//#region src/api/queue.ts
/**
* This is a custom stateless queue to track concurrent async fs calls.
* It increments a counter whenever a call is queued and decrements it
* as soon as it completes. When the counter hits 0, it calls onQueueEmpty.
*/
var Queue = class {
	count = 0;
	constructor(onQueueEmpty) {
		this.onQueueEmpty = onQueueEmpty;
	}
	enqueue() {
		this.count++;
		return this.count;
	}
	dequeue(error, output) {
		if (this.onQueueEmpty && (--this.count <= 0 || error)) {
			this.onQueueEmpty(error, output);
			if (error) {
				output.controller.abort();
				this.onQueueEmpty = void 0;
			}
		}
	}
};

//#endregion
//#region src/api/counter.ts
var Counter = class {
	_files = 0;
	_directories = 0;
	set files(num) {
		this._files = num;
	}
	get files() {
		return this._files;
	}
	set directories(num) {
		this._directories = num;
	}
	get directories() {
		return this._directories;
	}
	/**
	* @deprecated use `directories` instead
	*/
	/* c8 ignore next 3 */
	get dirs() {
		return this._directories;
	}
};

//#endregion
//#region src/api/aborter.ts
/**
* AbortController is not supported on Node 14 so we use this until we can drop
* support for Node 14.
*/
var Aborter = class {
	aborted = false;
	abort() {
		this.aborted = true;
	}
};

//#endregion
//#region src/api/walker.ts
var Walker = class {
	root;
	isSynchronous;
	state;
	joinPath;
	pushDirectory;
	pushFile;
	getArray;
	groupFiles;
	resolveSymlink;
	walkDirectory;
	callbackInvoker;
	constructor(root, options, callback$1) {
		this.isSynchronous = !callback$1;
		this.callbackInvoker = build$1(options, this.isSynchronous);
		this.root = normalizePath(root, options);
		this.state = {
			root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
			paths: [""].slice(0, 0),
			groups: [],
			counts: new Counter(),
			options,
			queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
			symlinks: /* @__PURE__ */ new Map(),
			visited: [""].slice(0, 0),
			controller: new Aborter(),
			fs: options.fs || fs
		};
		this.joinPath = build$7(this.root, options);
		this.pushDirectory = build$6(this.root, options);
		this.pushFile = build$5(options);
		this.getArray = build$4(options);
		this.groupFiles = build$3(options);
		this.resolveSymlink = build$2(options, this.isSynchronous);
		this.walkDirectory = build(this.isSynchronous);
	}
	start() {
		this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
		this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
		return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
	}
	walk = (entries, directoryPath, depth) => {
		const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
		if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
		const files = this.getArray(this.state.paths);
		for (let i = 0; i < entries.length; ++i) {
			const entry = entries[i];
			if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
				const filename = this.joinPath(entry.name, directoryPath);
				this.pushFile(filename, files, this.state.counts, filters);
			} else if (entry.isDirectory()) {
				let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
				if (exclude && exclude(entry.name, path)) continue;
				this.pushDirectory(path, paths, filters);
				this.walkDirectory(this.state, path, path, depth - 1, this.walk);
			} else if (this.resolveSymlink && entry.isSymbolicLink()) {
				let path = joinPathWithBasePath(entry.name, directoryPath);
				this.resolveSymlink(path, this.state, (stat, resolvedPath) => {
					if (stat.isDirectory()) {
						resolvedPath = normalizePath(resolvedPath, this.state.options);
						if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
						this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
					} else {
						resolvedPath = useRealPaths ? resolvedPath : path;
						const filename = basename(resolvedPath);
						const directoryPath$1 = normalizePath(dirname(resolvedPath), this.state.options);
						resolvedPath = this.joinPath(filename, directoryPath$1);
						this.pushFile(resolvedPath, files, this.state.counts, filters);
					}
				});
			}
		}
		this.groupFiles(this.state.groups, directoryPath, files);
	};
};

//#endregion
//#region src/api/async.ts
function promise(root, options) {
	return new Promise((resolve$1, reject) => {
		callback(root, options, (err, output) => {
			if (err) return reject(err);
			resolve$1(output);
		});
	});
}
function callback(root, options, callback$1) {
	let walker = new Walker(root, options, callback$1);
	walker.start();
}

//#endregion
//#region src/api/sync.ts
function sync(root, options) {
	const walker = new Walker(root, options);
	return walker.start();
}

//#endregion
//#region src/builder/api-builder.ts
var APIBuilder = class {
	constructor(root, options) {
		this.root = root;
		this.options = options;
	}
	withPromise() {
		return promise(this.root, this.options);
	}
	withCallback(cb) {
		callback(this.root, this.options, cb);
	}
	sync() {
		return sync(this.root, this.options);
	}
};

//#endregion
//#region src/builder/index.ts
let pm = null;
/* c8 ignore next 6 */
try {
	__require.resolve("picomatch");
	pm = __require("picomatch");
} catch {}
var Builder = class {
	globCache = {};
	options = {
		maxDepth: Infinity,
		suppressErrors: true,
		pathSeparator: sep,
		filters: []
	};
	globFunction;
	constructor(options) {
		this.options = {
			...this.options,
			...options
		};
		this.globFunction = this.options.globFunction;
	}
	group() {
		this.options.group = true;
		return this;
	}
	withPathSeparator(separator) {
		this.options.pathSeparator = separator;
		return this;
	}
	withBasePath() {
		this.options.includeBasePath = true;
		return this;
	}
	withRelativePaths() {
		this.options.relativePaths = true;
		return this;
	}
	withDirs() {
		this.options.includeDirs = true;
		return this;
	}
	withMaxDepth(depth) {
		this.options.maxDepth = depth;
		return this;
	}
	withMaxFiles(limit) {
		this.options.maxFiles = limit;
		return this;
	}
	withFullPaths() {
		this.options.resolvePaths = true;
		this.options.includeBasePath = true;
		return this;
	}
	withErrors() {
		this.options.suppressErrors = false;
		return this;
	}
	withSymlinks({ resolvePaths = true } = {}) {
		this.options.resolveSymlinks = true;
		this.options.useRealPaths = resolvePaths;
		return this.withFullPaths();
	}
	withAbortSignal(signal) {
		this.options.signal = signal;
		return this;
	}
	normalize() {
		this.options.normalizePath = true;
		return this;
	}
	filter(predicate) {
		this.options.filters.push(predicate);
		return this;
	}
	onlyDirs() {
		this.options.excludeFiles = true;
		this.options.includeDirs = true;
		return this;
	}
	exclude(predicate) {
		this.options.exclude = predicate;
		return this;
	}
	onlyCounts() {
		this.options.onlyCounts = true;
		return this;
	}
	crawl(root) {
		return new APIBuilder(root || ".", this.options);
	}
	withGlobFunction(fn) {
		this.globFunction = fn;
		return this;
	}
	/**
	* @deprecated Pass options using the constructor instead:
	* ```ts
	* new fdir(options).crawl("/path/to/root");
	* ```
	* This method will be removed in v7.0
	*/
	/* c8 ignore next 4 */
	crawlWithOptions(root, options) {
		this.options = {
			...this.options,
			...options
		};
		return new APIBuilder(root || ".", this.options);
	}
	glob(...patterns) {
		if (this.globFunction) return this.globWithOptions(patterns);
		return this.globWithOptions(patterns, ...[{ dot: true }]);
	}
	globWithOptions(patterns, ...options) {
		const globFn = this.globFunction || pm;
		/* c8 ignore next 5 */
		if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
		var isMatch = this.globCache[patterns.join("\0")];
		if (!isMatch) {
			isMatch = globFn(patterns, ...options);
			this.globCache[patterns.join("\0")] = isMatch;
		}
		this.options.filters.push((path) => isMatch(path));
		return this;
	}
};

var utils = {};

var constants$1;
var hasRequiredConstants$1;

function requireConstants$1 () {
	if (hasRequiredConstants$1) return constants$1;
	hasRequiredConstants$1 = 1;

	const WIN_SLASH = '\\\\/';
	const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

	const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

	/**
	 * Posix glob regex
	 */

	const DOT_LITERAL = '\\.';
	const PLUS_LITERAL = '\\+';
	const QMARK_LITERAL = '\\?';
	const SLASH_LITERAL = '\\/';
	const ONE_CHAR = '(?=.)';
	const QMARK = '[^/]';
	const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
	const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
	const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
	const NO_DOT = `(?!${DOT_LITERAL})`;
	const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
	const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
	const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
	const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
	const STAR = `${QMARK}*?`;
	const SEP = '/';

	const POSIX_CHARS = {
	  DOT_LITERAL,
	  PLUS_LITERAL,
	  QMARK_LITERAL,
	  SLASH_LITERAL,
	  ONE_CHAR,
	  QMARK,
	  END_ANCHOR,
	  DOTS_SLASH,
	  NO_DOT,
	  NO_DOTS,
	  NO_DOT_SLASH,
	  NO_DOTS_SLASH,
	  QMARK_NO_DOT,
	  STAR,
	  START_ANCHOR,
	  SEP
	};

	/**
	 * Windows glob regex
	 */

	const WINDOWS_CHARS = {
	  ...POSIX_CHARS,

	  SLASH_LITERAL: `[${WIN_SLASH}]`,
	  QMARK: WIN_NO_SLASH,
	  STAR: `${WIN_NO_SLASH}*?`,
	  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
	  NO_DOT: `(?!${DOT_LITERAL})`,
	  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
	  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
	  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
	  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
	  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
	  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
	  SEP: '\\'
	};

	/**
	 * POSIX Bracket Regex
	 */

	const POSIX_REGEX_SOURCE = {
	  __proto__: null,
	  alnum: 'a-zA-Z0-9',
	  alpha: 'a-zA-Z',
	  ascii: '\\x00-\\x7F',
	  blank: ' \\t',
	  cntrl: '\\x00-\\x1F\\x7F',
	  digit: '0-9',
	  graph: '\\x21-\\x7E',
	  lower: 'a-z',
	  print: '\\x20-\\x7E ',
	  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
	  space: ' \\t\\r\\n\\v\\f',
	  upper: 'A-Z',
	  word: 'A-Za-z0-9_',
	  xdigit: 'A-Fa-f0-9'
	};

	constants$1 = {
	  DEFAULT_MAX_EXTGLOB_RECURSION,
	  MAX_LENGTH: 1024 * 64,
	  POSIX_REGEX_SOURCE,

	  // regular expressions
	  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
	  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
	  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
	  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
	  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
	  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

	  // Replace globs with equivalent patterns to reduce parsing time.
	  REPLACEMENTS: {
	    __proto__: null,
	    '***': '*',
	    '**/**': '**',
	    '**/**/**': '**'
	  },

	  // Digits
	  CHAR_0: 48, /* 0 */
	  CHAR_9: 57, /* 9 */

	  // Alphabet chars.
	  CHAR_UPPERCASE_A: 65, /* A */
	  CHAR_LOWERCASE_A: 97, /* a */
	  CHAR_UPPERCASE_Z: 90, /* Z */
	  CHAR_LOWERCASE_Z: 122, /* z */

	  CHAR_LEFT_PARENTHESES: 40, /* ( */
	  CHAR_RIGHT_PARENTHESES: 41, /* ) */

	  CHAR_ASTERISK: 42, /* * */

	  // Non-alphabetic chars.
	  CHAR_AMPERSAND: 38, /* & */
	  CHAR_AT: 64, /* @ */
	  CHAR_BACKWARD_SLASH: 92, /* \ */
	  CHAR_CARRIAGE_RETURN: 13, /* \r */
	  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
	  CHAR_COLON: 58, /* : */
	  CHAR_COMMA: 44, /* , */
	  CHAR_DOT: 46, /* . */
	  CHAR_DOUBLE_QUOTE: 34, /* " */
	  CHAR_EQUAL: 61, /* = */
	  CHAR_EXCLAMATION_MARK: 33, /* ! */
	  CHAR_FORM_FEED: 12, /* \f */
	  CHAR_FORWARD_SLASH: 47, /* / */
	  CHAR_GRAVE_ACCENT: 96, /* ` */
	  CHAR_HASH: 35, /* # */
	  CHAR_HYPHEN_MINUS: 45, /* - */
	  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
	  CHAR_LEFT_CURLY_BRACE: 123, /* { */
	  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
	  CHAR_LINE_FEED: 10, /* \n */
	  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
	  CHAR_PERCENT: 37, /* % */
	  CHAR_PLUS: 43, /* + */
	  CHAR_QUESTION_MARK: 63, /* ? */
	  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
	  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
	  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
	  CHAR_SEMICOLON: 59, /* ; */
	  CHAR_SINGLE_QUOTE: 39, /* ' */
	  CHAR_SPACE: 32, /*   */
	  CHAR_TAB: 9, /* \t */
	  CHAR_UNDERSCORE: 95, /* _ */
	  CHAR_VERTICAL_LINE: 124, /* | */
	  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

	  /**
	   * Create EXTGLOB_CHARS
	   */

	  extglobChars(chars) {
	    return {
	      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
	      '?': { type: 'qmark', open: '(?:', close: ')?' },
	      '+': { type: 'plus', open: '(?:', close: ')+' },
	      '*': { type: 'star', open: '(?:', close: ')*' },
	      '@': { type: 'at', open: '(?:', close: ')' }
	    };
	  },

	  /**
	   * Create GLOB_CHARS
	   */

	  globChars(win32) {
	    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
	  }
	};
	return constants$1;
}

/*global navigator*/

var hasRequiredUtils;

function requireUtils () {
	if (hasRequiredUtils) return utils;
	hasRequiredUtils = 1;
	(function (exports) {

		const {
		  REGEX_BACKSLASH,
		  REGEX_REMOVE_BACKSLASH,
		  REGEX_SPECIAL_CHARS,
		  REGEX_SPECIAL_CHARS_GLOBAL
		} = /*@__PURE__*/ requireConstants$1();

		exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
		exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
		exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
		exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
		exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

		exports.isWindows = () => {
		  if (typeof navigator !== 'undefined' && navigator.platform) {
		    const platform = navigator.platform.toLowerCase();
		    return platform === 'win32' || platform === 'windows';
		  }

		  if (typeof process !== 'undefined' && process.platform) {
		    return process.platform === 'win32';
		  }

		  return false;
		};

		exports.removeBackslashes = str => {
		  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
		    return match === '\\' ? '' : match;
		  });
		};

		exports.escapeLast = (input, char, lastIdx) => {
		  const idx = input.lastIndexOf(char, lastIdx);
		  if (idx === -1) return input;
		  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
		  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
		};

		exports.removePrefix = (input, state = {}) => {
		  let output = input;
		  if (output.startsWith('./')) {
		    output = output.slice(2);
		    state.prefix = './';
		  }
		  return output;
		};

		exports.wrapOutput = (input, state = {}, options = {}) => {
		  const prepend = options.contains ? '' : '^';
		  const append = options.contains ? '' : '$';

		  let output = `${prepend}(?:${input})${append}`;
		  if (state.negated === true) {
		    output = `(?:^(?!${output}).*$)`;
		  }
		  return output;
		};

		exports.basename = (path, { windows } = {}) => {
		  const segs = path.split(windows ? /[\\/]/ : '/');
		  const last = segs[segs.length - 1];

		  if (last === '') {
		    return segs[segs.length - 2];
		  }

		  return last;
		}; 
	} (utils));
	return utils;
}

var scan_1;
var hasRequiredScan;

function requireScan () {
	if (hasRequiredScan) return scan_1;
	hasRequiredScan = 1;

	const utils = /*@__PURE__*/ requireUtils();
	const {
	  CHAR_ASTERISK,             /* * */
	  CHAR_AT,                   /* @ */
	  CHAR_BACKWARD_SLASH,       /* \ */
	  CHAR_COMMA,                /* , */
	  CHAR_DOT,                  /* . */
	  CHAR_EXCLAMATION_MARK,     /* ! */
	  CHAR_FORWARD_SLASH,        /* / */
	  CHAR_LEFT_CURLY_BRACE,     /* { */
	  CHAR_LEFT_PARENTHESES,     /* ( */
	  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
	  CHAR_PLUS,                 /* + */
	  CHAR_QUESTION_MARK,        /* ? */
	  CHAR_RIGHT_CURLY_BRACE,    /* } */
	  CHAR_RIGHT_PARENTHESES,    /* ) */
	  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
	} = /*@__PURE__*/ requireConstants$1();

	const isPathSeparator = code => {
	  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
	};

	const depth = token => {
	  if (token.isPrefix !== true) {
	    token.depth = token.isGlobstar ? Infinity : 1;
	  }
	};

	/**
	 * Quickly scans a glob pattern and returns an object with a handful of
	 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
	 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
	 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
	 *
	 * ```js
	 * const pm = require('picomatch');
	 * console.log(pm.scan('foo/bar/*.js'));
	 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
	 * ```
	 * @param {String} `str`
	 * @param {Object} `options`
	 * @return {Object} Returns an object with tokens and regex source string.
	 * @api public
	 */

	const scan = (input, options) => {
	  const opts = options || {};

	  const length = input.length - 1;
	  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
	  const slashes = [];
	  const tokens = [];
	  const parts = [];

	  let str = input;
	  let index = -1;
	  let start = 0;
	  let lastIndex = 0;
	  let isBrace = false;
	  let isBracket = false;
	  let isGlob = false;
	  let isExtglob = false;
	  let isGlobstar = false;
	  let braceEscaped = false;
	  let backslashes = false;
	  let negated = false;
	  let negatedExtglob = false;
	  let finished = false;
	  let braces = 0;
	  let prev;
	  let code;
	  let token = { value: '', depth: 0, isGlob: false };

	  const eos = () => index >= length;
	  const peek = () => str.charCodeAt(index + 1);
	  const advance = () => {
	    prev = code;
	    return str.charCodeAt(++index);
	  };

	  while (index < length) {
	    code = advance();
	    let next;

	    if (code === CHAR_BACKWARD_SLASH) {
	      backslashes = token.backslashes = true;
	      code = advance();

	      if (code === CHAR_LEFT_CURLY_BRACE) {
	        braceEscaped = true;
	      }
	      continue;
	    }

	    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
	      braces++;

	      while (eos() !== true && (code = advance())) {
	        if (code === CHAR_BACKWARD_SLASH) {
	          backslashes = token.backslashes = true;
	          advance();
	          continue;
	        }

	        if (code === CHAR_LEFT_CURLY_BRACE) {
	          braces++;
	          continue;
	        }

	        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
	          isBrace = token.isBrace = true;
	          isGlob = token.isGlob = true;
	          finished = true;

	          if (scanToEnd === true) {
	            continue;
	          }

	          break;
	        }

	        if (braceEscaped !== true && code === CHAR_COMMA) {
	          isBrace = token.isBrace = true;
	          isGlob = token.isGlob = true;
	          finished = true;

	          if (scanToEnd === true) {
	            continue;
	          }

	          break;
	        }

	        if (code === CHAR_RIGHT_CURLY_BRACE) {
	          braces--;

	          if (braces === 0) {
	            braceEscaped = false;
	            isBrace = token.isBrace = true;
	            finished = true;
	            break;
	          }
	        }
	      }

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }

	    if (code === CHAR_FORWARD_SLASH) {
	      slashes.push(index);
	      tokens.push(token);
	      token = { value: '', depth: 0, isGlob: false };

	      if (finished === true) continue;
	      if (prev === CHAR_DOT && index === (start + 1)) {
	        start += 2;
	        continue;
	      }

	      lastIndex = index + 1;
	      continue;
	    }

	    if (opts.noext !== true) {
	      const isExtglobChar = code === CHAR_PLUS
	        || code === CHAR_AT
	        || code === CHAR_ASTERISK
	        || code === CHAR_QUESTION_MARK
	        || code === CHAR_EXCLAMATION_MARK;

	      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
	        isGlob = token.isGlob = true;
	        isExtglob = token.isExtglob = true;
	        finished = true;
	        if (code === CHAR_EXCLAMATION_MARK && index === start) {
	          negatedExtglob = true;
	        }

	        if (scanToEnd === true) {
	          let parens = 0;

	          while (eos() !== true && (code = advance())) {
	            if (code === CHAR_BACKWARD_SLASH) {
	              backslashes = token.backslashes = true;
	              advance();
	              continue;
	            }

	            if (code === CHAR_LEFT_PARENTHESES) {
	              parens++;
	              continue;
	            }

	            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
	              finished = true;
	              break;
	            }
	          }
	          continue;
	        }
	        break;
	      }
	    }

	    if (code === CHAR_ASTERISK) {
	      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
	      isGlob = token.isGlob = true;
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }
	      break;
	    }

	    if (code === CHAR_QUESTION_MARK) {
	      isGlob = token.isGlob = true;
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }
	      break;
	    }

	    if (code === CHAR_LEFT_SQUARE_BRACKET) {
	      while (eos() !== true && (next = advance())) {
	        if (next === CHAR_BACKWARD_SLASH) {
	          backslashes = token.backslashes = true;
	          advance();
	          continue;
	        }

	        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
	          isBracket = token.isBracket = true;
	          isGlob = token.isGlob = true;
	          finished = true;
	          break;
	        }
	      }

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }

	    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
	      negated = token.negated = true;
	      start++;
	      continue;
	    }

	    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
	      isGlob = token.isGlob = true;

	      if (scanToEnd === true) {
	        let parens = 1;

	        while (eos() !== true && (code = advance())) {
	          if (code === CHAR_BACKWARD_SLASH) {
	            backslashes = token.backslashes = true;
	            advance();
	            continue;
	          }

	          if (code === CHAR_LEFT_PARENTHESES) {
	            parens++;
	            continue;
	          }

	          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
	            finished = true;
	            break;
	          }
	        }
	        continue;
	      }
	      break;
	    }

	    if (isGlob === true) {
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }
	  }

	  if (opts.noext === true) {
	    isExtglob = false;
	    isGlob = false;
	  }

	  let base = str;
	  let prefix = '';
	  let glob = '';

	  if (start > 0) {
	    prefix = str.slice(0, start);
	    str = str.slice(start);
	    lastIndex -= start;
	  }

	  if (base && isGlob === true && lastIndex > 0) {
	    base = str.slice(0, lastIndex);
	    glob = str.slice(lastIndex);
	  } else if (isGlob === true) {
	    base = '';
	    glob = str;
	  } else {
	    base = str;
	  }

	  if (base && base !== '' && base !== '/' && base !== str) {
	    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
	      base = base.slice(0, -1);
	    }
	  }

	  if (opts.unescape === true) {
	    if (glob) glob = utils.removeBackslashes(glob);

	    if (base && backslashes === true) {
	      base = utils.removeBackslashes(base);
	    }
	  }

	  const state = {
	    prefix,
	    input,
	    start,
	    base,
	    glob,
	    isBrace,
	    isBracket,
	    isGlob,
	    isExtglob,
	    isGlobstar,
	    negated,
	    negatedExtglob
	  };

	  if (opts.tokens === true) {
	    state.maxDepth = 0;
	    if (!isPathSeparator(code)) {
	      tokens.push(token);
	    }
	    state.tokens = tokens;
	  }

	  if (opts.parts === true || opts.tokens === true) {
	    let prevIndex;

	    for (let idx = 0; idx < slashes.length; idx++) {
	      const n = prevIndex !== undefined ? prevIndex + 1 : start;
	      const i = slashes[idx];
	      const value = input.slice(n, i);
	      if (opts.tokens) {
	        if (idx === 0 && start !== 0) {
	          tokens[idx].isPrefix = true;
	          tokens[idx].value = prefix;
	        } else {
	          tokens[idx].value = value;
	        }
	        depth(tokens[idx]);
	        state.maxDepth += tokens[idx].depth;
	      }
	      if (i >= start) {
	        parts.push(value);
	        prevIndex = i;
	      }
	    }

	    const n = prevIndex !== undefined ? prevIndex + 1 : start;
	    const value = input.slice(n);
	    parts.push(value);

	    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
	      tokens[tokens.length - 1].value = value;
	      depth(tokens[tokens.length - 1]);
	      state.maxDepth += tokens[tokens.length - 1].depth;
	    }

	    state.slashes = slashes;
	    state.parts = parts;
	  }

	  return state;
	};

	scan_1 = scan;
	return scan_1;
}

var parse_1;
var hasRequiredParse;

function requireParse () {
	if (hasRequiredParse) return parse_1;
	hasRequiredParse = 1;

	const constants = /*@__PURE__*/ requireConstants$1();
	const utils = /*@__PURE__*/ requireUtils();

	/**
	 * Constants
	 */

	const {
	  MAX_LENGTH,
	  POSIX_REGEX_SOURCE,
	  REGEX_NON_SPECIAL_CHARS,
	  REGEX_SPECIAL_CHARS_BACKREF,
	  REPLACEMENTS
	} = constants;

	/**
	 * Helpers
	 */

	const expandRange = (args, options) => {
	  if (typeof options.expandRange === 'function') {
	    return options.expandRange(...args, options);
	  }

	  args.sort();
	  const value = `[${args.join('-')}]`;

	  try {
	    /* eslint-disable-next-line no-new */
	    new RegExp(value);
	  } catch (ex) {
	    return args.map(v => utils.escapeRegex(v)).join('..');
	  }

	  return value;
	};

	/**
	 * Create the message for a syntax error
	 */

	const syntaxError = (type, char) => {
	  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
	};

	const splitTopLevel = input => {
	  const parts = [];
	  let bracket = 0;
	  let paren = 0;
	  let quote = 0;
	  let value = '';
	  let escaped = false;

	  for (const ch of input) {
	    if (escaped === true) {
	      value += ch;
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      value += ch;
	      escaped = true;
	      continue;
	    }

	    if (ch === '"') {
	      quote = quote === 1 ? 0 : 1;
	      value += ch;
	      continue;
	    }

	    if (quote === 0) {
	      if (ch === '[') {
	        bracket++;
	      } else if (ch === ']' && bracket > 0) {
	        bracket--;
	      } else if (bracket === 0) {
	        if (ch === '(') {
	          paren++;
	        } else if (ch === ')' && paren > 0) {
	          paren--;
	        } else if (ch === '|' && paren === 0) {
	          parts.push(value);
	          value = '';
	          continue;
	        }
	      }
	    }

	    value += ch;
	  }

	  parts.push(value);
	  return parts;
	};

	const isPlainBranch = branch => {
	  let escaped = false;

	  for (const ch of branch) {
	    if (escaped === true) {
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      escaped = true;
	      continue;
	    }

	    if (/[?*+@!()[\]{}]/.test(ch)) {
	      return false;
	    }
	  }

	  return true;
	};

	const normalizeSimpleBranch = branch => {
	  let value = branch.trim();
	  let changed = true;

	  while (changed === true) {
	    changed = false;

	    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
	      value = value.slice(2, -1);
	      changed = true;
	    }
	  }

	  if (!isPlainBranch(value)) {
	    return;
	  }

	  return value.replace(/\\(.)/g, '$1');
	};

	const hasRepeatedCharPrefixOverlap = branches => {
	  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

	  for (let i = 0; i < values.length; i++) {
	    for (let j = i + 1; j < values.length; j++) {
	      const a = values[i];
	      const b = values[j];
	      const char = a[0];

	      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
	        continue;
	      }

	      if (a === b || a.startsWith(b) || b.startsWith(a)) {
	        return true;
	      }
	    }
	  }

	  return false;
	};

	const parseRepeatedExtglob = (pattern, requireEnd = true) => {
	  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
	    return;
	  }

	  let bracket = 0;
	  let paren = 0;
	  let quote = 0;
	  let escaped = false;

	  for (let i = 1; i < pattern.length; i++) {
	    const ch = pattern[i];

	    if (escaped === true) {
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      escaped = true;
	      continue;
	    }

	    if (ch === '"') {
	      quote = quote === 1 ? 0 : 1;
	      continue;
	    }

	    if (quote === 1) {
	      continue;
	    }

	    if (ch === '[') {
	      bracket++;
	      continue;
	    }

	    if (ch === ']' && bracket > 0) {
	      bracket--;
	      continue;
	    }

	    if (bracket > 0) {
	      continue;
	    }

	    if (ch === '(') {
	      paren++;
	      continue;
	    }

	    if (ch === ')') {
	      paren--;

	      if (paren === 0) {
	        if (requireEnd === true && i !== pattern.length - 1) {
	          return;
	        }

	        return {
	          type: pattern[0],
	          body: pattern.slice(2, i),
	          end: i
	        };
	      }
	    }
	  }
	};

	const buildCharClassStar = chars => {
	  const source = chars.length === 1
	    ? utils.escapeRegex(chars[0])
	    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

	  return `${source}*`;
	};

	const getStarExtglobSequenceChars = pattern => {
	  let index = 0;
	  const chars = [];

	  while (index < pattern.length) {
	    const match = parseRepeatedExtglob(pattern.slice(index), false);

	    if (!match || match.type !== '*') {
	      return;
	    }

	    const branches = splitTopLevel(match.body).map(branch => branch.trim());
	    if (branches.length !== 1) {
	      return;
	    }

	    const branch = normalizeSimpleBranch(branches[0]);
	    if (!branch || branch.length !== 1) {
	      return;
	    }

	    chars.push(branch);
	    index += match.end + 1;
	  }

	  if (chars.length < 1) {
	    return;
	  }

	  return chars;
	};

	const repeatedExtglobRecursion = pattern => {
	  let depth = 0;
	  let value = pattern.trim();
	  let match = parseRepeatedExtglob(value);

	  while (match) {
	    depth++;
	    value = match.body.trim();
	    match = parseRepeatedExtglob(value);
	  }

	  return depth;
	};

	const analyzeRepeatedExtglob = (body, options) => {
	  if (options.maxExtglobRecursion === false) {
	    return { risky: false };
	  }

	  const max =
	    typeof options.maxExtglobRecursion === 'number'
	      ? options.maxExtglobRecursion
	      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

	  const branches = splitTopLevel(body).map(branch => branch.trim());

	  if (branches.length > 1) {
	    if (
	      branches.some(branch => branch === '') ||
	      branches.some(branch => /^[*?]+$/.test(branch)) ||
	      hasRepeatedCharPrefixOverlap(branches)
	    ) {
	      return { risky: true };
	    }
	  }

	  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
	  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
	  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
	  // characters we can emit one flat, ReDoS-safe character class that preserves the
	  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
	  // every branch but the first.
	  const safeChars = [];
	  let sawStarSequence = false;
	  let combinable = true;

	  for (const branch of branches) {
	    const chars = getStarExtglobSequenceChars(branch);
	    if (chars) {
	      sawStarSequence = true;
	      safeChars.push(...chars);
	      continue;
	    }

	    const literal = normalizeSimpleBranch(branch);
	    if (literal && literal.length === 1) {
	      safeChars.push(literal);
	      continue;
	    }

	    combinable = false;

	    if (repeatedExtglobRecursion(branch) > max) {
	      return { risky: true };
	    }
	  }

	  if (sawStarSequence) {
	    return combinable
	      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
	      : { risky: true };
	  }

	  return { risky: false };
	};

	/**
	 * Parse the given input string.
	 * @param {String} input
	 * @param {Object} options
	 * @return {Object}
	 */

	const parse = (input, options) => {
	  if (typeof input !== 'string') {
	    throw new TypeError('Expected a string');
	  }

	  input = REPLACEMENTS[input] || input;

	  const opts = { ...options };
	  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

	  let len = input.length;
	  if (len > max) {
	    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
	  }

	  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
	  const tokens = [bos];

	  const capture = opts.capture ? '' : '?:';

	  // create constants based on platform, for windows or posix
	  const PLATFORM_CHARS = constants.globChars(opts.windows);
	  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

	  const {
	    DOT_LITERAL,
	    PLUS_LITERAL,
	    SLASH_LITERAL,
	    ONE_CHAR,
	    DOTS_SLASH,
	    NO_DOT,
	    NO_DOT_SLASH,
	    NO_DOTS_SLASH,
	    QMARK,
	    QMARK_NO_DOT,
	    STAR,
	    START_ANCHOR
	  } = PLATFORM_CHARS;

	  const globstar = opts => {
	    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
	  };

	  const nodot = opts.dot ? '' : NO_DOT;
	  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
	  let star = opts.bash === true ? globstar(opts) : STAR;

	  if (opts.capture) {
	    star = `(${star})`;
	  }

	  // minimatch options support
	  if (typeof opts.noext === 'boolean') {
	    opts.noextglob = opts.noext;
	  }

	  const state = {
	    input,
	    index: -1,
	    start: 0,
	    dot: opts.dot === true,
	    consumed: '',
	    output: '',
	    prefix: '',
	    backtrack: false,
	    negated: false,
	    brackets: 0,
	    braces: 0,
	    parens: 0,
	    quotes: 0,
	    globstar: false,
	    tokens
	  };

	  input = utils.removePrefix(input, state);
	  len = input.length;

	  const extglobs = [];
	  const braces = [];
	  const stack = [];
	  let prev = bos;
	  let value;

	  /**
	   * Tokenizing helpers
	   */

	  const eos = () => state.index === len - 1;
	  const peek = state.peek = (n = 1) => input[state.index + n];
	  const advance = state.advance = () => input[++state.index] || '';
	  const remaining = () => input.slice(state.index + 1);
	  const consume = (value = '', num = 0) => {
	    state.consumed += value;
	    state.index += num;
	  };

	  const append = token => {
	    state.output += token.output != null ? token.output : token.value;
	    consume(token.value);
	  };

	  const negate = () => {
	    let count = 1;

	    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
	      advance();
	      state.start++;
	      count++;
	    }

	    if (count % 2 === 0) {
	      return false;
	    }

	    state.negated = true;
	    state.start++;
	    return true;
	  };

	  const increment = type => {
	    state[type]++;
	    stack.push(type);
	  };

	  const decrement = type => {
	    state[type]--;
	    stack.pop();
	  };

	  /**
	   * Push tokens onto the tokens array. This helper speeds up
	   * tokenizing by 1) helping us avoid backtracking as much as possible,
	   * and 2) helping us avoid creating extra tokens when consecutive
	   * characters are plain text. This improves performance and simplifies
	   * lookbehinds.
	   */

	  const push = tok => {
	    if (prev.type === 'globstar') {
	      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
	      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

	      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
	        state.output = state.output.slice(0, -prev.output.length);
	        prev.type = 'star';
	        prev.value = '*';
	        prev.output = star;
	        state.output += prev.output;
	      }
	    }

	    if (extglobs.length && tok.type !== 'paren') {
	      extglobs[extglobs.length - 1].inner += tok.value;
	    }

	    if (tok.value || tok.output) append(tok);
	    if (prev && prev.type === 'text' && tok.type === 'text') {
	      prev.output = (prev.output || prev.value) + tok.value;
	      prev.value += tok.value;
	      return;
	    }

	    tok.prev = prev;
	    tokens.push(tok);
	    prev = tok;
	  };

	  const extglobOpen = (type, value) => {
	    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

	    token.prev = prev;
	    token.parens = state.parens;
	    token.output = state.output;
	    token.startIndex = state.index;
	    token.tokensIndex = tokens.length;
	    const output = (opts.capture ? '(' : '') + token.open;

	    increment('parens');
	    push({ type, value, output: state.output ? '' : ONE_CHAR });
	    push({ type: 'paren', extglob: true, value: advance(), output });
	    extglobs.push(token);
	  };

	  const extglobClose = token => {
	    const literal = input.slice(token.startIndex, state.index + 1);
	    const body = input.slice(token.startIndex + 2, state.index);
	    const analysis = analyzeRepeatedExtglob(body, opts);

	    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
	      const safeOutput = analysis.safeOutput
	        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
	        : undefined;
	      const open = tokens[token.tokensIndex];

	      open.type = 'text';
	      open.value = literal;
	      open.output = safeOutput || utils.escapeRegex(literal);

	      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
	        tokens[i].value = '';
	        tokens[i].output = '';
	        delete tokens[i].suffix;
	      }

	      state.output = token.output + open.output;
	      state.backtrack = true;

	      push({ type: 'paren', extglob: true, value, output: '' });
	      decrement('parens');
	      return;
	    }

	    let output = token.close + (opts.capture ? ')' : '');
	    let rest;

	    if (token.type === 'negate') {
	      let extglobStar = star;

	      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
	        extglobStar = globstar(opts);
	      }

	      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
	        output = token.close = `)$))${extglobStar}`;
	      }

	      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
	        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
	        // In this case, we need to parse the string and use it in the output of the original pattern.
	        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
	        //
	        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
	        const expression = parse(rest, { ...options, fastpaths: false }).output;

	        output = token.close = `)${expression})${extglobStar})`;
	      }

	      if (token.prev.type === 'bos') {
	        state.negatedExtglob = true;
	      }
	    }

	    push({ type: 'paren', extglob: true, value, output });
	    decrement('parens');
	  };

	  /**
	   * Fast paths
	   */

	  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
	    let backslashes = false;

	    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
	      if (first === '\\') {
	        backslashes = true;
	        return m;
	      }

	      if (first === '?') {
	        if (esc) {
	          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
	        }
	        if (index === 0) {
	          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
	        }
	        return QMARK.repeat(chars.length);
	      }

	      if (first === '.') {
	        return DOT_LITERAL.repeat(chars.length);
	      }

	      if (first === '*') {
	        if (esc) {
	          return esc + first + (rest ? star : '');
	        }
	        return star;
	      }
	      return esc ? m : `\\${m}`;
	    });

	    if (backslashes === true) {
	      if (opts.unescape === true) {
	        output = output.replace(/\\/g, '');
	      } else {
	        output = output.replace(/\\+/g, m => {
	          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
	        });
	      }
	    }

	    if (output === input && opts.contains === true) {
	      state.output = input;
	      return state;
	    }

	    state.output = utils.wrapOutput(output, state, options);
	    return state;
	  }

	  /**
	   * Tokenize input until we reach end-of-string
	   */

	  while (!eos()) {
	    value = advance();

	    if (value === '\u0000') {
	      continue;
	    }

	    /**
	     * Escaped characters
	     */

	    if (value === '\\') {
	      const next = peek();

	      if (next === '/' && opts.bash !== true) {
	        continue;
	      }

	      if (next === '.' || next === ';') {
	        continue;
	      }

	      if (!next) {
	        value += '\\';
	        push({ type: 'text', value });
	        continue;
	      }

	      // collapse slashes to reduce potential for exploits
	      const match = /^\\+/.exec(remaining());
	      let slashes = 0;

	      if (match && match[0].length > 2) {
	        slashes = match[0].length;
	        state.index += slashes;
	        if (slashes % 2 !== 0) {
	          value += '\\';
	        }
	      }

	      if (opts.unescape === true) {
	        value = advance();
	      } else {
	        value += advance();
	      }

	      if (state.brackets === 0) {
	        push({ type: 'text', value });
	        continue;
	      }
	    }

	    /**
	     * If we're inside a regex character class, continue
	     * until we reach the closing bracket.
	     */

	    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
	      if (opts.posix !== false && value === ':') {
	        const inner = prev.value.slice(1);
	        if (inner.includes('[')) {
	          prev.posix = true;

	          if (inner.includes(':')) {
	            const idx = prev.value.lastIndexOf('[');
	            const pre = prev.value.slice(0, idx);
	            const rest = prev.value.slice(idx + 2);
	            const posix = POSIX_REGEX_SOURCE[rest];
	            if (posix) {
	              prev.value = pre + posix;
	              state.backtrack = true;
	              advance();

	              if (!bos.output && tokens.indexOf(prev) === 1) {
	                bos.output = ONE_CHAR;
	              }
	              continue;
	            }
	          }
	        }
	      }

	      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
	        value = `\\${value}`;
	      }

	      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
	        value = `\\${value}`;
	      }

	      if (opts.posix === true && value === '!' && prev.value === '[') {
	        value = '^';
	      }

	      prev.value += value;
	      append({ value });
	      continue;
	    }

	    /**
	     * If we're inside a quoted string, continue
	     * until we reach the closing double quote.
	     */

	    if (state.quotes === 1 && value !== '"') {
	      value = utils.escapeRegex(value);
	      prev.value += value;
	      append({ value });
	      continue;
	    }

	    /**
	     * Double quotes
	     */

	    if (value === '"') {
	      state.quotes = state.quotes === 1 ? 0 : 1;
	      if (opts.keepQuotes === true) {
	        push({ type: 'text', value });
	      }
	      continue;
	    }

	    /**
	     * Parentheses
	     */

	    if (value === '(') {
	      increment('parens');
	      push({ type: 'paren', value });
	      continue;
	    }

	    if (value === ')') {
	      if (state.parens === 0 && opts.strictBrackets === true) {
	        throw new SyntaxError(syntaxError('opening', '('));
	      }

	      const extglob = extglobs[extglobs.length - 1];
	      if (extglob && state.parens === extglob.parens + 1) {
	        extglobClose(extglobs.pop());
	        continue;
	      }

	      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
	      decrement('parens');
	      continue;
	    }

	    /**
	     * Square brackets
	     */

	    if (value === '[') {
	      if (opts.nobracket === true || !remaining().includes(']')) {
	        if (opts.nobracket !== true && opts.strictBrackets === true) {
	          throw new SyntaxError(syntaxError('closing', ']'));
	        }

	        value = `\\${value}`;
	      } else {
	        increment('brackets');
	      }

	      push({ type: 'bracket', value });
	      continue;
	    }

	    if (value === ']') {
	      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
	        push({ type: 'text', value, output: `\\${value}` });
	        continue;
	      }

	      if (state.brackets === 0) {
	        if (opts.strictBrackets === true) {
	          throw new SyntaxError(syntaxError('opening', '['));
	        }

	        push({ type: 'text', value, output: `\\${value}` });
	        continue;
	      }

	      decrement('brackets');

	      const prevValue = prev.value.slice(1);
	      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
	        value = `/${value}`;
	      }

	      prev.value += value;
	      append({ value });

	      // when literal brackets are explicitly disabled
	      // assume we should match with a regex character class
	      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
	        continue;
	      }

	      const escaped = utils.escapeRegex(prev.value);
	      state.output = state.output.slice(0, -prev.value.length);

	      // when literal brackets are explicitly enabled
	      // assume we should escape the brackets to match literal characters
	      if (opts.literalBrackets === true) {
	        state.output += escaped;
	        prev.value = escaped;
	        continue;
	      }

	      // when the user specifies nothing, try to match both
	      prev.value = `(${capture}${escaped}|${prev.value})`;
	      state.output += prev.value;
	      continue;
	    }

	    /**
	     * Braces
	     */

	    if (value === '{' && opts.nobrace !== true) {
	      increment('braces');

	      const open = {
	        type: 'brace',
	        value,
	        output: '(',
	        outputIndex: state.output.length,
	        tokensIndex: state.tokens.length
	      };

	      braces.push(open);
	      push(open);
	      continue;
	    }

	    if (value === '}') {
	      const brace = braces[braces.length - 1];

	      if (opts.nobrace === true || !brace) {
	        push({ type: 'text', value, output: value });
	        continue;
	      }

	      let output = ')';

	      if (brace.dots === true) {
	        const arr = tokens.slice();
	        const range = [];

	        for (let i = arr.length - 1; i >= 0; i--) {
	          tokens.pop();
	          if (arr[i].type === 'brace') {
	            break;
	          }
	          if (arr[i].type !== 'dots') {
	            range.unshift(arr[i].value);
	          }
	        }

	        output = expandRange(range, opts);
	        state.backtrack = true;
	      }

	      if (brace.comma !== true && brace.dots !== true) {
	        const out = state.output.slice(0, brace.outputIndex);
	        const toks = state.tokens.slice(brace.tokensIndex);
	        brace.value = brace.output = '\\{';
	        value = output = '\\}';
	        state.output = out;
	        for (const t of toks) {
	          state.output += (t.output || t.value);
	        }
	      }

	      push({ type: 'brace', value, output });
	      decrement('braces');
	      braces.pop();
	      continue;
	    }

	    /**
	     * Pipes
	     */

	    if (value === '|') {
	      if (extglobs.length > 0) {
	        extglobs[extglobs.length - 1].conditions++;
	      }
	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Commas
	     */

	    if (value === ',') {
	      let output = value;

	      const brace = braces[braces.length - 1];
	      if (brace && stack[stack.length - 1] === 'braces') {
	        brace.comma = true;
	        output = '|';
	      }

	      push({ type: 'comma', value, output });
	      continue;
	    }

	    /**
	     * Slashes
	     */

	    if (value === '/') {
	      // if the beginning of the glob is "./", advance the start
	      // to the current index, and don't add the "./" characters
	      // to the state. This greatly simplifies lookbehinds when
	      // checking for BOS characters like "!" and "." (not "./")
	      if (prev.type === 'dot' && state.index === state.start + 1) {
	        state.start = state.index + 1;
	        state.consumed = '';
	        state.output = '';
	        tokens.pop();
	        prev = bos; // reset "prev" to the first token
	        continue;
	      }

	      push({ type: 'slash', value, output: SLASH_LITERAL });
	      continue;
	    }

	    /**
	     * Dots
	     */

	    if (value === '.') {
	      if (state.braces > 0 && prev.type === 'dot') {
	        if (prev.value === '.') prev.output = DOT_LITERAL;
	        const brace = braces[braces.length - 1];
	        prev.type = 'dots';
	        prev.output += value;
	        prev.value += value;
	        brace.dots = true;
	        continue;
	      }

	      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
	        push({ type: 'text', value, output: DOT_LITERAL });
	        continue;
	      }

	      push({ type: 'dot', value, output: DOT_LITERAL });
	      continue;
	    }

	    /**
	     * Question marks
	     */

	    if (value === '?') {
	      const isGroup = prev && prev.value === '(';
	      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        extglobOpen('qmark', value);
	        continue;
	      }

	      if (prev && prev.type === 'paren') {
	        const next = peek();
	        let output = value;

	        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
	          output = `\\${value}`;
	        }

	        push({ type: 'text', value, output });
	        continue;
	      }

	      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
	        push({ type: 'qmark', value, output: QMARK_NO_DOT });
	        continue;
	      }

	      push({ type: 'qmark', value, output: QMARK });
	      continue;
	    }

	    /**
	     * Exclamation
	     */

	    if (value === '!') {
	      if (opts.noextglob !== true && peek() === '(') {
	        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
	          extglobOpen('negate', value);
	          continue;
	        }
	      }

	      if (opts.nonegate !== true && state.index === 0) {
	        negate();
	        continue;
	      }
	    }

	    /**
	     * Plus
	     */

	    if (value === '+') {
	      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        extglobOpen('plus', value);
	        continue;
	      }

	      if ((prev && prev.value === '(') || opts.regex === false) {
	        push({ type: 'plus', value, output: PLUS_LITERAL });
	        continue;
	      }

	      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
	        push({ type: 'plus', value });
	        continue;
	      }

	      push({ type: 'plus', value: PLUS_LITERAL });
	      continue;
	    }

	    /**
	     * Plain text
	     */

	    if (value === '@') {
	      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        push({ type: 'at', extglob: true, value, output: '' });
	        continue;
	      }

	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Plain text
	     */

	    if (value !== '*') {
	      if (value === '$' || value === '^') {
	        value = `\\${value}`;
	      }

	      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
	      if (match) {
	        value += match[0];
	        state.index += match[0].length;
	      }

	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Stars
	     */

	    if (prev && (prev.type === 'globstar' || prev.star === true)) {
	      prev.type = 'star';
	      prev.star = true;
	      prev.value += value;
	      prev.output = star;
	      state.backtrack = true;
	      state.globstar = true;
	      consume(value);
	      continue;
	    }

	    let rest = remaining();
	    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
	      extglobOpen('star', value);
	      continue;
	    }

	    if (prev.type === 'star') {
	      if (opts.noglobstar === true) {
	        consume(value);
	        continue;
	      }

	      const prior = prev.prev;
	      const before = prior.prev;
	      const isStart = prior.type === 'slash' || prior.type === 'bos';
	      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

	      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
	        push({ type: 'star', value, output: '' });
	        continue;
	      }

	      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
	      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
	      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
	        push({ type: 'star', value, output: '' });
	        continue;
	      }

	      // strip consecutive `/**/`
	      while (rest.slice(0, 3) === '/**') {
	        const after = input[state.index + 4];
	        if (after && after !== '/') {
	          break;
	        }
	        rest = rest.slice(3);
	        consume('/**', 3);
	      }

	      // A globstar followed only by balanced closing parens is at the logical end of patterns like
	      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
	      // parent path, except in negated extglobs where that would change the exclusion semantics.
	      const isEnd = eos() || (
	        state.parens > 0
	        && rest === ')'.repeat(state.parens)
	        && !extglobs.some(extglob => extglob.type === 'negate')
	      );

	      if (prior.type === 'bos' && eos()) {
	        prev.type = 'globstar';
	        prev.value += value;
	        prev.output = globstar(opts);
	        state.output = prev.output;
	        state.globstar = true;
	        consume(value);
	        continue;
	      }

	      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
	        state.output = state.output.slice(0, -(prior.output + prev.output).length);
	        prior.output = `(?:${prior.output}`;

	        prev.type = 'globstar';
	        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
	        prev.value += value;
	        state.globstar = true;
	        state.output += prior.output + prev.output;
	        consume(value);
	        continue;
	      }

	      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
	        const end = rest[1] !== void 0 ? '|$' : '';

	        state.output = state.output.slice(0, -(prior.output + prev.output).length);
	        prior.output = `(?:${prior.output}`;

	        prev.type = 'globstar';
	        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
	        prev.value += value;

	        state.output += prior.output + prev.output;
	        state.globstar = true;

	        consume(value + advance());

	        push({ type: 'slash', value: '/', output: '' });
	        continue;
	      }

	      if (prior.type === 'bos' && rest[0] === '/') {
	        prev.type = 'globstar';
	        prev.value += value;
	        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
	        state.output = prev.output;
	        state.globstar = true;
	        consume(value + advance());
	        push({ type: 'slash', value: '/', output: '' });
	        continue;
	      }

	      // remove single star from output
	      state.output = state.output.slice(0, -prev.output.length);

	      // reset previous token to globstar
	      prev.type = 'globstar';
	      prev.output = globstar(opts);
	      prev.value += value;

	      // reset output with globstar
	      state.output += prev.output;
	      state.globstar = true;
	      consume(value);
	      continue;
	    }

	    const token = { type: 'star', value, output: star };

	    if (opts.bash === true) {
	      token.output = '.*?';
	      if (prev.type === 'bos' || prev.type === 'slash') {
	        token.output = nodot + token.output;
	      }
	      push(token);
	      continue;
	    }

	    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
	      token.output = value;
	      push(token);
	      continue;
	    }

	    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
	      if (prev.type === 'dot') {
	        state.output += NO_DOT_SLASH;
	        prev.output += NO_DOT_SLASH;

	      } else if (opts.dot === true) {
	        state.output += NO_DOTS_SLASH;
	        prev.output += NO_DOTS_SLASH;

	      } else {
	        state.output += nodot;
	        prev.output += nodot;
	      }

	      if (peek() !== '*') {
	        state.output += ONE_CHAR;
	        prev.output += ONE_CHAR;
	      }
	    }

	    push(token);
	  }

	  while (state.brackets > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
	    state.output = utils.escapeLast(state.output, '[');
	    decrement('brackets');
	  }

	  while (state.parens > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
	    state.output = utils.escapeLast(state.output, '(');
	    decrement('parens');
	  }

	  while (state.braces > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
	    state.output = utils.escapeLast(state.output, '{');
	    decrement('braces');
	  }

	  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
	    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
	  }

	  // rebuild the output if we had to backtrack at any point
	  if (state.backtrack === true) {
	    state.output = '';

	    for (const token of state.tokens) {
	      state.output += token.output != null ? token.output : token.value;

	      if (token.suffix) {
	        state.output += token.suffix;
	      }
	    }
	  }

	  return state;
	};

	/**
	 * Fast paths for creating regular expressions for common glob patterns.
	 * This can significantly speed up processing and has very little downside
	 * impact when none of the fast paths match.
	 */

	parse.fastpaths = (input, options) => {
	  const opts = { ...options };
	  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
	  const len = input.length;
	  if (len > max) {
	    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
	  }

	  input = REPLACEMENTS[input] || input;

	  // create constants based on platform, for windows or posix
	  const {
	    DOT_LITERAL,
	    SLASH_LITERAL,
	    ONE_CHAR,
	    DOTS_SLASH,
	    NO_DOT,
	    NO_DOTS,
	    NO_DOTS_SLASH,
	    STAR,
	    START_ANCHOR
	  } = constants.globChars(opts.windows);

	  const nodot = opts.dot ? NO_DOTS : NO_DOT;
	  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
	  const capture = opts.capture ? '' : '?:';
	  const state = { negated: false, prefix: '' };
	  let star = opts.bash === true ? '.*?' : STAR;

	  if (opts.capture) {
	    star = `(${star})`;
	  }

	  const globstar = opts => {
	    if (opts.noglobstar === true) return star;
	    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
	  };

	  const create = str => {
	    switch (str) {
	      case '*':
	        return `${nodot}${ONE_CHAR}${star}`;

	      case '.*':
	        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '*.*':
	        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '*/*':
	        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

	      case '**':
	        return nodot + globstar(opts);

	      case '**/*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

	      case '**/*.*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '**/.*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

	      default: {
	        const match = /^(.*?)\.(\w+)$/.exec(str);
	        if (!match) return;

	        const source = create(match[1]);
	        if (!source) return;

	        return source + DOT_LITERAL + match[2];
	      }
	    }
	  };

	  const output = utils.removePrefix(input, state);
	  let source = create(output);

	  if (source && opts.strictSlashes !== true) {
	    source += `${SLASH_LITERAL}?`;
	  }

	  return source;
	};

	parse_1 = parse;
	return parse_1;
}

var picomatch_1$1;
var hasRequiredPicomatch$1;

function requirePicomatch$1 () {
	if (hasRequiredPicomatch$1) return picomatch_1$1;
	hasRequiredPicomatch$1 = 1;

	const scan = /*@__PURE__*/ requireScan();
	const parse = /*@__PURE__*/ requireParse();
	const utils = /*@__PURE__*/ requireUtils();
	const constants = /*@__PURE__*/ requireConstants$1();
	const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

	/**
	 * Creates a matcher function from one or more glob patterns. The
	 * returned function takes a string to match as its first argument,
	 * and returns true if the string is a match. The returned matcher
	 * function also takes a boolean as the second argument that, when true,
	 * returns an object with additional information.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch(glob[, options]);
	 *
	 * const isMatch = picomatch('*.!(*a)');
	 * console.log(isMatch('a.a')); //=> false
	 * console.log(isMatch('a.b')); //=> true
	 *
	 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
	 * const picomatch = require('picomatch/posix');
	 * // the same API, defaulting to posix paths
	 * const isMatch = picomatch('a/*');
	 * console.log(isMatch('a\\b')); //=> false
	 * console.log(isMatch('a/b')); //=> true
	 *
	 * // you can still configure the matcher function to accept windows paths
	 * const isMatch = picomatch('a/*', { options: windows });
	 * console.log(isMatch('a\\b')); //=> true
	 * console.log(isMatch('a/b')); //=> true
	 * ```
	 * @name picomatch
	 * @param {String|Array} `globs` One or more glob patterns.
	 * @param {Object=} `options`
	 * @return {Function=} Returns a matcher function.
	 * @api public
	 */

	const picomatch = (glob, options, returnState = false) => {
	  if (Array.isArray(glob)) {
	    const fns = glob.map(input => picomatch(input, options, returnState));
	    const arrayMatcher = str => {
	      for (const isMatch of fns) {
	        const state = isMatch(str);
	        if (state) return state;
	      }
	      return false;
	    };
	    return arrayMatcher;
	  }

	  const isState = isObject(glob) && glob.tokens && glob.input;

	  if (glob === '' || (typeof glob !== 'string' && !isState)) {
	    throw new TypeError('Expected pattern to be a non-empty string');
	  }

	  const opts = options || {};
	  const posix = opts.windows;
	  const regex = isState
	    ? picomatch.compileRe(glob, options)
	    : picomatch.makeRe(glob, options, false, true);

	  const state = regex.state;
	  delete regex.state;

	  let isIgnored = () => false;
	  if (opts.ignore) {
	    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
	    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
	  }

	  const matcher = (input, returnObject = false) => {
	    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
	    const result = { glob, state, regex, posix, input, output, match, isMatch };

	    if (typeof opts.onResult === 'function') {
	      opts.onResult(result);
	    }

	    if (isMatch === false) {
	      result.isMatch = false;
	      return returnObject ? result : false;
	    }

	    if (isIgnored(input)) {
	      if (typeof opts.onIgnore === 'function') {
	        opts.onIgnore(result);
	      }
	      result.isMatch = false;
	      return returnObject ? result : false;
	    }

	    if (typeof opts.onMatch === 'function') {
	      opts.onMatch(result);
	    }
	    return returnObject ? result : true;
	  };

	  if (returnState) {
	    matcher.state = state;
	  }

	  return matcher;
	};

	/**
	 * Test `input` with the given `regex`. This is used by the main
	 * `picomatch()` function to test the input string.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.test(input, regex[, options]);
	 *
	 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
	 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
	 * ```
	 * @param {String} `input` String to test.
	 * @param {RegExp} `regex`
	 * @return {Object} Returns an object with matching info.
	 * @api public
	 */

	picomatch.test = (input, regex, options, { glob, posix } = {}) => {
	  if (typeof input !== 'string') {
	    throw new TypeError('Expected input to be a string');
	  }

	  if (input === '') {
	    return { isMatch: false, output: '' };
	  }

	  const opts = options || {};
	  const format = opts.format || (posix ? utils.toPosixSlashes : null);
	  let match = input === glob;
	  let output = (match && format) ? format(input) : input;

	  if (match === false) {
	    output = format ? format(input) : input;
	    match = output === glob;
	  }

	  if (match === false || opts.capture === true) {
	    if (opts.matchBase === true || opts.basename === true) {
	      match = picomatch.matchBase(input, regex, options, posix);
	    } else {
	      match = regex.exec(output);
	    }
	  }

	  return { isMatch: Boolean(match), match, output };
	};

	/**
	 * Match the basename of a filepath.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.matchBase(input, glob[, options]);
	 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
	 * ```
	 * @param {String} `input` String to test.
	 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
	 * @return {Boolean}
	 * @api public
	 */

	picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
	  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
	  return regex.test(utils.basename(input, { windows: posix }));
	};

	/**
	 * Returns true if **any** of the given glob `patterns` match the specified `string`.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.isMatch(string, patterns[, options]);
	 *
	 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
	 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
	 * ```
	 * @param {String|Array} str The string to test.
	 * @param {String|Array} patterns One or more glob patterns to use for matching.
	 * @param {Object} [options] See available [options](#options).
	 * @return {Boolean} Returns true if any patterns match `str`
	 * @api public
	 */

	picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

	/**
	 * Parse a glob pattern to create the source string for a regular
	 * expression.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * const result = picomatch.parse(pattern[, options]);
	 * ```
	 * @param {String} `pattern`
	 * @param {Object} `options`
	 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
	 * @api public
	 */

	picomatch.parse = (pattern, options) => {
	  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
	  return parse(pattern, { ...options, fastpaths: false });
	};

	/**
	 * Scan a glob pattern to separate the pattern into segments.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.scan(input[, options]);
	 *
	 * const result = picomatch.scan('!./foo/*.js');
	 * console.log(result);
	 * { prefix: '!./',
	 *   input: '!./foo/*.js',
	 *   start: 3,
	 *   base: 'foo',
	 *   glob: '*.js',
	 *   isBrace: false,
	 *   isBracket: false,
	 *   isGlob: true,
	 *   isExtglob: false,
	 *   isGlobstar: false,
	 *   negated: true }
	 * ```
	 * @param {String} `input` Glob pattern to scan.
	 * @param {Object} `options`
	 * @return {Object} Returns an object with
	 * @api public
	 */

	picomatch.scan = (input, options) => scan(input, options);

	/**
	 * Compile a regular expression from the `state` object returned by the
	 * [parse()](#parse) method.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * const state = picomatch.parse('*.js');
	 * // picomatch.compileRe(state[, options]);
	 *
	 * console.log(picomatch.compileRe(state));
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {Object} `state`
	 * @param {Object} `options`
	 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
	 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
	 * @return {RegExp}
	 * @api public
	 */

	picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
	  if (returnOutput === true) {
	    return state.output;
	  }

	  const opts = options || {};
	  const prepend = opts.contains ? '' : '^';
	  const append = opts.contains ? '' : '$';

	  let source = `${prepend}(?:${state.output})${append}`;
	  if (state && state.negated === true) {
	    source = `^(?!${source}).*$`;
	  }

	  const regex = picomatch.toRegex(source, options);
	  if (returnState === true) {
	    regex.state = state;
	  }

	  return regex;
	};

	/**
	 * Create a regular expression from a parsed glob pattern.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.makeRe(state[, options]);
	 *
	 * const result = picomatch.makeRe('*.js');
	 * console.log(result);
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {String} `state` The object returned from the `.parse` method.
	 * @param {Object} `options`
	 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
	 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
	 * @return {RegExp} Returns a regex created from the given pattern.
	 * @api public
	 */

	picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
	  if (!input || typeof input !== 'string') {
	    throw new TypeError('Expected a non-empty string');
	  }

	  let parsed = { negated: false, fastpaths: true };

	  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
	    parsed.output = parse.fastpaths(input, options);
	  }

	  if (!parsed.output) {
	    parsed = parse(input, options);
	  }

	  return picomatch.compileRe(parsed, options, returnOutput, returnState);
	};

	/**
	 * Create a regular expression from the given regex source string.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.toRegex(source[, options]);
	 *
	 * const { output } = picomatch.parse('*.js');
	 * console.log(picomatch.toRegex(output));
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {String} `source` Regular expression source string.
	 * @param {Object} `options`
	 * @return {RegExp}
	 * @api public
	 */

	picomatch.toRegex = (source, options) => {
	  try {
	    const opts = options || {};
	    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
	  } catch (err) {
	    if (options && options.debug === true) throw err;
	    return /$^/;
	  }
	};

	/**
	 * Picomatch constants.
	 * @return {Object}
	 */

	picomatch.constants = constants;

	/**
	 * Expose "picomatch"
	 */

	picomatch_1$1 = picomatch;
	return picomatch_1$1;
}

var picomatch_1;
var hasRequiredPicomatch;

function requirePicomatch () {
	if (hasRequiredPicomatch) return picomatch_1;
	hasRequiredPicomatch = 1;

	const pico = /*@__PURE__*/ requirePicomatch$1();
	const utils = /*@__PURE__*/ requireUtils();

	function picomatch(glob, options, returnState = false) {
	  // default to os.platform()
	  if (options && (options.windows === null || options.windows === undefined)) {
	    // don't mutate the original options object
	    options = { ...options, windows: utils.isWindows() };
	  }

	  return pico(glob, options, returnState);
	}

	Object.assign(picomatch, pico);
	picomatch_1 = picomatch;
	return picomatch_1;
}

var picomatchExports = /*@__PURE__*/ requirePicomatch();
var picomatch = /*@__PURE__*/getDefaultExportFromCjs(picomatchExports);

//#region src/utils.ts
const isReadonlyArray = Array.isArray;
const BACKSLASHES = /\\/g;
const DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
const isWin = process.platform === "win32";
const ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
	const patternsCount = patterns.length;
	const patternsParts = Array(patternsCount);
	const matchers = Array(patternsCount);
	let i, j;
	for (i = 0; i < patternsCount; i++) {
		const parts = splitPattern(patterns[i]);
		patternsParts[i] = parts;
		const partsCount = parts.length;
		const partMatchers = Array(partsCount);
		for (j = 0; j < partsCount; j++) partMatchers[j] = picomatch(parts[j], options);
		matchers[i] = partMatchers;
	}
	return (input) => {
		const inputParts = input.split("/");
		if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
		for (i = 0; i < patternsCount; i++) {
			const patternParts = patternsParts[i];
			const matcher = matchers[i];
			const inputPatternCount = inputParts.length;
			const minParts = Math.min(inputPatternCount, patternParts.length);
			j = 0;
			while (j < minParts) {
				const part = patternParts[j];
				if (part.includes("/")) return true;
				if (!matcher[j](inputParts[j])) break;
				if (!options.noglobstar && part === "**") return true;
				j++;
			}
			if (j === inputPatternCount) return true;
		}
		return false;
	};
}
/* node:coverage ignore next 2 */
const WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
const isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
	if (cwd === root || root.startsWith(`${cwd}/`)) {
		if (absolute) {
			const start = cwd.length + +!isRoot(cwd);
			return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
		}
		const prefix = root.slice(cwd.length + 1);
		if (prefix) return (p, isDir) => {
			if (p === ".") return prefix;
			const result = `${prefix}/${p}`;
			return isDir ? result.slice(0, -1) : result;
		};
		return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
	}
	if (absolute) return (p) => posix.relative(cwd, p) || ".";
	return (p) => posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
	if (root.startsWith(`${cwd}/`)) {
		const prefix = root.slice(cwd.length + 1);
		return (p) => `${prefix}/${p}`;
	}
	return (p) => {
		const result = posix.relative(cwd, `${root}/${p}`);
		return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
	};
}
function ensureNonDriveRelativePath(path) {
	return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
const splitPatternOptions = { parts: true };
function splitPattern(path) {
	var _result$parts;
	const result = picomatch.scan(path, splitPatternOptions);
	return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
const POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
const WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
const escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
const escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
/**
* Escapes a path's special characters depending on the platform.
* @see {@link https://superchupu.dev/tinyglobby/documentation#escapePath}
*/
/* node:coverage ignore next */
const escapePath = isWin ? escapeWin32Path : escapePosixPath;
/**
* Checks if a pattern has dynamic parts.
*
* Has a few minor differences with [`fast-glob`](https://github.com/mrmlnc/fast-glob) for better accuracy:
*
* - Doesn't necessarily return `false` on patterns that include `\`.
* - Returns `true` if the pattern includes parentheses, regardless of them representing one single pattern or not.
* - Returns `true` for unfinished glob extensions i.e. `(h`, `+(h`.
* - Returns `true` for unfinished brace expansions as long as they include `,` or `..`.
*
* @see {@link https://superchupu.dev/tinyglobby/documentation#isDynamicPattern}
*/
function isDynamicPattern(pattern, options) {
	const scan = picomatch.scan(pattern);
	return scan.isGlob || scan.negated;
}
function log(...tasks) {
	console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
	return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
//#endregion
//#region src/patterns.ts
const PARENT_DIRECTORY = /^(\/?\.\.)+/;
const ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
	var _PARENT_DIRECTORY$exe;
	const cwd = opts.cwd;
	let result = pattern;
	if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
	if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
	const escapedCwd = escapePath(cwd);
	result = isAbsolute(result.replace(ESCAPING_BACKSLASHES, "")) ? posix.relative(escapedCwd, result) : posix.normalize(result);
	const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
	const parts = splitPattern(result);
	if (parentDir) {
		const n = (parentDir.length + 1) / 3;
		let i = 0;
		const cwdParts = escapedCwd.split("/");
		while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
			result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
			i++;
		}
		const potentialRoot = posix.join(cwd, parentDir.slice(i * 3));
		if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
			props.root = ensureNonDriveRelativePath(potentialRoot);
			props.depthOffset = -n + i;
		}
	}
	if (!isIgnore && props.depthOffset >= 0) {
		var _props$commonPath;
		(_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
		const newCommonPath = [];
		const length = Math.min(props.commonPath.length, parts.length);
		for (let i = 0; i < length; i++) {
			const part = parts[i];
			if (part === "**" && !parts[i + 1]) {
				newCommonPath.pop();
				break;
			}
			if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
			newCommonPath.push(part);
		}
		props.depthOffset = newCommonPath.length;
		props.commonPath = newCommonPath;
		props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? posix.join(cwd, ...newCommonPath) : cwd);
	}
	return result;
}
function processPatterns(options, patterns, props) {
	const matchPatterns = [];
	const ignorePatterns = [];
	for (const pattern of options.ignore) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
	}
	for (const pattern of patterns) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
		else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
	}
	return {
		match: matchPatterns,
		ignore: ignorePatterns
	};
}
//#endregion
//#region src/crawler.ts
function buildCrawler(options, patterns) {
	const cwd = options.cwd;
	const props = {
		root: cwd,
		depthOffset: 0
	};
	const processed = processPatterns(options, patterns, props);
	if (options.debug) log("internal processing patterns:", processed);
	const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
	const root = props.root.replace(BACKSLASHES, "");
	const matchOptions = {
		dot,
		nobrace: options.braceExpansion === false,
		nocase: !caseSensitiveMatch,
		noextglob: options.extglob === false,
		noglobstar: options.globstar === false,
		posix: true
	};
	const matcher = picomatch(processed.match, matchOptions);
	const ignore = picomatch(processed.ignore, matchOptions);
	const partialMatcher = getPartialMatcher(processed.match, matchOptions);
	const format = buildFormat(cwd, root, absolute);
	const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
	const excludePredicate = (_, p) => {
		const relativePath = excludeFormatter(p, true);
		return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
	};
	let maxDepth;
	if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
	const crawler = new Builder({
		filters: [debug ? (p, isDirectory) => {
			const path = format(p, isDirectory);
			const matches = matcher(path) && !ignore(path);
			if (matches) log(`matched ${path}`);
			return matches;
		} : (p, isDirectory) => {
			const path = format(p, isDirectory);
			return matcher(path) && !ignore(path);
		}],
		exclude: debug ? (_, p) => {
			const skipped = excludePredicate(_, p);
			log(`${skipped ? "skipped" : "crawling"} ${p}`);
			return skipped;
		} : excludePredicate,
		fs: options.fs,
		pathSeparator: "/",
		relativePaths: !absolute,
		resolvePaths: absolute,
		includeBasePath: absolute,
		resolveSymlinks: followSymbolicLinks,
		excludeSymlinks: !followSymbolicLinks,
		excludeFiles: onlyDirectories,
		includeDirs: onlyDirectories || !options.onlyFiles,
		maxDepth,
		signal: options.signal
	}).crawl(root);
	if (options.debug) log("internal properties:", {
		...props,
		root
	});
	return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
//#endregion
//#region src/index.ts
function formatPaths(paths, mapper) {
	if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
	return paths;
}
const defaultOptions = {
	caseSensitiveMatch: true,
	debug: !!process.env.TINYGLOBBY_DEBUG,
	expandDirectories: true,
	followSymbolicLinks: true,
	onlyFiles: true
};
function getOptions(options) {
	const opts = Object.assign({}, options);
	for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
	opts.cwd = (opts.cwd instanceof URL ? fileURLToPath(opts.cwd) : resolve(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
	opts.ignore = ensureStringArray(opts.ignore);
	opts.fs && (opts.fs = {
		readdir: opts.fs.readdir || readdir,
		readdirSync: opts.fs.readdirSync || readdirSync,
		realpath: opts.fs.realpath || realpath,
		realpathSync: opts.fs.realpathSync || realpathSync,
		stat: opts.fs.stat || stat,
		statSync: opts.fs.statSync || statSync
	});
	if (opts.debug) log("globbing with options:", opts);
	return opts;
}
function getCrawler(globInput, inputOptions = {}) {
	var _ref;
	if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
	const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
	const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
	const options = getOptions(isModern ? inputOptions : globInput);
	return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
	const [crawler, relative] = getCrawler(globInput, options);
	return crawler ? formatPaths(await crawler.withPromise(), relative) : [];
}

/** A package file that cannot be published: names the file and what is wrong with it. */
class PackageFormatError extends Error {
    file;
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
        this.name = 'PackageFormatError';
    }
}

const ARCH_ALIASES = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64'
};
function parseTarballName(file) {
    const base = path.basename(file);
    const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)-(x86_64|amd64|aarch64|arm64)\.tar\.gz$/.exec(base);
    if (!m) {
        throw new PackageFormatError(base, 'cannot tell the architecture; name tarballs <name>-<version>-<x86_64|aarch64>.tar.gz');
    }
    return { file: base, name: m[1], version: m[2], arch: ARCH_ALIASES[m[3]] };
}
/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
function renderListing(title, entries) {
    const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path));
    const json = JSON.stringify({ title, files: sorted }, null, 2) + '\n';
    const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
    const rows = sorted
        .map((e) => `<tr><td><a href="${esc(e.path.split('/').map(encodeURIComponent).join('/'))}">${esc(e.path)}</a></td>` +
        `<td>${e.size ?? ''}</td><td><code>${e.sha256}</code></td></tr>`)
        .join('\n');
    const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>\n` +
        `<h1>${esc(title)}</h1>\n<p>Checksums: <code>&lt;arch&gt;/SHA256SUMS</code>, signed in <code>SHA256SUMS.asc</code>.</p>\n` +
        `<table><thead><tr><th>file</th><th>bytes</th><th>sha256</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</body></html>\n`;
    return { json, html };
}

var tarStream = {};

var _default;
var hasRequired_default;

function require_default () {
	if (hasRequired_default) return _default;
	hasRequired_default = 1;
	_default = events__default;
	return _default;
}

var fixedSize;
var hasRequiredFixedSize;

function requireFixedSize () {
	if (hasRequiredFixedSize) return fixedSize;
	hasRequiredFixedSize = 1;
	fixedSize = class FixedFIFO {
	  constructor (hwm) {
	    if (!(hwm > 0) || ((hwm - 1) & hwm) !== 0) throw new Error('Max size for a FixedFIFO should be a power of two')
	    this.buffer = new Array(hwm);
	    this.mask = hwm - 1;
	    this.top = 0;
	    this.btm = 0;
	    this.next = null;
	  }

	  clear () {
	    this.top = this.btm = 0;
	    this.next = null;
	    this.buffer.fill(undefined);
	  }

	  push (data) {
	    if (this.buffer[this.top] !== undefined) return false
	    this.buffer[this.top] = data;
	    this.top = (this.top + 1) & this.mask;
	    return true
	  }

	  shift () {
	    const last = this.buffer[this.btm];
	    if (last === undefined) return undefined
	    this.buffer[this.btm] = undefined;
	    this.btm = (this.btm + 1) & this.mask;
	    return last
	  }

	  peek () {
	    return this.buffer[this.btm]
	  }

	  isEmpty () {
	    return this.buffer[this.btm] === undefined
	  }
	};
	return fixedSize;
}

var fastFifo;
var hasRequiredFastFifo;

function requireFastFifo () {
	if (hasRequiredFastFifo) return fastFifo;
	hasRequiredFastFifo = 1;
	const FixedFIFO = requireFixedSize();

	fastFifo = class FastFIFO {
	  constructor (hwm) {
	    this.hwm = hwm || 16;
	    this.head = new FixedFIFO(this.hwm);
	    this.tail = this.head;
	    this.length = 0;
	  }

	  clear () {
	    this.head = this.tail;
	    this.head.clear();
	    this.length = 0;
	  }

	  push (val) {
	    this.length++;
	    if (!this.head.push(val)) {
	      const prev = this.head;
	      this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
	      this.head.push(val);
	    }
	  }

	  shift () {
	    if (this.length !== 0) this.length--;
	    const val = this.tail.shift();
	    if (val === undefined && this.tail.next) {
	      const next = this.tail.next;
	      this.tail.next = null;
	      this.tail = next;
	      return this.tail.shift()
	    }

	    return val
	  }

	  peek () {
	    const val = this.tail.peek();
	    if (val === undefined && this.tail.next) return this.tail.next.peek()
	    return val
	  }

	  isEmpty () {
	    return this.length === 0
	  }
	};
	return fastFifo;
}

var b4a;
var hasRequiredB4a;

function requireB4a () {
	if (hasRequiredB4a) return b4a;
	hasRequiredB4a = 1;
	function isBuffer(value) {
	  return Buffer.isBuffer(value) || value instanceof Uint8Array
	}

	function isEncoding(encoding) {
	  return Buffer.isEncoding(encoding)
	}

	function alloc(size, fill, encoding) {
	  return Buffer.alloc(size, fill, encoding)
	}

	function allocUnsafe(size) {
	  return Buffer.allocUnsafe(size)
	}

	function allocUnsafeSlow(size) {
	  return Buffer.allocUnsafeSlow(size)
	}

	function byteLength(string, encoding) {
	  return Buffer.byteLength(string, encoding)
	}

	function compare(a, b) {
	  return Buffer.compare(a, b)
	}

	function concat(buffers, totalLength) {
	  return Buffer.concat(buffers, totalLength)
	}

	function copy(source, target, targetStart, start, end) {
	  return toBuffer(source).copy(target, targetStart, start, end)
	}

	function equals(a, b) {
	  return toBuffer(a).equals(b)
	}

	function fill(buffer, value, offset, end, encoding) {
	  return toBuffer(buffer).fill(value, offset, end, encoding)
	}

	function from(value, encodingOrOffset, length) {
	  return Buffer.from(value, encodingOrOffset, length)
	}

	function includes(buffer, value, byteOffset, encoding) {
	  return toBuffer(buffer).includes(value, byteOffset, encoding)
	}

	function indexOf(buffer, value, byfeOffset, encoding) {
	  return toBuffer(buffer).indexOf(value, byfeOffset, encoding)
	}

	function lastIndexOf(buffer, value, byteOffset, encoding) {
	  return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding)
	}

	function swap16(buffer) {
	  return toBuffer(buffer).swap16()
	}

	function swap32(buffer) {
	  return toBuffer(buffer).swap32()
	}

	function swap64(buffer) {
	  return toBuffer(buffer).swap64()
	}

	function toBuffer(buffer) {
	  if (Buffer.isBuffer(buffer)) return buffer
	  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
	}

	function toString(buffer, encoding, start, end) {
	  return toBuffer(buffer).toString(encoding, start, end)
	}

	function toHex(buffer, start, end) {
	  return toBuffer(buffer).toString('hex', start, end)
	}

	function write(buffer, string, offset, length, encoding) {
	  return toBuffer(buffer).write(string, offset, length, encoding)
	}

	function readDoubleBE(buffer, offset) {
	  return toBuffer(buffer).readDoubleBE(offset)
	}

	function readDoubleLE(buffer, offset) {
	  return toBuffer(buffer).readDoubleLE(offset)
	}

	function readFloatBE(buffer, offset) {
	  return toBuffer(buffer).readFloatBE(offset)
	}

	function readFloatLE(buffer, offset) {
	  return toBuffer(buffer).readFloatLE(offset)
	}

	function readInt32BE(buffer, offset) {
	  return toBuffer(buffer).readInt32BE(offset)
	}

	function readInt32LE(buffer, offset) {
	  return toBuffer(buffer).readInt32LE(offset)
	}

	function readUInt32BE(buffer, offset) {
	  return toBuffer(buffer).readUInt32BE(offset)
	}

	function readUInt32LE(buffer, offset) {
	  return toBuffer(buffer).readUInt32LE(offset)
	}

	function writeDoubleBE(buffer, value, offset) {
	  return toBuffer(buffer).writeDoubleBE(value, offset)
	}

	function writeDoubleLE(buffer, value, offset) {
	  return toBuffer(buffer).writeDoubleLE(value, offset)
	}

	function writeFloatBE(buffer, value, offset) {
	  return toBuffer(buffer).writeFloatBE(value, offset)
	}

	function writeFloatLE(buffer, value, offset) {
	  return toBuffer(buffer).writeFloatLE(value, offset)
	}

	function writeInt32BE(buffer, value, offset) {
	  return toBuffer(buffer).writeInt32BE(value, offset)
	}

	function writeInt32LE(buffer, value, offset) {
	  return toBuffer(buffer).writeInt32LE(value, offset)
	}

	function writeUInt32BE(buffer, value, offset) {
	  return toBuffer(buffer).writeUInt32BE(value, offset)
	}

	function writeUInt32LE(buffer, value, offset) {
	  return toBuffer(buffer).writeUInt32LE(value, offset)
	}

	b4a = {
	  isBuffer,
	  isEncoding,
	  alloc,
	  allocUnsafe,
	  allocUnsafeSlow,
	  byteLength,
	  compare,
	  concat,
	  copy,
	  equals,
	  fill,
	  from,
	  includes,
	  indexOf,
	  lastIndexOf,
	  swap16,
	  swap32,
	  swap64,
	  toBuffer,
	  toString,
	  toHex,
	  write,
	  readDoubleBE,
	  readDoubleLE,
	  readFloatBE,
	  readFloatLE,
	  readInt32BE,
	  readInt32LE,
	  readUInt32BE,
	  readUInt32LE,
	  writeDoubleBE,
	  writeDoubleLE,
	  writeFloatBE,
	  writeFloatLE,
	  writeInt32BE,
	  writeInt32LE,
	  writeUInt32BE,
	  writeUInt32LE
	};
	return b4a;
}

var passThroughDecoder;
var hasRequiredPassThroughDecoder;

function requirePassThroughDecoder () {
	if (hasRequiredPassThroughDecoder) return passThroughDecoder;
	hasRequiredPassThroughDecoder = 1;
	const b4a = requireB4a();

	passThroughDecoder = class PassThroughDecoder {
	  constructor(encoding) {
	    this.encoding = encoding;
	  }

	  get remaining() {
	    return 0
	  }

	  decode(data) {
	    return b4a.toString(data, this.encoding)
	  }

	  flush() {
	    return ''
	  }
	};
	return passThroughDecoder;
}

var utf8Decoder;
var hasRequiredUtf8Decoder;

function requireUtf8Decoder () {
	if (hasRequiredUtf8Decoder) return utf8Decoder;
	hasRequiredUtf8Decoder = 1;
	const b4a = requireB4a();

	/**
	 * https://encoding.spec.whatwg.org/#utf-8-decoder
	 */
	utf8Decoder = class UTF8Decoder {
	  constructor() {
	    this._reset();
	  }

	  get remaining() {
	    return this.bytesSeen
	  }

	  decode(data) {
	    if (data.byteLength === 0) return ''

	    if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
	      this.bytesSeen = trailingBytesSeen(data);
	      return b4a.toString(data, 'utf8')
	    }

	    let result = '';
	    let start = 0;

	    if (this.bytesNeeded > 0) {
	      while (start < data.byteLength) {
	        const byte = data[start];

	        if (byte < this.lowerBoundary || byte > this.upperBoundary) {
	          result += '\ufffd';
	          this._reset();
	          break
	        }

	        this.lowerBoundary = 0x80;
	        this.upperBoundary = 0xbf;
	        this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
	        this.bytesSeen++;
	        start++;

	        if (this.bytesSeen === this.bytesNeeded) {
	          result += String.fromCodePoint(this.codePoint);
	          this._reset();
	          break
	        }
	      }

	      if (this.bytesNeeded > 0) return result
	    }

	    const trailing = trailingIncomplete(data, start);
	    const end = data.byteLength - trailing;

	    if (end > start) result += b4a.toString(data, 'utf8', start, end);

	    for (let i = end; i < data.byteLength; i++) {
	      const byte = data[i];

	      if (this.bytesNeeded === 0) {
	        if (byte <= 0x7f) {
	          this.bytesSeen = 0;
	          result += String.fromCharCode(byte);
	        } else if (byte >= 0xc2 && byte <= 0xdf) {
	          this.bytesNeeded = 2;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0x1f;
	        } else if (byte >= 0xe0 && byte <= 0xef) {
	          if (byte === 0xe0) this.lowerBoundary = 0xa0;
	          else if (byte === 0xed) this.upperBoundary = 0x9f;
	          this.bytesNeeded = 3;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0xf;
	        } else if (byte >= 0xf0 && byte <= 0xf4) {
	          if (byte === 0xf0) this.lowerBoundary = 0x90;
	          else if (byte === 0xf4) this.upperBoundary = 0x8f;
	          this.bytesNeeded = 4;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0x7;
	        } else {
	          this.bytesSeen = 1;
	          result += '\ufffd';
	        }

	        continue
	      }

	      if (byte < this.lowerBoundary || byte > this.upperBoundary) {
	        result += '\ufffd';
	        i--;
	        this._reset();

	        continue
	      }

	      this.lowerBoundary = 0x80;
	      this.upperBoundary = 0xbf;

	      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
	      this.bytesSeen++;

	      if (this.bytesSeen === this.bytesNeeded) {
	        result += String.fromCodePoint(this.codePoint);
	        this._reset();
	      }
	    }

	    return result
	  }

	  flush() {
	    const result = this.bytesNeeded > 0 ? '\ufffd' : '';
	    this._reset();
	    return result
	  }

	  _reset() {
	    this.codePoint = 0;
	    this.bytesNeeded = 0;
	    this.bytesSeen = 0;
	    this.lowerBoundary = 0x80;
	    this.upperBoundary = 0xbf;
	  }
	};

	function trailingIncomplete(data, start) {
	  const len = data.byteLength;
	  if (len <= start) return 0

	  const limit = Math.max(start, len - 4);

	  let i = len - 1;
	  while (i > limit && (data[i] & 0xc0) === 0x80) i--;

	  if (i < start) return 0

	  const byte = data[i];

	  let needed;
	  if (byte <= 0x7f) return 0
	  if (byte >= 0xc2 && byte <= 0xdf) needed = 2;
	  else if (byte >= 0xe0 && byte <= 0xef) needed = 3;
	  else if (byte >= 0xf0 && byte <= 0xf4) needed = 4;
	  else return 0

	  const available = len - i;
	  return available < needed ? available : 0
	}

	function trailingBytesSeen(data) {
	  const len = data.byteLength;
	  if (len === 0) return 0

	  const last = data[len - 1];

	  if (last <= 0x7f) return 0
	  if ((last & 0xc0) !== 0x80) return 1

	  const limit = Math.max(0, len - 4);

	  let i = len - 2;
	  while (i >= limit && (data[i] & 0xc0) === 0x80) i--;

	  if (i < 0) return 1

	  const first = data[i];

	  let needed;
	  if (first >= 0xc2 && first <= 0xdf) needed = 2;
	  else if (first >= 0xe0 && first <= 0xef) needed = 3;
	  else if (first >= 0xf0 && first <= 0xf4) needed = 4;
	  else return 1

	  if (len - i !== needed) return 1

	  if (needed >= 3) {
	    const second = data[i + 1];
	    if (first === 0xe0 && second < 0xa0) return 1
	    if (first === 0xed && second > 0x9f) return 1
	    if (first === 0xf0 && second < 0x90) return 1
	    if (first === 0xf4 && second > 0x8f) return 1
	  }

	  return 0
	}
	return utf8Decoder;
}

var textDecoder;
var hasRequiredTextDecoder;

function requireTextDecoder () {
	if (hasRequiredTextDecoder) return textDecoder;
	hasRequiredTextDecoder = 1;
	const PassThroughDecoder = requirePassThroughDecoder();
	const UTF8Decoder = requireUtf8Decoder();

	textDecoder = class TextDecoder {
	  constructor(encoding = 'utf8') {
	    this.encoding = normalizeEncoding(encoding);

	    switch (this.encoding) {
	      case 'utf8':
	        this.decoder = new UTF8Decoder();
	        break
	      case 'utf16le':
	      case 'base64':
	        throw new Error('Unsupported encoding: ' + this.encoding)
	      default:
	        this.decoder = new PassThroughDecoder(this.encoding);
	    }
	  }

	  get remaining() {
	    return this.decoder.remaining
	  }

	  push(data) {
	    if (typeof data === 'string') return data
	    return this.decoder.decode(data)
	  }

	  // For Node.js compatibility
	  write(data) {
	    return this.push(data)
	  }

	  end(data) {
	    let result = '';
	    if (data) result = this.push(data);
	    result += this.decoder.flush();
	    return result
	  }
	};

	function normalizeEncoding(encoding) {
	  encoding = encoding.toLowerCase();

	  switch (encoding) {
	    case 'utf8':
	    case 'utf-8':
	      return 'utf8'
	    case 'ucs2':
	    case 'ucs-2':
	    case 'utf16le':
	    case 'utf-16le':
	      return 'utf16le'
	    case 'latin1':
	    case 'binary':
	      return 'latin1'
	    case 'base64':
	    case 'ascii':
	    case 'hex':
	      return encoding
	    default:
	      throw new Error('Unknown encoding: ' + encoding)
	  }
	}
	return textDecoder;
}

var errors;
var hasRequiredErrors;

function requireErrors () {
	if (hasRequiredErrors) return errors;
	hasRequiredErrors = 1;
	errors = class StreamError extends Error {
	  constructor(msg, code, fn = StreamError) {
	    super(msg);

	    this.code = code;

	    if (Error.captureStackTrace) {
	      Error.captureStackTrace(this, fn);
	    }
	  }

	  static isStreamDestroyed(err) {
	    return err && err.code === 'STREAM_DESTROYED'
	  }

	  static isPrematureClose(err) {
	    return err && err.code === 'PREMATURE_CLOSE'
	  }

	  static isAborted(err) {
	    return err && err.code === 'ABORTED'
	  }

	  static isBadArgument(err) {
	    return err && err.code === 'BAD_ARGUMENT'
	  }

	  get name() {
	    return 'StreamError'
	  }

	  static STREAM_DESTROYED() {
	    return new StreamError('Stream was destroyed', 'STREAM_DESTROYED', StreamError.STREAM_DESTROYED)
	  }

	  static PREMATURE_CLOSE(msg = 'Premature close') {
	    return new StreamError(msg, 'PREMATURE_CLOSE', StreamError.PREMATURE_CLOSE)
	  }

	  static ABORTED() {
	    return new StreamError('Stream aborted', 'ABORTED', StreamError.ABORTED)
	  }

	  static BAD_ARGUMENT(msg = 'Bad argument') {
	    return new StreamError(msg, 'BAD_ARGUMENT', StreamError.BAD_ARGUMENT)
	  }
	};
	return errors;
}

var streamx;
var hasRequiredStreamx;

function requireStreamx () {
	if (hasRequiredStreamx) return streamx;
	hasRequiredStreamx = 1;
	const { EventEmitter } = require_default();
	const FIFO = requireFastFifo();
	const TextDecoder = requireTextDecoder();

	const StreamError = requireErrors();

	// if we do a future major, expect queue microtask to be there always, for now a bit defensive
	const qmt =
	  typeof queueMicrotask === 'undefined' ? (fn) => commonjsGlobal.process.nextTick(fn) : queueMicrotask;

	// 29 bits used total (4 from shared, 14 from read, and 11 from write)
	const MAX = (1 << 29) - 1;

	// Shared state
	const OPENING = 0b0001;
	const PREDESTROYING = 0b0010;
	const DESTROYING = 0b0100;
	const DESTROYED = 0b1000;

	const NOT_OPENING = MAX ^ OPENING;
	const NOT_PREDESTROYING = MAX ^ PREDESTROYING;

	// Read state (4 bit offset from shared state)
	const READ_ACTIVE = 0b00000000000001 << 4;
	const READ_UPDATING = 0b00000000000010 << 4;
	const READ_PRIMARY = 0b00000000000100 << 4;
	const READ_QUEUED = 0b00000000001000 << 4;
	const READ_RESUMED = 0b00000000010000 << 4;
	const READ_PIPE_DRAINED = 0b00000000100000 << 4;
	const READ_ENDING = 0b00000001000000 << 4;
	const READ_EMIT_DATA = 0b00000010000000 << 4;
	const READ_EMIT_READABLE = 0b00000100000000 << 4;
	const READ_EMITTED_READABLE = 0b00001000000000 << 4;
	const READ_DONE = 0b00010000000000 << 4;
	const READ_NEXT_TICK = 0b00100000000000 << 4;
	const READ_NEEDS_PUSH = 0b01000000000000 << 4;
	const READ_READ_AHEAD = 0b10000000000000 << 4;

	// Combined read state
	const READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
	const READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
	const READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
	const READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
	const READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;

	const READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
	const READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
	const READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
	const READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
	const READ_PAUSED = MAX ^ READ_RESUMED;
	const READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
	const READ_NOT_ENDING = MAX ^ READ_ENDING;
	const READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
	const READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
	const READ_NOT_UPDATING = MAX ^ READ_UPDATING;
	const READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
	const READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;

	// Write state (18 bit offset, 4 bit offset from shared state and 14 from read state)
	const WRITE_ACTIVE = 0b00000000001 << 18;
	const WRITE_UPDATING = 0b00000000010 << 18;
	const WRITE_PRIMARY = 0b00000000100 << 18;
	const WRITE_QUEUED = 0b00000001000 << 18;
	const WRITE_UNDRAINED = 0b00000010000 << 18;
	const WRITE_DONE = 0b00000100000 << 18;
	const WRITE_EMIT_DRAIN = 0b00001000000 << 18;
	const WRITE_NEXT_TICK = 0b00010000000 << 18;
	const WRITE_WRITING = 0b00100000000 << 18;
	const WRITE_FINISHING = 0b01000000000 << 18;
	const WRITE_CORKED = 0b10000000000 << 18;

	const WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
	const WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
	const WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
	const WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
	const WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
	const WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
	const WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
	const WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;

	// Combined shared state
	const ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
	const NOT_ACTIVE = MAX ^ ACTIVE;
	const DONE = READ_DONE | WRITE_DONE;
	const DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
	const OPEN_STATUS = DESTROY_STATUS | OPENING;
	const AUTO_DESTROY = DESTROY_STATUS | DONE;
	const NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
	const ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
	const TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
	const IS_OPENING = OPEN_STATUS | TICKING;

	// Combined shared state and read state
	const READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
	const READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
	const READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
	const READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
	const SHOULD_NOT_READ =
	  OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
	const READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
	const READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
	const READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;

	// Combined write state
	const WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
	const WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
	const WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
	const WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
	const WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
	const WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
	const WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
	const WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
	const WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
	const WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
	const WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;

	const asyncIterator = Symbol.asyncIterator || Symbol('asyncIterator');

	class WritableState {
	  constructor(
	    stream,
	    { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}
	  ) {
	    this.stream = stream;
	    this.queue = new FIFO();
	    this.highWaterMark = highWaterMark;
	    this.buffered = 0;
	    this.error = null;
	    this.pipeline = null;
	    this.drains = null; // if we add more seldomly used helpers we might them into a subobject so its a single ptr
	    this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
	    this.map = mapWritable || map;
	    this.afterWrite = afterWrite.bind(this);
	    this.afterUpdateNextTick = updateWriteNT.bind(this);
	  }

	  get ending() {
	    return (this.stream._duplexState & WRITE_FINISHING) !== 0
	  }

	  get ended() {
	    return (this.stream._duplexState & WRITE_DONE) !== 0
	  }

	  push(data) {
	    if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false
	    if (this.map !== null) data = this.map(data);

	    this.buffered += this.byteLength(data);
	    this.queue.push(data);

	    if (this.buffered < this.highWaterMark) {
	      this.stream._duplexState |= WRITE_QUEUED;
	      return true
	    }

	    this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
	    return false
	  }

	  shift() {
	    const data = this.queue.shift();

	    this.buffered -= this.byteLength(data);
	    if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;

	    return data
	  }

	  end(data) {
	    if (typeof data === 'function') {
	      this.stream.once('finish', data);
	    } else if (data !== undefined && data !== null) {
	      this.push(data);
	    }

	    this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
	  }

	  autoBatch(data, cb) {
	    const buffer = [];
	    const stream = this.stream;

	    buffer.push(data);
	    while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
	      buffer.push(stream._writableState.shift());
	    }

	    if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null)
	    stream._writev(buffer, cb);
	  }

	  update() {
	    const stream = this.stream;

	    stream._duplexState |= WRITE_UPDATING;

	    do {
	      while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
	        const data = this.shift();
	        stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
	        stream._write(data, this.afterWrite);
	      }

	      if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
	    } while (this.continueUpdate() === true)

	    stream._duplexState &= WRITE_NOT_UPDATING;
	  }

	  updateNonPrimary() {
	    const stream = this.stream;

	    if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
	      stream._duplexState = stream._duplexState | WRITE_ACTIVE;
	      stream._final(afterFinal.bind(this));
	      return
	    }

	    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
	      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
	        stream._duplexState |= ACTIVE;
	        stream._destroy(afterDestroy.bind(this));
	      }
	      return
	    }

	    if ((stream._duplexState & IS_OPENING) === OPENING) {
	      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
	      stream._open(afterOpen.bind(this));
	    }
	  }

	  continueUpdate() {
	    if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false
	    this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
	    return true
	  }

	  updateCallback() {
	    if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
	      this.update();
	    } else {
	      this.updateNextTick();
	    }
	  }

	  updateNextTick() {
	    if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return
	    this.stream._duplexState |= WRITE_NEXT_TICK;
	    if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }
	}

	class ReadableState {
	  constructor(
	    stream,
	    { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}
	  ) {
	    this.stream = stream;
	    this.queue = new FIFO();
	    this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
	    this.buffered = 0;
	    this.readAhead = highWaterMark > 0;
	    this.error = null;
	    this.pipeline = null;
	    this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
	    this.map = mapReadable || map;
	    this.pipeTo = null;
	    this.afterRead = afterRead.bind(this);
	    this.afterUpdateNextTick = updateReadNT.bind(this);
	  }

	  get ending() {
	    return (this.stream._duplexState & READ_ENDING) !== 0
	  }

	  get ended() {
	    return (this.stream._duplexState & READ_DONE) !== 0
	  }

	  pipe(pipeTo, cb) {
	    if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT('Can only pipe to one destination')
	    if (typeof cb !== 'function') cb = null;

	    this.stream._duplexState |= READ_PIPE_DRAINED;
	    this.pipeTo = pipeTo;
	    this.pipeline = new Pipeline(this.stream, pipeTo, cb);

	    if (cb) this.stream.on('error', noop); // We already error handle this so supress crashes

	    if (isStreamx(pipeTo)) {
	      pipeTo._writableState.pipeline = this.pipeline;
	      if (cb) pipeTo.on('error', noop); // We already error handle this so supress crashes
	      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline)); // TODO: just call finished from pipeTo itself
	    } else {
	      const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
	      const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null); // onclose has a weird bool arg
	      pipeTo.on('error', onerror);
	      pipeTo.on('close', onclose);
	      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline));
	    }

	    pipeTo.on('drain', afterDrain.bind(this));
	    this.stream.emit('piping', pipeTo);
	    pipeTo.emit('pipe', this.stream);
	  }

	  push(data) {
	    const stream = this.stream;

	    if (data === null) {
	      this.highWaterMark = 0;
	      stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
	      return false
	    }

	    if (this.map !== null) {
	      data = this.map(data);
	      if (data === null) {
	        stream._duplexState &= READ_PUSHED;
	        return this.buffered < this.highWaterMark
	      }
	    }

	    this.buffered += this.byteLength(data);
	    this.queue.push(data);

	    stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;

	    return this.buffered < this.highWaterMark
	  }

	  shift() {
	    const data = this.queue.shift();

	    this.buffered -= this.byteLength(data);
	    if (this.buffered === 0) {
	      this.stream._duplexState &= READ_NOT_QUEUED;
	    }

	    return data
	  }

	  unshift(data) {
	    const pending = [this.map !== null ? this.map(data) : data];
	    while (this.buffered > 0) pending.push(this.shift());

	    for (let i = 0; i < pending.length - 1; i++) {
	      const data = pending[i];
	      this.buffered += this.byteLength(data);
	      this.queue.push(data);
	    }

	    this.push(pending[pending.length - 1]);
	  }

	  read() {
	    const stream = this.stream;

	    if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
	      const data = this.shift();

	      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
	        stream._duplexState &= READ_PIPE_NOT_DRAINED;
	      }

	      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
	        stream.emit('data', data);
	      }

	      return data
	    }

	    if (this.readAhead === false) {
	      stream._duplexState |= READ_READ_AHEAD;
	      this.updateNextTick();
	    }

	    return null
	  }

	  drain() {
	    const stream = this.stream;

	    while (
	      (stream._duplexState & READ_STATUS) === READ_QUEUED &&
	      (stream._duplexState & READ_FLOWING) !== 0
	    ) {
	      const data = this.shift();

	      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
	        stream._duplexState &= READ_PIPE_NOT_DRAINED;
	      }

	      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
	        stream.emit('data', data);
	      }
	    }
	  }

	  update() {
	    const stream = this.stream;

	    stream._duplexState |= READ_UPDATING;

	    do {
	      this.drain();

	      while (
	        this.buffered < this.highWaterMark &&
	        (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD
	      ) {
	        stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
	        stream._read(this.afterRead);
	        this.drain();
	      }

	      if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
	        stream._duplexState |= READ_EMITTED_READABLE;
	        stream.emit('readable');
	      }

	      if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
	        this.updateNonPrimary();
	      }
	    } while (this.continueUpdate() === true)

	    stream._duplexState &= READ_NOT_UPDATING;
	  }

	  updateNonPrimary() {
	    const stream = this.stream;

	    if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
	      stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
	      stream.emit('end');

	      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
	        stream._duplexState |= DESTROYING;
	      }

	      if (this.pipeTo !== null) {
	        this.pipeTo.end();
	      }
	    }

	    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
	      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
	        stream._duplexState |= ACTIVE;
	        stream._destroy(afterDestroy.bind(this));
	      }
	      return
	    }

	    if ((stream._duplexState & IS_OPENING) === OPENING) {
	      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
	      stream._open(afterOpen.bind(this));
	    }
	  }

	  continueUpdate() {
	    if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false
	    this.stream._duplexState &= READ_NOT_NEXT_TICK;
	    return true
	  }

	  updateCallback() {
	    if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
	      this.update();
	    } else {
	      this.updateNextTick();
	    }
	  }

	  updateNextTickIfOpen() {
	    if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return
	    this.stream._duplexState |= READ_NEXT_TICK;
	    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }

	  updateNextTick() {
	    if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return
	    this.stream._duplexState |= READ_NEXT_TICK;
	    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }
	}

	class TransformState {
	  constructor(stream) {
	    this.data = null;
	    this.afterTransform = afterTransform.bind(stream);
	    this.afterFinal = null;
	  }
	}

	class Pipeline {
	  constructor(src, dst, cb) {
	    this.from = src;
	    this.to = dst;
	    this.afterPipe = cb;
	    this.error = null;
	    this.pipeToFinished = false;
	  }

	  finished() {
	    this.pipeToFinished = true;
	  }

	  done(stream, err) {
	    if (err) this.error = err;

	    if (stream === this.to) {
	      this.to = null;

	      if (this.from !== null) {
	        if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
	          this.from.destroy(this.error || StreamError.PREMATURE_CLOSE('Writable stream closed'));
	        }
	        return
	      }
	    }

	    if (stream === this.from) {
	      this.from = null;

	      if (this.to !== null) {
	        if ((stream._duplexState & READ_DONE) === 0) {
	          this.to.destroy(this.error || StreamError.PREMATURE_CLOSE('Readable stream closed'));
	        }
	        return
	      }
	    }

	    if (this.afterPipe !== null) this.afterPipe(this.error);
	    this.to = this.from = this.afterPipe = null;
	  }
	}

	function afterDrain() {
	  this.stream._duplexState |= READ_PIPE_DRAINED;
	  this.updateCallback();
	}

	function afterFinal(err) {
	  const stream = this.stream;
	  if (err) stream.destroy(err);

	  if ((stream._duplexState & DESTROY_STATUS) === 0) {
	    stream._duplexState |= WRITE_DONE;
	    stream.emit('finish');
	  }

	  if ((stream._duplexState & AUTO_DESTROY) === DONE) {
	    stream._duplexState |= DESTROYING;
	  }

	  stream._duplexState &= WRITE_NOT_FINISHING;

	  // no need to wait the extra tick here, so we short circuit that
	  if ((stream._duplexState & WRITE_UPDATING) === 0) {
	    this.update();
	  } else {
	    this.updateNextTick();
	  }
	}

	function afterDestroy(err) {
	  const stream = this.stream;

	  if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
	  if (err) stream.emit('error', err);

	  stream._duplexState |= DESTROYED;
	  stream.emit('close');

	  const rs = stream._readableState;
	  const ws = stream._writableState;

	  if (rs !== null && rs.pipeline !== null) {
	    rs.pipeline.done(stream, err);
	  }

	  if (ws !== null) {
	    while (ws.drains !== null && ws.drains.length > 0) {
	      ws.drains.shift().resolve(false);
	    }

	    if (ws.pipeline !== null) {
	      ws.pipeline.done(stream, err);
	    }
	  }
	}

	function afterWrite(err) {
	  const stream = this.stream;

	  if (err) stream.destroy(err);
	  stream._duplexState &= WRITE_NOT_ACTIVE;

	  if (this.drains !== null) tickDrains(this.drains);

	  if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
	    stream._duplexState &= WRITE_DRAINED;

	    if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
	      stream.emit('drain');
	    }
	  }

	  this.updateCallback();
	}

	function afterRead(err) {
	  if (err) this.stream.destroy(err);
	  this.stream._duplexState &= READ_NOT_ACTIVE;

	  if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
	    this.stream._duplexState &= READ_NO_READ_AHEAD;
	  }

	  this.updateCallback();
	}

	function updateReadNT() {
	  if ((this.stream._duplexState & READ_UPDATING) === 0) {
	    this.stream._duplexState &= READ_NOT_NEXT_TICK;
	    this.update();
	  }
	}

	function updateWriteNT() {
	  if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
	    this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
	    this.update();
	  }
	}

	function tickDrains(drains) {
	  for (let i = 0; i < drains.length; i++) {
	    // drains.writes are monotonic, so if one is 0 its always the first one
	    if (--drains[i].writes === 0) {
	      drains.shift().resolve(true);
	      i--;
	    }
	  }
	}

	function afterOpen(err) {
	  const stream = this.stream;

	  if (err) stream.destroy(err);

	  if ((stream._duplexState & DESTROYING) === 0) {
	    if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
	      stream._duplexState |= READ_PRIMARY;
	    }

	    if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
	      stream._duplexState |= WRITE_PRIMARY;
	    }

	    stream.emit('open');
	  }

	  stream._duplexState &= NOT_ACTIVE;

	  if (stream._writableState !== null) {
	    stream._writableState.updateCallback();
	  }

	  if (stream._readableState !== null) {
	    stream._readableState.updateCallback();
	  }
	}

	function afterTransform(err, data) {
	  if (data !== undefined && data !== null) this.push(data);
	  this._writableState.afterWrite(err);
	}

	function newListener(name) {
	  if (this._readableState !== null) {
	    if (name === 'data') {
	      this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
	      this._readableState.updateNextTick();
	    }
	    if (name === 'readable') {
	      this._duplexState |= READ_EMIT_READABLE;
	      this._readableState.updateNextTick();
	    }
	  }

	  if (this._writableState !== null) {
	    if (name === 'drain') {
	      this._duplexState |= WRITE_EMIT_DRAIN;
	      this._writableState.updateNextTick();
	    }
	  }
	}

	class Stream extends EventEmitter {
	  constructor(opts) {
	    super();

	    this._duplexState = 0;
	    this._readableState = null;
	    this._writableState = null;

	    if (opts) {
	      if (opts.open) this._open = opts.open;
	      if (opts.destroy) this._destroy = opts.destroy;
	      if (opts.predestroy) this._predestroy = opts.predestroy;
	      if (opts.signal) opts.signal.addEventListener('abort', abort.bind(this));
	    }

	    this.on('newListener', newListener);
	  }

	  _open(cb) {
	    cb(null);
	  }

	  _destroy(cb) {
	    cb(null);
	  }

	  _predestroy() {
	    // does nothing
	  }

	  get readable() {
	    return this._readableState !== null ? true : undefined
	  }

	  get writable() {
	    return this._writableState !== null ? true : undefined
	  }

	  get destroyed() {
	    return (this._duplexState & DESTROYED) !== 0
	  }

	  get destroying() {
	    return (this._duplexState & DESTROY_STATUS) !== 0
	  }

	  destroy(err) {
	    if ((this._duplexState & DESTROY_STATUS) === 0) {
	      if (!err) err = StreamError.STREAM_DESTROYED();
	      this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;

	      if (this._readableState !== null) {
	        this._readableState.highWaterMark = 0;
	        this._readableState.error = err;
	      }

	      if (this._writableState !== null) {
	        this._writableState.highWaterMark = 0;
	        this._writableState.error = err;
	      }

	      this._duplexState |= PREDESTROYING;
	      this._predestroy();
	      this._duplexState &= NOT_PREDESTROYING;

	      if (this._readableState !== null) {
	        this._readableState.updateNextTick();
	      }

	      if (this._writableState !== null) {
	        this._writableState.updateNextTick();
	      }
	    }
	  }
	}

	class Readable extends Stream {
	  constructor(opts) {
	    super(opts);

	    this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
	    this._readableState = new ReadableState(this, opts);

	    if (opts) {
	      if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
	      if (opts.read) this._read = opts.read;
	      if (opts.eagerOpen) this._readableState.updateNextTick();
	      if (opts.encoding) this.setEncoding(opts.encoding);
	    }
	  }

	  static deferred(fn, opts) {
	    const out = new PassThrough(opts);

	    fn()
	      .then((src) => {
	        if (src === null) return out.end()
	        if (out.destroying) return
	        pipeline(src, out, noop);
	      })
	      .catch((err) => out.destroy(err));

	    return out
	  }

	  setEncoding(encoding) {
	    const dec = new TextDecoder(encoding);
	    const map = this._readableState.map || echo;
	    this._readableState.map = mapOrSkip;
	    return this

	    function mapOrSkip(data) {
	      const next = dec.push(data);
	      return next === '' && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next)
	    }
	  }

	  _read(cb) {
	    cb(null);
	  }

	  pipe(dest, cb) {
	    this._readableState.updateNextTick();
	    this._readableState.pipe(dest, cb);
	    return dest
	  }

	  read() {
	    this._readableState.updateNextTick();
	    return this._readableState.read()
	  }

	  push(data) {
	    this._readableState.updateNextTickIfOpen();
	    return this._readableState.push(data)
	  }

	  unshift(data) {
	    this._readableState.updateNextTickIfOpen();
	    return this._readableState.unshift(data)
	  }

	  resume() {
	    this._duplexState |= READ_RESUMED_READ_AHEAD;
	    this._readableState.updateNextTick();
	    return this
	  }

	  pause() {
	    this._duplexState &=
	      this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
	    return this
	  }

	  static _fromAsyncIterator(ite, opts) {
	    let destroy;

	    const rs = new Readable({
	      ...opts,
	      read(cb) {
	        ite.next().then(push).then(cb.bind(null, null)).catch(cb);
	      },
	      predestroy() {
	        destroy = ite.return();
	      },
	      destroy(cb) {
	        if (!destroy) return cb(null)
	        destroy.then(cb.bind(null, null)).catch(cb);
	      }
	    });

	    return rs

	    function push(data) {
	      if (data.done) rs.push(null);
	      else rs.push(data.value);
	    }
	  }

	  static from(data, opts) {
	    if (isReadStreamx(data)) return data
	    if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts)
	    if (!Array.isArray(data)) data = data === undefined ? [] : [data];

	    let i = 0;
	    return new Readable({
	      ...opts,
	      read(cb) {
	        this.push(i === data.length ? null : data[i++]);
	        cb(null);
	      }
	    })
	  }

	  static isBackpressured(rs) {
	    return (
	      (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 ||
	      rs._readableState.buffered >= rs._readableState.highWaterMark
	    )
	  }

	  static isPaused(rs) {
	    return (rs._duplexState & READ_RESUMED) === 0
	  }

	  [asyncIterator]() {
	    const stream = this;

	    let error = null;
	    let promiseResolve = null;
	    let promiseReject = null;

	    this.on('error', (err) => {
	      error = err;
	    });
	    this.on('readable', onreadable);
	    this.on('close', onclose);

	    return {
	      [asyncIterator]() {
	        return this
	      },
	      next() {
	        return new Promise(function (resolve, reject) {
	          promiseResolve = resolve;
	          promiseReject = reject;
	          const data = stream.read();
	          if (data !== null) ondata(data);
	          else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
	        })
	      },
	      return() {
	        return destroy(null)
	      },
	      throw(err) {
	        return destroy(err)
	      }
	    }

	    function onreadable() {
	      if (promiseResolve !== null) ondata(stream.read());
	    }

	    function onclose() {
	      if (promiseResolve !== null) ondata(null);
	    }

	    function ondata(data) {
	      if (promiseReject === null) return
	      if (error) {
	        promiseReject(error);
	      } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
	        promiseReject(StreamError.STREAM_DESTROYED());
	      } else {
	        promiseResolve({ value: data, done: data === null });
	      }
	      promiseReject = promiseResolve = null;
	    }

	    function destroy(err) {
	      stream.destroy(err);
	      return new Promise((resolve, reject) => {
	        if (stream._duplexState & DESTROYED) return resolve({ value: undefined, done: true })
	        stream.once('close', function () {
	          if (err) reject(err);
	          else resolve({ value: undefined, done: true });
	        });
	      })
	    }
	  }
	}

	class Writable extends Stream {
	  constructor(opts) {
	    super(opts);

	    this._duplexState |= OPENING | READ_DONE;
	    this._writableState = new WritableState(this, opts);

	    if (opts) {
	      if (opts.writev) this._writev = opts.writev;
	      if (opts.write) this._write = opts.write;
	      if (opts.final) this._final = opts.final;
	      if (opts.eagerOpen) this._writableState.updateNextTick();
	    }
	  }

	  cork() {
	    this._duplexState |= WRITE_CORKED;
	  }

	  uncork() {
	    this._duplexState &= WRITE_NOT_CORKED;
	    this._writableState.updateNextTick();
	  }

	  _writev(batch, cb) {
	    cb(null);
	  }

	  _write(data, cb) {
	    this._writableState.autoBatch(data, cb);
	  }

	  _final(cb) {
	    cb(null);
	  }

	  static isBackpressured(ws) {
	    return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0
	  }

	  static drained(ws) {
	    if (ws.destroyed) return Promise.resolve(false)

	    const state = ws._writableState;
	    const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
	    const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
	    if (writes === 0) return Promise.resolve(true)

	    if (state.drains === null) state.drains = [];
	    return new Promise((resolve) => {
	      state.drains.push({ writes, resolve });
	    })
	  }

	  write(data) {
	    this._writableState.updateNextTick();
	    return this._writableState.push(data)
	  }

	  end(data) {
	    this._writableState.updateNextTick();
	    this._writableState.end(data);
	    return this
	  }
	}

	class Duplex extends Readable {
	  // and Writable
	  constructor(opts) {
	    super(opts);

	    this._duplexState = OPENING | (this._duplexState & READ_READ_AHEAD);
	    this._writableState = new WritableState(this, opts);

	    if (opts) {
	      if (opts.writev) this._writev = opts.writev;
	      if (opts.write) this._write = opts.write;
	      if (opts.final) this._final = opts.final;
	    }
	  }

	  cork() {
	    this._duplexState |= WRITE_CORKED;
	  }

	  uncork() {
	    this._duplexState &= WRITE_NOT_CORKED;
	    this._writableState.updateNextTick();
	  }

	  _writev(batch, cb) {
	    cb(null);
	  }

	  _write(data, cb) {
	    this._writableState.autoBatch(data, cb);
	  }

	  _final(cb) {
	    cb(null);
	  }

	  write(data) {
	    this._writableState.updateNextTick();
	    return this._writableState.push(data)
	  }

	  end(data) {
	    this._writableState.updateNextTick();
	    this._writableState.end(data);
	    return this
	  }
	}

	class Transform extends Duplex {
	  constructor(opts) {
	    super(opts);
	    this._transformState = new TransformState(this);

	    if (opts) {
	      if (opts.transform) this._transform = opts.transform;
	      if (opts.flush) this._flush = opts.flush;
	    }
	  }

	  _write(data, cb) {
	    if (this._readableState.buffered >= this._readableState.highWaterMark) {
	      this._transformState.data = data;
	    } else {
	      this._transform(data, this._transformState.afterTransform);
	    }
	  }

	  _read(cb) {
	    if (this._transformState.data !== null) {
	      const data = this._transformState.data;
	      this._transformState.data = null;
	      cb(null);
	      this._transform(data, this._transformState.afterTransform);
	    } else {
	      cb(null);
	    }
	  }

	  destroy(err) {
	    super.destroy(err);
	    if (this._transformState.data !== null) {
	      this._transformState.data = null;
	      this._transformState.afterTransform();
	    }
	  }

	  _transform(data, cb) {
	    cb(null, data);
	  }

	  _flush(cb) {
	    cb(null);
	  }

	  _final(cb) {
	    this._transformState.afterFinal = cb;
	    this._flush(transformAfterFlush.bind(this));
	  }
	}

	class PassThrough extends Transform {}

	function transformAfterFlush(err, data) {
	  const cb = this._transformState.afterFinal;
	  if (err) return cb(err)

	  if (data !== null && data !== undefined) this.push(data);
	  this.push(null);
	  cb(null);
	}

	function pipelinePromise(...streams) {
	  return new Promise((resolve, reject) => {
	    return pipeline(...streams, (err) => {
	      if (err) return reject(err)
	      resolve();
	    })
	  })
	}

	function pipeline(stream, ...streams) {
	  const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
	  const done = all.length && typeof all[all.length - 1] === 'function' ? all.pop() : null;

	  if (all.length < 2) throw StreamError.BAD_ARGUMENT('Pipeline requires at least 2 streams')

	  let src = all[0];
	  let dest = null;
	  let error = null;

	  for (let i = 1; i < all.length; i++) {
	    dest = all[i];

	    if (isStreamx(src)) {
	      src.pipe(dest, onerror);
	    } else {
	      errorHandle(src, true, i > 1, onerror);
	      src.pipe(dest);
	    }

	    src = dest;
	  }

	  if (done) {
	    let fin = false;

	    const autoDestroy =
	      isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);

	    dest.on('error', (err) => {
	      if (error === null) error = err;
	    });

	    dest.on('finish', () => {
	      fin = true;
	      if (!autoDestroy) done(error);
	    });

	    if (autoDestroy) {
	      dest.on('close', () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
	    }
	  }

	  return dest

	  function errorHandle(s, rd, wr, onerror) {
	    s.on('error', onerror);
	    s.on('close', onclose);

	    function onclose() {
	      if (s._readableState && !s._readableState.ended) {
	        return onerror(StreamError.PREMATURE_CLOSE())
	      }
	      if (wr && s._writableState && !s._writableState.ended) {
	        return onerror(StreamError.PREMATURE_CLOSE())
	      }
	    }
	  }

	  function onerror(err) {
	    if (!err || error) return
	    error = err;

	    for (const s of all) {
	      s.destroy(err);
	    }
	  }
	}

	function echo(s) {
	  return s
	}

	function isStream(stream) {
	  return !!stream._readableState || !!stream._writableState
	}

	function isStreamx(stream) {
	  return typeof stream._duplexState === 'number' && isStream(stream)
	}

	function isEnding(stream) {
	  return !!stream._readableState && stream._readableState.ending
	}

	function isEnded(stream) {
	  return !!stream._readableState && stream._readableState.ended
	}

	function isFinishing(stream) {
	  return !!stream._writableState && stream._writableState.ending
	}

	function isFinished(stream) {
	  return !!stream._writableState && stream._writableState.ended
	}

	function getStreamError(stream, opts = {}) {
	  const err =
	    (stream._readableState && stream._readableState.error) ||
	    (stream._writableState && stream._writableState.error);

	  // avoid implicit errors by default
	  return !opts.all && StreamError.isStreamDestroyed(err) ? null : err
	}

	function isReadStreamx(stream) {
	  return isStreamx(stream) && stream.readable
	}

	function isDisturbed(stream) {
	  return (
	    (stream._duplexState & OPENING) !== OPENING ||
	    (stream._duplexState & DESTROYING) === DESTROYING ||
	    (stream._duplexState & ACTIVE_OR_TICKING) !== 0
	  )
	}

	function isTypedArray(data) {
	  return typeof data === 'object' && data !== null && typeof data.byteLength === 'number'
	}

	function defaultByteLength(data) {
	  return isTypedArray(data) ? data.byteLength : 1024
	}

	function noop() {}

	function abort() {
	  this.destroy(StreamError.ABORTED());
	}

	function isWritev(s) {
	  return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev
	}

	streamx = {
	  pipeline,
	  pipelinePromise,
	  isStream,
	  isStreamx,
	  isEnding,
	  isEnded,
	  isFinishing,
	  isFinished,
	  isDisturbed,
	  getStreamError,
	  Stream,
	  Writable,
	  Readable,
	  Duplex,
	  Transform,
	  // Export PassThrough for compatibility with Node.js core's stream module
	  PassThrough
	};
	return streamx;
}

var headers = {};

var hasRequiredHeaders;

function requireHeaders () {
	if (hasRequiredHeaders) return headers;
	hasRequiredHeaders = 1;
	const b4a = requireB4a();

	const ZEROS = '0000000000000000000';
	const SEVENS = '7777777777777777777';
	const ZERO_OFFSET = '0'.charCodeAt(0);
	const USTAR_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]); // ustar\x00
	const USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
	const GNU_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x20]); // ustar\x20
	const GNU_VER = b4a.from([0x20, 0x00]);
	const MASK = 0o7777;
	const MAGIC_OFFSET = 257;
	const VERSION_OFFSET = 263;

	headers.decodeLongPath = function decodeLongPath (buf, encoding) {
	  return decodeStr(buf, 0, buf.length, encoding)
	};

	headers.encodePax = function encodePax (opts) { // TODO: encode more stuff in pax
	  let result = '';
	  if (opts.name) result += addLength(' path=' + opts.name + '\n');
	  if (opts.linkname) result += addLength(' linkpath=' + opts.linkname + '\n');
	  const pax = opts.pax;
	  if (pax) {
	    for (const key in pax) {
	      result += addLength(' ' + key + '=' + pax[key] + '\n');
	    }
	  }
	  return b4a.from(result)
	};

	headers.decodePax = function decodePax (buf) {
	  const result = {};

	  while (buf.length) {
	    let i = 0;
	    while (i < buf.length && buf[i] !== 32) i++;
	    const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
	    if (!len) return result

	    const b = b4a.toString(buf.subarray(i + 1, len - 1));
	    const keyIndex = b.indexOf('=');
	    if (keyIndex === -1) return result
	    result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);

	    buf = buf.subarray(len);
	  }

	  return result
	};

	headers.encode = function encode (opts) {
	  const buf = b4a.alloc(512);
	  let name = opts.name;
	  let prefix = '';

	  if (opts.typeflag === 5 && name[name.length - 1] !== '/') name += '/';
	  if (b4a.byteLength(name) !== name.length) return null // utf-8

	  while (b4a.byteLength(name) > 100) {
	    const i = name.indexOf('/');
	    if (i === -1) return null
	    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i);
	    name = name.slice(i + 1);
	  }

	  if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null
	  if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null

	  b4a.write(buf, name);
	  b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
	  b4a.write(buf, encodeOct(opts.uid, 6), 108);
	  b4a.write(buf, encodeOct(opts.gid, 6), 116);
	  encodeSize(opts.size, buf, 124);
	  b4a.write(buf, encodeOct((opts.mtime.getTime() / 1000) | 0, 11), 136);

	  buf[156] = ZERO_OFFSET + toTypeflag(opts.type);

	  if (opts.linkname) b4a.write(buf, opts.linkname, 157);

	  b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
	  b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
	  if (opts.uname) b4a.write(buf, opts.uname, 265);
	  if (opts.gname) b4a.write(buf, opts.gname, 297);
	  b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
	  b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);

	  if (prefix) b4a.write(buf, prefix, 345);

	  b4a.write(buf, encodeOct(cksum(buf), 6), 148);

	  return buf
	};

	headers.decode = function decode (buf, filenameEncoding, allowUnknownFormat) {
	  let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;

	  let name = decodeStr(buf, 0, 100, filenameEncoding);
	  const mode = decodeOct(buf, 100, 8);
	  const uid = decodeOct(buf, 108, 8);
	  const gid = decodeOct(buf, 116, 8);
	  const size = decodeOct(buf, 124, 12);
	  const mtime = decodeOct(buf, 136, 12);
	  const type = toType(typeflag);
	  const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
	  const uname = decodeStr(buf, 265, 32);
	  const gname = decodeStr(buf, 297, 32);
	  const devmajor = decodeOct(buf, 329, 8);
	  const devminor = decodeOct(buf, 337, 8);

	  const c = cksum(buf);

	  // checksum is still initial value if header was null.
	  if (c === 8 * 32) return null

	  // valid checksum
	  if (c !== decodeOct(buf, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?')

	  if (isUSTAR(buf)) {
	    // ustar (posix) format.
	    // prepend prefix, if present.
	    if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + '/' + name;
	  } else if (isGNU(buf)) ; else {
	    if (!allowUnknownFormat) {
	      throw new Error('Invalid tar header: unknown format.')
	    }
	  }

	  // to support old tar versions that use trailing / to indicate dirs
	  if (typeflag === 0 && name && name[name.length - 1] === '/') typeflag = 5;

	  return {
	    name,
	    mode,
	    uid,
	    gid,
	    size,
	    byteOffset: 0,
	    mtime: new Date(1000 * mtime),
	    type,
	    linkname,
	    uname,
	    gname,
	    devmajor,
	    devminor,
	    pax: null
	  }
	};

	function isUSTAR (buf) {
	  return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6))
	}

	function isGNU (buf) {
	  return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) &&
	    b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2))
	}

	function clamp (index, len, defaultValue) {
	  if (typeof index !== 'number') return defaultValue
	  index = ~~index; // Coerce to integer.
	  if (index >= len) return len
	  if (index >= 0) return index
	  index += len;
	  if (index >= 0) return index
	  return 0
	}

	function toType (flag) {
	  switch (flag) {
	    case 0:
	      return 'file'
	    case 1:
	      return 'link'
	    case 2:
	      return 'symlink'
	    case 3:
	      return 'character-device'
	    case 4:
	      return 'block-device'
	    case 5:
	      return 'directory'
	    case 6:
	      return 'fifo'
	    case 7:
	      return 'contiguous-file'
	    case 72:
	      return 'pax-header'
	    case 55:
	      return 'pax-global-header'
	    case 27:
	      return 'gnu-long-link-path'
	    case 28:
	    case 30:
	      return 'gnu-long-path'
	  }

	  return null
	}

	function toTypeflag (flag) {
	  switch (flag) {
	    case 'file':
	      return 0
	    case 'link':
	      return 1
	    case 'symlink':
	      return 2
	    case 'character-device':
	      return 3
	    case 'block-device':
	      return 4
	    case 'directory':
	      return 5
	    case 'fifo':
	      return 6
	    case 'contiguous-file':
	      return 7
	    case 'pax-header':
	      return 72
	  }

	  return 0
	}

	function indexOf (block, num, offset, end) {
	  for (; offset < end; offset++) {
	    if (block[offset] === num) return offset
	  }
	  return end
	}

	function cksum (block) {
	  let sum = 8 * 32;
	  for (let i = 0; i < 148; i++) sum += block[i];
	  for (let j = 156; j < 512; j++) sum += block[j];
	  return sum
	}

	function encodeOct (val, n) {
	  val = val.toString(8);
	  if (val.length > n) return SEVENS.slice(0, n) + ' '
	  return ZEROS.slice(0, n - val.length) + val + ' '
	}

	function encodeSizeBin (num, buf, off) {
	  buf[off] = 0x80;
	  for (let i = 11; i > 0; i--) {
	    buf[off + i] = num & 0xff;
	    num = Math.floor(num / 0x100);
	  }
	}

	function encodeSize (num, buf, off) {
	  if (num.toString(8).length > 11) {
	    encodeSizeBin(num, buf, off);
	  } else {
	    b4a.write(buf, encodeOct(num, 11), off);
	  }
	}

	/* Copied from the node-tar repo and modified to meet
	 * tar-stream coding standard.
	 *
	 * Source: https://github.com/npm/node-tar/blob/51b6627a1f357d2eb433e7378e5f05e83b7aa6cd/lib/header.js#L349
	 */
	function parse256 (buf) {
	  // first byte MUST be either 80 or FF
	  // 80 for positive, FF for 2's comp
	  let positive;
	  if (buf[0] === 0x80) positive = true;
	  else if (buf[0] === 0xFF) positive = false;
	  else return null

	  // build up a base-256 tuple from the least sig to the highest
	  const tuple = [];
	  let i;
	  for (i = buf.length - 1; i > 0; i--) {
	    const byte = buf[i];
	    if (positive) tuple.push(byte);
	    else tuple.push(0xFF - byte);
	  }

	  let sum = 0;
	  const l = tuple.length;
	  for (i = 0; i < l; i++) {
	    sum += tuple[i] * Math.pow(256, i);
	  }

	  return positive ? sum : -1 * sum
	}

	function decodeOct (val, offset, length) {
	  val = val.subarray(offset, offset + length);
	  offset = 0;

	  // If prefixed with 0x80 then parse as a base-256 integer
	  if (val[offset] & 0x80) {
	    return parse256(val)
	  } else {
	    // Older versions of tar can prefix with spaces
	    while (offset < val.length && val[offset] === 32) offset++;
	    const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
	    while (offset < end && val[offset] === 0) offset++;
	    if (end === offset) return 0
	    return parseInt(b4a.toString(val.subarray(offset, end)), 8)
	  }
	}

	function decodeStr (val, offset, length, encoding) {
	  return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding)
	}

	function addLength (str) {
	  const len = b4a.byteLength(str);
	  let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
	  if (len + digits >= Math.pow(10, digits)) digits++;

	  return (len + digits) + str
	}
	return headers;
}

var extract;
var hasRequiredExtract;

function requireExtract () {
	if (hasRequiredExtract) return extract;
	hasRequiredExtract = 1;
	const { Writable, Readable, getStreamError } = requireStreamx();
	const FIFO = requireFastFifo();
	const b4a = requireB4a();
	const headers = requireHeaders();

	const EMPTY = b4a.alloc(0);
	const MAX_HEADER_SIZE = 4 * 1024 * 1024; // arbitrary big number

	class BufferList {
	  constructor () {
	    this.buffered = 0;
	    this.shifted = 0;
	    this.queue = new FIFO();

	    this._offset = 0;
	  }

	  push (buffer) {
	    this.buffered += buffer.byteLength;
	    this.queue.push(buffer);
	  }

	  shiftFirst (size) {
	    return this.buffered === 0 ? null : this._next(size)
	  }

	  shift (size) {
	    if (size > this.buffered) return null
	    if (size === 0) return EMPTY

	    let chunk = this._next(size);

	    if (size === chunk.byteLength) return chunk // likely case

	    const chunks = [chunk];

	    while ((size -= chunk.byteLength) > 0) {
	      chunk = this._next(size);
	      chunks.push(chunk);
	    }

	    return b4a.concat(chunks)
	  }

	  _next (size) {
	    const buf = this.queue.peek();
	    const rem = buf.byteLength - this._offset;

	    if (size >= rem) {
	      const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
	      this.queue.shift();
	      this._offset = 0;
	      this.buffered -= rem;
	      this.shifted += rem;
	      return sub
	    }

	    this.buffered -= size;
	    this.shifted += size;

	    return buf.subarray(this._offset, (this._offset += size))
	  }
	}

	class Source extends Readable {
	  constructor (self, header, offset) {
	    super();

	    this.header = header;
	    this.offset = offset;

	    this._parent = self;
	  }

	  _read (cb) {
	    if (this.header.size === 0) {
	      this.push(null);
	    }
	    if (this._parent._stream === this) {
	      this._parent._update();
	    }
	    cb(null);
	  }

	  _predestroy () {
	    this._parent.destroy(getStreamError(this));
	  }

	  _detach () {
	    if (this._parent._stream === this) {
	      this._parent._stream = null;
	      this._parent._missing = overflow(this.header.size);
	      this._parent._update();
	    }
	  }

	  _destroy (cb) {
	    this._detach();
	    cb(null);
	  }
	}

	class Extract extends Writable {
	  constructor (opts) {
	    super(opts);

	    if (!opts) opts = {};

	    this._buffer = new BufferList();
	    this._offset = 0;
	    this._header = null;
	    this._stream = null;
	    this._missing = 0;
	    this._longHeader = false;
	    this._callback = noop;
	    this._locked = false;
	    this._finished = false;
	    this._pax = null;
	    this._paxGlobal = null;
	    this._gnuLongPath = null;
	    this._gnuLongLinkPath = null;
	    this._filenameEncoding = opts.filenameEncoding || 'utf-8';
	    this._allowUnknownFormat = !!opts.allowUnknownFormat;
	    this._unlockBound = this._unlock.bind(this);
	  }

	  _unlock (err) {
	    this._locked = false;

	    if (err) {
	      this.destroy(err);
	      this._continueWrite(err);
	      return
	    }

	    this._update();
	  }

	  _consumeHeader () {
	    if (this._locked) return false

	    this._offset = this._buffer.shifted;

	    try {
	      this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
	    } catch (err) {
	      this._continueWrite(err);
	      return false
	    }

	    if (!this._header) return true

	    this._header.byteOffset = this._buffer.shifted;

	    switch (this._header.type) {
	      case 'gnu-long-path':
	      case 'gnu-long-link-path':
	      case 'pax-global-header':
	      case 'pax-header':
	        this._longHeader = true;
	        this._missing = this._header.size;
	        if (this._missing > MAX_HEADER_SIZE) {
	          this._continueWrite(new Error('Header exceeds max size'));
	          return false
	        }
	        return true
	    }

	    this._locked = true;
	    this._applyLongHeaders();

	    if (!(this._header.size >= 0)) {
	      this._continueWrite(new Error('Invalid header'));
	      return false
	    }

	    if (this._header.size === 0 || this._header.type === 'directory') {
	      this.emit('entry', this._header, this._createStream(), this._unlockBound);
	      return true
	    }

	    this._stream = this._createStream();
	    this._missing = this._header.size;

	    this.emit('entry', this._header, this._stream, this._unlockBound);
	    return true
	  }

	  _applyLongHeaders () {
	    if (this._gnuLongPath) {
	      this._header.name = this._gnuLongPath;
	      this._gnuLongPath = null;
	    }

	    if (this._gnuLongLinkPath) {
	      this._header.linkname = this._gnuLongLinkPath;
	      this._gnuLongLinkPath = null;
	    }

	    if (this._pax) {
	      if (this._pax.path) this._header.name = this._pax.path;
	      if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
	      if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
	      this._header.pax = this._pax;
	      this._pax = null;
	    }
	  }

	  _decodeLongHeader (buf) {
	    switch (this._header.type) {
	      case 'gnu-long-path':
	        this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
	        break
	      case 'gnu-long-link-path':
	        this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
	        break
	      case 'pax-global-header':
	        this._paxGlobal = headers.decodePax(buf);
	        break
	      case 'pax-header':
	        this._pax = this._paxGlobal === null
	          ? headers.decodePax(buf)
	          : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
	        break
	    }
	  }

	  _consumeLongHeader () {
	    this._longHeader = false;
	    this._missing = overflow(this._header.size);

	    const buf = this._buffer.shift(this._header.size);

	    try {
	      this._decodeLongHeader(buf);
	    } catch (err) {
	      this._continueWrite(err);
	      return false
	    }

	    return true
	  }

	  _consumeStream () {
	    const buf = this._buffer.shiftFirst(this._missing);
	    if (buf === null) return false

	    this._missing -= buf.byteLength;
	    const drained = this._stream.push(buf);

	    if (this._missing === 0) {
	      this._stream.push(null);
	      if (drained) this._stream._detach();
	      return drained && this._locked === false
	    }

	    return drained
	  }

	  _createStream () {
	    return new Source(this, this._header, this._offset)
	  }

	  _update () {
	    while (this._buffer.buffered > 0 && !this.destroying) {
	      if (this._missing > 0) {
	        if (this._stream !== null) {
	          if (this._consumeStream() === false) return
	          continue
	        }

	        if (this._longHeader === true) {
	          if (this._missing > this._buffer.buffered) break
	          if (this._consumeLongHeader() === false) return false
	          continue
	        }

	        const ignore = this._buffer.shiftFirst(this._missing);
	        if (ignore !== null) this._missing -= ignore.byteLength;
	        continue
	      }

	      if (this._buffer.buffered < 512) break
	      if (this._stream !== null || this._consumeHeader() === false) return
	    }

	    this._continueWrite(null);
	  }

	  _continueWrite (err) {
	    const cb = this._callback;
	    this._callback = noop;
	    cb(err);
	  }

	  _write (data, cb) {
	    this._callback = cb;
	    this._buffer.push(data);
	    this._update();
	  }

	  _final (cb) {
	    this._finished = this._missing === 0 && this._buffer.buffered === 0;
	    cb(this._finished ? null : new Error('Unexpected end of data'));
	  }

	  _predestroy () {
	    this._continueWrite(null);
	  }

	  _destroy (cb) {
	    if (this._stream) this._stream.destroy(getStreamError(this));
	    cb(null);
	  }

	  [Symbol.asyncIterator] () {
	    let error = null;

	    let promiseResolve = null;
	    let promiseReject = null;

	    let entryStream = null;
	    let entryCallback = null;

	    const extract = this;

	    this.on('entry', onentry);
	    this.on('error', (err) => { error = err; });
	    this.on('close', onclose);

	    return {
	      [Symbol.asyncIterator] () {
	        return this
	      },
	      next () {
	        return new Promise(onnext)
	      },
	      return () {
	        return destroy(null)
	      },
	      throw (err) {
	        return destroy(err)
	      }
	    }

	    function consumeCallback (err) {
	      if (!entryCallback) return
	      const cb = entryCallback;
	      entryCallback = null;
	      cb(err);
	    }

	    function onnext (resolve, reject) {
	      if (error) {
	        return reject(error)
	      }

	      if (entryStream) {
	        resolve({ value: entryStream, done: false });
	        entryStream = null;
	        return
	      }

	      promiseResolve = resolve;
	      promiseReject = reject;

	      consumeCallback(null);

	      if (extract._finished && promiseResolve) {
	        promiseResolve({ value: undefined, done: true });
	        promiseResolve = promiseReject = null;
	      }
	    }

	    function onentry (header, stream, callback) {
	      entryCallback = callback;
	      stream.on('error', noop); // no way around this due to tick sillyness

	      if (promiseResolve) {
	        promiseResolve({ value: stream, done: false });
	        promiseResolve = promiseReject = null;
	      } else {
	        entryStream = stream;
	      }
	    }

	    function onclose () {
	      consumeCallback(error);
	      if (!promiseResolve) return
	      if (error) promiseReject(error);
	      else promiseResolve({ value: undefined, done: true });
	      promiseResolve = promiseReject = null;
	    }

	    function destroy (err) {
	      extract.destroy(err);
	      consumeCallback(err);
	      return new Promise((resolve, reject) => {
	        if (extract.destroyed) return resolve({ value: undefined, done: true })
	        extract.once('close', function () {
	          if (err) reject(err);
	          else resolve({ value: undefined, done: true });
	        });
	      })
	    }
	  }
	}

	extract = function extract (opts) {
	  return new Extract(opts)
	};

	function noop () {}

	function overflow (size) {
	  size &= 511;
	  return size && 512 - size
	}
	return extract;
}

var constants = {exports: {}};

var hasRequiredConstants;

function requireConstants () {
	if (hasRequiredConstants) return constants.exports;
	hasRequiredConstants = 1;
	const constants$1 = { // just for envs without fs
	  S_IFMT: 61440,
	  S_IFDIR: 16384,
	  S_IFCHR: 8192,
	  S_IFBLK: 24576,
	  S_IFIFO: 4096,
	  S_IFLNK: 40960
	};

	try {
	  constants.exports = require('fs').constants || constants$1;
	} catch {
	  constants.exports = constants$1;
	}
	return constants.exports;
}

var pack;
var hasRequiredPack;

function requirePack () {
	if (hasRequiredPack) return pack;
	hasRequiredPack = 1;
	const { Readable, Writable, getStreamError } = requireStreamx();
	const b4a = requireB4a();

	const constants = requireConstants();
	const headers = requireHeaders();

	const DMODE = 0o755;
	const FMODE = 0o644;

	const END_OF_TAR = b4a.alloc(1024);

	class Sink extends Writable {
	  constructor (pack, header, callback) {
	    super({ mapWritable, eagerOpen: true });

	    this.written = 0;
	    this.header = header;

	    this._callback = callback;
	    this._linkname = null;
	    this._isLinkname = header.type === 'symlink' && !header.linkname;
	    this._isVoid = header.type !== 'file' && header.type !== 'contiguous-file';
	    this._finished = false;
	    this._pack = pack;
	    this._openCallback = null;

	    if (this._pack._stream === null) this._pack._stream = this;
	    else this._pack._pending.push(this);
	  }

	  _open (cb) {
	    this._openCallback = cb;
	    if (this._pack._stream === this) this._continueOpen();
	  }

	  _continuePack (err) {
	    if (this._callback === null) return

	    const callback = this._callback;
	    this._callback = null;

	    callback(err);
	  }

	  _continueOpen () {
	    if (this._pack._stream === null) this._pack._stream = this;

	    const cb = this._openCallback;
	    this._openCallback = null;
	    if (cb === null) return

	    if (this._pack.destroying) return cb(new Error('pack stream destroyed'))
	    if (this._pack._finalized) return cb(new Error('pack stream is already finalized'))

	    this._pack._stream = this;

	    if (!this._isLinkname) {
	      this._pack._encode(this.header);
	    }

	    if (this._isVoid) {
	      this._finish();
	      this._continuePack(null);
	    }

	    cb(null);
	  }

	  _write (data, cb) {
	    if (this._isLinkname) {
	      this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
	      return cb(null)
	    }

	    if (this._isVoid) {
	      if (data.byteLength > 0) {
	        return cb(new Error('No body allowed for this entry'))
	      }
	      return cb()
	    }

	    this.written += data.byteLength;
	    if (this._pack.push(data)) return cb()
	    this._pack._drain = cb;
	  }

	  _finish () {
	    if (this._finished) return
	    this._finished = true;

	    if (this._isLinkname) {
	      this.header.linkname = this._linkname ? b4a.toString(this._linkname, 'utf-8') : '';
	      this._pack._encode(this.header);
	    }

	    overflow(this._pack, this.header.size);

	    this._pack._done(this);
	  }

	  _final (cb) {
	    if (this.written !== this.header.size) { // corrupting tar
	      return cb(new Error('Size mismatch'))
	    }

	    this._finish();
	    cb(null);
	  }

	  _getError () {
	    return getStreamError(this) || new Error('tar entry destroyed')
	  }

	  _predestroy () {
	    this._pack.destroy(this._getError());
	  }

	  _destroy (cb) {
	    this._pack._done(this);

	    this._continuePack(this._finished ? null : this._getError());

	    cb();
	  }
	}

	class Pack extends Readable {
	  constructor (opts) {
	    super(opts);
	    this._drain = noop;
	    this._finalized = false;
	    this._finalizing = false;
	    this._pending = [];
	    this._stream = null;
	  }

	  entry (header, buffer, callback) {
	    if (this._finalized || this.destroying) throw new Error('already finalized or destroyed')

	    if (typeof buffer === 'function') {
	      callback = buffer;
	      buffer = null;
	    }

	    if (!callback) callback = noop;

	    if (!header.size || header.type === 'symlink') header.size = 0;
	    if (!header.type) header.type = modeToType(header.mode);
	    if (!header.mode) header.mode = header.type === 'directory' ? DMODE : FMODE;
	    if (!header.uid) header.uid = 0;
	    if (!header.gid) header.gid = 0;
	    if (!header.mtime) header.mtime = new Date();

	    if (typeof buffer === 'string') buffer = b4a.from(buffer);

	    const sink = new Sink(this, header, callback);

	    if (b4a.isBuffer(buffer)) {
	      header.size = buffer.byteLength;
	      sink.write(buffer);
	      sink.end();
	      return sink
	    }

	    if (sink._isVoid) {
	      return sink
	    }

	    return sink
	  }

	  finalize () {
	    if (this._stream || this._pending.length > 0) {
	      this._finalizing = true;
	      return
	    }

	    if (this._finalized) return
	    this._finalized = true;

	    this.push(END_OF_TAR);
	    this.push(null);
	  }

	  _done (stream) {
	    if (stream !== this._stream) return

	    this._stream = null;

	    if (this._finalizing) this.finalize();
	    if (this._pending.length) this._pending.shift()._continueOpen();
	  }

	  _encode (header) {
	    if (!header.pax) {
	      const buf = headers.encode(header);
	      if (buf) {
	        this.push(buf);
	        return
	      }
	    }
	    this._encodePax(header);
	  }

	  _encodePax (header) {
	    const paxHeader = headers.encodePax({
	      name: header.name,
	      linkname: header.linkname,
	      pax: header.pax
	    });

	    const newHeader = {
	      name: 'PaxHeader',
	      mode: header.mode,
	      uid: header.uid,
	      gid: header.gid,
	      size: paxHeader.byteLength,
	      mtime: header.mtime,
	      type: 'pax-header',
	      linkname: header.linkname && 'PaxHeader',
	      uname: header.uname,
	      gname: header.gname,
	      devmajor: header.devmajor,
	      devminor: header.devminor
	    };

	    this.push(headers.encode(newHeader));
	    this.push(paxHeader);
	    overflow(this, paxHeader.byteLength);

	    newHeader.size = header.size;
	    newHeader.type = header.type;
	    this.push(headers.encode(newHeader));
	  }

	  _doDrain () {
	    const drain = this._drain;
	    this._drain = noop;
	    drain();
	  }

	  _predestroy () {
	    const err = getStreamError(this);

	    if (this._stream) this._stream.destroy(err);

	    while (this._pending.length) {
	      const stream = this._pending.shift();
	      stream.destroy(err);
	      stream._continueOpen();
	    }

	    this._doDrain();
	  }

	  _read (cb) {
	    this._doDrain();
	    cb();
	  }
	}

	pack = function pack (opts) {
	  return new Pack(opts)
	};

	function modeToType (mode) {
	  switch (mode & constants.S_IFMT) {
	    case constants.S_IFBLK: return 'block-device'
	    case constants.S_IFCHR: return 'character-device'
	    case constants.S_IFDIR: return 'directory'
	    case constants.S_IFIFO: return 'fifo'
	    case constants.S_IFLNK: return 'symlink'
	  }

	  return 'file'
	}

	function noop () {}

	function overflow (self, size) {
	  size &= 511;
	  if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
	}

	function mapWritable (buf) {
	  return b4a.isBuffer(buf) ? buf : b4a.from(buf)
	}
	return pack;
}

var hasRequiredTarStream;

function requireTarStream () {
	if (hasRequiredTarStream) return tarStream;
	hasRequiredTarStream = 1;
	tarStream.extract = requireExtract();
	tarStream.pack = requirePack();
	return tarStream;
}

var tarStreamExports = requireTarStream();
var tar = /*@__PURE__*/getDefaultExportFromCjs(tarStreamExports);

// Some numerical data is initialized as -1 even when it doesn't need initialization to help the JIT infer types
// aliases for shorter compressed code (most minifers don't do this)
var ab = ArrayBuffer, u8 = Uint8Array, u16 = Uint16Array, i16 = Int16Array, i32 = Int32Array;
var slc = function (v, s, e) {
    if (u8.prototype.slice)
        return u8.prototype.slice.call(v, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    var n = new u8(e - s);
    n.set(v.subarray(s, e));
    return n;
};
var fill = function (v, n, s, e) {
    if (u8.prototype.fill)
        return u8.prototype.fill.call(v, n, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    for (; s < e; ++s)
        v[s] = n;
    return v;
};
var cpw = function (v, t, s, e) {
    if (u8.prototype.copyWithin)
        return u8.prototype.copyWithin.call(v, t, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    while (s < e) {
        v[t++] = v[s++];
    }
};
// error codes
var ec = [
    'invalid zstd data',
    'window size too large (>2046MB)',
    'invalid block type',
    'FSE accuracy too high',
    'match distance too far back',
    'unexpected EOF'
];
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
var rb = function (d, b, n) {
    var i = 0, o = 0;
    for (; i < n; ++i)
        o |= d[b++] << (i << 3);
    return o;
};
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read Zstandard frame header
var rzfh = function (dat, w) {
    var n3 = dat[0] | (dat[1] << 8) | (dat[2] << 16);
    if (n3 == 0x2FB528 && dat[3] == 253) {
        // Zstandard
        var flg = dat[4];
        //    single segment       checksum             dict flag     frame content flag
        var ss = (flg >> 5) & 1, cc = (flg >> 2) & 1, df = flg & 3, fcf = flg >> 6;
        if (flg & 8)
            err(0);
        // byte
        var bt = 6 - ss;
        // dict bytes
        var db = df == 3 ? 4 : df;
        // dictionary id
        var di = rb(dat, bt, db);
        bt += db;
        // frame size bytes
        var fsb = fcf ? (1 << fcf) : ss;
        // frame source size
        var fss = rb(dat, bt, fsb) + ((fcf == 1) && 256);
        // window size
        var ws = fss;
        if (!ss) {
            // window descriptor
            var wb = 1 << (10 + (dat[5] >> 3));
            ws = wb + (wb >> 3) * (dat[5] & 7);
        }
        if (ws > 2145386496)
            err(1);
        var buf = new u8((w == 1 ? (fss || ws) : w ? 0 : ws) + 12);
        buf[0] = 1, buf[4] = 4, buf[8] = 8;
        return {
            b: bt + fsb,
            y: 0,
            l: 0,
            d: di,
            w: (w && w != 1) ? w : buf.subarray(12),
            e: ws,
            o: new i32(buf.buffer, 0, 3),
            u: fss,
            c: cc,
            m: Math.min(131072, ws)
        };
    }
    else if (((n3 >> 4) | (dat[3] << 20)) == 0x184D2A5) {
        // skippable
        return b4(dat, 4) + 8;
    }
    err(0);
};
// most significant bit for nonzero
var msb = function (val) {
    var bits = 0;
    for (; (1 << bits) <= val; ++bits)
        ;
    return bits - 1;
};
// read finite state entropy
var rfse = function (dat, bt, mal) {
    // table pos
    var tpos = (bt << 3) + 4;
    // accuracy log
    var al = (dat[bt] & 15) + 5;
    if (al > mal)
        err(3);
    // size
    var sz = 1 << al;
    // probabilities symbols  repeat   index   high threshold
    var probs = sz, sym = -1, re = -1, i = -1, ht = sz;
    // optimization: single allocation is much faster
    var buf = new ab(512 + (sz << 2));
    var freq = new i16(buf, 0, 256);
    // same view as freq
    var dstate = new u16(buf, 0, 256);
    var nstate = new u16(buf, 512, sz);
    var bb1 = 512 + (sz << 1);
    var syms = new u8(buf, bb1, sz);
    var nbits = new u8(buf, bb1 + sz);
    while (sym < 255 && probs > 0) {
        var bits = msb(probs + 1);
        var cbt = tpos >> 3;
        // mask
        var msk = (1 << (bits + 1)) - 1;
        var val = ((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (tpos & 7)) & msk;
        // mask (1 fewer bit)
        var msk1fb = (1 << bits) - 1;
        // max small value
        var msv = msk - probs - 1;
        // small value
        var sval = val & msk1fb;
        if (sval < msv)
            tpos += bits, val = sval;
        else {
            tpos += bits + 1;
            if (val > msk1fb)
                val -= msv;
        }
        freq[++sym] = --val;
        if (val == -1) {
            probs += val;
            syms[--ht] = sym;
        }
        else
            probs -= val;
        if (!val) {
            do {
                // repeat byte
                var rbt = tpos >> 3;
                re = ((dat[rbt] | (dat[rbt + 1] << 8)) >> (tpos & 7)) & 3;
                tpos += 2;
                sym += re;
            } while (re == 3);
        }
    }
    if (sym > 255 || probs)
        err(0);
    var sympos = 0;
    // sym step (coprime with sz - formula from zstd source)
    var sstep = (sz >> 1) + (sz >> 3) + 3;
    // sym mask
    var smask = sz - 1;
    for (var s = 0; s <= sym; ++s) {
        var sf = freq[s];
        if (sf < 1) {
            dstate[s] = -sf;
            continue;
        }
        // This is split into two loops in zstd to avoid branching, but as JS is higher-level that is unnecessary
        for (i = 0; i < sf; ++i) {
            syms[sympos] = s;
            do {
                sympos = (sympos + sstep) & smask;
            } while (sympos >= ht);
        }
    }
    // After spreading symbols, should be zero again
    if (sympos)
        err(0);
    for (i = 0; i < sz; ++i) {
        // next state
        var ns = dstate[syms[i]]++;
        // num bits
        var nb = nbits[i] = al - msb(ns);
        nstate[i] = (ns << nb) - sz;
    }
    return [(tpos + 7) >> 3, {
            b: al,
            s: syms,
            n: nbits,
            t: nstate
        }];
};
// read huffman
var rhu = function (dat, bt) {
    //  index  weight count
    var i = 0, wc = -1;
    //    buffer             header byte
    var buf = new u8(292), hb = dat[bt];
    // huffman weights
    var hw = buf.subarray(0, 256);
    // rank count
    var rc = buf.subarray(256, 268);
    // rank index
    var ri = new u16(buf.buffer, 268);
    // NOTE: at this point bt is 1 less than expected
    if (hb < 128) {
        // end byte, fse decode table
        var _a = rfse(dat, bt + 1, 6), ebt = _a[0], fdt = _a[1];
        bt += hb;
        var epos = ebt << 3;
        // last byte
        var lb = dat[bt];
        if (!lb)
            err(0);
        //  state1   state2   state1 bits   state2 bits
        var st1 = 0, st2 = 0, btr1 = fdt.b, btr2 = btr1;
        // fse pos
        // pre-increment to account for original deficit of 1
        var fpos = (++bt << 3) - 8 + msb(lb);
        for (;;) {
            fpos -= btr1;
            if (fpos < epos)
                break;
            var cbt = fpos >> 3;
            st1 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr1) - 1);
            hw[++wc] = fdt.s[st1];
            fpos -= btr2;
            if (fpos < epos)
                break;
            cbt = fpos >> 3;
            st2 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr2) - 1);
            hw[++wc] = fdt.s[st2];
            btr1 = fdt.n[st1];
            st1 = fdt.t[st1];
            btr2 = fdt.n[st2];
            st2 = fdt.t[st2];
        }
        if (++wc > 255)
            err(0);
    }
    else {
        wc = hb - 127;
        for (; i < wc; i += 2) {
            var byte = dat[++bt];
            hw[i] = byte >> 4;
            hw[i + 1] = byte & 15;
        }
        ++bt;
    }
    // weight exponential sum
    var wes = 0;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        // bits must be at most 11, same as weight
        if (wt > 11)
            err(0);
        wes += wt && (1 << (wt - 1));
    }
    // max bits
    var mb = msb(wes) + 1;
    // table size
    var ts = 1 << mb;
    // remaining sum
    var rem = ts - wes;
    // must be power of 2
    if (rem & (rem - 1))
        err(0);
    hw[wc++] = msb(rem) + 1;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        ++rc[hw[i] = wt && (mb + 1 - wt)];
    }
    // huf buf
    var hbuf = new u8(ts << 1);
    //    symbols                      num bits
    var syms = hbuf.subarray(0, ts), nb = hbuf.subarray(ts);
    ri[mb] = 0;
    for (i = mb; i > 0; --i) {
        var pv = ri[i];
        fill(nb, i, pv, ri[i - 1] = pv + rc[i] * (1 << (mb - i)));
    }
    if (ri[0] != ts)
        err(0);
    for (i = 0; i < wc; ++i) {
        var bits = hw[i];
        if (bits) {
            var code = ri[bits];
            fill(syms, i, code, ri[bits] = code + (1 << (mb - bits)));
        }
    }
    return [bt, {
            n: nb,
            b: mb,
            s: syms
        }];
};
// Tables generated using this:
// https://gist.github.com/101arrowz/a979452d4355992cbf8f257cbffc9edd
// default literal length table
var dllt = /*#__PURE__*/ rfse(/*#__PURE__*/ new u8([
    81, 16, 99, 140, 49, 198, 24, 99, 12, 33, 196, 24, 99, 102, 102, 134, 70, 146, 4
]), 0, 6)[1];
// default match length table
var dmlt = /*#__PURE__*/ rfse(/*#__PURE__*/ new u8([
    33, 20, 196, 24, 99, 140, 33, 132, 16, 66, 8, 33, 132, 16, 66, 8, 33, 68, 68, 68, 68, 68, 68, 68, 68, 36, 9
]), 0, 6)[1];
// default offset code table
var doct = /*#__PURE__ */ rfse(/*#__PURE__*/ new u8([
    32, 132, 16, 66, 102, 70, 68, 68, 68, 68, 36, 73, 2
]), 0, 5)[1];
// bits to baseline
var b2bl = function (b, s) {
    var len = b.length, bl = new i32(len);
    for (var i = 0; i < len; ++i) {
        bl[i] = s;
        s += 1 << b[i];
    }
    return bl;
};
// literal length bits
var llb = /*#__PURE__ */ new u8(( /*#__PURE__ */new i32([
    0, 0, 0, 0, 16843009, 50528770, 134678020, 202050057, 269422093
])).buffer, 0, 36);
// literal length baseline
var llbl = /*#__PURE__ */ b2bl(llb, 0);
// match length bits
var mlb = /*#__PURE__ */ new u8(( /*#__PURE__ */new i32([
    0, 0, 0, 0, 0, 0, 0, 0, 16843009, 50528770, 117769220, 185207048, 252579084, 16
])).buffer, 0, 53);
// match length baseline
var mlbl = /*#__PURE__ */ b2bl(mlb, 3);
// decode huffman stream
var dhu = function (dat, out, hu) {
    var len = dat.length, ss = out.length, lb = dat[len - 1], msk = (1 << hu.b) - 1, eb = -hu.b;
    if (!lb)
        err(0);
    var st = 0, btr = hu.b, pos = (len << 3) - 8 + msb(lb) - btr, i = -1;
    for (; pos > eb && i < ss;) {
        var cbt = pos >> 3;
        var val = (dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (pos & 7);
        st = ((st << btr) | val) & msk;
        out[++i] = hu.s[st];
        pos -= (btr = hu.n[st]);
    }
    if (pos != eb || i + 1 != ss)
        err(0);
};
// decode huffman stream 4x
// TODO: use workers to parallelize
var dhu4 = function (dat, out, hu) {
    var bt = 6;
    var ss = out.length, sz1 = (ss + 3) >> 2, sz2 = sz1 << 1, sz3 = sz1 + sz2;
    dhu(dat.subarray(bt, bt += dat[0] | (dat[1] << 8)), out.subarray(0, sz1), hu);
    dhu(dat.subarray(bt, bt += dat[2] | (dat[3] << 8)), out.subarray(sz1, sz2), hu);
    dhu(dat.subarray(bt, bt += dat[4] | (dat[5] << 8)), out.subarray(sz2, sz3), hu);
    dhu(dat.subarray(bt), out.subarray(sz3), hu);
};
// read Zstandard block
var rzb = function (dat, st, out) {
    var _a;
    var bt = st.b;
    //    byte 0        block type
    var b0 = dat[bt], btype = (b0 >> 1) & 3;
    st.l = b0 & 1;
    var sz = (b0 >> 3) | (dat[bt + 1] << 5) | (dat[bt + 2] << 13);
    // end byte for block
    var ebt = (bt += 3) + sz;
    if (btype == 1) {
        if (bt >= dat.length)
            return;
        st.b = bt + 1;
        if (out) {
            fill(out, dat[bt], st.y, st.y += sz);
            return out;
        }
        return fill(new u8(sz), dat[bt]);
    }
    if (ebt > dat.length)
        return;
    if (btype == 0) {
        st.b = ebt;
        if (out) {
            out.set(dat.subarray(bt, ebt), st.y);
            st.y += sz;
            return out;
        }
        return slc(dat, bt, ebt);
    }
    if (btype == 2) {
        //    byte 3        lit btype     size format
        var b3 = dat[bt], lbt = b3 & 3, sf = (b3 >> 2) & 3;
        // lit src size  lit cmp sz 4 streams
        var lss = b3 >> 4, lcs = 0, s4 = 0;
        if (lbt < 2) {
            if (sf & 1)
                lss |= (dat[++bt] << 4) | ((sf & 2) && (dat[++bt] << 12));
            else
                lss = b3 >> 3;
        }
        else {
            s4 = sf;
            if (sf < 2)
                lss |= ((dat[++bt] & 63) << 4), lcs = (dat[bt] >> 6) | (dat[++bt] << 2);
            else if (sf == 2)
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 3) << 12), lcs = (dat[bt] >> 2) | (dat[++bt] << 6);
            else
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 63) << 12), lcs = (dat[bt] >> 6) | (dat[++bt] << 2) | (dat[++bt] << 10);
        }
        ++bt;
        // add literals to end - can never overlap with backreferences because unused literals always appended
        var buf = out ? out.subarray(st.y, st.y + st.m) : new u8(st.m);
        // starting point for literals
        var spl = buf.length - lss;
        if (lbt == 0)
            buf.set(dat.subarray(bt, bt += lss), spl);
        else if (lbt == 1)
            fill(buf, dat[bt++], spl);
        else {
            // huffman table
            var hu = st.h;
            if (lbt == 2) {
                var hud = rhu(dat, bt);
                // subtract description length
                lcs += bt - (bt = hud[0]);
                st.h = hu = hud[1];
            }
            else if (!hu)
                err(0);
            (s4 ? dhu4 : dhu)(dat.subarray(bt, bt += lcs), buf.subarray(spl), hu);
        }
        // num sequences
        var ns = dat[bt++];
        if (ns) {
            if (ns == 255)
                ns = (dat[bt++] | (dat[bt++] << 8)) + 0x7F00;
            else if (ns > 127)
                ns = ((ns - 128) << 8) | dat[bt++];
            // symbol compression modes
            var scm = dat[bt++];
            if (scm & 3)
                err(0);
            var dts = [dmlt, doct, dllt];
            for (var i = 2; i > -1; --i) {
                var md = (scm >> ((i << 1) + 2)) & 3;
                if (md == 1) {
                    // rle buf
                    var rbuf = new u8([0, 0, dat[bt++]]);
                    dts[i] = {
                        s: rbuf.subarray(2, 3),
                        n: rbuf.subarray(0, 1),
                        t: new u16(rbuf.buffer, 0, 1),
                        b: 0
                    };
                }
                else if (md == 2) {
                    // accuracy log 8 for offsets, 9 for others
                    _a = rfse(dat, bt, 9 - (i & 1)), bt = _a[0], dts[i] = _a[1];
                }
                else if (md == 3) {
                    if (!st.t)
                        err(0);
                    dts[i] = st.t[i];
                }
            }
            var _b = st.t = dts, mlt = _b[0], oct = _b[1], llt = _b[2];
            var lb = dat[ebt - 1];
            if (!lb)
                err(0);
            var spos = (ebt << 3) - 8 + msb(lb) - llt.b, cbt = spos >> 3, oubt = 0;
            var lst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << llt.b) - 1);
            cbt = (spos -= oct.b) >> 3;
            var ost = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << oct.b) - 1);
            cbt = (spos -= mlt.b) >> 3;
            var mst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mlt.b) - 1);
            for (++ns; --ns;) {
                var llc = llt.s[lst];
                var lbtr = llt.n[lst];
                var mlc = mlt.s[mst];
                var mbtr = mlt.n[mst];
                var ofc = oct.s[ost];
                var obtr = oct.n[ost];
                cbt = (spos -= ofc) >> 3;
                var ofp = 1 << ofc;
                var off = ofp + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16) | (dat[cbt + 3] << 24)) >>> (spos & 7)) & (ofp - 1));
                cbt = (spos -= mlb[mlc]) >> 3;
                var ml = mlbl[mlc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << mlb[mlc]) - 1));
                cbt = (spos -= llb[llc]) >> 3;
                var ll = llbl[llc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << llb[llc]) - 1));
                cbt = (spos -= lbtr) >> 3;
                lst = llt.t[lst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << lbtr) - 1));
                cbt = (spos -= mbtr) >> 3;
                mst = mlt.t[mst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mbtr) - 1));
                cbt = (spos -= obtr) >> 3;
                ost = oct.t[ost] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << obtr) - 1));
                if (off > 3) {
                    st.o[2] = st.o[1];
                    st.o[1] = st.o[0];
                    st.o[0] = off -= 3;
                }
                else {
                    var idx = off - (ll != 0);
                    if (idx) {
                        off = idx == 3 ? st.o[0] - 1 : st.o[idx];
                        if (idx > 1)
                            st.o[2] = st.o[1];
                        st.o[1] = st.o[0];
                        st.o[0] = off;
                    }
                    else
                        off = st.o[0];
                }
                for (var i = 0; i < ll; ++i) {
                    buf[oubt + i] = buf[spl + i];
                }
                oubt += ll, spl += ll;
                var stin = oubt - off;
                if (stin < 0) {
                    var len = -stin;
                    var bs = st.e + stin;
                    if (len > ml)
                        len = ml;
                    for (var i = 0; i < len; ++i) {
                        buf[oubt + i] = st.w[bs + i];
                    }
                    oubt += len, ml -= len, stin = 0;
                }
                for (var i = 0; i < ml; ++i) {
                    buf[oubt + i] = buf[stin + i];
                }
                oubt += ml;
            }
            if (oubt != spl) {
                while (spl < buf.length) {
                    buf[oubt++] = buf[spl++];
                }
            }
            else
                oubt = buf.length;
            if (out)
                st.y += oubt;
            else
                buf = slc(buf, 0, oubt);
        }
        else if (out) {
            st.y += lss;
            if (spl) {
                for (var i = 0; i < lss; ++i) {
                    buf[i] = buf[spl + i];
                }
            }
        }
        else if (spl)
            buf = slc(buf, spl);
        st.b = ebt;
        return buf;
    }
    err(2);
};
// concat
var cct = function (bufs, ol) {
    if (bufs.length == 1)
        return bufs[0];
    var buf = new u8(ol);
    for (var i = 0, b = 0; i < bufs.length; ++i) {
        var chk = bufs[i];
        buf.set(chk, b);
        b += chk.length;
    }
    return buf;
};
/**
 * Decompresses Zstandard data
 * @param dat The input data
 * @param buf The output buffer. If unspecified, the function will allocate
 *            exactly enough memory to fit the decompressed data. If your
 *            data has multiple frames and you know the output size, specifying
 *            it will yield better performance.
 * @returns The decompressed data
 */
function decompress(dat, buf) {
    var bufs = [], nb = +!buf;
    var bt = 0, ol = 0;
    for (; dat.length;) {
        var st = rzfh(dat, nb || buf);
        if (typeof st == 'object') {
            if (nb) {
                buf = null;
                if (st.w.length == st.u) {
                    bufs.push(buf = st.w);
                    ol += st.u;
                }
            }
            else {
                bufs.push(buf);
                st.e = 0;
            }
            for (; !st.l;) {
                var blk = rzb(dat, st, buf);
                if (!blk)
                    err(5);
                if (buf)
                    st.e = st.y;
                else {
                    bufs.push(blk);
                    ol += blk.length;
                    cpw(st.w, 0, blk.length);
                    st.w.set(blk, st.w.length - blk.length);
                }
            }
            bt = st.b + (st.c * 4);
        }
        else
            bt = st;
        dat = dat.subarray(bt);
    }
    return cct(bufs, ol);
}

var xzDecompress$1 = {exports: {}};

/*!
 * Based on xzwasm (c) Steve Sanderson. License: MIT - https://github.com/SteveSanderson/xzwasm
 * Contains xz-embedded by Lasse Collin and Igor Pavlov. License: Public domain - https://tukaani.org/xz/embedded.html
 * and walloc (c) 2020 Igalia, S.L. License: MIT - https://github.com/wingo/walloc
 */
var xzDecompress = xzDecompress$1.exports;

var hasRequiredXzDecompress;

function requireXzDecompress () {
	if (hasRequiredXzDecompress) return xzDecompress$1.exports;
	hasRequiredXzDecompress = 1;
	(function (module, exports) {
		(function webpackUniversalModuleDefinition(root, factory) {
			module.exports = factory(require$$0);
		})(xzDecompress, (__WEBPACK_EXTERNAL_MODULE__2__) => {
		return /******/ (() => { // webpackBootstrap
		/******/ 	var __webpack_modules__ = ([
		/* 0 */,
		/* 1 */
		/***/ ((module) => {

		module.exports = "data:application/wasm;base64,AGFzbQEAAAABOApgAX8Bf2ABfwBgAABgA39/fwF/YAABf2ACf38AYAN/f34BfmACf38Bf2AEf39/fwF/YAN/f38AAyEgAAABAgMDAwMEAQUAAgMCBgcIBwUDAAMHAQcABwcBAwkFAwEAAgYIAX8BQfCgBAsHTgUGbWVtb3J5AgAOY3JlYXRlX2NvbnRleHQACA9kZXN0cm95X2NvbnRleHQACQxzdXBwbHlfaW5wdXQACg9nZXRfbmV4dF9vdXRwdXQACwqQYCDfAgEFf0EAIQECQCAAQQdqIgJBEEkNAEEBIQEgAkEDdiIDQQJGDQBBAiEBIAJBIEkNAEEDIQEgA0EERg0AQQQhASACQTBJDQBBBSEBIANBBkYNAEEGIQEgAkHIAEkNAEEHIQEgAkHYAEkNAEEIIQEgAkGIAUkNAEEJIQEgAkGIAkkNACAAEIGAgIAAIgBBCGpBACAAGw8LAkACQCABQQJ0QcCIgIAAaiIEKAIAIgANAEEAIQACQAJAQQAoAuSIgIAAIgJFDQBBACACKAIANgLkiICAAAwBC0EAEIGAgIAAIgJFDQILIAJBgIB8cSIAIAJBCHZB/wFxIgJyIAE6AAAgACACQQh0ckGAAmohAEEAIQJBACABQQJ0QYCIgIAAaigCACIDayEFIAMhAQNAIAAgBWoiACACNgIAIAAhAiABIANqIgFBgQJJDQALIAQgADYCAAsgBCAAKAIANgIACyAAC/QHAQh/QQAoArCIgIAAIQECQAJAAkACQAJAQQAtALSIgIAARQ0AQQBBADoAtIiAgAAgAUUNAUGwiICAACECA0ACQAJAIAFBCGoiAyABKAIEIgRqIgVBCHZB/wFxIgYNACABIQIMAQsCQANAIAVBgIB8cSAGai0AAEH+AUcNAUGwiICAACEGA0AgBiIHKAIAIgYgBUcNAAsgByAFKAIANgIAIAEgBCAFKAIEakEIaiIENgIEIAcgAiACIAVGGyECIAMgBGoiBUEIdkH/AXEiBg0ACwsgAigCACECCyACKAIAIgENAAtBACgCsIiAgAAhAQsgAUUNACAAQYcCakGAfnEhCEF/IQJBsIiAgAAhBEEAIQNBsIiAgAAhBgNAIAYhBwJAIAEiBigCBCIFIABJDQAgBSACTw0AIAUhAiAHIQQgBiEDIAVBCGogCEcNACAHIQQgBSECIAYhAwwECyAGKAIAIgENAAsgAw0CDAELQbCIgIAAIQQLPwBBEHQhASAAQYgCaiEHQQAhAwJAAkBBACgCuIiAgAAiAkUNAEEAIQUgASEGDAELQQAgAUHwoISAAEH//wNqQYCAfHEiBmsiAjYCuIiAgAAgAiEFCwJAIAcgBU0NACACQQF2IgIgByAFayIHIAIgB0sbQf//A2oiB0EQdkAAQX9GDQJBAEEAKAK4iICAACAHQYCAfHEiA2o2AriIgIAACyAGRQ0BIAZB/wE6AAEgBkEAKAKwiICAADYCgAIgBkGEAmogAyAFakGAgHxxQfh9aiICNgIAIAZBgAJqIQMLIANBgIB8cSIGIANBCHZB/wFxckH/AToAACAEIAMoAgA2AgACQCACIABrQYB+cSIFDQAgAw8LIAMhAQJAIAYgBUF/cyADQQhqIgQgAmoiB2pBgIB8cUYNACAEQf//A3EhBQJAIABB9/0DSw0AIAYgBEEIdkH/AXFqQf4BOgAAIANBACgCsIiAgAA2AgAgA0GAgAQgBWsiBTYCBEEAIAM2ArCIgIAAEIOAgIAAIAZBhIIEaiACIAVrQfh9aiIFNgIAIAZBgYAEakH/AToAACAGQYCCBGohASAFIABrQYB+cSEFDAELIAIgBWogACAFakH//3tqQYCAfHFrQYCAeGohBSADIQELIAEgASgCBCAFazYCBCAFQfgBaiEGIAcgBWtBCHZB/wFxIQUCQANAIAYiB0GAfmohBiAFIgQNAUEBIQUgB0H4AUcNAAsLAkAgB0H4AUYNACACIANqIAZrQYCAfHEiBSAEakH+AToAACAFIARBCHRqIgVBACgCsIiAgAA2AgAgBSAGNgIEQQAgBTYCsIiAgAAQg4CAgAALIAEPC0EAC3wBAn8CQCAARQ0AAkAgAEGAgHxxIABBCHZB/wFxciIBLQAAIgJB/wFHDQAgAEF4aiIAQQAoArCIgIAANgIAQQAgADYCsIiAgAAgAUH+AToAAEEAQQE6ALSIgIAADwsgACACQQJ0QcCIgIAAaiICKAIANgIAIAIgADYCAAsLawECfwJAQQAoArCIgIAAIgAoAgRB/wFLDQAgAEGAgHxxIgEgAEEIdkH/AXEiAHJBCToAAEEAQQAoArCIgIAAKAIANgKwiICAACABIABBCHRyIgBBACgC5IiAgAA2AgBBACAANgLkiICAAAsLTgECfwJAIAAgAUYNACACRQ0AA0ACQCAALQAAIgMgAS0AACIERg0AQQFBfyADIARLGw8LIAFBAWohASAAQQFqIQAgAkF/aiICDQALC0EAC3gBAX8CQAJAIAAgAU8NACACRQ0BIAAhAwNAIAMgAS0AADoAACABQQFqIQEgA0EBaiEDIAJBf2oiAg0ADAILCyAAIAFNDQAgAkUNACABQX9qIQEgAEF/aiEDA0AgAyACaiABIAJqLQAAOgAAIAJBf2oiAg0ACwsgAAssAQF/AkAgAkUNACAAIQMDQCADIAE6AAAgA0EBaiEDIAJBf2oiAg0ACwsgAAt/AQF/AkACQCABIAByIAJyQQNxRQ0AIAJFDQEgACEDA0AgAyABLQAAOgAAIAFBAWohASADQQFqIQMgAkF/aiICDQAMAgsLIAJBBEkNACACQQJ2IQIgACEDA0AgAyABKAIANgIAIAFBBGohASADQQRqIQMgAkF/aiICDQALCyAAC4gBAQJ/AkBBAC0A6IiAgAANAEEAQQE6AOiIgIAAEIyAgIAAEI6AgIAAC0GggAgQgICAgAAiAEGAgAQ2AgBBAkGAgIAgEJeAgIAAIQEgAEEUakKAgICAgIDAADcCACAAQRBqIABBoIAEajYCACAAQQhqQgA3AgAgACAAQSBqNgIEIAAgATYCHCAACxUAIAAoAhwQmICAgAAgABCCgICAAAsWACAAQQxqIAE2AgAgAEEIakEANgIACxsAIAAoAhwgAEEEaiAAQQxqKAIARRCWgICAAAtUAQN/QQAhAANAQQghASAAIQIDQEEAIAJBAXFrQaCG4u1+cSACQQF2cyECIAFBf2oiAQ0ACyAAQQJ0QfCIgIAAaiACNgIAIABBAWoiAEGAAkcNAAsLTgACQCABRQ0AIAJBf3MhAgNAIAJB/wFxIAAtAABzQQJ0QfCIgIAAaigCACACQQh2cyECIABBAWohACABQX9qIgENAAsgAkF/cyECCyACC10DAX4BfwF+QgAhAANAQQghASAAIQIDQEIAIAJCAYN9QsKenLzd8pW2SYMgAkIBiIUhAiABQX9qIgENAAsgAKdBA3RB8JCAgABqIAI3AwAgAEIBfCIAQoACUg0ACwtPAAJAIAFFDQAgAkJ/hSECA0AgAkL/AYMgADEAAIWnQQN0QfCQgIAAaikDACACQgiIhSECIABBAWohACABQX9qIgENAAsgAkJ/hSECCyACC8oQAgx/An4CQAJAIAAoAiRFDQAgACgCACECDAELQQAhAiAAQQA6ACggAEIANwMAIABCADcDGCAAQcgAakEAQeQAEIaAgIAAGiAAQawBakEMNgIACyAAIAEoAgQiAzYCECAAQeAAaiEEIABByABqIQUgAEG2AWohBiAAQbABaiEHIABBqAFqIQggASgCECEJAkACQAJAAkADQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQCACDgoBAgAEBQYHCAkKDwsgASgCACEKIAAoAqgBIQIgACgCrAEhCyABKAIEIQwgASgCCCENDAILIAcgACgCqAEiDGogASgCACABKAIEIgJqIAEoAgggAmsiAiAAKAKsASAMayIMIAIgDEkbIgIQh4CAgAAaIAEgASgCBCACajYCBEEAIQwgAEEAIAAoAqgBIAJqIgIgAiAAKAKsASILRhs2AqgBIAIgC0cNESAAQQE2AgACQCAHQaiIgIAAQQYQhICAgABFDQBBBSEMDBILIAZBAkEAEI2AgIAAIAAoALgBRw0QQQYhDCAGLQAADREgACAALQC3ASICNgIgIAJBBEsNEUEBIAJ0QRNxRQ0RCyABKAIEIgwgASgCCCINRg0OAkAgASgCACIKIAxqLQAAIgsNACAAIAw2AhAgASAMQQFqNgIEQQYhAgwMC0EAIQIgAEEANgKoASAAQQI2AgAgACALQQJ0QQRqIgs2AqwBIAAgCzYCQAsgByACaiAKIAxqIA0gDGsiDCALIAJrIgIgDCACSRsiAhCHgICAABogASABKAIEIAJqNgIEQQAhDCAAQQAgACgCqAEgAmoiAiACIAAoAqwBIgtGGzYCqAEgAiALRw0PIAAgAkF8aiICNgKsAUEHIQwgByACQQAQjYCAgAAgByAAKAKsASICaigAAEcNDyAAQQI2AqgBIAAtALEBIgtBP3ENDAJAAkAgC0HAAHFFDQAgACAHIAggAhCRgICAAEEBRw0RIAAgACkDCDcDMCAAKAKsASECIAAtALEBIQsMAQsgAEJ/NwMwC0J/IQ4CQCALwEF/Sg0AIAAgByAIIAIQkYCAgABBAUcNECAAKAKsASECIAApAwghDgsgACAONwM4IAIgACgCqAEiC2tBAkkNDyAAIAtBAWoiCjYCqAEgCCALakEIai0AAEEhRw0MIAAgC0ECaiINNgKoASAIIApqQQhqLQAAQQFHDQwgAiANRg0PIAAgC0EDajYCqAEgACgCsAkgCCANakEIai0AABCcgICAACIMDQ8gACgCrAEiAiAAKAKoASIMIAIgDEsbIQ0CQANAIA0gDEYNASAAIAxBAWoiAjYCqAEgACAMaiELIAIhDCALQbABai0AAA0ODAALCyAFQgA3AwAgAEEANgKoASAAQQM2AgAgBUEIakIANwMACyAAIAEoAgQ2AhAgACABKAIQNgIUIAAoArAJIAEQmYCAgAAhDCAAIAApA0ggASgCBCAAKAIQa618Ig43A0ggACAAKQNQIAEoAhAgACgCFCICayILrXwiDzcDUCAOIAApAzBWDQ0gDyAAKQM4Vg0NAkACQAJAAkAgACgCIEF/ag4EAAMDAQMLIAEoAgwgAmogCyAAKAIYEI2AgIAArSEODAELIAEoAgwgAmogCyAAKQMYEI+AgIAAIQ4LIAAgDjcDGAsgDEEBRw0OAkAgACkDMCIOQn9RDQAgDiAFKQMAUg0OCwJAIAApAzgiDkJ/UQ0AQQchDCAOIAApA1BSDQ8LIAAgACkDSCAANQJAfCAAKQNgfCIPNwNgQgQhDgJAAkACQCAAKAIgQX9qDgQBAgIAAgtCCCEOCyAEIA4gD3w3AwALIAAgACkDaCAAKQNQfDcDaCAAIARBGCAAKAJwEI2AgIAANgJwIABBBDYCACAAIAApA1hCAXw3A1gLAkAgBSkDACIOQgODUA0AIA5CAXwhDiABKAIEIQwgASgCCCELA0AgCyAMRg0NIAEgDEEBaiICNgIEIAEoAgAgDGotAAANDiAFIA43AwAgDkIDgyEPIA5CAXwhDiACIQwgD0IAUg0ACwsgAEEFNgIAC0EBIQIgACgCIEF/ag4EBgcHBQcLIAAgARCSgICAACIMQQFHDQsgAEEHNgIAC0EAIAAoAhBrIQUgAEGAAWopAwAhDiABKAIEIQwCQANAIA4gBSAMaq18QgODUA0BAkAgDCABKAIIRw0AIAAgARCTgICAAAwLCyABIAxBAWoiAjYCBCABKAIAIAxqIQsgAiEMIAstAAANCwwACwsgACABEJOAgIAAQQchDCAEIABBkAFqQRgQhICAgAANCiAAQQg2AgALIAAgAUEgEJSAgIAAIgxBAUcNCSAAQQk2AgBBDCELIABBDDYCrAEMAQsgACgCrAEhCwsgByAAKAKoASIMaiABKAIAIAEoAgQiAmogASgCCCACayICIAsgDGsiDCACIAxJGyICEIeAgIAAGiABIAEoAgQgAmo2AgRBACEMIABBACAAKAKoASACaiICIAIgACgCrAEiC0YbNgKoASACIAtHDQcgABCVgICAACEMDAcLQQEhAiAAIAFBwAAQlICAgAAiDEEBRw0GDAELQQEhAiAAIAFBIBCUgICAACIMQQFHDQULIAAgAjYCAAwACwtBBiEMDAILQQAhDAwBC0EHIQwLAkACQCAAKAIkDQACQAJAIAwOAgADAQtBB0EIIAEoAgQgASgCCEYbIQwLIAEgCTYCECABIAM2AgQgDA8LAkAgDA0AIAMgASgCBEcNACAJIAEoAhBHDQAgAC0AKCEBIABBAToAKCABQQN0DwsgAEEAOgAoCyAMC6YBAQN/AkAgACgCBCIEDQAgAEIANwMICyACKAIAIgUgAyAFIANLGyEGA0ACQCAGIAVHDQBBAA8LIAEgBWotAAAhAyACIAVBAWoiBTYCACAAIANB/wBxrSAErYYgACkDCIQ3AwgCQAJAIAPAIgNBAEgNAAJAIAMNAEEHIQMgBA0CCyAAQQA2AgRBAQ8LQQchAyAAIARBB2oiBDYCBCAEQT9HDQELCyADC6ECAgN/AX4gAEGQAWohAiABQQRqIQMDQAJAIAAgASgCACADIAEoAggQkYCAgAAiBEEBRg0AIABBgAFqIgMgAykDACABKAIEIAAoAhAiA2siAq18NwMAIAAgAyABKAIAaiACIAAoAhgQjYCAgACtNwMYIAQPCwJAAkACQAJAAkAgACgCeA4DAAIBAwsgACAAKQMIIgU3A4gBAkAgBSAAKQNYUQ0AQQcPCyAAQQE2AngMAwsgACAAKQOYASAAKQMIfDcDmAEgACACQRggACgCoAEQjYCAgAA2AqABIABBATYCeCAAIAApA4gBQn98IgU3A4gBDAILIABBAjYCeCAAIAApA5ABIAApAwh8NwOQAQsgACkDiAEhBQsgBUIAUg0AC0EBC0ABAn8gAEGAAWoiAiACKQMAIAEoAgQgACgCECICayIDrXw3AwAgACACIAEoAgBqIAMgACgCGBCNgICAAK03AxgLfAEEfyABKAIEIQMgASgCCCEEA0ACQCAEIANHDQBBAA8LIAEgA0EBaiIFNgIEAkAgASgCACADai0AACAAKQMYIAAoAgQiA62Ip0H/AXFGDQBBBw8LIAAgA0EIaiIGNgIEIAUhAyAGIAJJDQALIABBADYCBCAAQgA3AxhBAQtvAQF/QQchAQJAIABBugFqLwAAQdm0AUcNACAAQbQBakEGQQAQjYCAgAAgAEGwAWooAABHDQAgAEGAAWopAwBCAoggADUAtAFSDQAgAEG4AWotAAANAEEBQQcgACgCICAAQbkBai0AAEYbIQELIAELwAIBA38CQAJAAkAgACgCJA0AIABBADoAKCAAQQA2AgBBASECDAELAkAgACgCAEEKRw0AQQAhAwwCC0ECIQMMAQtBASEDCwJAAkADQAJAAkACQAJAIAMOAwABAwMLIAEoAgQiAyABKAIIIgRGDQQgASgCACEFAkADQCAFIANqLQAADQEgASADQQFqIgM2AgQgACAAKAIEQQFqQQNxNgIEIAQgA0YNBgwACwsCQCAAKAIERQ0AQQcPCyAAKAIkRQ0BIABBADoAKCAAQQA2AgBBASEDDAMLIABCADcDGCAAQQA2AgQgAEHIAGpBAEHkABCGgICAABogAEGsAWpBDDYCAAtBAiEDDAELIAAgARCQgICAACIDQQFHDQIgAEEKNgIAQQAhAwwACwsCQCACDQBBAA8LQQdBASAAKAIEGyEDCyADC3UBAX8CQEG4CRCAgICAACICRQ0AIAIgADYCJCACIAAgARCbgICAACIANgKwCQJAIABFDQAgAkEAOgAoIAJCADcDACACQgA3AxggAkHIAGpBAEHkABCGgICAABogAkGsAWpBDDYCACACDwsgAhCCgICAAAtBAAseAAJAIABFDQAgACgCsAkQnYCAgAAgABCCgICAAAsL3RABCn8gAEHo3QFqIQIgAEHUAGohAyAAQRxqIgRBCGohBQJAAkADQCAAKAJAIQYCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgASgCBCIHIAEoAghJDQAgBkEHRg0BDBELIAYOCQECAwQFBgcACQ4LIAAoAkwhBgwHC0EBIQYgASAHQQFqNgIEIAEoAgAgB2otAAAiB0UNCAJAAkAgB0HfAUsNACAHQQFHDQELIABBgAI7AVACQCAAKAI8DQAgACABKAIMIAEoAhAiBmo2AhggACABKAIUIAZrNgIsCyAEQgA3AgAgBUIANwIADAoLIAAtAFBFDQkMDQsgASAHQQFqNgIEIAEoAgAgB2otAAAhByAAQQI2AkAgACAHQQh0IAAoAkhqNgJIDAsLIAEgB0EBajYCBCABKAIAIAdqLQAAIQcgAEEDNgJAIAAgByAAKAJIakEBajYCSAwKCyABIAdBAWo2AgQgASgCACAHai0AACEHIABBBDYCQCAAIAdBCHQ2AkwMCQsgASAHQQFqNgIEIAEoAgAgB2otAAAhByAAIAAoAkQ2AkAgACAHIAAoAkxqQQFqNgJMDAgLIAEgB0EBajYCBEEHIQYgASgCACAHai0AACIHQeABSw0DQQAhCAJAAkAgB0EtTw0AQQAhCQwBCyAHQVNqIgcgB0H/AXFBLW4iCUEtbGshByAJQQFqIQkLIABBfyAJdEF/czYCdAJAIAdB/wFxQQlJDQAgB0F3aiIHIAdB/wFxQQluIghBCWxrIQcgCEEBaiEICyAAIAg2AnAgACAHQf8BcSIHNgJsIAggB2pBBEsNAyADQgA3AgAgA0EIakIANwIAIANBEGpBADYCACAAQX8gCHRBf3M2AnBB+AAhBwNAIAAgB2pBgAg7AQAgB0ECaiIHQeTdAUcNAAsgAEEGNgJAIABBBTYCCCAAQv////8PNwIACyAAKAJMIgpBBUkNBwJAIAAoAggiB0UNACAHQX9qIQYgASgCBCEHIAEoAgghCQNAIAkgB0YNCiABIAdBAWoiCDYCBCABKAIAIAdqLQAAIQcgACAGNgIIIAAgByAAKAIEQQh0cjYCBCAIIQcgBkF/aiIGQX9HDQALCyAAQQc2AkAgACAKQXtqIgY2AkwLIAAgACgCICIHIAEoAhQgASgCEGsiCCAAKAJIIgkgCCAJSRsiCGogACgCLCIJIAkgB2sgCEsbNgIoIAEoAggiCiABKAIEIghrIQcCQAJAAkAgACgC5N0BIgkNACAGDQFBACEGCyACIAlqIAEoAgAgCGpBKiAJayIIIAYgCWsiBiAIIAZJGyIGIAcgBiAHSRsiBxCHgICAABoCQAJAIAAoAuTdASIIIAdqIgYgACgCTEcNACACIAhqIAdqQQBBPyAGaxCGgICAABogACgC5N0BIAdqIQYMAQsCQCAGQRRLDQAgACAGNgLk3QEgASABKAIEIAdqNgIEDAMLIAZBa2ohBgsgAEEANgIQIAAgAjYCDCAAIAY2AhRBByEGIAAQmoCAgABFDQMgACgCECIIIAAoAuTdASIJIAdqSw0DIAAgACgCTCAIayIGNgJMAkAgCCAJTw0AIAAgCSAIayIHNgLk3QEgAiACIAhqIAcQhYCAgAAaDAILIABBADYC5N0BIAEgASgCBCAIIAlraiIINgIEIAEoAggiCiAIayEHCwJAIAdBFUkNACAAIAg2AhAgACABKAIANgIMIAAgCkFraiAIIAZqIAcgBkEVakkbNgIUQQchBiAAEJqAgIAARQ0DIAAoAkwiByAAKAIQIgggASgCBGsiCUkNAyABIAg2AgQgACAHIAlrIgY2AkwgASgCCCAIayIHQRRLDQELIAIgASgCACAIaiAHIAYgByAGSRsiBxCHgICAABogACAHNgLk3QEgASABKAIEIAdqNgIECyAAKAIgIgYgACgCHCIIayEHAkAgACgCPEUNAAJAIAYgACgCLEcNACAAQQA2AiALIAEoAgwgASgCEGogACgCGCAIaiAHEIeAgIAAGiAAKAIgIQYLIAAgBjYCHCABIAEoAhAgB2oiCDYCECAAIAAoAkgiBiAHazYCSAJAIAYgB0cNAEEHIQYgACgCTA0CIAAoAmgNAiAAKAIEDQIgAEEANgJADAQLQQAhBiAIIAEoAhRGDQEgASgCBCABKAIIRw0FIAAoAuTdASAAKAJMTw0FDAELAkADQCAAKAJMIghFDQFBACEGIAEoAggiCSAHTQ0CIAEoAhQiCiABKAIQIgtNDQIgACAIIAkgB2siBiAKIAtrIgkgBiAJSRsiBiAAKAIsIAAoAiAiCWsiCiAGIApJGyIGIAggBiAISRsiBms2AkwgCSAAKAIYaiABKAIAIAdqIAYQhYCAgAAaIAAgACgCICAGaiIHNgIgAkAgACgCJCAHTw0AIAAgBzYCJAsCQCAAKAI8RQ0AAkAgByAAKAIsRw0AIABBADYCIAsgASgCDCABKAIQaiABKAIAIAEoAgRqIAYQhYCAgAAaIAAoAiAhBwsgACAHNgIcIAEgASgCECAGajYCECABIAEoAgQgBmoiBzYCBAwACwsgAEEANgJADAQLIAYPCyAHwEF/Sg0BIABBATYCQCAAIAdBEHRBgID8AHE2AkgCQCAHQcABSQ0AIABBBTYCRCAAQQA6AFEMAwsgAC0AUQ0DIABBBjYCRCAHQaABSQ0CIANCADcCACADQRBqQQA2AgAgA0EIakIANwIAQfgAIQcDQCAAIAdqQYAIOwEAIAdBAmoiB0Hk3QFHDQALCyAAQQU2AgggAEL/////DzcCAAwBCyAHQQJLDQEgAEKDgICAgAE3AkAMAAsLQQcPC0EAC5wYARR/IABBGGohAQJAIABBIGooAgAiAiAAQShqKAIAIgNPDQAgAEHoAGoiBCgCAEUNACABIAQgACgCVBCegICAABogACgCKCEDIAAoAiAhAgsCQCACIANPDQAgAEHYC2ohBSAAQbwNaiEGIABB3A1qIQcgAEHoAGohCCAAQeAVaiEJIABB1ABqIQoDQCAAKAIQIgsgACgCFEsNASAAIAAoAmQiDEEFdGogACgCdCACcSINQQF0aiIOQfgAaiEPAkACQCAAKAIAIgNBgICACEkNACAAKAIEIRAMAQsgACADQQh0IgM2AgAgACALQQFqIgQ2AhAgACAAKAIEQQh0IAAoAgwgC2otAAByIhA2AgQgBCELCwJAAkAgECADQQt2IA8vAQAiEWwiBE8NACAAIAQ2AgAgDyARQYAQIBFrQQV2ajsBACACQX9qIQMCQCACDQAgACgCLCADaiEDCwJAAkAgACgCJCIRDQBBACEDDAELIAEoAgAgA2otAAAhAwsgACAAKAJwIAJxIAAoAmwiD3QgA0EIIA9rdmpBgAxsakHkHWohDgJAAkAgDEEGSw0AQQEhAwNAIA4gA0EBdCIDaiEQAkACQCAAKAIAIgRBgICACEkNACAAKAIEIQwMAQsgACAEQQh0IgQ2AgAgACAAKAIQIg9BAWo2AhAgACAAKAIEQQh0IA8gACgCDGotAAByIgw2AgQLAkACQCAMIARBC3YgEC8BACIRbCIPSQ0AIAAgDCAPazYCBCAEIA9rIQ8gA0EBciEDIBEgEUEFdmshBAwBCyARQYAQIBFrQQV2aiEECyAAIA82AgAgECAEOwEAIANBgAJJDQALIAAoAiAhAgwBCyACIAAoAlQiD0F/c2ohAwJAIAIgD0sNACAAKAIsIANqIQMLAkACQCARDQBBACESDAELIAEoAgAgA2otAAAhEgtBASEDQYACIQ8DQCAOIBJBAXQiEiAPcSITIA9qIANqQQF0aiERAkACQCAEQf///wdNDQAgBCENDAELIAAgBEEIdCINNgIAIAAgC0EBaiIENgIQIAAgEEEIdCAAKAIMIAtqLQAAciIQNgIEIAQhCwsCQAJAIBAgDUELdiARLwEAIgxsIgRPIhQNACAMQYAQIAxrQQV2aiEMDAELIAAgECAEayIQNgIEIA0gBGshBCAMIAxBBXZrIQxBACEPCyAAIAQ2AgAgESAMOwEAIA8gE3MhDyADQQF0IBRyIgNBgAJJDQALCyAAIAJBAWo2AiAgACgCGCACaiADOgAAAkAgACgCJCAAKAIgIgJPDQAgACACNgIkC0EAIQMCQCAAKAJkIgRBBEkNAAJAIARBCUsNACAEQX1qIQMMAQsgBEF6aiEDCyAAIAM2AmQMAQsgACADIARrIgM2AgAgACAQIARrIgQ2AgQgDyARIBFBBXZrOwEAIAAgDEEBdGoiEkH4A2ohDwJAAkAgA0H///8HTQ0AIAshEwwBCyAAIANBCHQiAzYCACAAIAtBAWoiEzYCECAAIARBCHQgACgCDCALai0AAHIiBDYCBAsCQAJAIAQgA0ELdiAPLwEAIhBsIhFJDQAgACADIBFrIgw2AgAgACAEIBFrIgM2AgQgDyAQIBBBBXZrOwEAIBJBkARqIQ8CQAJAIAxB////B00NACATIREMAQsgACAMQQh0Igw2AgAgACATQQFqIhE2AhAgACADQQh0IAAoAgwgE2otAAByIgM2AgQLAkACQCADIAxBC3YgDy8BACIQbCIETw0AIAAgBDYCACAPIBBBgBAgEGtBBXZqOwEAIA5B2ARqIQ8CQCAEQf///wdLDQAgACAEQQh0IgQ2AgAgACARQQFqNgIQIAAgA0EIdCAAKAIMIBFqLQAAciIDNgIECwJAIAMgBEELdiAPLwEAIhBsIhFJDQAgACAEIBFrNgIAIAAgAyARazYCBCAPIBAgEEEFdms7AQAMAgsgACARNgIAIA8gEEGAECAQa0EFdmo7AQAgAEEBNgJoIABBCUELIAAoAmRBB0kbNgJkDAMLIAAgDCAEayIMNgIAIAAgAyAEayIDNgIEIA8gECAQQQV2azsBACASQagEaiEEAkACQCAMQf///wdNDQAgESEODAELIAAgDEEIdCIMNgIAIAAgEUEBaiIONgIQIAAgA0EIdCAAKAIMIBFqLQAAciIDNgIECwJAAkAgAyAMQQt2IAQvAQAiD2wiEE8NACAAIBA2AgAgBCAPQYAQIA9rQQV2ajsBACAAKAJYIQMMAQsgACAMIBBrIhE2AgAgACADIBBrIgM2AgQgBCAPIA9BBXZrOwEAIBJBwARqIQ8CQCARQf///wdLDQAgACARQQh0IhE2AgAgACAOQQFqNgIQIAAgA0EIdCAAKAIMIA5qLQAAciIDNgIECwJAAkAgAyARQQt2IA8vAQAiEGwiBE8NACAQQYAQIBBrQQV2aiEQIAAoAlwhAwwBCyAAIAMgBGs2AgQgACgCYCEDIAAgACgCXDYCYCARIARrIQQgECAQQQV2ayEQCyAAIAQ2AgAgDyAQOwEAIAAgACgCWDYCXAsgACAAKAJUNgJYIAAgAzYCVAsgAEEIQQsgACgCZEEHSRs2AmQgACAJIA0Qn4CAgAAMAQsgACARNgIAIA8gEEGAECAQa0EFdmo7AQAgACAAKAJcNgJgIAAgACkCVDcCWCAAQQdBCiAAKAJkQQdJGzYCZCAAIAcgDRCfgICAACAKIAAoAmgiA0F+akEDIANBBkkbQQd0akGEB2ohDUEBIQMDQCANIANBAXQiA2ohEAJAAkAgACgCACIEQYCAgAhJDQAgACgCBCEMDAELIAAgBEEIdCIENgIAIAAgACgCECIPQQFqNgIQIAAgACgCBEEIdCAPIAAoAgxqLQAAciIMNgIECwJAAkAgDCAEQQt2IBAvAQAiEWwiD0kNACAAIAwgD2s2AgQgBCAPayEPIANBAXIhAyARIBFBBXZrIQQMAQsgEUGAECARa0EFdmohBAsgACAPNgIAIBAgBDsBACADQcAASQ0ACwJAIANBQGoiBEEDSw0AIAAgBDYCVAwBCyAAIANBAXFBAnIiDzYCVCAEQQF2IRACQCAEQQ1LDQAgACAPIBBBf2oiDnQiBDYCVEEBIQ8gBSAEQQF0akHAACADa0EBdGpBfmohEkEAIQwDQCASIA9BAXQiD2ohEAJAAkAgACgCACIDQYCAgAhJDQAgACgCBCENDAELIAAgA0EIdCIDNgIAIAAgACgCECIEQQFqNgIQIAAgACgCBEEIdCAEIAAoAgxqLQAAciINNgIECwJAAkAgDSADQQt2IBAvAQAiEWwiBEkNACAAIA0gBGs2AgQgACAAKAJUQQEgDHRqNgJUIAMgBGshBCAPQQFyIQ8gESARQQV2ayEDDAELIBFBgBAgEWtBBXZqIQMLIAAgBDYCACAQIAM7AQAgDiAMQQFqIgxHDQAMAgsLIBBBe2ohECAAKAIEIQQgACgCACEDA0ACQCADQf///wdLDQAgACADQQh0IgM2AgAgACAAKAIQIhFBAWo2AhAgBEEIdCARIAAoAgxqLQAAciEECyAAIANBAXYiAzYCACAAIAQgA2siBEEfdSIRIA9BAXRqQQFqIg82AlQgACARIANxIARqIgQ2AgQgEEF/aiIQDQALIAAgD0EEdDYCVEEAIQxBASEPA0AgBiAPQQF0Ig9qIRACQAJAIAAoAgAiA0GAgIAISQ0AIAAoAgQhDQwBCyAAIANBCHQiAzYCACAAIAAoAhAiBEEBajYCECAAIAAoAgRBCHQgBCAAKAIMai0AAHIiDTYCBAsCQAJAIA0gA0ELdiAQLwEAIhFsIgRJDQAgACANIARrNgIEIAAgACgCVEEBIAx0ajYCVCADIARrIQQgD0EBciEPIBEgEUEFdmshAwwBCyARQYAQIBFrQQV2aiEDCyAAIAQ2AgAgECADOwEAIAxBAWoiDEEERw0ACwsCQCABIAggACgCVBCegICAAA0AQQAPCyAAKAIgIQILIAIgACgCKEkNAAsLQQEhAwJAIAAoAgAiBEH///8HSw0AIAAgBEEIdDYCAEEBIQMgACAAKAIQIgRBAWo2AhAgACAAKAIEQQh0IAQgACgCDGotAAByNgIECyADC3ABAX8CQEGo3gEQgICAgAAiAkUNACACQTRqIAE2AgAgAkE8aiAANgIAAkACQAJAIABBf2oOAgABAgsgAiABEICAgIAAIgA2AhggAA0BIAIQgoCAgAAMAgsgAkEANgIYIAJBOGpBADYCAAsgAg8LQQAL0gEBAn9BBiECAkAgAUEnSw0AIABBMGogAUEBcUECciABQQF2QQtqdCIBNgIAAkACQCAAQTxqKAIAIgNFDQBBBCECIAEgAEE0aigCAEsNAiAAQSxqIAE2AgAgA0ECRw0AIABBOGoiAygCACABTw0AIAAgATYCOCAAKAIYEIKAgIAAIAAgACgCMBCAgICAACIBNgIYIAENAEEDIQIMAQtBACECIABBADYCQCAAQdAAakEBOgAAIABB6ABqQQA2AgAgAEHk3QFqIQMLIANBADYCAAsgAgsjAAJAIABBPGooAgBFDQAgACgCGBCCgICAAAsgABCCgICAAAvHAQEDf0EAIQMCQCAAKAIMIAJNDQAgACgCGCACTQ0AIAEgASgCACIDIAAoAhAgACgCCCIEayIFIAMgBSADSRsiBWs2AgAgBCACQX9zaiEDAkAgBCACSw0AIAAoAhQgA2ohAwsDQCAAKAIAIgIgA2otAAAhASAAIAAoAggiBEEBajYCCCACIARqIAE6AABBACADQQFqIgMgAyAAKAIURhshAyAFQX9qIgUNAAtBASEDIAAoAgwgACgCCCIFTw0AIAAgBTYCDAsgAwvoBAEGfwJAAkAgACgCACIDQYCAgAhJDQAgACgCBCEEDAELIAAgA0EIdCIDNgIAIAAgACgCECIFQQFqNgIQIAAgACgCBEEIdCAFIAAoAgxqLQAAciIENgIECwJAAkAgBCADQQt2IAEvAQAiBWwiBk8NACAAIAY2AgAgASAFQYAQIAVrQQV2ajsBACABIAJBBHRqQQRqIQdBCCEIQQIhAQwBCyAAIAMgBmsiAzYCACAAIAQgBmsiBDYCBCABIAUgBUEFdms7AQACQCADQf///wdLDQAgACADQQh0IgM2AgAgACAAKAIQIgVBAWo2AhAgACAEQQh0IAUgACgCDGotAAByIgQ2AgQLAkAgBCADQQt2IAEvAQIiBWwiBk8NACAAIAY2AgAgASAFQYAQIAVrQQV2ajsBAiABIAJBBHRqQYQCaiEHQQghCEEKIQEMAQsgACADIAZrNgIAIAAgBCAGazYCBCABIAUgBUEFdms7AQIgAUGEBGohB0GAAiEIQRIhAQsgAEHoAGogATYCAEEBIQEDQCAHIAFBAXQiAWohBAJAAkAgACgCACIDQYCAgAhJDQAgACgCBCECDAELIAAgA0EIdCIDNgIAIAAgACgCECIFQQFqNgIQIAAgACgCBEEIdCAFIAAoAgxqLQAAciICNgIECwJAAkAgAiADQQt2IAQvAQAiBmwiBUkNACAAIAIgBWs2AgQgAyAFayEFIAFBAXIhASAGIAZBBXZrIQMMAQsgBkGAECAGa0EFdmohAwsgACAFNgIAIAQgAzsBACABIAhJDQALIABB6ABqIgAgASAIayAAKAIAajYCAAsLNQEAQYAICy4IAAAAEAAAABgAAAAgAAAAKAAAADAAAABAAAAAUAAAAIAAAAAAAQAA/Td6WFoA";

		/***/ }),
		/* 2 */
		/***/ ((module) => {

		module.exports = __WEBPACK_EXTERNAL_MODULE__2__;

		/***/ })
		/******/ 	]);
		/************************************************************************/
		/******/ 	// The module cache
		/******/ 	var __webpack_module_cache__ = {};
		/******/ 	
		/******/ 	// The require function
		/******/ 	function __webpack_require__(moduleId) {
		/******/ 		// Check if module is in cache
		/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
		/******/ 		if (cachedModule !== undefined) {
		/******/ 			return cachedModule.exports;
		/******/ 		}
		/******/ 		// Create a new module (and put it into the cache)
		/******/ 		var module = __webpack_module_cache__[moduleId] = {
		/******/ 			// no module.id needed
		/******/ 			// no module.loaded needed
		/******/ 			exports: {}
		/******/ 		};
		/******/ 	
		/******/ 		// Execute the module function
		/******/ 		__webpack_modules__[moduleId](module, module.exports, __webpack_require__);
		/******/ 	
		/******/ 		// Return the exports of the module
		/******/ 		return module.exports;
		/******/ 	}
		/******/ 	
		/************************************************************************/
		/******/ 	/* webpack/runtime/define property getters */
		/******/ 	(() => {
		/******/ 		// define getter functions for harmony exports
		/******/ 		__webpack_require__.d = (exports, definition) => {
		/******/ 			for(var key in definition) {
		/******/ 				if(__webpack_require__.o(definition, key) && !__webpack_require__.o(exports, key)) {
		/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
		/******/ 				}
		/******/ 			}
		/******/ 		};
		/******/ 	})();
		/******/ 	
		/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
		/******/ 	(() => {
		/******/ 		__webpack_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop));
		/******/ 	})();
		/******/ 	
		/******/ 	/* webpack/runtime/make namespace object */
		/******/ 	(() => {
		/******/ 		// define __esModule on exports
		/******/ 		__webpack_require__.r = (exports) => {
		/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
		/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
		/******/ 			}
		/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
		/******/ 		};
		/******/ 	})();
		/******/ 	
		/************************************************************************/
		var __webpack_exports__ = {};
		// This entry need to be wrapped in an IIFE because it need to be isolated against other modules in the chunk.
		(() => {
		__webpack_require__.r(__webpack_exports__);
		/* harmony export */ __webpack_require__.d(__webpack_exports__, {
		/* harmony export */   XzReadableStream: () => (/* binding */ XzReadableStream)
		/* harmony export */ });
		/* harmony import */ var _dist_native_xz_decompress_wasm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1);


		const ReadableStream = globalThis.ReadableStream
		    // Node < 18 support web streams, but it's not available as a global, so we need to require it.
		    // This won't be reached in modern browsers, and bundlers will ignore due to 'browser' field in package.json:
		    || (__webpack_require__(2).ReadableStream);

		const XZ_OK = 0;
		const XZ_STREAM_END = 1;

		class XzContext {
		    constructor(moduleInstance) {
		        this.exports = moduleInstance.exports;
		        this.memory = this.exports.memory;
		        this.ptr = this.exports.create_context();
		        this._refresh();
		        this.bufSize = this.mem32[0];
		        this.inStart = this.mem32[1] - this.ptr;
		        this.inEnd = this.inStart + this.bufSize;
		        this.outStart = this.mem32[4] - this.ptr;
		    }

		    supplyInput(sourceDataUint8Array) {
		        this._refresh();
		        const inBuffer = this.mem8.subarray(this.inStart, this.inEnd);
		        inBuffer.set(sourceDataUint8Array, 0);
		        this.exports.supply_input(this.ptr, sourceDataUint8Array.byteLength);
		        this._refresh();
		    }

		    getNextOutput() {
		        const result = this.exports.get_next_output(this.ptr);
		        this._refresh();
		        if (result !== XZ_OK && result !== XZ_STREAM_END) {
		            throw new Error(`get_next_output failed with error code ${result}`);
		        }
		        const outChunk = this.mem8.slice(this.outStart, this.outStart + /* outPos */ this.mem32[5]);
		        return { outChunk, finished: result === XZ_STREAM_END };
		    }

		    needsMoreInput() {
		        return /* inPos */ this.mem32[2] === /* inSize */ this.mem32[3];
		    }

		    outputBufferIsFull() {
		        return /* outPos */ this.mem32[5] === this.bufSize;
		    }

		    resetOutputBuffer() {
		        this.outPos = this.mem32[5] = 0;
		    }

		    dispose() {
		        this.exports.destroy_context(this.ptr);
		        this.exports = null;
		    }

		    _refresh() {
		        if (this.memory.buffer !== this.mem8?.buffer) {
		            this.mem8 = new Uint8Array(this.memory.buffer, this.ptr);
		            this.mem32 = new Uint32Array(this.memory.buffer, this.ptr);
		        }
		    }
		}

		// Simple mutex to serialize context creation and prevent resource exhaustion
		class ContextMutex {
		    constructor() {
		        this.locked = false;
		        this.waitQueue = [];
		    }

		    async acquire() {
		        if (!this.locked) {
		            this.locked = true;
		            return;
		        }

		        // Wait in queue
		        return new Promise((resolve) => {
		            this.waitQueue.push(resolve);
		        });
		    }

		    release() {
		        if (this.waitQueue.length > 0) {
		            const next = this.waitQueue.shift();
		            next();
		        } else {
		            this.locked = false;
		        }
		    }
		}

		class XzReadableStream extends ReadableStream {
		    static _moduleInstancePromise;
		    static _moduleInstance;
		    static _contextMutex = new ContextMutex();

		    static async _getModuleInstance() {
		        const base64Wasm = _dist_native_xz_decompress_wasm__WEBPACK_IMPORTED_MODULE_0__.replace('data:application/wasm;base64,', '');
		        const wasmBytes = Uint8Array.from(atob(base64Wasm), c => c.charCodeAt(0)).buffer;
		        const wasmOptions = {};
		        const module = await WebAssembly.instantiate(wasmBytes, wasmOptions);
		        XzReadableStream._moduleInstance = module.instance;
		    }

		    constructor(compressedStream) {
		        let xzContext;
		        let unconsumedInput = null;
		        const compressedReader = compressedStream.getReader();

		        super({
		            async start(controller) {
		                await XzReadableStream._contextMutex.acquire();

		                try {
		                    if (!XzReadableStream._moduleInstance) {
		                        await (XzReadableStream._moduleInstancePromise || (XzReadableStream._moduleInstancePromise = XzReadableStream._getModuleInstance()));
		                    }
		                    xzContext = new XzContext(XzReadableStream._moduleInstance);
		                } catch (error) {
		                    XzReadableStream._contextMutex.release();
		                    throw error;
		                }
		            },

		            async pull(controller) {
		                try {
		                    if (xzContext.needsMoreInput()) {
		                        if (unconsumedInput === null || unconsumedInput.byteLength === 0) {
		                            const { done, value } = await compressedReader.read();
		                            if (!done) {
		                                unconsumedInput = value;
		                            }
		                        }
		                        const nextInputLength = Math.min(xzContext.bufSize, unconsumedInput.byteLength);
		                        xzContext.supplyInput(unconsumedInput.subarray(0, nextInputLength));
		                        unconsumedInput = unconsumedInput.subarray(nextInputLength);
		                    }

		                    const nextOutputResult = xzContext.getNextOutput();
		                    controller.enqueue(nextOutputResult.outChunk);
		                    xzContext.resetOutputBuffer();

		                    if (nextOutputResult.finished) {
		                        xzContext.dispose();
		                        XzReadableStream._contextMutex.release();
		                        controller.close();
		                    }
		                } catch (error) {
		                    if (xzContext) {
		                        xzContext.dispose();
		                    }
		                    XzReadableStream._contextMutex.release();
		                    throw error;
		                }
		            },
		            cancel() {
		                try {
		                    if (xzContext) {
		                        xzContext.dispose();
		                    }
		                    return compressedReader.cancel();
		                } finally {
		                    XzReadableStream._contextMutex.release();
		                }
		            }
		        });
		    }
		}

		})();

		/******/ 	return __webpack_exports__;
		/******/ })()
		;
		}); 
	} (xzDecompress$1));
	return xzDecompress$1.exports;
}

var xzDecompressExports = requireXzDecompress();
var xz$1 = /*@__PURE__*/getDefaultExportFromCjs(xzDecompressExports);

/**
 * Decompresses a small archive member (a control.tar, an rpm header never needs it) by the
 * suffix of its name. Node 20 has gzip only; xz (Debian) and zstd (Ubuntu) come from pure-JS /
 * WebAssembly decoders so the bundle needs no native code.
 */
async function decompressMember(name, data) {
    if (name.endsWith('.gz'))
        return gunzipSync(data);
    if (name.endsWith('.zst'))
        return decompress(data);
    if (name.endsWith('.xz'))
        return readWebStream(new xz$1.XzReadableStream(webStreamOf(data)));
    if (!/\.(bz2|lzma)$/.test(name))
        return data;
    throw new Error(`unsupported compression for ${name}`);
}
function webStreamOf(data) {
    return new ReadableStream({
        start(controller) {
            controller.enqueue(data);
            controller.close();
        }
    });
}
async function readWebStream(stream) {
    const chunks = [];
    const reader = stream.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            return Buffer.concat(chunks);
        chunks.push(value);
    }
}

/** Hashes bytes as they pass, so a file is read once for all digests and the parser. */
class Digester {
    hashes = {
        md5: createHash('md5'),
        sha1: createHash('sha1'),
        sha256: createHash('sha256'),
        sha512: createHash('sha512')
    };
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        for (const h of Object.values(this.hashes))
            h.update(chunk);
    }
    digest() {
        return {
            size: this.size,
            md5: this.hashes.md5.digest('hex'),
            sha1: this.hashes.sha1.digest('hex'),
            sha256: this.hashes.sha256.digest('hex'),
            sha512: this.hashes.sha512.digest('hex')
        };
    }
}
/** Just the digests an index lists (Release: MD5Sum, SHA256, SHA512; repomd: SHA256), skipping SHA1. */
function indexDigests(data) {
    const hash = (algo) => createHash(algo).update(data).digest('hex');
    return {
        size: data.length,
        md5: hash('md5'),
        sha1: '',
        sha256: hash('sha256'),
        sha512: hash('sha512')
    };
}
function sha256Of(data) {
    return createHash('sha256').update(data).digest('hex');
}
/**
 * Counts and SHA-256-hashes bytes as they pass. For RPMs and tarballs, which nothing lists by
 * MD5, SHA-1 or SHA-512: with those three as well, planning a 50 MB RPM took 230 ms, not 80.
 */
class Sha256Counter {
    hash = createHash('sha256');
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        this.hash.update(chunk);
    }
    digest() {
        return { size: this.size, sha256: this.hash.digest('hex') };
    }
}
function sha256File(file) {
    return sha256Of$1(createReadStream(file));
}

const MAGIC = '!<arch>\n';
const HEADER = 60;
class ArReader {
    keep;
    maxKeep;
    pending = Buffer.alloc(0);
    magicSeen = false;
    current;
    padding = 0;
    members = [];
    constructor(keep, maxKeep = 64 * 1024 * 1024) {
        this.keep = keep;
        this.maxKeep = maxKeep;
    }
    push(chunk) {
        let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
        this.pending = Buffer.alloc(0);
        for (;;) {
            if (!this.magicSeen) {
                if (buf.length < MAGIC.length)
                    break;
                if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
                    throw new Error('not an ar archive (a .deb starts with "!<arch>")');
                }
                this.magicSeen = true;
                buf = buf.subarray(MAGIC.length);
            }
            if (this.padding > 0) {
                if (buf.length === 0)
                    break;
                buf = buf.subarray(1);
                this.padding = 0;
            }
            if (this.current) {
                const take = Math.min(this.current.left, buf.length);
                if (this.current.keep)
                    this.current.keep.push(Buffer.from(buf.subarray(0, take)));
                this.current.left -= take;
                buf = buf.subarray(take);
                if (this.current.left > 0)
                    break;
                const { name, size, keep } = this.current;
                this.members.push({ name, size, data: keep ? Buffer.concat(keep) : undefined });
                this.current = undefined;
                this.padding = size % 2;
                continue;
            }
            if (buf.length < HEADER)
                break;
            const header = buf.subarray(0, HEADER);
            if (header.toString('latin1', 58, 60) !== '`\n') {
                throw new Error(`corrupt ar member header after ${this.members.length} member(s)`);
            }
            const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
            const sizeText = header.toString('latin1', 48, 58).trim();
            if (!/^\d+$/.test(sizeText))
                throw new Error(`ar member ${name}: invalid size ${JSON.stringify(sizeText)}`);
            const size = Number(sizeText);
            const keep = this.keep(name);
            if (keep && size > this.maxKeep)
                throw new Error(`ar member ${name} is too large (${size} bytes)`);
            this.current = { name, size, left: size, keep: keep ? [] : undefined };
            buf = buf.subarray(HEADER);
        }
        if (buf.length)
            this.pending = Buffer.from(buf);
    }
    /** Call at the end of input: a member cut short means a truncated file. */
    end() {
        if (!this.magicSeen)
            throw new Error('empty or truncated file (no ar header)');
        if (this.current) {
            throw new Error(`truncated: member ${this.current.name} declares ${this.current.size} bytes, ${this.current.left} missing`);
        }
        if (this.pending.length) {
            throw new Error(`truncated: the file ends inside a member header (${this.pending.length} of 60 bytes)`);
        }
        return this.members;
    }
}

/**
 * Reads a .deb in one streaming pass: the digests of every byte, the `ar` members, and the
 * control member (gzip, xz, zstd or plain) decompressed in memory; data.tar is never buffered.
 */
async function parseDeb(file, display = path.basename(file)) {
    const digester = new Digester();
    const ar = new ArReader((name) => name.startsWith('control.tar'));
    try {
        for await (const chunk of createReadStream(file)) {
            digester.update(chunk);
            ar.push(chunk);
        }
        const members = ar.end();
        if (members[0]?.name !== 'debian-binary') {
            throw new Error('first ar member is not debian-binary: not a Debian package');
        }
        const control = members.find((m) => m.name.startsWith('control.tar'));
        if (!control?.data)
            throw new Error('no control.tar member');
        if (!members.some((m) => m.name.startsWith('data.tar')))
            throw new Error('no data.tar member');
        let tarBytes;
        try {
            tarBytes = await decompressMember(control.name, control.data);
        }
        catch (e) {
            throw new Error(`${control.name}: cannot decompress (${e.message})`);
        }
        const text = await controlFileOf(tarBytes, control.name);
        const stanzas = parseStanzas(text, `${control.name}/control`);
        if (stanzas.length !== 1)
            throw new Error(`control file has ${stanzas.length} stanzas, expected 1`);
        const stanza = stanzas[0];
        const name = field(stanza, 'Package');
        const version = field(stanza, 'Version');
        const architecture = field(stanza, 'Architecture');
        if (!name || !version || !architecture) {
            throw new Error('control file lacks Package, Version or Architecture');
        }
        return { file, name, version, architecture, control: stanza, digests: digester.digest() };
    }
    catch (e) {
        if (e instanceof PackageFormatError)
            throw e;
        throw new PackageFormatError(display, e.message);
    }
}
async function controlFileOf(tarBytes, member) {
    const extract = tar.extract();
    let found;
    const done = new Promise((resolve, reject) => {
        extract.on('entry', (header, stream, next) => {
            const chunks = [];
            const wanted = header.name.replace(/^\.?\//, '') === 'control';
            stream.on('data', (c) => {
                if (wanted)
                    chunks.push(c);
            });
            stream.on('end', () => {
                if (wanted)
                    found = Buffer.concat(chunks).toString('utf8');
                next();
            });
            stream.resume();
        });
        extract.on('finish', resolve);
        extract.on('error', (e) => reject(new Error(`${member}: not a valid tar (${e.message})`)));
    });
    Readable.from([Buffer.from(tarBytes)]).pipe(extract);
    await done;
    if (found === undefined)
        throw new Error(`${member} has no ./control file`);
    return found;
}

/**
 * RPM header structures: an 8-byte magic+reserved, the entry count and data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Used for the signature header and
 * the main header alike.
 */
const HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]);
var RpmType;
(function (RpmType) {
    RpmType[RpmType["NULL"] = 0] = "NULL";
    RpmType[RpmType["CHAR"] = 1] = "CHAR";
    RpmType[RpmType["INT8"] = 2] = "INT8";
    RpmType[RpmType["INT16"] = 3] = "INT16";
    RpmType[RpmType["INT32"] = 4] = "INT32";
    RpmType[RpmType["INT64"] = 5] = "INT64";
    RpmType[RpmType["STRING"] = 6] = "STRING";
    RpmType[RpmType["BIN"] = 7] = "BIN";
    RpmType[RpmType["STRING_ARRAY"] = 8] = "STRING_ARRAY";
    RpmType[RpmType["I18NSTRING"] = 9] = "I18NSTRING";
})(RpmType || (RpmType = {}));
const SIZES = {
    [RpmType.CHAR]: 1,
    [RpmType.INT8]: 1,
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8,
    [RpmType.BIN]: 1
};
/** The size a header starting at `buf[0]` will have, once its 16-byte intro is available. */
function headerLength(intro, what) {
    if (intro.length < 16)
        throw new Error(`${what}: truncated header intro`);
    if (!intro.subarray(0, 4).equals(HEADER_MAGIC.subarray(0, 4)))
        throw new Error(`${what}: bad header magic`);
    const il = intro.readUInt32BE(8);
    const dl = intro.readUInt32BE(12);
    if (il > 0xffff || dl > 256 * 1024 * 1024)
        throw new Error(`${what}: implausible header size (${il} entries, ${dl} bytes)`);
    return 16 + il * 16 + dl;
}
function parseHeader(buf, what) {
    const length = headerLength(buf, what);
    if (buf.length < length)
        throw new Error(`${what}: truncated (header needs ${length} bytes, file has ${buf.length})`);
    const il = buf.readUInt32BE(8);
    const dl = buf.readUInt32BE(12);
    const store = buf.subarray(16 + il * 16, length);
    const entries = [];
    for (let i = 0; i < il; i++) {
        const at = 16 + i * 16;
        const tag = buf.readUInt32BE(at);
        const type = buf.readUInt32BE(at + 4);
        const offset = buf.readInt32BE(at + 8);
        const count = buf.readUInt32BE(at + 12);
        if (offset < 0 || offset > dl)
            throw new Error(`${what}: entry ${tag} points outside the data store`);
        let end;
        const size = SIZES[type];
        if (size !== undefined)
            end = offset + size * count;
        else if (type === RpmType.STRING ||
            type === RpmType.STRING_ARRAY ||
            type === RpmType.I18NSTRING) {
            end = offset;
            const n = type === RpmType.STRING ? 1 : count;
            for (let k = 0; k < n; k++) {
                const nul = store.indexOf(0, end);
                if (nul < 0)
                    throw new Error(`${what}: unterminated string in entry ${tag}`);
                end = nul + 1;
            }
        }
        else if (type === RpmType.NULL)
            end = offset;
        else
            throw new Error(`${what}: entry ${tag} has unknown type ${type}`);
        if (end > dl)
            throw new Error(`${what}: entry ${tag} runs past the data store`);
        entries.push({ tag, type, count, data: Buffer.from(store.subarray(offset, end)) });
    }
    return { entries, length };
}
/** Typed access to a parsed header's values. */
class HeaderValues {
    header;
    byTag;
    constructor(header) {
        this.header = header;
        this.byTag = new Map(header.entries.map((e) => [e.tag, e]));
    }
    has(tag) {
        return this.byTag.has(tag);
    }
    string(tag) {
        return this.strings(tag)[0];
    }
    strings(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        if (e.type !== RpmType.STRING &&
            e.type !== RpmType.STRING_ARRAY &&
            e.type !== RpmType.I18NSTRING)
            return [];
        const parts = e.data.toString('utf8').split('\0');
        return parts.slice(0, e.type === RpmType.STRING ? 1 : e.count);
    }
    numbers(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        const out = [];
        for (let i = 0; i < e.count; i++) {
            if (e.type === RpmType.INT32)
                out.push(e.data.readUInt32BE(i * 4));
            else if (e.type === RpmType.INT16)
                out.push(e.data.readUInt16BE(i * 2));
            else if (e.type === RpmType.INT64)
                out.push(Number(e.data.readBigUInt64BE(i * 8)));
            else if (e.type === RpmType.INT8 || e.type === RpmType.CHAR)
                out.push(e.data[i]);
        }
        return out;
    }
    number(tag) {
        return this.numbers(tag)[0];
    }
}
const ALIGN = {
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8
};
/** RPMTAG_HEADERSIGNATURES: the region tag that makes a signature header immutable. */
const REGION_SIGNATURES = 62;
/**
 * Serializes a signature header the way rpm writes one: a region entry (tag 62) first whose
 * trailer, at the end of the data store, covers every entry; entries sorted by tag and aligned.
 */
function serializeSignatureHeader(entries) {
    const sorted = entries.filter((e) => e.tag !== REGION_SIGNATURES).sort((a, b) => a.tag - b.tag);
    const il = sorted.length + 1;
    const index = [];
    const data = [];
    let dl = 0;
    const entry = (tag, type, offset, count) => {
        const b = Buffer.alloc(16);
        b.writeUInt32BE(tag, 0);
        b.writeUInt32BE(type, 4);
        b.writeInt32BE(offset, 8);
        b.writeUInt32BE(count, 12);
        return b;
    };
    for (const e of sorted) {
        const align = ALIGN[e.type] ?? 1;
        const pad = (align - (dl % align)) % align;
        if (pad) {
            data.push(Buffer.alloc(pad));
            dl += pad;
        }
        index.push(entry(e.tag, e.type, dl, e.count));
        data.push(e.data);
        dl += e.data.length;
    }
    const trailer = entry(REGION_SIGNATURES, RpmType.BIN, -(il * 16), 16);
    const region = entry(REGION_SIGNATURES, RpmType.BIN, dl, 16);
    data.push(trailer);
    dl += 16;
    const intro = Buffer.alloc(16);
    HEADER_MAGIC.copy(intro);
    intro.writeUInt32BE(il, 8);
    intro.writeUInt32BE(dl, 12);
    return Buffer.concat([intro, region, ...index, ...data]);
}

const LEAD = 96;
const TAG = {
    NAME: 1000,
    VERSION: 1001,
    RELEASE: 1002,
    EPOCH: 1003,
    SUMMARY: 1004,
    DESCRIPTION: 1005,
    BUILDTIME: 1006,
    BUILDHOST: 1007,
    SIZE: 1009,
    VENDOR: 1011,
    LICENSE: 1014,
    PACKAGER: 1015,
    GROUP: 1016,
    URL: 1020,
    ARCH: 1022,
    OLDFILENAMES: 1027,
    FILEMODES: 1030,
    FILEFLAGS: 1037,
    SOURCERPM: 1044,
    PROVIDENAME: 1047,
    REQUIREFLAGS: 1048,
    REQUIRENAME: 1049,
    REQUIREVERSION: 1050,
    CONFLICTFLAGS: 1053,
    CONFLICTNAME: 1054,
    CONFLICTVERSION: 1055,
    CHANGELOGTIME: 1080,
    CHANGELOGNAME: 1081,
    CHANGELOGTEXT: 1082,
    OBSOLETENAME: 1090,
    PROVIDEFLAGS: 1112,
    PROVIDEVERSION: 1113,
    OBSOLETEFLAGS: 1114,
    OBSOLETEVERSION: 1115,
    DIRINDEXES: 1116,
    BASENAMES: 1117,
    DIRNAMES: 1118,
    LONGSIZE: 5009
};
const SIGTAG = { LONGARCHIVESIZE: 271, SHA256: 273, PAYLOADSIZE: 1007 };
/**
 * Reads an .rpm in one streaming pass: lead, signature header (padded to 8 bytes), main header
 * are kept (they are small); the payload only goes through the SHA-256.
 */
async function parseRpm(file, display = path.basename(file)) {
    const digest = new Sha256Counter();
    let head = Buffer.alloc(0);
    let need = LEAD + 16;
    let stage = 'sig';
    let sigEnd = 0;
    let mainEnd = 0;
    try {
        for await (const c of createReadStream(file)) {
            const chunk = c;
            digest.update(chunk);
            if (stage === 'done')
                continue;
            head = Buffer.concat([head, chunk]);
            // Advance through the headers as soon as their intros are available.
            for (;;) {
                if (stage === 'sig' && head.length >= LEAD + 16) {
                    if (head.readUInt32BE(0) !== 0xedabeedb)
                        throw new Error('not an RPM (bad lead magic)');
                    const len = headerLength(head.subarray(LEAD), 'signature header');
                    sigEnd = LEAD + len + ((8 - (len % 8)) % 8);
                    need = sigEnd + 16;
                    stage = 'main';
                    continue;
                }
                if (stage === 'main' && head.length >= need) {
                    mainEnd = sigEnd + headerLength(head.subarray(sigEnd), 'main header');
                    need = mainEnd;
                    if (head.length >= mainEnd) {
                        stage = 'done';
                        continue;
                    }
                }
                break;
            }
        }
        if (stage !== 'done')
            throw new Error(`truncated: the file ends inside the ${stage === 'sig' ? 'lead or signature' : 'main'} header`);
        const signature = parseHeader(head.subarray(LEAD), 'signature header');
        const mainHeader = Buffer.from(head.subarray(sigEnd, mainEnd));
        const main = new HeaderValues(parseHeader(mainHeader, 'main header'));
        const sig = new HeaderValues(signature);
        const digests = digest.digest();
        const archiveSize = sig.number(SIGTAG.LONGARCHIVESIZE) ?? sig.number(SIGTAG.PAYLOADSIZE) ?? 0;
        const name = main.string(TAG.NAME);
        const version = main.string(TAG.VERSION);
        const release = main.string(TAG.RELEASE);
        const arch = main.string(TAG.ARCH);
        if (!name || !version || !release || !arch)
            throw new Error('main header lacks name, version, release or arch');
        if (!main.has(TAG.SOURCERPM)) {
            throw new Error('this is a source RPM; only binary RPMs can be published');
        }
        // The payload must be there: a cut-off download still has complete headers.
        if (sig.has(1000) && digests.size < sigEnd + (sig.number(1000) ?? 0)) {
            throw new Error(`truncated: headers and payload should be ${sigEnd + (sig.number(1000) ?? 0)} bytes, file has ${digests.size}`);
        }
        return {
            file,
            name,
            epoch: main.number(TAG.EPOCH) ?? 0,
            version,
            release,
            arch,
            summary: main.string(TAG.SUMMARY) ?? '',
            description: main.string(TAG.DESCRIPTION) ?? '',
            license: main.string(TAG.LICENSE) ?? '',
            vendor: main.string(TAG.VENDOR) ?? '',
            group: main.string(TAG.GROUP) ?? '',
            url: main.string(TAG.URL) ?? '',
            buildhost: main.string(TAG.BUILDHOST) ?? '',
            sourcerpm: main.string(TAG.SOURCERPM) ?? '',
            packager: main.string(TAG.PACKAGER) ?? '',
            buildtime: main.number(TAG.BUILDTIME) ?? 0,
            installedSize: main.number(TAG.LONGSIZE) ?? main.number(TAG.SIZE) ?? 0,
            archiveSize,
            headerRange: { start: sigEnd, end: mainEnd },
            provides: deps(main, TAG.PROVIDENAME, TAG.PROVIDEFLAGS, TAG.PROVIDEVERSION),
            requires: deps(main, TAG.REQUIRENAME, TAG.REQUIREFLAGS, TAG.REQUIREVERSION).filter((d) => !d.name.startsWith('rpmlib(')),
            conflicts: deps(main, TAG.CONFLICTNAME, TAG.CONFLICTFLAGS, TAG.CONFLICTVERSION),
            obsoletes: deps(main, TAG.OBSOLETENAME, TAG.OBSOLETEFLAGS, TAG.OBSOLETEVERSION),
            files: files(main),
            changelog: changelog(main),
            digests,
            signature,
            mainHeader,
            payloadOffset: mainEnd
        };
    }
    catch (e) {
        throw new PackageFormatError(display, e.message);
    }
}
const SENSE_LESS = 2;
const SENSE_GREATER = 4;
const SENSE_EQUAL = 8;
const SENSE_PRE = (1 << 6) | (1 << 9) | (1 << 10);
function deps(h, nameTag, flagsTag, versionTag) {
    const names = h.strings(nameTag);
    const flags = h.numbers(flagsTag);
    const versions = h.strings(versionTag);
    return names.map((name, i) => {
        const f = flags[i] ?? 0;
        const d = { name };
        const cmp = f & (SENSE_LESS | SENSE_GREATER | SENSE_EQUAL);
        const v = versions[i] ?? '';
        if (cmp && v) {
            d.flags = {
                [SENSE_EQUAL]: 'EQ',
                [SENSE_LESS]: 'LT',
                [SENSE_GREATER]: 'GT',
                [SENSE_LESS | SENSE_EQUAL]: 'LE',
                [SENSE_GREATER | SENSE_EQUAL]: 'GE'
            }[cmp];
            const m = /^(?:(\d+):)?([^-]*)(?:-(.*))?$/.exec(v);
            d.epoch = m[1] ?? '0';
            d.ver = m[2];
            if (m[3] !== undefined)
                d.rel = m[3];
        }
        if (f & SENSE_PRE)
            d.pre = true;
        return d;
    });
}
function files(h) {
    const base = h.strings(TAG.BASENAMES);
    const dirs = h.strings(TAG.DIRNAMES);
    const idx = h.numbers(TAG.DIRINDEXES);
    const modes = h.numbers(TAG.FILEMODES);
    const flags = h.numbers(TAG.FILEFLAGS);
    const paths = base.length
        ? base.map((b, i) => (dirs[idx[i]] ?? '') + b)
        : h.strings(TAG.OLDFILENAMES);
    return paths.map((p, i) => ({
        path: p,
        type: (flags[i] ?? 0) & 64 ? 'ghost' : ((modes[i] ?? 0) & 0o170000) === 0o040000 ? 'dir' : 'file'
    }));
}
function changelog(h) {
    const times = h.numbers(TAG.CHANGELOGTIME);
    const names = h.strings(TAG.CHANGELOGNAME);
    const texts = h.strings(TAG.CHANGELOGTEXT);
    return names.map((author, i) => ({ author, date: times[i] ?? 0, text: texts[i] ?? '' }));
}

/**
 * A Bloom filter over strings, kept as base64 in a segment manifest: it answers "may this
 * segment hold key X?" without loading the segment's entries. A "no" is certain; a "yes" is
 * wrong about 1% of the time (10 bits and 7 probes per key), which costs only a needless load.
 *
 * Written by hand because it is this small and its bytes are part of a published format: the
 * hash (FNV-1a over UTF-16 code units, two seeds, double hashing) must never change under us.
 */
const BITS_PER_KEY = 10;
const PROBES = 7;
function fnv1a(key, seed) {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
        h ^= key.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
function* probes(key, bits) {
    const h1 = fnv1a(key, 0x811c9dc5);
    // Odd, so the probes of a power-of-two filter visit distinct bits.
    const h2 = fnv1a(key, 0x050c5d1f) | 1;
    for (let i = 0; i < PROBES; i++)
        yield ((h1 + Math.imul(i, h2)) >>> 0) % bits;
}
/** A filter holding `keys`, as base64. */
function bloomOf(keys) {
    const list = [...keys];
    const bytes = Buffer.alloc(Math.max(8, Math.ceil((list.length * BITS_PER_KEY) / 8)));
    const bits = bytes.length * 8;
    for (const key of list) {
        for (const bit of probes(key, bits))
            bytes[bit >>> 3] |= 1 << (bit & 7);
    }
    return bytes.toString('base64');
}
/** A filter decoded once, to test many keys against it. */
function bloomTest(filter) {
    const bytes = Buffer.from(filter, 'base64');
    const bits = bytes.length * 8;
    if (bits === 0)
        return () => true; // unknown contents: assume anything may be there
    return (key) => {
        for (const bit of probes(key, bits))
            if ((bytes[bit >>> 3] & (1 << (bit & 7))) === 0)
                return false;
        return true;
    };
}

/** The lookup keys of an entry: its package name, and its file in the repository. */
const lookupKeys = (name, file) => [`name:${name}`, `file:${file}`];
const nameKey = (name) => `name:${name}`;
const fileKey = (file) => `file:${file}`;
/** The object listing a built segment's entries, and the manifest's description of the segment. */
function storeSegment(segment, codec) {
    const body = Buffer.from(JSON.stringify({ format: codec.format, entries: segment.entries.map(codec.toRow) }));
    return {
        body,
        segment: {
            ...segment,
            entriesSha256: sha256Of(body),
            filter: bloomOf(segment.entries.flatMap(codec.keys))
        }
    };
}
/**
 * The segments of a next generation as its manifest describes them: kept ones as they were,
 * and new ones (or kept ones from a manifest of the first layout, which had none) with the
 * object listing their entries, stored under `keyOf(sha256)`.
 */
function storeSegments(segments, codec, keyOf) {
    const objects = [];
    const stored = segments.map((s) => {
        if ('entriesSha256' in s && s.entriesSha256 !== '')
            return s;
        const { segment, body } = storeSegment({ ...s, entries: s.entries }, codec);
        objects.push({ key: keyOf(segment.entriesSha256), body, sha256: segment.entriesSha256 });
        return segment;
    });
    return { segments: stored, objects };
}
/**
 * Whether a change must look at every entry rather than only those sharing a name or file with
 * what it adds: it removes by pattern, or keeps fewer versions than an index last satisfied.
 */
function needsEveryEntry(change, indexes) {
    if (change.remove !== undefined)
        return true;
    const keep = change.retention;
    if (keep === undefined)
        return false;
    return indexes.some((ix) => ix.segments.length > 0 && (ix.retention === undefined || ix.retention > keep));
}
/** The entries of a segment object, checked against the digest the manifest gives for it. */
function parseSegmentEntries(body, segment, codec, where) {
    if (sha256Of(body) !== segment.entriesSha256)
        throw new Error(`${where}: content does not match its sha256 in the segment manifest`);
    const raw = parseJson(body.toString('utf8'), where);
    if (raw.format !== codec.format || !Array.isArray(raw.entries))
        throw new Error(`${where}: not a segment entry list this version of falco-publish reads`);
    if (raw.entries.length !== segment.count)
        throw new Error(`${where}: lists ${raw.entries.length} entries where the manifest says ${segment.count}`);
    return raw.entries.map(codec.fromRow);
}
/**
 * Loads, in each index, the entries of every segment whose filter may hold one of `keys`
 * ('all': every segment), unless already loaded.
 */
async function loadMatching(indexes, keys) {
    await Promise.all(indexes.flatMap((ix) => ix.segments.map(async (s) => {
        if (s.entries)
            return;
        if (keys !== 'all') {
            const test = bloomTest(s.filter);
            if (!keys.some(test))
                return;
        }
        s.entries = await ix.load(s);
    })));
}
/** Parses the JSON of a manifest or entry list, naming `where` when it is not JSON. */
function parseJson(text, where) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${where}: not JSON (${e.message})`);
    }
}
/**
 * Segments of a manifest of the first layout, their entries inline: they have no entry objects
 * yet (one is written when the segment is next kept) and no filter (they are loaded already).
 */
function inlineSegments(segments, codec) {
    return segments.map((s) => ({
        count: s.entries.length,
        lengths: s.lengths,
        entries: s.entries.map(codec.fromRow),
        entriesSha256: '',
        filter: ''
    }));
}
/**
 * For each of `files` some index lists, what `digestOf` says of its entry (the sha256 it was
 * published with). Loads only the segments whose filters may hold one of the files.
 */
async function publishedDigests(indexes, files, fileOf, digestOf) {
    await loadMatching(indexes, files.map(fileKey));
    const wanted = new Set(files);
    const out = new Map();
    for (const ix of indexes)
        for (const s of ix.segments)
            for (const e of s.entries ?? [])
                if (wanted.has(fileOf(e)))
                    out.set(fileOf(e), digestOf(e));
    return out;
}
const segmentRef = (s) => ({
    count: s.count,
    lengths: s.lengths,
    entries: s.entriesSha256,
    filter: s.filter
});
/** Reads a manifest's segment lines, failing on anything malformed (naming `where`). */
function segmentsOf(refs, where) {
    if (!Array.isArray(refs))
        throw new Error(`${where}: no segment list`);
    return refs.map((r, i) => {
        if (typeof r?.count !== 'number' ||
            !Array.isArray(r.lengths) ||
            typeof r.entries !== 'string' ||
            typeof r.filter !== 'string')
            throw new Error(`${where}: segment ${i} is malformed`);
        return { count: r.count, lengths: r.lengths, entriesSha256: r.entries, filter: r.filter };
    });
}
/**
 * The segments a manifest lists, each with the digest states it gives for the index's `files`
 * files; a segment whose states are missing or malformed has none (and is hashed again). The
 * states themselves are checked when resumed from.
 */
function segmentsWithStates(refs, where, files) {
    const segments = segmentsOf(refs, where);
    return segments.map((s, i) => {
        const states = refs[i].states;
        return isStates(states, files) ? { ...s, states } : s;
    });
}
function isStates(value, files) {
    return (Array.isArray(value) &&
        value.length === files &&
        value.every((v) => typeof v?.state === 'string' &&
            typeof v.size === 'number'));
}

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, how many entries it holds, where the list of those entries is
 * kept and a filter of their names and files (see segment-entries.ts). It is listed in the
 * Release next to the index it describes (apt ignores files it does not know), so a publish
 * reads the exact generation InRelease signed, and never parses the whole index to learn what
 * it holds.
 */
const MANIFEST_FILE = 'falco-publish-segments.json';
/** The folder, beside the index, of the objects listing each segment's entries. */
const ENTRIES_DIR$1 = 'falco-publish-segments';
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'];
/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
const LENGTH = { plain: 0, xzUnpadded: 3 };
const FORMAT$1 = 'falco-publish apt segments 2';
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1$1 = 'falco-publish apt segments 1';
const ENTRY_CODEC$1 = {
    format: 'falco-publish apt segment entries 1',
    toRow: (e) => [e.name, e.version, e.architecture, e.filename, e.sha256],
    fromRow: ([name, version, architecture, filename, sha256]) => ({
        name,
        version,
        architecture,
        filename,
        sha256
    }),
    keys: (e) => lookupKeys(e.name, e.filename)
};
function renderManifest$1(m) {
    return JSON.stringify({
        format: FORMAT$1,
        packagesSha256: m.packagesSha256,
        retention: m.retention ?? null,
        files: INDEX_FILES,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest$1(text, where) {
    const raw = parseJson(text, where);
    if (typeof raw.packagesSha256 !== 'string' || (raw.format !== FORMAT$1 && raw.format !== FORMAT_1$1))
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        packagesSha256: raw.packagesSha256,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT$1
            ? segmentsWithStates(raw.segments, where, INDEX_FILES.length)
            : inlineSegments(raw.segments, ENTRY_CODEC$1)
    };
}
/** The plain text of a segment: each stanza followed by the blank line that ends it. */
function segmentText(entries) {
    return entries.map((e) => e.text + '\n').join('');
}
/** The stanza texts of a segment, in order (the inverse of segmentText). */
function segmentStanzas(plain) {
    const parts = plain.toString('utf8').split('\n\n');
    parts.pop();
    return parts.map((p) => p + '\n');
}

/** Small store conveniences the package repositories share: read text, upload with a progress line. */
async function readObject(store, key) {
    if (store.read)
        return store.read(key);
    const stream = await store.get(key);
    if (!stream)
        return undefined;
    const chunks = [];
    for await (const c of stream)
        chunks.push(c);
    return Buffer.concat(chunks);
}
/**
 * Reads an object a signed index names (`listedIn`): its absence, or bytes other than the
 * `sha256` the index gives for it, mean a broken repository: an error naming `shown` (the name
 * people know it by; by default the key read).
 */
async function readListed(store, key, listedIn, check = {}) {
    const shown = check.shown ?? key;
    const body = await readObject(store, key);
    if (!body)
        throw new Error(`${store.location}/${shown}: listed in ${listedIn} but missing`);
    if (check.sha256 !== undefined && sha256Of(body) !== check.sha256)
        throw new Error(`${store.location}/${shown}: content does not match its sha256 in ${listedIn}; refusing to merge into it`);
    return body;
}
/**
 * Bytes `range` of an object a signed index names, read alone where the store can (else sliced
 * from the whole object); its absence, or fewer bytes than asked, means a broken repository.
 */
async function readListedRange(store, key, range, listedIn) {
    const bytes = store.read
        ? await store.read(key, range)
        : (await readObject(store, key))?.subarray(range.start, range.end);
    if (!bytes)
        throw new Error(`${store.location}/${key}: listed in ${listedIn} but missing`);
    if (bytes.length !== range.end - range.start)
        throw new Error(`${store.location}/${key}: shorter than ${listedIn} says`);
    return bytes;
}
/** Reads an object with the etag it had before reading (a changed etag later means someone wrote in between). */
async function readVersioned(store, key) {
    const info = await store.head(key);
    if (!info)
        return undefined;
    const body = await readObject(store, key);
    if (!body)
        return undefined;
    return { text: body.toString('utf8'), etag: info.etag };
}
class Uploader {
    store;
    log;
    published = [];
    constructor(store, log) {
        this.store = store;
        this.log = log;
    }
    /** Streams a local file into the store and logs one line with its size and rate. */
    async file(key, file, kind, contentType) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, createReadStream(file), { contentType });
        this.done(kind, key, r.sha256, r.size, start);
    }
    async bytes(key, body, kind, contentType) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, { contentType });
        this.done(kind, key, r.sha256, r.size, start);
    }
    /** Content-addressed copies (by-hash): an existing one already holds these bytes. */
    async immutable(key, body, kind, sha256) {
        await this.createOnce(key, kind, () => this.store.put(key, body, { precondition: { ifNoneMatch: '*' }, sha256 }));
    }
    /**
     * Writes `to` as a copy of `from`, which holds `body` (whose sha256 is known) already: inside
     * the store when it can copy (no bytes sent again), else by putting the bytes.
     */
    async copy(from, to, body, kind, options = {}) {
        if (!this.store.copy) {
            if (!body.bytes)
                throw new Error(`copying ${from} to ${to}: ${this.store.location} cannot copy`);
            return this.bytes(to, body.bytes, kind);
        }
        const start = process.hrtime.bigint();
        await this.store.copy(from, to, options);
        this.done(kind, to, body.sha256, body.size, start);
    }
    /**
     * Creates `to` as the first `keep` bytes of `from` then `append` (see Store.extend), whose
     * sha256 the caller computed; an existing `to` already holds them (content-addressed).
     */
    async extend(recipe, to, sha256, kind) {
        const store = this.store;
        if (!store.extend)
            throw new Error(`${store.location} cannot extend objects`);
        await this.createOnce(to, kind, () => store.extend(recipe.from, recipe.keep, recipe.append, to, sha256));
    }
    /** Runs a create-only write of a content-addressed key: one already there holds its bytes. */
    async createOnce(key, kind, write) {
        const start = process.hrtime.bigint();
        try {
            const r = await write();
            this.done(kind, key, r.sha256, r.size, start);
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed))
                throw e;
            this.log.debug(`${key} already present`);
        }
    }
    /** The compare-and-swap write that commits an index generation; PreconditionFailed when someone else won. */
    async commit(key, body, etag, kind) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            precondition: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag }
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    done(kind, key, sha256, size, start) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.log.info(progressLine('put', key, size, ms));
        const existing = this.published.findIndex((p) => p.path === key);
        const entry = { kind, path: key, sha256, size, url: this.store.url(key) };
        if (existing >= 0)
            this.published[existing] = entry;
        else
            this.published.push(entry);
    }
}
/** The log line of a lost compare-and-swap race on a repository's index. */
function mergingAgain(log, prefix) {
    return (attempt) => log.info(`  another publish changed ${prefix} meanwhile; merging again (attempt ${attempt})`);
}
/**
 * Deletes in flight at once: a remote store answers each delete in a round trip, which one at a
 * time would add up over a retention's worth of packages or a generation's by-hash files.
 */
const DELETE_CONCURRENCY = 8;
/** Deletes package files that left every index, with their detached signatures. */
async function deletePackageFiles(store, prefix, files, log) {
    await pLimit(DELETE_CONCURRENCY).map(files, async (f) => {
        await store.delete(`${prefix}/${f}`);
        await store.delete(`${prefix}/${f}.asc`);
        log.info(`  deleted ${prefix}/${f}`);
    });
}
/**
 * How long a superseded index generation stays: a client that read the previous InRelease or
 * repomd.xml still finds the files it names.
 */
const SUPERSEDED_GRACE_MS = 60 * 60 * 1000;
/**
 * The keys under `under` older than the grace period, listed from the start of a commit: the
 * listing (on a remote store, a round trip per thousand keys) runs while the new generation is
 * built and written, not after it. A file written since is too young to prune, so a listing
 * taken early misses nothing a prune could delete.
 */
function listSuperseded(store, under) {
    const listed = (async () => {
        const now = Date.now();
        const old = [];
        for await (const obj of store.list(under)) {
            if (obj.modified && now - obj.modified.getTime() >= SUPERSEDED_GRACE_MS)
                old.push(obj.key);
        }
        return old;
    })();
    // Awaited by pruneSuperseded; a commit that fails before it leaves the listing unread.
    listed.catch(() => { });
    return listed;
}
/**
 * Deletes the listed keys (see listSuperseded) that `prunable` selects: generations neither
 * the current nor the previous signed index names.
 */
async function pruneSuperseded(store, listed, prunable, log) {
    await pLimit(DELETE_CONCURRENCY).map((await listed).filter(prunable), async (key) => {
        await store.delete(key);
        log.debug(`pruned ${key}`);
    });
}

/**
 * Where an apt repository's files are: package files in `stable/`, suite `stable`, component
 * `main`, one `binary-<arch>` index per architecture, and beside each the objects listing its
 * segments' entries.
 */
const SUITE = 'stable';
const COMPONENT = 'main';
const ARCHITECTURES = ['amd64', 'arm64'];
const dists = (prefix) => `${prefix}/dists/${SUITE}`;
const indexDir = (arch) => `${COMPONENT}/binary-${arch}`;
const byHash = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`;
const entriesKey$1 = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR$1}/${sha256}.json`;

/** The stanza apt reads for a package: its control fields, where it is, and its digests. */
function packageStanza(pkg, filename) {
    let s = pkg.control.filter(([f]) => !/^(Filename|Size|MD5sum|SHA1|SHA256|SHA512)$/i.test(f));
    s = setField(s, 'Filename', filename);
    s = setField(s, 'Size', String(pkg.digests.size));
    s = setField(s, 'MD5sum', pkg.digests.md5);
    s = setField(s, 'SHA1', pkg.digests.sha1);
    s = setField(s, 'SHA256', pkg.digests.sha256);
    s = setField(s, 'SHA512', pkg.digests.sha512);
    return s;
}
function packageEntry(pkg, filename) {
    return entryOf(renderStanza(packageStanza(pkg, filename)), 'new package');
}
const FIELDS = {
    package: 'name',
    version: 'version',
    architecture: 'architecture',
    filename: 'filename',
    sha256: 'sha256'
};
function entryOf(text, where) {
    const e = { text };
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const c = text.charCodeAt(start);
        if (c !== 32 && c !== 9) {
            const colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                const key = FIELDS[text.slice(start, colon).toLowerCase()];
                if (key)
                    e[key] = text.slice(colon + 1, end).trim();
            }
        }
        start = end + 1;
    }
    if (!e.name || !e.version || !e.architecture || !e.filename) {
        throw new Error(`${where}: a stanza lacks Package, Version, Architecture or Filename`);
    }
    return { sha256: '', ...e };
}
function parsePackagesIndex(text, where) {
    const out = [];
    for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
        const stanza = chunk.replace(/^\n+/, '');
        if (stanza.trim() === '')
            continue;
        out.push(entryOf(stanza.endsWith('\n') ? stanza : stanza + '\n', where));
    }
    return out;
}
function entryKey(e) {
    return `${e.name} ${e.version} ${e.architecture}`;
}

const emptyIndex = () => ({
    segments: [],
    segmented: false,
    load: () => Promise.resolve([])
});
/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
async function readAptSnapshot(store, prefix) {
    const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`);
    if (!inRelease) {
        // A repository made by other tools may have only Release + Release.gpg: merge into it rather
        // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
        const plain = await readVersioned(store, `${dists(prefix)}/Release`);
        if (!plain)
            return { indexes: new Map(ARCHITECTURES.map((a) => [a, emptyIndex()])) };
        return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined };
    }
    return {
        ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
        etag: inRelease.etag
    };
}
async function readIndexes(store, prefix, release) {
    const files = releaseFiles(release, `${dists(prefix)}/InRelease`);
    const indexes = new Map();
    await Promise.all(ARCHITECTURES.map(async (arch) => indexes.set(arch, await readIndex(store, prefix, arch, files))));
    return { release, indexes: new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)])) };
}
async function readIndex(store, prefix, arch, files) {
    const rel = `${indexDir(arch)}/Packages`;
    const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`);
    if (manifest) {
        const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`;
        const body = await readListed(store, byHash(prefix, arch, manifest.sha256), 'the Release', {
            shown: where,
            sha256: manifest.sha256
        });
        const m = parseManifest$1(body.toString('utf8'), where);
        // Written by us with the index it describes; anything else rewrote the index: read it whole.
        if (m.packagesSha256 === files.get(rel)?.sha256) {
            return {
                segments: m.segments,
                segmented: true,
                retention: m.retention,
                load: async (s) => {
                    const key = entriesKey$1(prefix, arch, s.entriesSha256);
                    const entries = await readListed(store, key, where);
                    return parseSegmentEntries(entries, s, ENTRY_CODEC$1, `${store.location}/${key}`);
                }
            };
        }
    }
    // Ours always lists the plain index; other tools may list only compressed ones.
    const name = [rel, `${rel}.gz`].find((n) => files.has(n));
    if (!name)
        return emptyIndex();
    const raw = (await readObject(store, byHash(prefix, arch, files.get(name).sha256))) ??
        (await readObject(store, `${dists(prefix)}/${name}`));
    if (!raw)
        throw new Error(`${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`);
    const body = name.endsWith('.gz') ? gunzipSync(raw) : raw;
    const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`);
    return {
        ...emptyIndex(),
        segments: entries.length
            ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
            : []
    };
}
/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
async function loadApt(snapshot, keys) {
    await loadMatching([...snapshot.indexes.values()], keys);
}
/** The entries loaded so far, in every architecture's index. */
const loadedEntries = (snapshot) => [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []));
/** The SHA256 each of `filenames` is published with, for those some index lists. */
function publishedFiles(snapshot, filenames) {
    return publishedDigests([...snapshot.indexes.values()], filenames, (e) => e.filename, (e) => e.sha256);
}

/**
 * Debian version ordering (`[epoch:]upstream[-revision]`), as dpkg compares them: retention
 * keeps the newest versions, so `1.0~rc1` < `1.0` < `1.0-1` < `1:0.9` must come out right.
 */
function compareDebVersions(a, b) {
    const pa = split(a);
    const pb = split(b);
    return (pa.epoch - pb.epoch ||
        compareFragment(pa.upstream, pb.upstream) ||
        compareFragment(pa.revision, pb.revision));
}
function split(v) {
    const colon = v.indexOf(':');
    const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0;
    const rest = colon > 0 ? v.slice(colon + 1) : v;
    const dash = rest.lastIndexOf('-');
    return dash > 0
        ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
        : { epoch, upstream: rest, revision: '' };
}
function order(c) {
    if (c === '~')
        return -1;
    if (/[0-9]/.test(c))
        return 0;
    if (c === '')
        return 0;
    if (/[A-Za-z]/.test(c))
        return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
}
function compareFragment(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        let diff = 0;
        while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
            const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : '');
            const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : '');
            if (ac !== bc)
                return ac - bc;
            if (i < a.length && !/[0-9]/.test(a[i]))
                i++;
            if (j < b.length && !/[0-9]/.test(b[j]))
                j++;
        }
        while (a[i] === '0')
            i++;
        while (b[j] === '0')
            j++;
        while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
            if (!diff)
                diff = a.charCodeAt(i) - b.charCodeAt(j);
            i++;
            j++;
        }
        if (i < a.length && /[0-9]/.test(a[i]))
            return 1;
        if (j < b.length && /[0-9]/.test(b[j]))
            return -1;
        if (diff)
            return diff;
    }
    return 0;
}

/**
 * Dev retention: in each group (a package name; for tarballs, a name and an architecture), the
 * versions beyond the newest `keep`, as group -> versions to drop. Only groups holding more
 * versions than kept are sorted, so a large repository costs one pass.
 */
function versionsBeyond(items, keep, groupOf, versionOf, newerFirst) {
    const groups = new Map();
    for (const item of items) {
        const group = groupOf(item);
        let versions = groups.get(group);
        if (!versions)
            groups.set(group, (versions = new Map()));
        if (!versions.has(versionOf(item)))
            versions.set(versionOf(item), item);
    }
    const beyond = new Map();
    for (const [group, versions] of groups) {
        if (versions.size <= keep)
            continue;
        const newest = [...versions.values()].sort(newerFirst);
        beyond.set(group, new Set(newest.slice(keep).map(versionOf)));
    }
    return beyond;
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
async function mergeApt(snapshot, change) {
    const addedByArch = new Map(ARCHITECTURES.map((a) => [a, []]));
    for (const { pkg, filename } of change.added) {
        const entry = packageEntry(pkg, filename);
        const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture];
        for (const a of archs)
            addedByArch.get(a)?.push(entry);
    }
    const addedEntries = [...addedByArch.values()].flat();
    const everything = needsEveryEntry(change, [...snapshot.indexes.values()]);
    await loadApt(snapshot, everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)]));
    // Retention counts versions per package name across architectures.
    const dropVersion = change.retention === undefined
        ? new Map()
        : versionsBeyond([...loadedEntries(snapshot), ...addedEntries], change.retention, (e) => e.name, (e) => e.version, (a, b) => compareDebVersions(b.version, a.version));
    const drop = (e) => change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true;
    const indexes = new Map();
    const removed = [];
    const gone = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e));
        const replaced = new Set(adds.map(entryKey));
        const stays = new Map();
        index.segments.forEach((s, i) => {
            if (!s.entries)
                return;
            const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)));
            if (kept.length === s.entries.length)
                return;
            stays.set(i, kept);
            const left = new Set(kept);
            for (const e of s.entries) {
                if (left.has(e))
                    continue;
                gone.add(e.filename);
                // A replaced entry whose file is published again under the same name did not leave.
                if (!adds.some((a) => a.filename === e.filename))
                    removed.push({ name: e.name, version: e.version, architecture: arch });
            }
        });
        indexes.set(arch, {
            survivors: (i) => stays.get(i),
            added: adds,
            retention: change.retention ?? index.retention
        });
    }
    // A file leaves the store only when no index of any architecture lists it any more.
    await loadApt(snapshot, [...gone].map(fileKey));
    const stillUsed = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const c = indexes.get(arch);
        index.segments.forEach((s, i) => {
            for (const e of c.survivors(i) ?? s.entries ?? [])
                stillUsed.add(e.filename);
        });
        for (const e of c.added)
            stillUsed.add(e.filename);
    }
    return {
        indexes,
        commit: {
            removedFiles: [...gone].filter((f) => f && !stillUsed.has(f)),
            added: change.added.map((a) => a.filename),
            removed
        }
    };
}

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
function gzip(data) {
    // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
    return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 });
}
// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder;
/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default. The same input
 * and preset always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
async function xz(data, preset = 6) {
    if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
        throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`);
    }
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    let lzma;
    try {
        lzma = await (encoder ??= import('./wasm-D9bucNpL.js'));
        await lzma.initModule();
    }
    catch (err) {
        encoder = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const out = await lzma.xzAsync(input, { preset });
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
/** xz stream flags: no reserved bits, CRC64 check (what liblzma writes by default, as we ask). */
const XZ_FLAGS = Buffer.from([0x00, 0x04]);
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
/**
 * `data` compressed as a single xz block, cut out of the one-block stream liblzma writes. Blocks
 * compressed apart can be joined into one stream under a new index (`xzFrame`), as multi-threaded
 * xz does: apt reads one xz stream only, so concatenated streams would not do.
 */
async function xzBlock(data, preset = 6) {
    const stream = await xz(data, preset);
    const fail = (why) => {
        throw new Error(`xz encoder output: ${why}`);
    };
    if (!stream.subarray(0, 6).equals(XZ_MAGIC) || !stream.subarray(6, 8).equals(XZ_FLAGS))
        fail('not a CRC64 xz stream');
    const footer = stream.subarray(stream.length - 12);
    const indexSize = (footer.readUInt32LE(4) + 1) * 4;
    const indexStart = stream.length - 12 - indexSize;
    let at = 1; // the index indicator byte
    const read = () => {
        const [value, next] = readVarint(stream.subarray(indexStart), at);
        at = next;
        return value;
    };
    if (read() !== 1)
        fail('expected exactly one block');
    const unpaddedSize = read();
    const uncompressedSize = read();
    const bytes = stream.subarray(12, indexStart);
    if (bytes.length !== Math.ceil(unpaddedSize / 4) * 4)
        fail('block size disagrees with its index');
    return { bytes, unpaddedSize, uncompressedSize };
}
/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
/** The xz stream header's length: magic, stream flags, their CRC32. */
const XZ_HEADER_LENGTH = 12;
function xzFrame(blocks) {
    const head = Buffer.concat([XZ_MAGIC, XZ_FLAGS, le32(crc32(XZ_FLAGS))]);
    const indexBody = Buffer.concat([
        Buffer.from([0x00]),
        varint(blocks.length),
        ...blocks.flatMap((b) => [varint(b.unpaddedSize), varint(b.uncompressedSize)])
    ]);
    const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)]);
    const indexWithCrc = Buffer.concat([index, le32(crc32(index))]);
    const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), XZ_FLAGS]);
    const tail = Buffer.concat([indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ')]);
    return { head, tail };
}
function readVarint(buf, at) {
    let value = 0;
    for (let shift = 1;; shift *= 128) {
        if (at >= buf.length)
            throw new Error('xz encoder output: truncated index');
        const byte = buf[at++];
        value += (byte & 0x7f) * shift;
        if (byte < 0x80)
            return [value, at];
    }
}
function le32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    return b;
}
function varint(n) {
    const out = [];
    while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return Buffer.from(out);
}

/**
 * Segmented index files. An index (apt's Packages, dnf's primary.xml.gz, ...) is written as a
 * run of segments, each compressed on its own, and the published file is their concatenation:
 * gzip readers decompress concatenated members as one stream (RFC 1952, 2.2) and xz readers
 * concatenated streams (the .xz format, 2.1.1), so the result is an ordinary index to apt and dnf.
 *
 * What it buys: a publish that adds one package compresses one small new segment and copies the
 * bytes of the others; only a segment that loses a package is re-compressed. Segments are kept
 * few by merging the newest ones, like the carries of a binary counter, so every entry is
 * re-compressed O(log n) times over its life, and never more than MAX_SEGMENT_ENTRIES at once.
 */
/** The most entries one merge re-compresses: bounds the worst case of a single publish. */
const MAX_SEGMENT_ENTRIES = 2048;
const countOf = (p) => ('keep' in p ? p.count : p.build.length);
/**
 * The segments of the next generation: old segments untouched by the change are kept byte for
 * byte; those that lost an entry are rebuilt from their survivors; the added entries form a new
 * segment; then the newest segments merge while the older one is at most twice the newer.
 *
 * `survivors(i)` gives the entries of old segment `i` that stay, or undefined when they all do
 * (then its entries need not be known). `load(i)` gives the entries of an old segment that is
 * merged into a new one.
 */
async function planSegments(old, survivors, added, load, maxEntries = MAX_SEGMENT_ENTRIES) {
    const out = [];
    for (const [i, s] of old.entries()) {
        const kept = survivors(i);
        if (kept === undefined && s.lengths.length > 0)
            out.push({ keep: i, count: s.count });
        else if (kept === undefined)
            out.push({ build: s.entries ?? (await load(i)) });
        else if (kept.length > 0)
            out.push({ build: kept });
    }
    if (added.length > 0)
        out.push({ build: added });
    while (out.length >= 2) {
        const b = out[out.length - 1];
        const a = out[out.length - 2];
        if (countOf(a) > 2 * countOf(b) || countOf(a) + countOf(b) > maxEntries)
            break;
        const entries = async (p) => 'build' in p ? p.build : (old[p.keep].entries ?? (await load(p.keep)));
        out.splice(out.length - 2, 2, { build: [...(await entries(a)), ...(await entries(b))] });
    }
    return out;
}
/**
 * The old segments whose text must be read back: those holding an entry the plan rebuilds and
 * whose text is not in memory (entries known only from a manifest carry none).
 */
function segmentsToRead(old, plan, hasText) {
    const building = new Set(plan.flatMap((p) => ('build' in p ? p.build : [])));
    return old.flatMap((s, i) => (s.entries?.some((e) => building.has(e) && !hasText(e)) ? [i] : []));
}
/** True when the plan is exactly the old segments, in order: nothing to write. */
function unchanged(old, plan) {
    return plan.length === old.length && keptInPlace(plan) === plan.length;
}
/** How many planned segments, from the first, are the old segments at the same places. */
function keptInPlace(plan) {
    let kept = 0;
    while (kept < plan.length && plan[kept].keep === kept)
        kept++;
    return kept;
}
/** Where each segment starts in file `file`, after a head of `head` bytes. */
function segmentOffsets(segments, file, head = 0) {
    const out = [];
    let at = head;
    for (const s of segments) {
        out.push(at);
        at += s.lengths[file];
    }
    return out;
}
/** The bytes of old segment `index` in each file. */
function segmentBytes(segments, bodies, index, heads = []) {
    return bodies.map((body, file) => {
        if (segments[index].lengths[file] === undefined)
            throw new Error(`segment ${index}: no length for file ${file}`);
        const start = segmentOffsets(segments, file, heads[file] ?? 0)[index];
        return body.subarray(start, start + segments[index].lengths[file]);
    });
}
/** The lengths each planned segment will have (kept ones as they were). */
function plannedLengths(plan, built, old) {
    return plan.map((p, i) => 'keep' in p
        ? old[p.keep].lengths
        : [...built[i].bytes.map((b) => b.length), ...(built[i].extra ?? [])]);
}

/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * dnf's repomd.xml the SHA256 of each repodata file, compressed and open; an index is written as
 * segments of which a publish usually keeps all but the last (see `segments.ts`). Saving the hash
 * states at each segment boundary lets the next publish resume from the last kept segment and
 * hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
const HASH_WASM_VERSION = '4.13.0';
const SETS = {
    apt: { tag: `d1.hw${HASH_WASM_VERSION}:`, names: ['md5', 'sha256', 'sha512'] },
    sha256: { tag: `s1.hw${HASH_WASM_VERSION}:`, names: ['sha256'] }
};
/**
 * The hash-wasm hashers are fed whole 128-byte blocks only (SHA-512's block; MD5's and SHA-256's
 * 64 divides it), the rest carried in the state by us. Fed that way their saved state is the
 * same for the same bytes however they were split; fed arbitrary pieces it also keeps leftovers
 * of earlier input in the unused end of its block buffer, and so depends on the splits.
 */
const BLOCK = 128;
const SIZE_BYTES = 8;
const CHECK_BYTES = 8;
// Loaded on the first call only, so a run that writes no apt index never loads hash-wasm; the
// hashers are created once per process and reset with load(), since creating one (instantiating
// its WebAssembly) costs more than hashing a small segment. Every use below is synchronous from
// load() to save()/digest(), so concurrent calls cannot interleave on a hasher.
let hashers;
async function loadHashers() {
    hashers ??= createHashers();
    try {
        return await hashers;
    }
    catch (err) {
        hashers = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the index hashers (hash-wasm): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
}
// Outside any try block: rollup keeps everything a try block reaches (treeshake
// tryCatchDeoptimization), which would bundle all ~30 of hash-wasm's algorithms (272 KB, each an
// inlined WebAssembly binary). Destructured where imported, so only these three are kept (54 KB).
async function createHashers() {
    const { createMD5, createSHA256, createSHA512 } = await import('./index.esm-De9eORvV.js');
    const [md5, sha256, sha512] = await Promise.all([createMD5(), createSHA256(), createSHA512()]);
    // init() would not clear what a digest() left in the block buffer; load(clean) does.
    const entry = (hasher) => ({ hasher, clean: hasher.save() });
    return { md5: entry(md5), sha256: entry(sha256), sha512: entry(sha512) };
}
async function hashersOf(set) {
    const loaded = await loadHashers();
    const { tag, names } = SETS[set];
    return { tag, all: names.map((n) => loaded[n].hasher), clean: names.map((n) => loaded[n].clean) };
}
async function resumeDigests(from, parts, tail = new Uint8Array(0), set = 'apt') {
    const hashers = await hashersOf(set);
    const { all, clean } = hashers;
    let size = 0;
    let carry = new Uint8Array(0);
    if (from === undefined) {
        all.forEach((h, i) => h.load(clean[i]));
    }
    else {
        const loaded = loadState(hashers, from);
        if (!loaded)
            return undefined;
        ({ size, carry } = loaded);
    }
    const update = (bytes) => {
        if (bytes.length > 0)
            for (const h of all)
                h.update(bytes);
    };
    const states = [];
    for (const part of parts) {
        carry = feedBlocks(update, carry, part);
        size += part.length;
        states.push({ size, state: saveState(hashers, size, carry) });
    }
    update(carry);
    update(tail);
    size += tail.length;
    const digests = { size, md5: '', sha1: '', sha256: '', sha512: '' };
    SETS[set].names.forEach((name, i) => (digests[name] = all[i].digest('hex')));
    return { digests, states };
}
/**
 * Feeds the hashers the whole blocks of `carry + data` and returns what is left (under a block).
 * Only the first block is copied; the rest is hashed in place.
 */
function feedBlocks(update, carry, data) {
    let at = 0;
    if (carry.length > 0) {
        const need = BLOCK - carry.length;
        if (data.length < need)
            return concat(carry, data);
        update(concat(carry, data.subarray(0, need)));
        at = need;
    }
    const end = at + Math.floor((data.length - at) / BLOCK) * BLOCK;
    update(data.subarray(at, end));
    return data.subarray(end);
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}
/** Layout after the tag, base64: size (u64 LE), the three hash-wasm states, the carry, a check. */
function saveState({ tag, all }, size, carry) {
    const head = Buffer.alloc(SIZE_BYTES);
    head.writeBigUInt64LE(BigInt(size));
    const body = Buffer.concat([head, ...all.map((h) => h.save()), carry]);
    return tag + Buffer.concat([body, check(tag, body)]).toString('base64');
}
/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState({ tag, all, clean }, from) {
    if (typeof from.state !== 'string' || !from.state.startsWith(tag))
        return undefined;
    if (!Number.isSafeInteger(from.size) || from.size < 0)
        return undefined;
    const encoded = from.state.slice(tag.length);
    const bytes = Buffer.from(encoded, 'base64');
    // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
    if (bytes.toString('base64') !== encoded)
        return undefined;
    const statesLength = clean.reduce((n, s) => n + s.length, 0);
    const carryLength = from.size % BLOCK;
    if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES)
        return undefined;
    const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
    if (!check(tag, body).equals(bytes.subarray(body.length)))
        return undefined;
    if (body.readBigUInt64LE(0) !== BigInt(from.size))
        return undefined;
    let at = SIZE_BYTES;
    try {
        all.forEach((h, i) => {
            h.load(body.subarray(at, at + clean[i].length));
            at += clean[i].length;
        });
    }
    catch {
        return undefined; // another build of hash-wasm: its own check refused the state
    }
    return { size: from.size, carry: new Uint8Array(body.subarray(at)) };
}
function check(tag, body) {
    return createHash('sha256').update(tag).update(body).digest().subarray(0, CHECK_BYTES);
}

/**
 * The digests (`set`: apt's MD5, SHA256 and SHA512, or SHA256 alone) of each file of a segmented
 * index's next generation, and the digest state after each of its segments in each file.
 *
 * Hashing resumes after the old segments the plan keeps in place at the start of the index,
 * from the states saved with them, so adding a package hashes only the new segment and the
 * file's tail instead of the whole file. A file whose state cannot be resumed (none saved, or
 * saved by another version) is hashed from its first byte.
 *
 * `partsFrom(first)` gives the bytes of planned segments `first`.. in each file (`[i][f]`), so
 * a kept segment's old bytes are read only when hashing must start before it; `heads[f]` and
 * `tails[f]` frame file f.
 */
async function segmentedDigests(plan, old, partsFrom, frame, set = 'apt') {
    const files = frame.heads.length;
    // The old segments kept where they were, each with a state for every file.
    const inPlace = keptInPlace(plan);
    let kept = 0;
    while (kept < inPlace && old[kept].states?.length === files)
        kept++;
    const digests = [];
    const states = [];
    const after = kept > 0 ? await partsFrom(kept) : [];
    // Every file that cannot resume hashes the same parts: they are got once.
    let fromStart;
    for (let f = 0; f < files; f++) {
        const resumed = kept > 0
            ? await resumeDigests(old[kept - 1].states[f], after.map((p) => p[f]), frame.tails[f], set)
            : undefined;
        if (resumed) {
            digests.push(resumed.digests);
            states.push([...old.slice(0, kept).map((s) => s.states[f]), ...resumed.states]);
            continue;
        }
        // From the first byte: the head is a part of its own, whose state nobody needs.
        const bytes = (await (fromStart ??= partsFrom(0))).map((p) => p[f]);
        const whole = await resumeDigests(undefined, [frame.heads[f], ...bytes], frame.tails[f], set);
        digests.push(whole.digests);
        states.push(whole.states.slice(1));
    }
    // Per segment, then per file, as a manifest keeps them.
    return { digests, states: plan.map((_, i) => states.map((perFile) => perFile[i])) };
}

/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1;
/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 *
 * A publish that appends keeps the old files' bytes up to its first new segment; a store that
 * can extend an object (the file store: a copy inside the kernel) writes only the new bytes
 * after them, and the old files are not read at all. Otherwise the files are put whole.
 */
async function nextIndex(o, arch, index, 
/** What the snapshot's Release lists: where the old index files are, by hash. */
listed, change) {
    const old = index.segments;
    const plan = await planSegments(old, change.survivors, change.added, async (i) => (old[i].entries ??= await index.load(old[i])));
    // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
    if (index.segmented && change.added.length === 0 && unchanged(old, plan))
        return undefined;
    const oldKeys = INDEX_FILES.map((n) => {
        const sha256 = listed.get(`${indexDir(arch)}/${n}`)?.sha256;
        return sha256 === undefined ? undefined : byHash(o.prefix, arch, sha256);
    });
    const oldKey = (f) => {
        const key = oldKeys[f];
        const shown = `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`;
        if (!key)
            throw new Error(`${o.store.location}/${shown}: not listed in the Release`);
        return key;
    };
    // The old files' bytes, read only when some must be copied by us.
    let oldBodies;
    const bodies = async () => (oldBodies ??= await Promise.all(INDEX_FILES.map((n, f) => readListed(o.store, oldKey(f), 'the Release', {
        shown: `${dists(o.prefix)}/${indexDir(arch)}/${n}`
    }))));
    // The old xz stream's header is the same as the new one's: its blocks begin after it.
    const heads = [0, 0, XZ_HEADER_LENGTH];
    // Texts of old entries being rebuilt come from their old segment's plain bytes.
    const toRead = segmentsToRead(old, plan, (e) => e.text !== undefined);
    await Promise.all(toRead.map(async (i) => {
        const start = segmentOffsets(old, LENGTH.plain)[i];
        const range = { start, end: start + old[i].lengths[LENGTH.plain] };
        const plain = await readListedRange(o.store, oldKey(LENGTH.plain), range, 'the Release');
        const texts = segmentStanzas(plain);
        old[i].entries.forEach((e, j) => (e.text = texts[j]));
    }));
    const built = await Promise.all(plan.map(async (p) => {
        if ('keep' in p)
            return undefined;
        const plain = Buffer.from(segmentText(p.build));
        const block = await xzBlock(plain, XZ_PRESET);
        return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] };
    }));
    // Packages.xz is one stream: its blocks (one per segment) under an index of them all.
    const lengths = plannedLengths(plan, built, old);
    const xzBlocks = lengths.map((l) => ({
        unpaddedSize: l[LENGTH.xzUnpadded],
        uncompressedSize: l[LENGTH.plain]
    }));
    const xz = xzFrame(xzBlocks);
    const none = Buffer.alloc(0);
    const frame = {
        heads: [none, none, xz.head],
        // An index with no package is still a valid (empty) compressed file.
        tails: [none, plan.length === 0 ? gzip('') : none, xz.tail]
    };
    const offsets = INDEX_FILES.map((_, f) => segmentOffsets(old, f, heads[f]));
    // The old segments kept in place at the start: their bytes stay where they are.
    const leading = keptInPlace(plan);
    const moved = plan.slice(leading).some((p) => 'keep' in p);
    /** Planned segment i's bytes in each file, from the old files when it is kept. */
    const bytesOf = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await bodies(), p.keep, heads);
    };
    const partsFrom = (first) => Promise.all(plan.slice(first).map((_, j) => bytesOf(first + j)));
    const { digests, states } = await segmentedDigests(plan, old, partsFrom, frame);
    // Only a store that also copies: the other names of a file it extends are copies of it.
    const extend = o.store.extend !== undefined && o.store.copy !== undefined && leading > 0 && !moved;
    // The bytes this publish writes: after the kept start when extending, else all of them.
    const parts = await partsFrom(extend ? leading : 0);
    const files = INDEX_FILES.map((name, f) => {
        const written = [...parts.map((b) => b[f]), frame.tails[f]];
        if (!extend)
            return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) };
        const keep = offsets[f][leading - 1] + old[leading - 1].lengths[f];
        return { name, digests: digests[f], extend: { from: oldKey(f), keep, append: written } };
    });
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC$1, (sha) => entriesKey$1(o.prefix, arch, sha));
    const stored = described.map((s, i) => ({ ...s, states: states[i] }));
    const manifest = Buffer.from(renderManifest$1({
        packagesSha256: files[0].digests.sha256,
        retention: change.retention,
        segments: stored
    }));
    files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) });
    return { files, segments: stored, entryObjects };
}
/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
const copied = (file) => ({
    bytes: file.body,
    sha256: file.digests.sha256,
    size: file.digests.size
});

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 *
 * Its parts: where the files are (apt-layout.ts), reading the signed generation
 * (apt-snapshot.ts), merging a change into it (apt-merge.ts), and the next index files
 * (apt-index.ts).
 */
/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS = [
    ['SHA256', 'sha256'],
    ['SHA512', 'sha512']
];
/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
async function commitApt(change, o) {
    const superseded = listSuperseded(o.store, `${dists(o.prefix)}/${COMPONENT}/`);
    const { snapshot, release, releaseGpg, commit, keepEntries } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix);
        const { indexes, commit } = await mergeApt(snapshot, change);
        const previous = snapshot.release
            ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
            : new Map();
        const files = [];
        // Each new index file is written once, under its SHA256; its other names are copies.
        const written = [];
        const next = await Promise.all(ARCHITECTURES.map((arch) => nextIndex(o, arch, snapshot.indexes.get(arch), previous, indexes.get(arch))));
        // Entry objects this generation's manifests name, or the previous one's, stay (as long as
        // the by-hash files of both).
        const keepEntries = new Set(ARCHITECTURES.flatMap((arch, i) => [...(next[i]?.segments ?? []), ...snapshot.indexes.get(arch).segments].map((s) => entriesKey$1(o.prefix, arch, s.entriesSha256))));
        for (const [i, arch] of ARCHITECTURES.entries()) {
            const dir = indexDir(arch);
            const names = [...INDEX_FILES, MANIFEST_FILE];
            const index = next[i];
            // An index that did not change keeps its files and their listing: nothing to write.
            if (!index) {
                for (const n of names) {
                    const listed = previous.get(`${dir}/${n}`);
                    if (!listed)
                        throw new Error(`${dists(o.prefix)}/Release does not list ${dir}/${n}`);
                    files.push({ path: `${dir}/${n}`, digests: listed });
                }
                continue;
            }
            for (const file of index.files) {
                const { name, digests } = file;
                files.push({ path: `${dir}/${name}`, digests });
                // Every file the Release lists is served under each of its hashes (the manifest is only
                // ever read that way; apt reads the indexes by either name).
                const [first, ...others] = HASH_DIRS.map(([hashDir, hash]) => `${dists(o.prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`);
                written.push({
                    byHash: first,
                    copies: others,
                    plain: name === MANIFEST_FILE ? undefined : `${dists(o.prefix)}/${dir}/${name}`,
                    file
                });
            }
        }
        // The Release names only digests, known now: it is signed (below) while the files are
        // written, Release.gpg too, so the commit follows the last copy and Release.gpg follows it.
        const release = renderRelease({
            origin: o.origin ?? 'falco-publish',
            label: o.origin ?? 'falco-publish',
            suite: SUITE,
            codename: SUITE,
            date: (o.now ?? (() => new Date()))(),
            architectures: ARCHITECTURES,
            components: [COMPONENT],
            files
        });
        // Safe order: the packages and the content-addressed files (the entry objects the
        // manifests name, the indexes by hash) first, then the other names, then the signed Release.
        const writing = Promise.all([
            o.stored,
            ...next.flatMap((n) => (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))),
            ...written.map(({ byHash, file }) => file.extend
                ? o.uploader.extend(file.extend, byHash, file.digests.sha256, 'index')
                : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256))
        ]);
        // Started once the writes are under way: signing takes the event loop for a moment.
        const signed = Promise.all([clearSign(release, o.keys), detachSign(release, o.keys)]);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        await Promise.all(written.flatMap((w) => [
            // Other by-hash names hold the same bytes if they exist; plain names are replaced.
            ...w.copies.map((to) => o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })),
            ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
        ]));
        const [inRelease, releaseGpg] = await signed;
        await o.uploader.commit(`${dists(o.prefix)}/InRelease`, inRelease, snapshot.etag, 'signature');
        return { snapshot, release, releaseGpg, commit, keepEntries };
    }, mergingAgain(o.log, o.prefix));
    // Release and Release.gpg follow InRelease; what no generation names any more goes meanwhile.
    await Promise.all([
        o.uploader.bytes(`${dists(o.prefix)}/Release`, release, 'index'),
        o.uploader.bytes(`${dists(o.prefix)}/Release.gpg`, releaseGpg, 'signature'),
        pruneSuperseded(o.store, superseded, prunableIn([release, snapshot.release ?? ''], keepEntries), o.log)
    ]);
    // Packages that left the indexes go once every signed index names the new generation.
    await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log);
    return commit;
}
/**
 * What a publish may delete under `dists/<suite>/main/`: by-hash copies listed by neither the
 * current nor the previous Release, and entry objects neither generation's manifests name.
 */
function prunableIn(releases, keepEntries) {
    const keep = new Set(releases.flatMap(releaseFilesAllHashes));
    return (key) => key.includes('/by-hash/')
        ? !keep.has(path.posix.basename(key))
        : key.includes(`/${ENTRIES_DIR$1}/`) && !keepEntries.has(key);
}
function releaseFilesAllHashes(release) {
    return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1]);
}

function recordOf(pkg, location) {
    const info = { ...pkg, location, sha256: pkg.digests.sha256, size: pkg.digests.size };
    return {
        name: pkg.name,
        epoch: pkg.epoch,
        version: pkg.version,
        release: pkg.release,
        arch: pkg.arch,
        location,
        sha256: info.sha256,
        size: info.size,
        primary: primaryPackage(info),
        filelists: filelistsPackage(info),
        other: otherPackage(info)
    };
}
function recordKey(r) {
    return `${r.name}-${r.epoch}:${r.version}-${r.release}.${r.arch}`;
}
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const version = (r) => `<version epoch="${r.epoch}" ver="${esc(r.version)}" rel="${esc(r.release)}"/>`;
function entries(tag, list) {
    const seen = new Set();
    const items = [];
    for (const d of list) {
        let attrs = `name="${esc(d.name)}"`;
        if (d.flags)
            attrs += ` flags="${d.flags}" epoch="${esc(d.epoch ?? '0')}" ver="${esc(d.ver ?? '')}"`;
        if (d.flags && d.rel !== undefined)
            attrs += ` rel="${esc(d.rel)}"`;
        if (d.pre)
            attrs += ` pre="1"`;
        if (seen.has(attrs))
            continue;
        seen.add(attrs);
        items.push(`      <rpm:entry ${attrs}/>`);
    }
    return items.length ? `    <rpm:${tag}>\n${items.join('\n')}\n    </rpm:${tag}>\n` : '';
}
/** Files dnf needs in primary to resolve file dependencies (the rest is in filelists). */
const isPrimaryFile = (f) => f.path.startsWith('/etc/') || f.path.includes('bin/') || f.path === '/usr/lib/sendmail';
const fileLine = (f, indent) => `${indent}<file${f.type === 'file' ? '' : ` type="${f.type}"`}>${esc(f.path)}</file>\n`;
function primaryPackage(r) {
    return (`<package type="rpm">\n  <name>${esc(r.name)}</name>\n  <arch>${esc(r.arch)}</arch>\n  ${version(r)}\n` +
        `  <checksum type="sha256" pkgid="YES">${r.sha256}</checksum>\n` +
        `  <summary>${esc(r.summary)}</summary>\n  <description>${esc(r.description)}</description>\n` +
        `  <packager>${esc(r.packager)}</packager>\n  <url>${esc(r.url)}</url>\n` +
        `  <time file="${r.buildtime}" build="${r.buildtime}"/>\n` +
        `  <size package="${r.size}" installed="${r.installedSize}" archive="${r.archiveSize}"/>\n` +
        `  <location href="${esc(r.location)}"/>\n  <format>\n` +
        `    <rpm:license>${esc(r.license)}</rpm:license>\n    <rpm:vendor>${esc(r.vendor)}</rpm:vendor>\n` +
        `    <rpm:group>${esc(r.group)}</rpm:group>\n    <rpm:buildhost>${esc(r.buildhost)}</rpm:buildhost>\n` +
        `    <rpm:sourcerpm>${esc(r.sourcerpm)}</rpm:sourcerpm>\n` +
        `    <rpm:header-range start="${r.headerRange.start}" end="${r.headerRange.end}"/>\n` +
        entries('provides', r.provides) +
        entries('requires', r.requires) +
        entries('conflicts', r.conflicts) +
        entries('obsoletes', r.obsoletes) +
        r.files
            .filter(isPrimaryFile)
            .map((f) => fileLine(f, '    '))
            .join('') +
        `  </format>\n</package>\n`);
}
function filelistsPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.files.map((f) => fileLine(f, '  ')).join('') +
        `</package>\n`);
}
function otherPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.changelog
            .map((c) => `  <changelog author="${esc(c.author)}" date="${c.date}">${esc(c.text)}</changelog>\n`)
            .join('') +
        `</package>\n`);
}
/**
 * The three XML files of the repodata: how each opens and closes around its package fragments.
 *
 * The opening carries no `packages="N"` count. With it, every publish changed the first bytes of
 * every file, so each file's open SHA-256 (which repomd.xml lists) had to be taken again over all
 * of it, inflated, and the file could not grow from the one before. Without it, a publish hashes
 * only the segments it adds, from the states the manifest keeps, and the file store extends the
 * old files. The readers ignore the count: libsolv (dnf, zypper) and createrepo_c never read it,
 * and yum's parser only reports it as progress when it is there.
 */
const XML_FILES = [
    {
        type: 'primary',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n` +
            `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n`,
        close: `</metadata>\n`,
        fragment: (r) => r.primary
    },
    {
        type: 'filelists',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists">\n`,
        close: `</filelists>\n`,
        fragment: (r) => r.filelists
    },
    {
        type: 'other',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<otherdata xmlns="http://linux.duke.edu/metadata/other">\n`,
        close: `</otherdata>\n`,
        fragment: (r) => r.other
    }
];
/** The package fragments of a run of XML (the inverse of joining them). */
function splitFragments(xml) {
    const parts = xml.split('</package>\n');
    parts.pop();
    return parts.map((p) => p + '</package>\n');
}
function renderRepomd(revision, data) {
    return (`<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n` +
        `  <revision>${revision}</revision>\n` +
        data
            .map((d) => `  <data type="${esc(d.type)}">\n    <checksum type="sha256">${d.sha256}</checksum>\n` +
            `    <open-checksum type="sha256">${d.openSha256}</open-checksum>\n    <location href="${esc(d.location)}"/>\n` +
            `    <timestamp>${revision}</timestamp>\n    <size>${d.size}</size>\n    <open-size>${d.openSize}</open-size>\n  </data>\n`)
            .join('') +
        `</repomd>\n`);
}
/** The data entries of a repomd.xml we wrote: type -> location and checksum. */
function parseRepomd(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data type="([^"]+)">([\s\S]*?)<\/data>/g)) {
        const loc = /<location href="([^"]+)"/.exec(m[2]);
        const sum = /<checksum type="sha256">([0-9a-f]{64})<\/checksum>/.exec(m[2]);
        if (loc && sum)
            out.set(m[1], { location: loc[1], sha256: sum[1] });
    }
    return out;
}

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML, one member per segment, and a member closing it. The manifest gives the
 * opening members' lengths, each segment's member lengths and count, the SHA-256 states after it
 * (see `RpmSegment`), where the list of its packages is kept and a filter of their names and
 * files (see segment-entries.ts). It is a repomd.xml entry of our own type (dnf fetches only the
 * types it knows), so a publish reads the generation repomd.xml names.
 */
const SEGMENTS_TYPE = 'falco-publish-segments';
/** The folder, in repodata/, of the objects listing each segment's packages. */
const ENTRIES_DIR = 'repodata/falco-publish-segments';
const FORMAT = 'falco-publish rpm segments 3';
/**
 * Earlier layouts, still read so a repository they wrote goes on incrementally: 2 kept no digest
 * states and opened the XML with a package count; 1 also listed the entries inline.
 */
const FORMAT_2 = 'falco-publish rpm segments 2';
const FORMAT_1 = 'falco-publish rpm segments 1';
/**
 * The files a segment's `states` are given for, in order: the three `.xml.gz` (XML_FILES' order),
 * then the same three XML uncompressed (repomd.xml's open-checksum).
 */
const DIGESTED_FILES = 2 * XML_FILES.length;
const ENTRY_CODEC = {
    format: 'falco-publish rpm segment entries 1',
    toRow: (r) => [
        r.name,
        r.epoch,
        r.version,
        r.release,
        r.arch,
        r.location,
        r.sha256,
        r.size,
        r.sourceSha256 ?? r.sha256
    ],
    fromRow: ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
        name,
        epoch,
        version,
        release,
        arch,
        location,
        sha256,
        size,
        sourceSha256
    }),
    keys: (r) => lookupKeys(r.name, r.location)
};
function renderManifest(m) {
    return JSON.stringify({
        format: FORMAT,
        primarySha256: m.primarySha256,
        heads: m.heads,
        retention: m.retention ?? null,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest(text, where) {
    const raw = parseJson(text, where);
    if ((raw.format !== FORMAT && raw.format !== FORMAT_2 && raw.format !== FORMAT_1) ||
        !raw.primarySha256 ||
        raw.heads?.length !== 3) {
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    }
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        primarySha256: raw.primarySha256,
        heads: raw.heads,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT_1
            ? inlineSegments(raw.segments, ENTRY_CODEC)
            : segmentsWithStates(raw.segments, where, DIGESTED_FILES)
    };
}

const entriesKey = (prefix, sha256) => `${prefix}/${ENTRIES_DIR}/${sha256}.json`;
async function readDnfSnapshot(store, prefix) {
    const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`);
    if (!current)
        return { segments: [], load: () => Promise.resolve([]) };
    const data = parseRepomd(current.text);
    const where = `${prefix}/repodata/repomd.xml`;
    if (!data.has(SEGMENTS_TYPE)) {
        throw new Error(`${store.location}/${where} was not written by falco-publish (no ${SEGMENTS_TYPE} entry); ` +
            `refusing to replace a repository whose packages it cannot see`);
    }
    const listed = data.get(SEGMENTS_TYPE);
    const manifest = parseManifest((await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
    })).toString('utf8'), `${where} (${SEGMENTS_TYPE})`);
    if (manifest.primarySha256 !== data.get('primary')?.sha256) {
        throw new Error(`${store.location}/${where}: primary.xml.gz was rewritten by another tool since falco-publish wrote it; ` +
            `refusing to replace a repository whose packages it cannot see`);
    }
    const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type).location}`);
    let bodies;
    return {
        etag: current.etag,
        repomd: current.text,
        segments: manifest.segments,
        retention: manifest.retention,
        layout: {
            keys,
            heads: manifest.heads,
            bodies: () => (bodies ??= Promise.all(keys.map((key) => readListed(store, key, 'repomd.xml'))))
        },
        load: async (s) => {
            const key = entriesKey(prefix, s.entriesSha256);
            const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`);
            return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`);
        }
    };
}
/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
function publishedSources(snapshot, files) {
    return publishedDigests([snapshot], files, (r) => r.location, (r) => r.sourceSha256 ?? r.sha256);
}

/** rpm's version ordering (rpmvercmp) over `epoch:version-release`: retention keeps the newest. */
function compareRpmEvr(a, b) {
    return a.epoch - b.epoch || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}
function rpmvercmp(a, b) {
    if (a === b)
        return 0;
    const sa = a.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    const sb = b.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    let i = 0;
    for (; i < sa.length && i < sb.length; i++) {
        const x = sa[i];
        const y = sb[i];
        if (x === y)
            continue;
        if (x === '~' || y === '~')
            return x === '~' ? -1 : 1;
        if (x === '^' || y === '^')
            return x === '^' ? -1 : 1;
        const xn = /^\d/.test(x);
        const yn = /^\d/.test(y);
        if (xn !== yn)
            return xn ? 1 : -1;
        if (xn) {
            const xs = x.replace(/^0+/, '');
            const ys = y.replace(/^0+/, '');
            if (xs.length !== ys.length)
                return xs.length - ys.length;
            if (xs === ys)
                continue;
            return xs < ys ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    const ra = sa[i];
    const rb = sb[i];
    if (ra === undefined && rb === undefined)
        return 0;
    if (ra === '~')
        return -1;
    if (rb === '~')
        return 1;
    if (ra === '^')
        return rb === undefined ? 1 : -1;
    if (rb === '^')
        return ra === undefined ? -1 : 1;
    return ra === undefined ? -1 : 1;
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
async function mergeDnf(snapshot, change) {
    const added = new Map();
    for (const pkg of change.added) {
        const rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 };
        added.set(recordKey(rec), rec);
    }
    const everything = needsEveryEntry(change, [snapshot]);
    await loadMatching([snapshot], everything ? 'all' : [...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]));
    const replacedFiles = new Set([...added.values()].map((r) => r.location));
    const removed = (r) => change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
        change.remove?.(r.name, r.version) === true;
    const loaded = snapshot.segments.flatMap((s) => s.entries ?? []);
    let survivors = new Set(loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r)));
    let adds = [...added.values()].filter((r) => !removed(r));
    if (change.retention !== undefined) {
        const evr = (r) => `${r.epoch}:${r.version}-${r.release}`;
        const dropped = versionsBeyond([...survivors, ...adds], change.retention, (r) => r.name, evr, (a, b) => compareRpmEvr(b, a));
        if (dropped.size > 0) {
            const stays = (r) => !dropped.get(r.name)?.has(evr(r));
            survivors = new Set([...survivors].filter(stays));
            adds = adds.filter(stays);
        }
    }
    const stays = new Map();
    const gone = [];
    snapshot.segments.forEach((s, i) => {
        if (!s.entries)
            return;
        const kept = s.entries.filter((r) => survivors.has(r));
        if (kept.length === s.entries.length)
            return;
        stays.set(i, kept);
        gone.push(...s.entries.filter((r) => !survivors.has(r)));
    });
    // A file published again under its name stays; the others leave with their records.
    const addedFiles = new Set(adds.map((r) => r.location));
    const left = gone.filter((r) => !addedFiles.has(r.location));
    return {
        survivors: (i) => stays.get(i),
        added: adds,
        retention: change.retention ?? snapshot.retention,
        commit: {
            added: change.added.map((p) => path.basename(p.file)),
            removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
            removedFiles: [...new Set(left.map((r) => r.location))]
        }
    };
}

/**
 * The files of the next repodata: primary, filelists and other (`.xml.gz`), built from the
 * segments the merge keeps and the ones it adds, the segment manifest, and the objects listing
 * new segments' packages.
 */
const gunzip = promisify(gunzip$1);
/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(snapshot, plan) {
    const layout = snapshot.layout;
    if (!layout)
        return; // a new repository: every record is added, with its XML
    for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
        const members = segmentBytes(snapshot.segments, await layout.bodies(), i, layout.heads);
        const xml = await Promise.all(members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8'))));
        snapshot.segments[i].entries.forEach((r, j) => {
            r.primary = xml[0][j];
            r.filelists = xml[1][j];
            r.other = xml[2][j];
        });
    }
}
/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 *
 * Each XML file opens the same way in every generation, so its digests, compressed and open,
 * resume from the states saved after the old segments it keeps at its start: adding a package
 * hashes its new segment and the closing tag, not the 13 MiB of XML of 10,000 packages. A store
 * that can extend an object (the file store) writes only the bytes after those segments, and the
 * old files are not read; another store gets whole files, assembled from the old ones.
 */
async function nextRepodata(o, snapshot, merge) {
    const old = snapshot.segments;
    const layout = snapshot.layout;
    const plan = await planSegments(old, merge.survivors, merge.added, async (i) => (old[i].entries ??= await snapshot.load(old[i])));
    await loadFragments(snapshot, plan);
    // A new segment: its XML in each file, and that compressed.
    const built = plan.map((p) => {
        if ('keep' in p)
            return undefined;
        const xml = XML_FILES.map((f) => Buffer.from(p.build.map((r) => f.fragment(r)).join('')));
        return { xml, bytes: xml.map((x) => gzip(x)) };
    });
    // The digested files: the three .xml.gz, then the same XML open (see DIGESTED_FILES).
    const opens = XML_FILES.map((f) => Buffer.from(f.open));
    const closes = XML_FILES.map((f) => Buffer.from(f.close));
    const frame = {
        heads: [...opens.map((x) => gzip(x)), ...opens],
        tails: [...closes.map((x) => gzip(x)), ...closes]
    };
    // Kept segments exist only where there was a repository, hence a layout.
    const oldHeads = layout?.heads ?? [];
    /** Planned segment i's compressed bytes in each file, from the old files when it is kept. */
    const compressed = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await layout.bodies(), p.keep, oldHeads);
    };
    /** The same in every digested file: a kept segment's XML is its members inflated. */
    const digested = async (i) => {
        const gz = await compressed(i);
        const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))));
        return [...gz, ...xml];
    };
    const { digests, states } = await segmentedDigests(plan, old, (first) => Promise.all(plan.slice(first).map((_, j) => digested(first + j))), frame, 'sha256');
    // The old segments kept in place at the start: their bytes stay where they are. A manifest
    // with states was written with the openings of today, so its files can be extended.
    const leading = keptInPlace(plan);
    const extend = o.store.extend !== undefined &&
        leading > 0 &&
        !plan.slice(leading).some((p) => 'keep' in p) &&
        old[leading - 1].states !== undefined &&
        oldHeads.every((length, f) => length === frame.heads[f].length);
    const parts = await Promise.all(plan.slice(extend ? leading : 0).map((_, j) => compressed((extend ? leading : 0) + j)));
    const files = XML_FILES.map((f, i) => {
        const data = {
            type: f.type,
            location: `repodata/${digests[i].sha256}-${f.type}.xml.gz`,
            sha256: digests[i].sha256,
            size: digests[i].size,
            openSha256: digests[XML_FILES.length + i].sha256,
            openSize: digests[XML_FILES.length + i].size
        };
        const written = [...parts.map((b) => b[i]), frame.tails[i]];
        if (!extend)
            return { data, body: Buffer.concat([frame.heads[i], ...written]) };
        const keep = segmentOffsets(old, i, oldHeads[i])[leading - 1] + old[leading - 1].lengths[i];
        return { data, extend: { from: layout.keys[i], keep, append: written } };
    });
    const lengths = plannedLengths(plan, built, old);
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC, (sha) => entriesKey(o.prefix, sha));
    const stored = described.map((s, i) => ({ ...s, states: states[i] }));
    const manifest = Buffer.from(renderManifest({
        primarySha256: files[0].data.sha256,
        heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
        retention: merge.retention,
        segments: stored
    }));
    const sha256 = sha256Of(manifest);
    files.push({
        data: {
            type: SEGMENTS_TYPE,
            location: `repodata/${sha256}-segments.json`,
            sha256,
            size: manifest.length,
            openSha256: sha256,
            openSize: manifest.length
        },
        body: manifest
    });
    return { files, entryObjects, segments: stored };
}

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 *
 * Its parts: reading the signed generation (dnf-snapshot.ts), signing packages (dnf-sign.ts),
 * merging a change (dnf-merge.ts) and the next repodata (dnf-repodata.ts).
 */
async function commitDnf(change, o) {
    const superseded = listSuperseded(o.store, `${o.prefix}/repodata/`);
    const { snapshot, repomd, signature, commit, segments } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix);
        const merge = await mergeDnf(snapshot, change);
        const { files, entryObjects, segments } = await nextRepodata(o, snapshot, merge);
        // The packages, and the objects the manifest names, exist before repomd.xml names them.
        const writing = Promise.all([
            o.stored,
            ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
            ...files.map((f) => {
                const key = `${o.prefix}/${f.data.location}`;
                return f.extend
                    ? o.uploader.extend(f.extend, key, f.data.sha256, 'index')
                    : o.uploader.immutable(key, f.body, 'index', f.data.sha256);
            })
        ]);
        const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000);
        const data = files.map((f) => f.data);
        const repomd = renderRepomd(revision, data);
        // Signed while the files are written, before the commit, so the signature follows
        // repomd.xml as closely as it can.
        const signed = detachSign(repomd, o.keys);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        const signature = await signed;
        await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index');
        return { snapshot, repomd, signature, commit: merge.commit, segments };
    }, mergingAgain(o.log, o.prefix));
    const keep = new Set([...segments, ...snapshot.segments].map((s) => entriesKey(o.prefix, s.entriesSha256)));
    // The signature follows repomd.xml; what no generation names any more goes meanwhile.
    await Promise.all([
        o.uploader.bytes(`${o.prefix}/repodata/repomd.xml.asc`, signature, 'signature'),
        pruneRepodata(o, superseded, [repomd, snapshot.repomd ?? ''], keep)
    ]);
    // Packages that left the repodata go once its signature names the new generation.
    await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log);
    return commit;
}
/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(o, superseded, repomds, entryObjects) {
    const keep = new Set([
        ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${o.prefix}/${d.location}`)),
        ...entryObjects
    ]);
    await pruneSuperseded(o.store, superseded, (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key), o.log);
}

/**
 * Adds a header-only OpenPGP signature to an RPM, as `rpmsign --addsign` does: the signature
 * covers the main header (which itself carries the payload digest), goes into the signature
 * header (RSA keys in tag 268, EdDSA/ECDSA in tag 267), and the signature header is rewritten.
 * The main header and payload are copied unchanged. rpm can hold one signature of each kind:
 * the first key signs the header; every key signs the detached `.asc`.
 *
 * What the repodata needs of the signed file is known without reading it back: the headers
 * are the ones just written, and its SHA-256 is taken as it is written.
 */
async function signRpmFile(pkg, keys, workdir) {
    const key = keys.keys[0];
    const algo = key.getAlgorithmInfo().algorithm;
    const tag = String(algo).startsWith('rsa') ? 268 : 267;
    const signature = Buffer.from(await detachSignBinary(pkg.mainHeader, key));
    const kept = pkg.signature.entries.filter((e) => ![62, 267, 268, 1002, 1005, 1008].includes(e.tag));
    const entries = [
        ...kept,
        { tag, type: RpmType.BIN, count: signature.length, data: signature }
    ];
    const sigHeader = serializeSignatureHeader(entries);
    const pad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8);
    const lead = Buffer.alloc(96);
    const handle = await promises.open(pkg.file, 'r');
    try {
        await handle.read(lead, 0, 96, 0);
    }
    finally {
        await handle.close();
    }
    await promises.mkdir(path.join(workdir, 'signed-rpms'), { recursive: true });
    const out = path.join(workdir, 'signed-rpms', path.basename(pkg.file));
    const digest = new Sha256Counter();
    await pipeline((async function* () {
        const headers = Buffer.concat([lead, sigHeader, pad, pkg.mainHeader]);
        digest.update(headers);
        yield headers;
        for await (const chunk of createReadStream(pkg.file, { start: pkg.payloadOffset })) {
            digest.update(chunk);
            yield chunk;
        }
    })(), createWriteStream(out));
    const start = lead.length + sigHeader.length + pad.length;
    const end = start + pkg.mainHeader.length;
    return {
        ...pkg,
        file: out,
        signature: parseHeader(sigHeader, 'signature header'),
        headerRange: { start, end },
        payloadOffset: end,
        digests: digest.digest(),
        sourceSha256: pkg.digests.sha256
    };
}

function repositoriesFor(channel) {
    const suffix = channel === 'dev' ? '-dev' : '';
    return {
        deb: `packages/deb${suffix}`,
        rpm: `packages/rpm${suffix}`,
        bin: `packages/bin${suffix}`
    };
}
/** The armoured public key(s) users import, next to the repositories. */
const PUBLIC_KEY_KEY = 'packages/repository-key.asc';

/** Sorted by file name, so the same set of files always renders the same bytes. */
function renderSums(sums) {
    return [...sums.entries()]
        .sort(([a], [b]) => byCodeUnit(a, b))
        .map(([name, sha256]) => `${sha256}  ${name}\n`)
        .join('');
}

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
const TARBALL_ARCHES = ['x86_64', 'aarch64'];
/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left). */
function sumsByArch(entries) {
    const out = new Map();
    const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => e.path.split('/')[0])]);
    for (const arch of arches) {
        const sums = new Map(entries
            .filter((e) => e.path.startsWith(`${arch}/`))
            .map((e) => [e.path.slice(arch.length + 1), e.sha256]));
        out.set(arch, renderSums(sums));
    }
    return out;
}
function mergeTarballs(existing, change) {
    const byPath = new Map(existing.map((e) => [e.path, e]));
    for (const e of change.added)
        byPath.set(e.path, e);
    let entries = [...byPath.values()];
    const meta = (e) => {
        try {
            return parseTarballName(e.path);
        }
        catch {
            return { name: e.path, version: '', arch: '' };
        }
    };
    entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version));
    if (change.retention !== undefined) {
        const group = (e) => `${meta(e).name} ${meta(e).arch}`;
        const dropped = versionsBeyond(entries, change.retention, group, (e) => meta(e).version, (a, b) => compareDebVersions(meta(b).version, meta(a).version));
        entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version));
    }
    const kept = new Set(entries.map((e) => e.path));
    return { entries, removed: existing.map((e) => e.path).filter((p) => !kept.has(p)) };
}
async function readTarballState(store, prefix) {
    const current = await readVersioned(store, `${prefix}/index.json`);
    if (!current)
        return { entries: [] };
    let parsed;
    try {
        parsed = JSON.parse(current.text);
    }
    catch (e) {
        throw new Error(`${store.location}/${prefix}/index.json is not valid JSON (${e.message})`);
    }
    return { entries: parsed.files ?? [], etag: current.etag };
}
async function commitTarballs(change, o) {
    const removed = await retryOnConflict(async () => {
        const state = await readTarballState(o.store, o.prefix);
        const { entries, removed } = mergeTarballs(state.entries, change);
        const { json } = renderListing(o.title, entries);
        await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing');
        return removed;
    }, mergingAgain(o.log, o.prefix));
    const touched = new Set([...change.added.map((e) => e.path), ...removed].map((p) => p.split('/')[0]));
    await writeDerivedFiles(o, touched);
    await deletePackageFiles(o.store, o.prefix, removed, o.log);
    return { removed };
}
/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point. A publish
 * that committed earlier can reach these writes after one that committed later, so every writer
 * re-reads index.json when it is done and, when it changed meanwhile, writes them again from the
 * newer generation: whoever finishes last leaves the files of the current generation.
 */
async function writeDerivedFiles(o, touched) {
    let state = await readTarballState(o.store, o.prefix);
    for (let round = 1;; round++) {
        for (const [arch, sums] of sumsByArch(state.entries)) {
            const exists = (await o.store.head(`${o.prefix}/${arch}/SHA256SUMS`)) !== undefined;
            if (round === 1 && !touched.has(arch) && (exists || sums === ''))
                continue;
            await o.uploader.bytes(`${o.prefix}/${arch}/SHA256SUMS`, sums, 'index');
            await o.uploader.bytes(`${o.prefix}/${arch}/SHA256SUMS.asc`, await detachSign(sums, o.keys), 'signature');
        }
        const { html } = renderListing(o.title, state.entries);
        await o.uploader.bytes(`${o.prefix}/index.html`, html, 'listing', 'text/html');
        const after = await readTarballState(o.store, o.prefix);
        if (after.etag === state.etag || round >= 20)
            return;
        state = after;
    }
}

/** The stage's job-summary section: per repository what was added and removed, and how to use it. */
function renderPackagesSummary(o, store) {
    const url = (key) => store.url(key) ?? key;
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [];
    // A removal pattern or a smaller retention can drop thousands: the outputs list them all.
    const list = (title, items) => {
        if (!items.length)
            return;
        lines.push(`${title}:`, '', ...items.slice(0, MAX_TABLE_ROWS).map((i) => `- \`${i}\``));
        if (items.length > MAX_TABLE_ROWS)
            lines.push(`- …and ${items.length - MAX_TABLE_ROWS} more: the packages-${title.toLowerCase()} output lists them all`);
        lines.push('');
    };
    if (o.deb) {
        lines.push(`#### apt: \`${o.repos.deb}\``, '');
        list('Added', o.deb.added);
        list('Removed', o.deb.removed.map((r) => `${r.name} ${r.version} (${r.architecture})`));
        lines.push('```', `deb [signed-by=/etc/apt/keyrings/falco-publish.asc] ${url(o.repos.deb)} stable main`, '```', '');
    }
    if (o.rpm) {
        lines.push(`#### dnf: \`${o.repos.rpm}\``, '');
        list('Added', o.rpm.added);
        list('Removed', o.rpm.removed);
        lines.push(`Repository file: ${url(`${o.repos.rpm}/falco-publish.repo`)}`, '');
    }
    if (o.bin) {
        lines.push(`#### tarballs: \`${o.repos.bin}\``, '');
        list('Added', o.bin.added);
        list('Removed', o.bin.removed);
        lines.push(`Index: ${url(`${o.repos.bin}/index.html`)}`, '');
    }
    lines.push(`Signing key: ${url(PUBLIC_KEY_KEY)}`, '');
    return lines.join('\n');
}

const packagesStage = {
    name: 'packages',
    plan: planPackages,
    apply: applyPackages
};
async function planPackages(ctx) {
    const { inputs, release } = ctx;
    const packaging = inputs.packaging;
    const empty = { stage: 'packages', operations: [] };
    // hasWork tests the channel too; the second test only tells TypeScript.
    if (!hasWork.packages(ctx) || release.channel === 'none')
        return empty;
    const channel = release.channel;
    const repos = repositoriesFor(channel);
    const files = await resolvePackageFiles(inputs.packages, ctx.workspace);
    const detail = {
        channel,
        repos,
        debs: [],
        debsUnchanged: [],
        rpms: [],
        rpmsUnchanged: [],
        tarballs: [],
        remove: packaging.remove
    };
    const operations = [];
    const refuse = [];
    const debs = files.filter((f) => f.endsWith('.deb'));
    const rpms = files.filter((f) => f.endsWith('.rpm'));
    const tars = files.filter((f) => f.endsWith('.tar.gz'));
    const parsedDebs = await Promise.all(debs.map((f) => parseDeb(f, path.relative(ctx.workspace, f))));
    const parsedRpms = await Promise.all(rpms.map((f) => parseRpm(f, path.relative(ctx.workspace, f))));
    const parsedTars = await Promise.all(tars.map(async (f) => ({ name: parseTarballName(f), digests: await sha256File(f), file: f })));
    // A file published with the same bytes is skipped; other bytes under a stable name are
    // refused unless `overwrite`; anything else is put. True when the file is to be put.
    const admit = (key, published, file) => {
        if (published === file.digests.sha256) {
            operations.push({
                action: 'skip',
                target: key,
                reason: 'already published with the same bytes'
            });
            return false;
        }
        if (published && channel === 'stable' && !packaging.overwrite)
            refuse.push(key);
        operations.push({ action: 'put', target: key, source: file.file, size: file.digests.size });
        return true;
    };
    if (parsedDebs.length) {
        detail.aptSnapshot = await readAptSnapshot(ctx.store, repos.deb);
        const published = await publishedFiles(detail.aptSnapshot, parsedDebs.map((pkg) => `stable/${path.basename(pkg.file)}`));
        for (const pkg of parsedDebs) {
            const filename = `stable/${path.basename(pkg.file)}`;
            const key = `${repos.deb}/${filename}`;
            if (admit(key, published.get(filename), pkg))
                detail.debs.push({ pkg, key, filename, size: pkg.digests.size });
            else
                detail.debsUnchanged.push(pkg);
        }
    }
    if (parsedRpms.length) {
        detail.dnfSnapshot = await readDnfSnapshot(ctx.store, repos.rpm);
        const published = await publishedSources(detail.dnfSnapshot, parsedRpms.map((pkg) => path.basename(pkg.file)));
        for (const pkg of parsedRpms) {
            const key = `${repos.rpm}/${path.basename(pkg.file)}`;
            if (admit(key, published.get(path.basename(pkg.file)), pkg))
                detail.rpms.push({ pkg, key, size: pkg.digests.size });
            else
                detail.rpmsUnchanged.push(pkg);
        }
    }
    if (parsedTars.length) {
        const state = await readTarballState(ctx.store, repos.bin);
        const published = new Map(state.entries.map((e) => [e.path, e.sha256]));
        for (const t of parsedTars) {
            const rel = `${t.name.arch}/${t.name.file}`;
            const key = `${repos.bin}/${rel}`;
            if (admit(key, published.get(rel), t))
                detail.tarballs.push({
                    pkg: { file: t.file, path: rel, digests: t.digests },
                    key,
                    size: t.digests.size
                });
        }
    }
    if (refuse.length) {
        throw new Error(`refusing to replace published stable file(s) with different bytes: ${refuse.join(', ')}. ` +
            `Stable packages are immutable; publish a new version, or set 'overwrite: true' if you really mean it.`);
    }
    // The indexes are computed at apply time (merged into whatever is current then), so the plan
    // names them without content: a dry run still shows every file a publish rewrites.
    if (detail.debs.length) {
        operations.push({
            action: 'put',
            target: `${repos.deb}/dists/stable/`,
            reason: 'index: Packages (+ .gz, .xz, by-hash), then Release, InRelease, Release.gpg'
        });
    }
    if (detail.rpms.length) {
        operations.push({
            action: 'put',
            target: `${repos.rpm}/repodata/`,
            reason: 'index: primary, filelists, other, then repomd.xml and repomd.xml.asc'
        });
    }
    for (const arch of new Set(detail.tarballs.map((t) => t.pkg.path.split('/')[0]))) {
        operations.push({
            action: 'put',
            target: `${repos.bin}/${arch}/SHA256SUMS`,
            reason: 'index: SHA256SUMS and SHA256SUMS.asc, then the listing'
        });
    }
    for (const pattern of packaging.remove) {
        operations.push({
            action: 'delete',
            target: `${repos.deb}, ${repos.rpm}, ${repos.bin}: ${pattern}`,
            reason: "input 'remove'"
        });
    }
    if (operations.some((o) => o.action !== 'skip') && packaging.gpgPrivateKey === '') {
        throw new Error("input 'gpg-private-key': required to publish packages (the repositories and every package are signed)");
    }
    return { stage: 'packages', operations, detail };
}
/** Expands the `packages` globs; a glob matching nothing or a file of an unknown kind is an error. */
async function resolvePackageFiles(globs, workspace) {
    const out = new Set();
    for (const pattern of globs) {
        const matches = await glob(pattern, {
            cwd: workspace,
            absolute: true,
            onlyFiles: true,
            expandDirectories: false
        });
        if (matches.length === 0)
            throw new Error(`input 'packages': ${JSON.stringify(pattern)} matches no file under ${workspace}`);
        for (const m of matches.sort()) {
            if (!/\.(deb|rpm|tar\.gz)$/.test(m)) {
                throw new PackageFormatError(path.relative(workspace, m), "input 'packages' takes .deb, .rpm and .tar.gz files only");
            }
            out.add(m);
        }
    }
    return [...out];
}
async function applyPackages(plan, ctx) {
    const started = Date.now();
    const detail = plan.detail;
    const uploader = new Uploader(ctx.store, ctx.log);
    const result = () => ({
        stage: 'packages',
        published: uploader.published,
        failed: [],
        durationMs: Date.now() - started
    });
    if (!detail || plan.operations.every((o) => o.action === 'skip'))
        return result();
    const { packaging } = ctx.inputs;
    registerKeySecrets(ctx.log, packaging.gpgPrivateKey, packaging.gpgPassphrase);
    try {
        const keys = await loadSigningKeys(packaging.gpgPrivateKey, packaging.gpgPassphrase);
        const outcome = await publish(detail, ctx, keys, uploader);
        const res = result();
        res.summary = renderPackagesSummary(outcome, ctx.store);
        res.outputs = {
            // A removal pattern can drop thousands of packages; each is logged as it goes.
            'packages-added': listOutput('packages-added', outcome.added, 'the log names each one', ctx.log),
            'packages-removed': listOutput('packages-removed', outcome.removed, 'the log names each one', ctx.log)
        };
        res.notes = outcome.notes;
        return res;
    }
    catch (e) {
        const res = result();
        res.failed.push({ target: 'packages', error: e.message });
        throw new StageError(`packages: ${e.message}`, res);
    }
}
async function publish(d, ctx, keys, uploader) {
    const { store, log } = ctx;
    const retention = d.channel === 'dev' ? ctx.inputs.packaging.devRetention : undefined;
    const patterns = d.remove.map(parseRemovePattern);
    const remove = patterns.length
        ? (name, version) => patterns.some((p) => p.name.test(name) && p.version.test(version))
        : undefined;
    const outcome = {
        repos: d.repos,
        channel: d.channel,
        added: [],
        removed: [],
        notes: []
    };
    await publishPublicKeys(store, uploader, keys);
    // Removal patterns touch only repositories that exist; an unchanged repository is not rewritten.
    const exists = async (key) => (await store.head(key)) !== undefined;
    if (d.debs.length || (remove && (await exists(`${d.repos.deb}/dists/stable/Release`)))) {
        await log.group(`apt repository ${d.repos.deb}`, async () => {
            const stored = fewAtATime(d.debs, (u) => Promise.all([
                uploader.file(u.key, u.pkg.file, 'package', 'application/vnd.debian.binary-package'),
                signFile(uploader, u.key, u.pkg.file, keys)
            ]));
            outcome.deb = await commitAfter(stored, (s) => commitApt({ added: d.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })), remove, retention }, { store, prefix: d.repos.deb, keys, log, uploader, snapshot: d.aptSnapshot, stored: s }));
        });
    }
    if (d.rpms.length || (remove && (await exists(`${d.repos.rpm}/repodata/repomd.xml`)))) {
        await log.group(`dnf repository ${d.repos.rpm}`, async () => {
            // Signing changes the header, so the index describes the signed files.
            const signed = await fewAtATime(d.rpms, async (u) => ({
                u,
                signed: await signRpmFile(u.pkg, keys, ctx.workdir)
            }));
            const stored = fewAtATime(signed, ({ u, signed }) => Promise.all([
                uploader.file(u.key, signed.file, 'package', 'application/x-rpm'),
                signFile(uploader, u.key, signed.file, keys)
            ]));
            outcome.rpm = await commitAfter(stored, (s) => commitDnf({ added: signed.map((x) => x.signed), remove, retention }, { store, prefix: d.repos.rpm, keys, log, uploader, snapshot: d.dnfSnapshot, stored: s }));
            await putIfChanged(store, uploader, `${d.repos.rpm}/falco-publish.repo`, dnfRepoFile(store, d.repos.rpm, d.channel));
        });
    }
    if (d.tarballs.length || (remove && (await exists(`${d.repos.bin}/index.json`)))) {
        await log.group(`tarballs ${d.repos.bin}`, async () => {
            await fewAtATime(d.tarballs, (u) => Promise.all([
                uploader.file(u.key, u.pkg.file, 'tarball', 'application/gzip'),
                signFile(uploader, u.key, u.pkg.file, keys)
            ]));
            const r = await commitTarballs({
                added: d.tarballs.map((u) => ({
                    path: u.pkg.path,
                    sha256: u.pkg.digests.sha256,
                    size: u.pkg.digests.size
                })),
                remove,
                retention
            }, { store, prefix: d.repos.bin, keys, log, uploader, title: `${d.repos.bin}` });
            outcome.bin = {
                added: d.tarballs.map((u) => u.key),
                removed: r.removed.map((p) => `${d.repos.bin}/${p}`)
            };
        });
    }
    outcome.added = [
        ...(outcome.deb?.added.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.added.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.added ?? [])
    ];
    outcome.removed = [
        ...(outcome.deb?.removedFiles.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.removedFiles.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.removed ?? [])
    ];
    return outcome;
}
/**
 * Masks the key material before it is used. Runners mask line by line, so each line of the
 * armoured key is registered too (the BEGIN/END lines are public and would mask too much).
 */
function registerKeySecrets(log, key, passphrase) {
    if (key)
        log.secret(key);
    for (const line of key.split(/\r?\n/)) {
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            log.secret(line.trim());
    }
    if (passphrase)
        log.secret(passphrase);
}
/**
 * Commits an index while its packages are still being stored (`stored`, which the commit
 * awaits before naming them), and reports the first failure of either: a failed upload is
 * never left unobserved behind a failed commit.
 */
async function commitAfter(stored, commit) {
    const [uploads, committed] = await Promise.allSettled([stored, commit(stored)]);
    if (uploads.status === 'rejected')
        throw uploads.reason;
    if (committed.status === 'rejected')
        throw committed.reason;
    return committed.value;
}
/**
 * Signs or stores packages four at a time, results in input order: enough to overlap a remote
 * store's round trips, few enough to keep a runner's connections and open files in bounds.
 */
function fewAtATime(items, fn) {
    return pLimit(4).map(items, (item) => fn(item));
}
/** Writes a small file only when its bytes change (a rewrite would only cost a CDN invalidation). */
async function putIfChanged(store, uploader, key, text, kind = 'index', contentType) {
    const current = await readObject(store, key);
    if (current?.toString('utf8') === text)
        return;
    await uploader.bytes(key, text, kind, contentType);
}
/** The public key file, rewritten only when the keys changed. */
function publishPublicKeys(store, uploader, keys) {
    return putIfChanged(store, uploader, PUBLIC_KEY_KEY, keys.publicArmored.join('\n'), 'signature', 'application/pgp-keys');
}
async function signFile(uploader, key, file, keys) {
    await uploader.bytes(`${key}.asc`, await detachSign(createReadStream(file, { highWaterMark: 1 << 20 }), keys), 'signature', 'application/pgp-signature');
}
/** The `.repo` file users drop in /etc/yum.repos.d. */
function dnfRepoFile(store, prefix, channel) {
    const base = store.url(prefix) ?? prefix;
    const key = store.url(PUBLIC_KEY_KEY) ?? PUBLIC_KEY_KEY;
    const id = channel === 'dev' ? 'falco-publish-dev' : 'falco-publish';
    return (`[${id}]\nname=${id}\nbaseurl=${base}\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=${key}\n` +
        `metadata_expire=1h\n`);
}

var packages = /*#__PURE__*/Object.freeze({
    __proto__: null,
    PUBLIC_KEY_KEY: PUBLIC_KEY_KEY,
    dnfRepoFile: dnfRepoFile,
    packagesStage: packagesStage,
    registerKeySecrets: registerKeySecrets,
    repositoriesFor: repositoriesFor,
    resolvePackageFiles: resolvePackageFiles
});

export { PUBLIC_KEY_KEY as P, Uploader as U, commitDnf as a, commitTarballs as b, commitApt as c, readVersioned as d, registerKeySecrets as e, releaseText as f, packages as p, repositoriesFor as r };
