import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const path = __nodeBuiltin('node:path');
const { parseArgs } = __nodeBuiltin('node:util');
import { r as runExec, l as loadImageEntry, p as pushToRepositories, a as assemble } from './load-BNXW7JNg.js';
import { loadDockerCredentials, dockerConfigPath } from './credentials-D5j5L5p-.js';
import { p as parseRepository, m as parseImageEntry, I as INDEX_TYPES, M as MANIFEST_TYPES, n as isValidTag } from './publish-C_SEibVM.js';
import { R as RegistryClient } from './registry-ChPOzDRT.js';

function checkTags(tags) {
    if (tags.length === 0)
        throw new Error('--tag: give at least one tag');
    for (const tag of tags)
        if (!isValidTag(tag))
            throw new Error(`--tag: ${JSON.stringify(tag)} is not a valid image tag`);
}
async function client(access) {
    return new RegistryClient({
        credentials: await loadDockerCredentials(access.dockerConfig ?? dockerConfigPath()),
        log: access.log,
        insecure: access.insecureRegistries ?? []
    });
}
/**
 * `falco-publish push-images --images <entry>... --image-repositories <repo>... --tag <tag>...`:
 * pushes the entries (one multi-arch index when several) to every repository under the tags.
 */
async function pushImages(options) {
    checkTags(options.tags);
    const repositories = options.repositories.map((r) => parseRepository(r).name);
    if (repositories.length === 0)
        throw new Error('--image-repositories: give at least one repository');
    const workspace = options.workspace ?? process.cwd();
    const loaded = [];
    for (const line of options.images) {
        loaded.push(...(await loadImageEntry(parseImageEntry(line), {
            workspace,
            workdir: options.workdir ?? path.join(workspace, '.falco-publish'),
            exec: options.exec
        })));
    }
    const registry = await client(options);
    try {
        return await pushToRepositories(registry, repositories, assemble(loaded), options.tags, {
            concurrency: options.concurrency ?? 4,
            mountFrom: options.mountFrom?.map((r) => parseRepository(r).name),
            log: options.log
        });
    }
    finally {
        registry.close();
    }
}
/**
 * `falco-publish tag-image <repository>:<existing-tag> --tag <tag>...`: points more tags at the
 * manifest or index an existing tag names, without moving any blob. Returns its digest.
 */
async function tagImage(options) {
    checkTags(options.tags);
    const repo = parseRepository(options.repository);
    const registry = await client(options);
    try {
        const found = await registry.getManifest(repo, options.from, [
            ...INDEX_TYPES,
            ...MANIFEST_TYPES
        ]);
        if (!found)
            throw new Error(`${repo.name}:${options.from} does not exist`);
        const mediaType = found.mediaType.split(';')[0].trim();
        for (const tag of options.tags) {
            await registry.putManifest(repo, tag, found.body, mediaType);
            options.log.info(`${repo.name}:${tag} -> ${found.digest}`);
        }
        return found.digest;
    }
    finally {
        registry.close();
    }
}
const PUSH_IMAGES_HELP = `usage: falco-publish push-images --images <entry> --image-repositories <repo> --tag <tag>

Pushes local images (one multi-platform index when several) to each repository under each tag,
as the container stage does: blobs the repository has are not sent, blobs another repository of
the same registry holds are mounted. Each flag may be repeated.

  --images <entry>               [os/arch=]oci:<dir>[:<ref>], oci-archive:, docker-archive:, docker-daemon:
  --image-repositories <repo>    where to push, e.g. docker.io/falcosecurity/falco
  --tag <tag>                    tags to push under
  --image-mount-from <repo>      more repositories to mount layers from
  --image-concurrency <n>        blob uploads at once per repository (default 4)
  --insecure-registries <host>   hosts reached over plain HTTP (loopback always is)
  --verbose                      debug lines
Credentials come from $DOCKER_CONFIG/config.json or ~/.docker/config.json.
`;
/**
 * The `push-images` command line: its own flags, parsed here so that src/cli.ts loads only this
 * module for it (a re-push is a few HEADs; loading the release pipeline would dominate it).
 * Returns the exit code.
 */
async function pushImagesCommand(argv, log) {
    let values;
    try {
        values = parseArgs({
            args: argv,
            options: {
                images: { type: 'string', multiple: true, default: [] },
                'image-repositories': { type: 'string', multiple: true, default: [] },
                tag: { type: 'string', multiple: true, default: [] },
                'image-mount-from': { type: 'string', multiple: true, default: [] },
                'image-concurrency': { type: 'string', default: '4' },
                'insecure-registries': { type: 'string', multiple: true, default: [] },
                verbose: { type: 'boolean', default: false },
                help: { type: 'boolean', default: false }
            }
        }).values;
    }
    catch (error) {
        process.stderr.write(`falco-publish push-images: ${error.message}\n${PUSH_IMAGES_HELP}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(PUSH_IMAGES_HELP);
        return 0;
    }
    const lines = (list) => list.flatMap((v) => v.split(/\r?\n/)).filter((v) => v.trim());
    const concurrency = Number(values['image-concurrency']);
    try {
        if (!Number.isInteger(concurrency) || concurrency < 1)
            throw new Error('--image-concurrency: give a whole number of at least 1');
        if (lines(values.images).length === 0)
            throw new Error('--images: give at least one image');
        const pushed = await pushImages({
            log,
            images: lines(values.images),
            repositories: lines(values['image-repositories']),
            tags: lines(values.tag),
            mountFrom: lines(values['image-mount-from']),
            insecureRegistries: lines(values['insecure-registries']),
            concurrency,
            exec: runExec
        });
        for (const p of pushed) {
            const { uploaded, mounted, existing } = p.blobs;
            process.stdout.write(`${p.repository}@${p.digest}: ${p.tags.join(', ')} (blobs: ${uploaded} uploaded, ${mounted} mounted, ${existing} present)\n`);
        }
        return 0;
    }
    catch (error) {
        log.error(error.message);
        return 1;
    }
}

export { PUSH_IMAGES_HELP, pushImages, pushImagesCommand, tagImage };
