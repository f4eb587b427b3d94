import { dataRow, defaultClassNames, HepuqError, type Dataset } from '@hepuq/core';
import { z } from 'zod';

/** Most classes a classifier accepts (a guard against a continuous column given as the label). */
export const MAX_CLASSES = 1000;

/**
 * The `classes` option of every classifier: the number of classes K or their names in label order
 * (labels are the integers 0..K-1). Absent: K = largest training label + 1. Two classes train the
 * binary sigmoid head (prediction `prob`, the names are not used); K >= 3 a softmax head (prediction
 * `prob_<class>`).
 */
export const ClassesOption = z
  .union([
    z.number().int().min(2).max(MAX_CLASSES),
    z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'class names are letters, digits, _ . -')).min(2).max(MAX_CLASSES)
      .refine((names) => new Set(names).size === names.length, 'the class names must differ'),
  ])
  .optional();
export type ClassesOption = z.infer<typeof ClassesOption>;

/** Integer labels 0..K-1 and the K class names. */
export interface ClassLabels {
  label: Float32Array;
  classes: string[];
}

/**
 * The label column, checked to hold integers 0..K-1, with the class names: K and the names from
 * `classes` when given, else K = largest label + 1 (at least 2) named "0".."K-1".
 * @example classLabels(data, ['quark', 'gluon', 'top']).classes.length // 3
 */
export function classLabels(data: Dataset, classes?: ClassesOption): ClassLabels {
  if (!data.label) throw new HepuqError('MissingColumn', `${data.source}: classification needs a label column (integers 0..K-1)`);
  const label = data.label;
  const declared = typeof classes === 'number' ? classes : classes?.length;
  let max = 0;
  for (let i = 0; i < data.n; i++) {
    const v = label[i];
    if (!(Number.isInteger(v) && v >= 0 && v < (declared ?? MAX_CLASSES))) {
      const expected = declared ? `an integer 0..${declared - 1} (${declared} classes)` : `an integer 0..${MAX_CLASSES - 1}`;
      throw new HepuqError('InvalidArgument', `${data.source}: label "${data.labelName}" ${dataRow(i)} is ${v}, expected ${expected}`, {
        hint: 'Labels are class indices 0, 1, ..., K-1; set the method option `classes` to the number of classes or their names.',
      });
    }
    if (v > max) max = v;
  }
  const k = declared ?? Math.max(2, max + 1);
  if (classes !== undefined && typeof classes !== 'number' && new Set(classes).size !== classes.length) {
    throw new HepuqError('InvalidArgument', `classes ${classes.join(', ')}: the class names must differ`);
  }
  const names = typeof classes === 'object' ? [...classes] : defaultClassNames(k);
  if (k > 2) {
    // a softmax head cannot learn a class it never sees (and a binary task given `classes: 3` would silently turn K-class)
    const counts = new Float64Array(k);
    for (let i = 0; i < data.n; i++) counts[label[i]]++;
    const empty = counts.findIndex((c) => c === 0);
    if (empty >= 0) {
      throw new HepuqError('InvalidArgument', `${data.source}: class ${empty} ("${names[empty]}") of ${k} has no events in label "${data.labelName}"`, {
        hint: 'Every class needs training events; check the label column, or set `classes` to the number of classes the labels use.',
      });
    }
  }
  return { label, classes: names };
}

/** The label column, checked to be 0/1 (binary classifiers). */
export function checkedLabels(data: Dataset): Float32Array {
  if (!data.label) throw new HepuqError('MissingColumn', `${data.source}: classification needs a 0/1 label column`);
  const label = data.label;
  for (let i = 0; i < data.n; i++) {
    if (label[i] !== 0 && label[i] !== 1) {
      throw new HepuqError('InvalidArgument', `${data.source}: label "${data.labelName}" ${dataRow(i)} is ${label[i]}, expected 0 or 1`);
    }
  }
  return label;
}

/** Weights rescaled so each of the `k` classes (labels 0..k-1) carries 1/k of the total weight. */
export function balancedWeights(weights: Float32Array, label: Float32Array, k = 2): Float32Array {
  const sums = new Float64Array(k);
  for (let i = 0; i < weights.length; i++) sums[label[i]] += weights[i];
  const empty = sums.findIndex((s) => !(s > 0));
  if (empty >= 0) throw new HepuqError('InvalidArgument', `class balancing needs positive total weight in every class; class ${empty} has ${sums[empty]}`);
  const total = sums.reduce((a, b) => a + b, 0);
  return Float32Array.from(weights, (w, i) => (w * total) / (k * sums[label[i]]));
}

/**
 * The class names a saved K-class model records (absent for regression and binary models), checked:
 * at least 3 distinct names, else `ModelLoadFailed` naming the directory.
 */
export function savedClasses(classes: unknown, dir: string): string[] | undefined {
  if (classes === undefined) return undefined;
  const ok = Array.isArray(classes) && classes.length >= 3 && classes.every((c) => typeof c === 'string') && new Set(classes).size === classes.length;
  if (!ok) throw new HepuqError('ModelLoadFailed', `${dir}: the saved model's classes must be 3 or more distinct names, got ${JSON.stringify(classes)}`);
  return classes as string[];
}
