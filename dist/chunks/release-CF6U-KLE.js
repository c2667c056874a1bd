import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { readFile } = __nodeBuiltin('node:fs/promises');
const path = __nodeBuiltin('node:path');
import { glob } from './dist-DaUy1nud.js';
import { u as sha256File, S as StageError, w as hasWork } from './publish-C_SEibVM.js';

/**
 * The release body: a person's text, and below it the section falco-publish writes between two
 * markers. A re-run replaces only that section, so what a person drafted (or edited afterwards)
 * stays, and the same inputs give the same body: nothing to update.
 */
const START = '<!-- falco-publish: start (this section is rewritten by each publish) -->';
const END = '<!-- falco-publish: end -->';
function mergeBody(existing, generated, replace) {
    const section = `${START}\n${generated.trim()}\n${END}`;
    if (replace)
        return section;
    const body = existing.replace(/\r\n/g, '\n');
    const start = body.indexOf(START);
    const end = body.indexOf(END);
    if (start >= 0 && end > start)
        return body.slice(0, start) + section + body.slice(end + END.length);
    const human = body.trim();
    return human ? `${human}\n\n${section}` : section;
}

/**
 * Creates the GitHub release of a tag, or brings the existing one (a person may have drafted it)
 * to what is asked: body, prerelease, latest, published rather than draft, and the assets, each
 * uploaded only when missing or when its bytes (the asset's SHA-256 digest) differ. A re-run with
 * the same inputs reads and changes nothing.
 */
async function publishRelease(octokit, r, log) {
    const { owner, repo } = r;
    // Drafts have no tag yet as far as getReleaseByTag knows: they are found in the list.
    const releases = await octokit.paginate(octokit.rest.repos.listReleases, {
        owner,
        repo,
        per_page: 100
    });
    let release = releases.find((x) => x.tag_name === r.tag);
    const outcome = {
        id: 0,
        url: '',
        created: false,
        updated: false,
        uploaded: [],
        replaced: [],
        unchanged: []
    };
    const latest = r.latest && !r.prerelease ? 'true' : 'false';
    if (!release) {
        release = (await octokit.rest.repos.createRelease({
            owner,
            repo,
            tag_name: r.tag,
            name: r.name,
            body: r.body(''),
            prerelease: r.prerelease,
            draft: false,
            make_latest: latest
        })).data;
        outcome.created = true;
        log.info(`created release ${r.tag}: ${release.html_url}`);
    }
    else {
        const body = r.body(release.body ?? '');
        // make_latest cannot be read back; GitHub's latest is asked for only when it would change.
        const currentLatest = await isLatest(octokit, owner, repo, release.id);
        const changes = body !== (release.body ?? '') ||
            release.draft ||
            release.prerelease !== r.prerelease ||
            (release.name ?? '') === '' ||
            currentLatest !== (latest === 'true');
        if (changes) {
            release = (await octokit.rest.repos.updateRelease({
                owner,
                repo,
                release_id: release.id,
                name: release.name || r.name,
                body,
                draft: false,
                prerelease: r.prerelease,
                make_latest: latest
            })).data;
            outcome.updated = true;
            log.info(`updated release ${r.tag}: ${release.html_url}`);
        }
        else
            log.info(`release ${r.tag} is up to date: ${release.html_url}`);
    }
    outcome.id = release.id;
    outcome.url = release.html_url;
    await syncAssets(octokit, r, release, outcome, log);
    return outcome;
}
async function isLatest(octokit, owner, repo, id) {
    try {
        return (await octokit.rest.repos.getLatestRelease({ owner, repo })).data.id === id;
    }
    catch (e) {
        if (e.status === 404)
            return false;
        throw e;
    }
}
async function syncAssets(octokit, r, release, outcome, log) {
    const existing = new Map(release.assets.map((a) => [a.name, a]));
    // upload_url is a URI template on another host (uploads.github.com): its origin is where to send.
    const origin = new URL(release.upload_url.replace(/\{.*\}$/, '')).origin;
    for (const file of r.assets) {
        const name = path.basename(file);
        const { sha256, size } = await sha256File(file);
        const asset = existing.get(name);
        if (asset && asset.digest === `sha256:${sha256}` && asset.size === size) {
            outcome.unchanged.push(name);
            continue;
        }
        if (asset) {
            await octokit.rest.repos.deleteReleaseAsset({
                owner: r.owner,
                repo: r.repo,
                asset_id: asset.id
            });
            outcome.replaced.push(name);
        }
        else
            outcome.uploaded.push(name);
        await octokit.rest.repos.uploadReleaseAsset({
            owner: r.owner,
            repo: r.repo,
            release_id: release.id,
            name,
            baseUrl: origin,
            // Octokit sends a Buffer as is; its type says string. (In memory: Octokit's fetch does not
            // send a stream body, and assets are debug symbols and the like, not packages.)
            data: (await readFile(file)),
            headers: { 'content-type': 'application/octet-stream', 'content-length': size }
        });
        log.info(`${asset ? 'replaced' : 'uploaded'} asset ${name} (${size} bytes)`);
    }
}
/** The notes GitHub generates for the tag (from the previous release to it). */
async function generatedNotes(octokit, owner, repo, tag) {
    const { data } = await octokit.rest.repos.generateReleaseNotes({ owner, repo, tag_name: tag });
    return data.body;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+(?::[a-z0-9_-]+)?)\s*\}\}/g;
