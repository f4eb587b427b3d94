// hepuq's fused training kernels. The module imports the tfjs wasm backend's memory and owns no
// bytes of it: no data segments, no allocator, no stack; every buffer is a pointer the caller got
// from tfjs (tensor data) or from Emscripten's malloc (scratch). scripts/build-wasm.mjs checks this.
export { gemm } from './gemm';
export { denseForward, denseBackward, denseBackwardScratch, denseForwardStacked, denseBackwardStacked, denseBackwardStackedScratch } from './dense';
export { gaussianNll } from './loss';
export { adam } from './adam';
export { philoxNormal, variationalForward, variationalForwardScratch, variationalBackward, variationalBackwardScratch } from './variational';
export { meanFieldForward, meanFieldBackward } from './mean-field';
