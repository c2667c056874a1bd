import { p as parsePendingField, b as byCodeUnit, a as pLimit } from './package-m0x3kU6p.js';
import { r as readAptSnapshot, l as loadApt, a as loadedEntries, b as readDnfSnapshot, c as loadMatching } from './dnf-snapshot-C-c07xi8.js';
import { s as scan } from './store-TuibcctJ.js';
import { r as repositoriesFor } from './repodata-C4lrQv7T.js';

const DELETE_CONCURRENCY = 8;
async function collectOrphans(o) {
    const result = { deleted: [], young: [] };
    for (const repo of repositoriesOf(o.store, o.channel)) {
        const r = await collectRepository(o, repo);
        result.deleted.push(...r.deleted);
        result.young.push(...r.young);
    }
    return result;
}
function repositoriesOf(store, channel) {
    const repos = repositoriesFor(channel);
    return [
        {
            // Our apt repositories keep every package in `stable/` (see admission.ts).
            prefix: repos.deb,
            isPackage: (rel) => /^stable\/[^/]+\.deb$/.test(rel),
            named: async () => {
                const snapshot = await readAptSnapshot(store, repos.deb);
                if (snapshot.release === undefined)
                    return undefined;
                await loadApt(snapshot, 'all');
                return new Set([
                    ...loadedEntries(snapshot).map((e) => e.filename),
                    ...parsePendingField(snapshot.release).keys()
                ]);
            }
        },
        {
            // RPMs sit at the repository's root, beside repodata/.
            prefix: repos.rpm,
            isPackage: (rel) => /^[^/]+\.rpm$/.test(rel),
            named: async () => {
                const snapshot = await readDnfSnapshot(store, repos.rpm);
                if (snapshot.repomd === undefined)
                    return undefined;
                await loadMatching([snapshot], 'all');
                return new Set([
                    ...snapshot.segments.flatMap((s) => (s.entries ?? []).map((r) => r.location)),
                    ...(snapshot.pending?.keys() ?? [])
                ]);
            }
        }
    ];
}
async function collectRepository(o, repo) {
    // Listed before the index is read: a file a publish names meanwhile is named by what is read.
    const groups = new Map();
    for await (const obj of scan(o.store, `${repo.prefix}/`)) {
        const rel = obj.key.slice(repo.prefix.length + 1);
        const file = rel.replace(/\.asc$/, '');
        if (!repo.isPackage(file))
            continue;
        const group = groups.get(file) ?? [];
        group.push({ key: obj.key, modified: obj.modified });
        groups.set(file, group);
    }
    const result = { deleted: [], young: [] };
    if (groups.size === 0)
        return result;
    const named = await repo.named();
    if (!named) {
        // Files and no index: another tool's repository, or a first publish under way. Not ours to judge.
        o.log.info(`${repo.prefix}: no index; its ${groups.size} package files are left as they are`);
        return result;
    }
    const now = (o.now ?? (() => new Date()))().getTime();
    // A package and its signature go together, once the younger of the two is old enough.
    const oldEnough = (dates) => dates.every((d) => d !== undefined && now - d.getTime() >= o.graceMs);
    const due = [];
    for (const [file, group] of [...groups].sort(([a], [b]) => byCodeUnit(a, b))) {
        if (named.has(file))
            continue;
        const keys = group.map((g) => g.key).sort(byCodeUnit);
        if (oldEnough(group.map((g) => g.modified)))
            due.push(keys);
        else {
            result.young.push(...keys);
            const unknown = group.some((g) => g.modified === undefined);
            o.log.info(`kept ${keys.join(', ')}: no index names it, but ` +
                (unknown ? 'the store gives no last-modified time' : 'it is younger than the grace'));
        }
    }
    await pLimit(DELETE_CONCURRENCY).map(due, async (keys) => {
        if (o.dryRun) {
            result.deleted.push(...keys);
            o.log.info(`would delete ${keys.join(', ')}: no index names it`);
            return;
        }
        // Looked at again just before its delete: one a publish wrote again meanwhile is young.
        const infos = await Promise.all(keys.map((k) => o.store.head(k)));
        if (!oldEnough(infos.filter((i) => i !== undefined).map((i) => i.modified))) {
            result.young.push(...keys);
            o.log.info(`kept ${keys.join(', ')}: written again meanwhile`);
            return;
        }
        for (const key of keys)
            await o.store.delete(key);
        result.deleted.push(...keys);
        o.log.info(`deleted ${keys.join(', ')}: no index names it`);
    });
    result.deleted.sort(byCodeUnit);
    result.young.sort(byCodeUnit);
    return result;
}

export { collectOrphans };
