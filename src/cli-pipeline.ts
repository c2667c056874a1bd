/**
 * What `publish` and `demo` need beyond the command line itself, in one module so that the CLI
 * loads it with one dynamic import (the other commands never load it). One import, not several
 * side by side: Jest's ESM loader races when parallel imports share modules ("not in cache").
 */
export { publish } from './pipeline.js'
export { pipelineSeams } from './seams.js'
export { renderSummary } from './report/summary.js'
export { outputsWithPublishedFile } from './report/published-file.js'
