import { parseDeb } from '/work/wt-packages/src/repo/deb/parse.ts'
for (const f of process.argv.slice(2)) {
  try { const p = await parseDeb(f); console.log(p.name, p.version, p.architecture, p.digests.size, p.control.length) } catch (e) { console.log('ERR', (e as Error).message) }
}
