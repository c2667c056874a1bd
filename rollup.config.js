import commonjs from '@rollup/plugin-commonjs'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

// node-liblzma's WebAssembly loader reads `new URL('./liblzma.wasm', import.meta.url)`: the .wasm
// sits beside whichever chunk holds that loader, so it is found wherever the action is checked
// out. A copy of the binary (107 KB) rather than a base64 string inlined in JavaScript (143 KB,
// decoded at every load), and the library's own loading path rather than one of ours.
const require = createRequire(import.meta.url)
const lzmaWasm = require.resolve('node-liblzma/wasm/liblzma.wasm')
const lzmaLoader = /node_modules\/node-liblzma\/lib\/wasm\/bindings\.js$/
const liblzmaWasm = () => ({
  name: 'liblzma-wasm',
  generateBundle(_options, bundle) {
    const loaders = Object.values(bundle).filter(
      (file) => file.type === 'chunk' && file.moduleIds.some((id) => lzmaLoader.test(id))
    )
    for (const chunk of loaders) {
      const dir = dirname(chunk.fileName)
      this.emitFile({
        type: 'asset',
        fileName: dir === '.' ? 'liblzma.wasm' : `${dir}/liblzma.wasm`,
        source: readFileSync(lzmaWasm)
      })
    }
  }
})

// sigstore-js reaches Fulcio and Rekor through make-fetch-happen (npm's HTTP client, with its
// cache and proxy agents); src/oci/sigstore-fetch.cjs gives it the few calls it makes on Node's
// fetch, so the keyless-signing chunk stays small. jest.config.js maps the same name.
const sigstoreFetch = () => ({
  name: 'sigstore-fetch',
  resolveId: (source) =>
    source === 'make-fetch-happen'
      ? new URL('./src/oci/sigstore-fetch.cjs', import.meta.url).pathname
      : null
})

const plugins = () => [
  sigstoreFetch(),
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    noEmit: false,
    outDir: 'dist'
  }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
  liblzmaWasm()
]

// Bundled libraries sometimes use `this` at the top level of a module; that is harmless here.
const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
  warn(warning)
}

// @actions/core and @actions/github import @actions/http-client (and through it undici, 1 MB) at
// the top level, for OIDC tokens and their own Octokit, neither of which this action uses. Declaring
// those two packages free of side effects lets rollup drop them when nothing of theirs is called.
const treeshake = {
  moduleSideEffects: (id) => !/node_modules\/(undici|@actions\/http-client)\//.test(id)
}

// One build of both entry points: the action (index) and the command line (cli). What they share,
// and the AWS SDK, which is imported dynamically only when an s3:// store is opened, land in
// dist/chunks/; runs without an S3 store never load the SDK's chunks.
export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    esModule: true,
    dir: 'dist',
    format: 'es',
    sourcemap: false,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
  },
  plugins: plugins(),
  treeshake,
  onwarn
}
