export { o as outputsWithPublishedFile, p as publish } from './published-file-PXVjt_kY.js';
export { p as pipelineSeams } from './seams-BVYqTaHR.js';
export { r as renderSummary } from './package-m0x3kU6p.js';
