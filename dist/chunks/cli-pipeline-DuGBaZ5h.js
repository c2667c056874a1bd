export { o as outputsWithPublishedFile, p as publish } from './published-file-C3SH0_M0.js';
export { p as pipelineSeams } from './seams-CImQrKXp.js';
export { r as renderSummary } from './package-m0x3kU6p.js';
