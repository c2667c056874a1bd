// One self-contained ES module per entry point: the action (index) and the command line (cli).
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, outDir: 'dist' }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json()
]

// Bundled libraries sometimes use `this` at the top level of a module; that is harmless here.
const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
  warn(warning)
}

export default [
  {
    input: 'src/index.ts',
    output: { esModule: true, file: 'dist/index.js', format: 'es', sourcemap: false },
    plugins: plugins(),
    onwarn
  },
  {
    input: 'src/cli.ts',
    output: { esModule: true, file: 'dist/cli.js', format: 'es', sourcemap: false, banner: '#!/usr/bin/env node' },
    plugins: plugins(),
    onwarn
  }
]
