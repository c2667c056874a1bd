export { o as outputsWithPublishedFile, p as publish } from './published-file-BQWQN-vc.js';
export { p as pipelineSeams } from './seams-CSjTPMip.js';
export { r as renderSummary } from './package-m0x3kU6p.js';
