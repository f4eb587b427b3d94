export { ACTIVATIONS, applyActivation, activationSlope, type Activation } from './activation.js';
export { registerHepuqKernels, hepuqKernelsActive, type RegisterKernelsOptions } from './register-kernels.js';
export { fusedDense, HEPUQ_FUSED_DENSE, type FusedDenseAttrs } from './kernels/fused-dense.kernel.js';
export { denseBackward, HEPUQ_DENSE_BACKWARD, type DenseBackwardAttrs, type DenseGrads } from './kernels/dense-backward.kernel.js';
export { fusedDenseStacked, denseBackwardStacked, HEPUQ_FUSED_DENSE_STACKED, HEPUQ_DENSE_BACKWARD_STACKED, type FusedDenseStackedAttrs, type DenseStackedGrads } from './kernels/fused-dense-stacked.kernel.js';
export { gaussianNll, HEPUQ_GAUSSIAN_NLL } from './kernels/gaussian-nll.kernel.js';
export { gaussianNllHead, HEPUQ_GAUSSIAN_NLL_HEAD, type LogSigmaSoftBound, type GaussianNllHeadAttrs } from './kernels/gaussian-nll-head.kernel.js';
export { adamUpdate, HEPUQ_ADAM_UPDATE, type AdamUpdateAttrs, type AdamState } from './kernels/adam-update.kernel.js';
