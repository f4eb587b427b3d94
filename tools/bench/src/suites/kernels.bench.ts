import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@hepuq/core';
import { adamUpdate, denseBackward, fusedDense, fusedDenseStacked, gaussianNllHead, registerHepuqKernels } from '@hepuq/kernels';
import { stackedMatMul } from '@hepuq/plugin-ensembles';
import { diagGaussianNll, FlatAdam, gaussianHeadColumns, initMlpArrays, LOG_SIGMA_MAX, LOG_SIGMA_MIN, mlpForward, mlpVariables, type MlpArchitecture } from '@hepuq/nn';
import type { BenchRecord } from '../bench-record.js';
import { median, torchStepsPerSecond } from '../measure.js';

const REPEATS = 5;
const SECONDS_PER_REPEAT = 1;
const ARCH: MlpArchitecture = { inputs: 20, hidden: [64, 64, 64], outputs: 2, activation: 'relu' };
const BATCH = 256;
const BATCHES = 64;
const peerScript = fileURLToPath(new URL('../../peers/het_mlp_torch.py', import.meta.url));

/** Median seconds per call of `f` (each repeat runs ~1 s after a warm-up). */
function secondsPerCall(f: () => void): number {
  for (let i = 0; i < 20; i++) f();
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < 200) { f(); calls++; }
  const perRepeat = Math.max(1, Math.round((calls * SECONDS_PER_REPEAT * 1000) / 200));
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    for (let i = 0; i < perRepeat; i++) f();
    times.push((performance.now() - start) / 1000 / perRepeat);
  }
  return median(times);
}

/** Kernel calls one call of `f` makes (tfjs's profiler; per-op dispatch is what fusing saves). */
async function kernelCount(f: () => tf.TensorContainer): Promise<number> {
  return (await tf.profile(f)).kernels.length;
}

