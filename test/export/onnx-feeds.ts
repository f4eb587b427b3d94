import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Dataset, ModelGraph } from '@hepuq/core';
import { encodeOnnx } from '@hepuq/onnx';

/**
 * The graph's inputs filled from `data`: `features` [n, d] from the flat columns named by the input,
 * a particle set `<set>` [n, P, F] from its features and `<set>_mask` [n, P] from its mask.
 */
export function graphFeeds(graph: ModelGraph, data: Dataset): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const input of graph.inputs) {
    if (input.name.endsWith('_mask') && data.sets[input.name.slice(0, -5)]) {
      const set = data.sets[input.name.slice(0, -5)];
      feeds[input.name] = new Tensor('float32', Float32Array.from(set.mask), [set.n, set.size]);
    } else if (data.sets[input.name]) {
      const set = data.sets[input.name];
      const cols = input.features!.map((f) => set.features.indexOf(f));
      const out = new Float32Array(set.n * set.size * cols.length);
      for (let k = 0; k < set.n * set.size; k++) cols.forEach((c, j) => (out[k * cols.length + j] = set.values[k * set.width + c]));
      feeds[input.name] = new Tensor('float32', out, [set.n, set.size, cols.length]);
    } else {
      const names = input.features!;
      const out = new Float32Array(data.n * names.length);
      names.forEach((f, j) => data.features[f].forEach((v, i) => (out[i * names.length + j] = v)));
      feeds[input.name] = new Tensor('float32', out, [data.n, names.length]);
    }
  }
  return feeds;
}

/** Run `graph` with ONNX Runtime on `data` (from `bytes`, e.g. an exported file; default: `graph` encoded): every output flat. */
export async function runOnnx(graph: ModelGraph, data: Dataset, bytes: Uint8Array = encodeOnnx(graph)): Promise<Record<string, Float32Array>> {
  const session = await InferenceSession.create(bytes);
  try {
    const result = await session.run(graphFeeds(graph, data));
    return Object.fromEntries(Object.entries(result).map(([k, t]) => [k, t.data as Float32Array]));
  } finally {
    await session.release();
  }
}

/** Largest |a - b| / (1 + |b|) over the entries. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}
