/**
 * Top-label view of a K-class prediction (Guo et al., ICML 2017): the predicted class argmax_k p_k
 * (the lowest index on ties), its confidence max_k p_k, and whether it equals the label.
 * @example const { conf, correct } = multiclassTopLabel(probs, label);
 */
export function multiclassTopLabel(probs: readonly Float32Array[], label: Float32Array): { conf: Float32Array; correct: Uint8Array; predicted: Int32Array } {
  const n = label.length;
  const conf = new Float32Array(n);
  const correct = new Uint8Array(n);
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c][i] > probs[best][i]) best = c;
    conf[i] = probs[best][i];
    predicted[i] = best;
    correct[i] = best === label[i] ? 1 : 0;
  }
  return { conf, correct, predicted };
}

/**
 * The one-vs-rest indicator 1[y = c] of class c.
 * @example classIndicator(Float32Array.of(0, 2, 1), 2) // Uint8Array [0, 1, 0]
 */
export function classIndicator(label: Float32Array, c: number): Uint8Array {
  return Uint8Array.from(label, (y) => (y === c ? 1 : 0));
}