/** Dense 256x64 -> 64 with ReLU, forward and backward: fused kernels vs tfjs's fused matMul and autograd. */
async function denseRecord(rng: Rng): Promise<BenchRecord> {
  const x = tf.tensor2d(rng.normalArray(256 * 64), [256, 64]), w = tf.tensor2d(rng.normalArray(64 * 64, 0, 0.2), [64, 64]);
  const b = tf.tensor1d(rng.normalArray(64, 0, 0.1)), dy = tf.tensor2d(rng.normalArray(256 * 64), [256, 64]);
  const tape = (forward: (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.Tensor) => () => tf.grads(forward)([x, w, b], dy);
  const kernels = tape((a, c, d) => fusedDense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, 'relu'));
  const tfjs = tape((a, c, d) => tf.fused.matMul({ a: a as tf.Tensor2D, b: c as tf.Tensor2D, bias: d, activation: 'relu' }));
  const direct = () => tf.tidy(() => {
    const y = fusedDense(x, w, b, 'relu');
    return Object.values(denseBackward(dy, x, w, y, 'relu'));
  });
  const time = (f: () => tf.Tensor[]) => secondsPerCall(() => tf.dispose(f())) * 1e6;
  const hepuq = time(kernels), peer = time(tfjs), directUs = time(direct);
  const forwardUs = time(() => [fusedDense(x, w, b, 'relu')]), tfjsForwardUs = time(() => [tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' })]);
  const notes = { directUs: directUs.toFixed(1), forwardUs: forwardUs.toFixed(1), tfjsForwardUs: tfjsForwardUs.toFixed(1), kernels: await kernelCount(kernels), tfjsKernels: await kernelCount(tfjs), gflops: ((3 * 2 * 256 * 64 * 64) / hepuq / 1e3).toFixed(1) };
  tf.dispose([x, w, b, dy]);
  return { name: 'kernels dense 256x64->64 relu fwd+bwd', unit: 'us', hepuq, peer, peerName: 'tfjs wasm ops', ratio: peer / hepuq, notes };
}

/** Five stacked members, 256x64 -> 64 with ReLU, forward and backward: fused kernels vs the ensembles' stackedMatMul + bias + relu. */
async function stackedRecord(rng: Rng): Promise<BenchRecord> {
  const M = 5;
  const x = tf.tensor3d(rng.normalArray(M * 256 * 64), [M, 256, 64]), w = tf.tensor3d(rng.normalArray(M * 64 * 64, 0, 0.2), [M, 64, 64]);
  const b = tf.tensor2d(rng.normalArray(M * 64, 0, 0.1), [M, 64]), dy = tf.tensor3d(rng.normalArray(M * 256 * 64), [M, 256, 64]);
  const tape = (forward: (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.Tensor) => () => tf.grads(forward)([x, w, b], dy);
  const kernels = tape((a, c, d) => fusedDenseStacked(a as tf.Tensor3D, c as tf.Tensor3D, d as tf.Tensor2D, 'relu'));
  const ensembles = tape((a, c, d) => tf.relu(tf.add(stackedMatMul(a as tf.Tensor3D, c as tf.Tensor3D), tf.expandDims(d, 1))));
  const time = (f: () => tf.Tensor[]) => secondsPerCall(() => tf.dispose(f())) * 1e6;
  const hepuq = time(kernels), peer = time(ensembles);
  const notes = { members: M, kernels: await kernelCount(kernels), ensemblesKernels: await kernelCount(ensembles) };
  tf.dispose([x, w, b, dy]);
  return { name: 'kernels stacked 5x 256x64->64 relu fwd+bwd', unit: 'us', hepuq, peer, peerName: 'ensembles stackedMatMul ops', ratio: peer / hepuq, notes };
}

interface Batch { x: tf.Tensor2D; y: tf.Tensor2D; w: tf.Tensor1D }

/** One training step on a batch: het-mlp's loss, the Gaussian NLL of the [n, 2] head (mu, soft-bounded log sigma). */
type Step = (batch: Batch) => void;

/** het-mlp's step today: mlpForward (tfjs fused matMul), gaussianHeadColumns + diagGaussianNll, FlatAdam. */
function tfjsStep(vars: tf.Variable[]): { step: Step; dispose(): void } {
  const adam = new FlatAdam(vars, 1e-3);
  const step: Step = ({ x, y, w }) => tf.dispose(adam.minimize(() => {
    const { mu, logSigma } = gaussianHeadColumns(mlpForward(vars, x, 'relu'), 1);
    return diagGaussianNll(y, mu, logSigma, w);
  }));
  return { step, dispose: () => adam.dispose() };
}

/** The same step from the fused kernels: fusedDense per layer, gaussianNllHead (bound included), adamUpdate. */
function kernelStep(vars: tf.Variable[]): { step: Step; dispose(): void } {
  const total = vars.reduce((a, p) => a + p.size, 0);
  let m = tf.zeros([total]), v = tf.zeros([total]);
  let t = 0;
  const step: Step = ({ x, y, w }) => {
    t++;
    const alpha = (1e-3 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    const next = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        let h: tf.Tensor2D = x;
        for (let l = 0; l < vars.length / 2; l++) {
          h = fusedDense(h, vars[2 * l] as tf.Variable<tf.Rank.R2>, vars[2 * l + 1] as tf.Variable<tf.Rank.R1>, l < vars.length / 2 - 1 ? 'relu' : 'linear');
        }
        return gaussianNllHead(y, h, w, { lo: LOG_SIGMA_MIN, hi: LOG_SIGMA_MAX });
      }, vars);
      value.dispose();
      const updated = adamUpdate(vars, vars.map((p) => grads[p.name]), m, v, { alpha, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
      updated.params.forEach((p, i) => vars[i].assign(p));
      return { m: updated.m, v: updated.v };
    });
    tf.dispose([m, v]);
    ({ m, v } = next);
  };
  return { step, dispose: () => tf.dispose([m, v]) };
}

async function stepsPerSecond(make: (vars: tf.Variable[]) => { step: Step; dispose(): void }, batches: Batch[]): Promise<{ rate: number; kernels: number }> {
  const vars = mlpVariables(ARCH, initMlpArrays(ARCH, new Rng(7)));
  const { step, dispose } = make(vars);
  let i = 0;
  const rate = 1 / secondsPerCall(() => step(batches[i++ % batches.length]));
  const kernels = await kernelCount(() => { step(batches[0]); return []; });
  dispose();
  vars.forEach((p) => p.dispose());
  return { rate, kernels };
}

/**
 * Fused kernels on tfjs's wasm backend: a dense layer's forward+backward against tfjs's own ops, and a
 * whole het-mlp training step (20 -> 3x64 -> 2, batch 256, Gaussian NLL, Adam) built from them against
 * the step hepuq trains with today; PyTorch's het-mlp training rate as the outside reference.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend('wasm');
  if (!(await registerHepuqKernels())) throw new Error('the fused kernels did not register on the wasm backend');
  const rng = new Rng(1);
  const dense = await denseRecord(rng);
  const stacked = await stackedRecord(rng);
  const batches: Batch[] = [...Array(BATCHES).keys()].map(() => {
    const x = rng.normalArray(BATCH * ARCH.inputs);
    return {
      x: tf.tensor2d(x, [BATCH, ARCH.inputs]),
      y: tf.tensor2d(Float32Array.from({ length: BATCH }, (_, i) => x[i * ARCH.inputs] * x[i * ARCH.inputs + 1] + rng.normal(0, 0.1)), [BATCH, 1]),
      w: tf.ones([BATCH]) as tf.Tensor1D,
    };
  });
  const tfjs = await stepsPerSecond(tfjsStep, batches);
  const kernels = await stepsPerSecond(kernelStep, batches);
  batches.forEach((b) => tf.dispose([b.x, b.y, b.w]));
  const { rate: torch, threads } = torchStepsPerSecond(peerScript, (th) => [String(ARCH.inputs), ARCH.hidden.join(','), String(BATCH), '2000', '3', String(th)]);
  const notes = { backend: backend.name, kernels: kernels.kernels, tfjsKernels: tfjs.kernels };
  return [
    dense,
    stacked,
    { name: 'kernels mlp step 20x(3x64)x2 b256', unit: 'steps/s', hepuq: kernels.rate, peer: tfjs.rate, peerName: 'tfjs wasm ops (FlatAdam)', ratio: kernels.rate / tfjs.rate, notes },
    {
      name: 'kernels mlp step vs pytorch', unit: 'steps/s', hepuq: kernels.rate, peer: torch, peerName: 'pytorch het-mlp (best of 1/2 threads)',
      ratio: torch ? kernels.rate / torch : null, notes: { ...notes, torch: threads, scope: 'hepuq: step only, batches ready; torch: whole fit incl. minibatch gather' },
    },
  ];
}
