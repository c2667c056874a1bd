/**
 * A signing worker that dies on its first request, as one would on running out of memory or on
 * a crash in native code: for sign-workers.test.ts, in place of src/sign/sign-worker.mjs.
 */
import { parentPort } from 'node:worker_threads'

parentPort.on('message', () => process.exit(7))
