import { isBuiltin } from 'node:module'

/**
 * A rollup plugin that turns each static import of a Node built-in in the output
 * (`import { createHash } from 'node:crypto'`) into a plain read of the module object
 * (`const { createHash } = nodeBuiltin('node:crypto')`).
 *
 * Why: importing a built-in as an ES module makes Node build its namespace, which reads every
 * export, lazy getters included. `node:crypto`'s namespace loads WebCrypto, `node:fs`'s loads
 * fs/promises (and readline with it), `node:http`'s loads undici. A small publish imports about
 * twenty built-ins from thirty chunks: their namespaces cost about 10 ms of CPU per run on Node 24,
 * a tenth of the run. A property read loads only what is used.
 *
 * `process.getBuiltinModule` exists from Node 20.16 and 22.3; older Nodes get `require`. The
 * bindings are read once, when the chunk is evaluated, as the namespace's were: the built-ins'
 * exports never change after load. Imports for side effects only are dropped: built-ins have none
 * that the bundle relies on. Dynamic `import()` of a built-in is left as it is.
 */
export function builtinsAsModules() {
  const helper = '__nodeBuiltin'
  return {
    name: 'builtins-as-modules',
    renderChunk(code) {
      const edits = []
      for (const node of this.parse(code).body) {
        if (node.type !== 'ImportDeclaration' || !isBuiltin(node.source.value)) continue
        const id = node.source.value.startsWith('node:')
          ? node.source.value
          : `node:${node.source.value}`
        const whole = `${helper}('${id}')`
        const lines = []
        const named = []
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier') {
            const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value
            named.push(imported === s.local.name ? imported : `${imported}: ${s.local.name}`)
          } else lines.push(`const ${s.local.name} = ${whole};`)
        }
        if (named.length) lines.push(`const { ${named.join(', ')} } = ${whole};`)
        edits.push({ start: node.start, end: node.end, text: lines.join('\n') })
      }
      if (!edits.length) return null
      let out = code
      for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end)
      // After a shebang, if any: it must stay the first line.
      const shebang = out.startsWith('#!') ? out.indexOf('\n') + 1 : 0
      const head =
        `import { createRequire as ${helper}Require } from 'node:module';\n` +
        `const ${helper} = process.getBuiltinModule?.bind(process) ?? ${helper}Require(import.meta.url);\n`
      return { code: out.slice(0, shebang) + head + out.slice(shebang), map: null }
    }
  }
}
