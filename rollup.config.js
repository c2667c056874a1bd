// One self-contained ES module per entry point: the action (index) and the command line (cli).
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    noEmit: false,
    outDir: 'dist'
  }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
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

export default [
  {
    input: 'src/index.ts',
    output: { esModule: true, file: 'dist/index.js', format: 'es', sourcemap: false },
    plugins: plugins(),
    treeshake,
    onwarn
  },
  {
    input: 'src/cli.ts',
    output: {
      esModule: true,
      file: 'dist/cli.js',
      format: 'es',
      sourcemap: false,
      banner: '#!/usr/bin/env node'
    },
    plugins: plugins(),
    treeshake,
    onwarn
  }
]
