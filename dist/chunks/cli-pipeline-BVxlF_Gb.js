export { o as outputsWithPublishedFile, p as publish } from './published-file-DKzqNA2y.js';
export { p as pipelineSeams } from './seams-CRiIjyEZ.js';
export { r as renderSummary } from './package-m0x3kU6p.js';