const NAMES = ['version', 'tag', 'driver_version', 'packages', 'images', 'checks'];
/**
 * Refuses a template with a placeholder nobody fills (a typo would otherwise reach the release
 * page), naming the file and the placeholder.
 */
function checkTemplate(template, file) {
    for (const m of template.matchAll(PLACEHOLDER)) {
        const name = m[1];
        if (NAMES.includes(name))
            continue;
        if (/^url:(deb|rpm|tgz)-[a-z0-9_]+$/.test(name))
            continue;
        throw new Error(`input 'release-body': ${file} has an unknown placeholder ${m[0]}; ` +
            `use ${NAMES.map((n) => `{{ ${n} }}`).join(', ')} or {{ url:<deb|rpm|tgz>-<arch> }}`);
    }
}
/** Fills the placeholders. A `url:` placeholder whose package was not published says so in the text. */
function renderTemplate(template, facts) {
    return template.replace(PLACEHOLDER, (_all, name) => {
        switch (name) {
            case 'version':
                return facts.version;
            case 'tag':
                return facts.tag;
            case 'driver_version':
                return facts.driverVersion;
            case 'packages':
                return packagesTable(facts.downloads);
            case 'images':
                return imagesBlock(facts.images);
            case 'checks':
                return checksList(facts.checks);
        }
        const [kind, arch] = name.slice('url:'.length).split('-', 2);
        const found = facts.downloads.find((d) => d.kind === kind && d.arch === arch);
        return found ? found.url : `(no ${kind} package for ${arch} in this release)`;
    });
}
function packagesTable(downloads) {
    if (downloads.length === 0)
        return '_No packages in this release._';
    const rows = [...downloads]
        .sort((a, b) => `${a.kind}-${a.arch}`.localeCompare(`${b.kind}-${b.arch}`))
        .map((d) => {
        const name = d.url.slice(d.url.lastIndexOf('/') + 1);
        return `| ${d.kind}-${d.arch} | [${name}](${d.url}) | ${d.sha256 ? `\`${d.sha256}\`` : ''} |`;
    });
    return ['| Package | Download | SHA-256 |', '| --- | --- | --- |', ...rows].join('\n');
}
function imagesBlock(images) {
    if (images.length === 0)
        return '_No images in this release._';
    const lines = images.map((i) => `docker pull ${i.reference} # ${i.digest}`);
    return ['```sh', ...lines, '```'].join('\n');
}
function checksList(checks) {
    if (checks.length === 0)
        return '_No checks gated this release._';
    return checks
        .map((c) => `- ${c.state === 'success' ? '✅' : '❌'} ${c.url ? `[${c.name}](${c.url})` : c.name}`)
        .join('\n');
}
/** The kind and arch of a published package or tarball, from Falco's file names. */
function downloadOf(path, url, sha256) {
    const m = /-(x86_64|aarch64|amd64|arm64|noarch)\.(deb|rpm|tar\.gz)$/.exec(path);
    if (!m)
        return undefined;
    const arch = m[1] === 'amd64' ? 'x86_64' : m[1] === 'arm64' ? 'aarch64' : m[1];
    const kind = m[2] === 'tar.gz' ? 'tgz' : m[2];
    return { kind, arch, url, sha256 };
}

const releaseStage = {
    name: 'release',
    plan: planRelease,
    apply: applyRelease
};
async function planRelease(ctx) {
    if (!hasWork.release(ctx))
        return { stage: 'release', operations: [] };
    const { inputs, release } = ctx;
    const r = inputs.release;
    if (!ctx.github)
        throw new Error("input 'github-token': a token with contents: write is needed to publish the GitHub release");
    if (!ctx.repository)
        throw new Error('the repository is unknown, so its release cannot be published (set GITHUB_REPOSITORY or --repository)');
    const template = r.body ? await readInput('release-body', r.body, ctx.workspace) : '';
    if (template)
        checkTemplate(template, r.body);
    const notes = r.notes && r.notes !== 'github' ? await readInput('release-notes', r.notes, ctx.workspace) : '';
    const assets = [];
    for (const pattern of r.assets) {
        const found = await glob(pattern, {
            cwd: ctx.workspace,
            absolute: true,
            onlyFiles: true,
            expandDirectories: false
        });
        if (found.length === 0)
            throw new Error(`input 'release-assets': ${JSON.stringify(pattern)} matches no file under ${ctx.workspace}`);
        assets.push(...found.sort());
    }
    const names = assets.map((a) => path.basename(a));
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice)
        throw new Error(`input 'release-assets': two files are named ${twice}; asset names must be unique`);
    const where = `${ctx.repository.owner}/${ctx.repository.repo}@${release.tag}`;
    const detail = { template, notes, assets };
    return {
        stage: 'release',
        operations: [
            {
                action: 'put',
                target: `release ${where}`,
                reason: `${release.prerelease ? 'prerelease' : 'stable'}${template ? ', body from ' + r.body : ''}${r.notes ? `, notes: ${r.notes}` : ''}`
            },
            ...assets.map((file) => ({
                action: 'put',
                target: `release asset ${path.basename(file)}`,
                source: file,
                reason: 'uploaded when missing or different'
            }))
        ],
        detail
    };
}
async function readInput(input, file, workspace) {
    try {
        return await readFile(path.resolve(workspace, file), 'utf8');
    }
    catch (e) {
        throw new Error(`input '${input}': cannot read ${file} (${e.message})`);
    }
}
async function applyRelease(plan, ctx) {
    const started = Date.now();
    const detail = plan.detail;
    const { release, inputs } = ctx;
    const octokit = await ctx.github();
    const { owner, repo } = ctx.repository;
    const tag = release.tag;
    const result = { stage: 'release', published: [], failed: [], durationMs: 0 };
    try {
        let generated = detail.template ? renderTemplate(detail.template, facts(ctx)) : '';
        const notes = inputs.release.notes === 'github'
            ? await generatedNotes(octokit, owner, repo, tag)
            : detail.notes;
        if (notes)
            generated = generated ? `${generated.trimEnd()}\n\n${notes.trim()}\n` : notes;
        const latest = inputs.release.latest === 'auto' ? release.latest : inputs.release.latest === 'true';
        const outcome = await publishRelease(octokit, {
            owner,
            repo,
            tag,
            name: release.tag,
            body: (existing) => generated ? mergeBody(existing, generated, inputs.release.replaceBody) : existing,
            prerelease: release.prerelease,
            latest,
            assets: detail.assets
        }, ctx.log);
        const state = outcome.created ? 'created' : outcome.updated ? 'updated' : 'unchanged';
        result.notes = [`GitHub release: ${outcome.url} (${state})`];
        result.summary =
            `[${tag}](${outcome.url}) — ${state}${release.prerelease ? ', prerelease' : latest ? ', latest' : ''}. ` +
                `Assets: ${outcome.uploaded.length} uploaded, ${outcome.replaced.length} replaced, ${outcome.unchanged.length} unchanged.\n`;
        result.outputs = { 'release-url': outcome.url, 'release-id': String(outcome.id) };
        result.durationMs = Date.now() - started;
        return result;
    }
    catch (e) {
        result.failed.push({ target: `release ${tag}`, error: e.message });
        result.durationMs = Date.now() - started;
        throw new StageError(`release: ${e.message}`, result);
    }
}
/** What the template can name, from the results of the stages before this one. */
function facts(ctx) {
    const published = (ctx.results ?? []).flatMap((r) => r.published);
    return {
        version: ctx.release.version,
        tag: ctx.release.tag ?? '',
        driverVersion: ctx.inputs.drivers.versions.join(', '),
        downloads: published.flatMap((p) => {
            if (p.kind !== 'package' && p.kind !== 'tarball')
                return [];
            const d = downloadOf(p.path, p.url ?? ctx.store.url(p.path) ?? p.path, p.sha256);
            return d ? [d] : [];
        }),
        images: published.flatMap((p) => p.kind === 'image' && p.digest ? [{ reference: p.path, digest: p.digest }] : []),
        checks: ctx.checks ?? []
    };
}

export { releaseStage };
