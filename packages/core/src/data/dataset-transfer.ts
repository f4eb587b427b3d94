import { Dataset } from './dataset.js';
import { ParticleSet, type ParticleSetInit } from './particle-set.js';

/**
 * A dataset as plain typed arrays and strings (structured-cloneable), so it crosses worker, process
 * and machine boundaries in an executor task; `datasetFromTransfer` rebuilds it.
 */
export interface DatasetTransfer {
  features: Record<string, Float32Array>;
  targets: { name: string; values: Float32Array }[];
  label?: Float32Array;
  weights: Float32Array;
  nuisances: Record<string, Float32Array>;
  extras: Record<string, Float32Array>;
  sets: Record<string, ParticleSetInit>;
  units: Record<string, string>;
  source: string;
  targetName: string;
  labelName: string;
}

/**
 * `data` as an executor task input can carry it (the arrays are shared, not copied, until the
 * executor clones them).
 * @example input.train = datasetTransfer(train)
 */
export function datasetTransfer(data: Dataset): DatasetTransfer {
  return {
    features: { ...data.features },
    targets: data.targets.map((t) => ({ name: t.name, values: t.values })),
    label: data.label,
    weights: data.weights,
    nuisances: { ...data.nuisances },
    extras: { ...data.extras },
    sets: Object.fromEntries(Object.entries(data.sets).map(([name, s]) => [name, {
      features: [...s.features], size: s.size, values: s.values, mask: s.mask, truncatedEvents: s.truncatedEvents, droppedParticles: s.droppedParticles,
    }])),
    units: { ...data.units },
    source: data.source,
    targetName: data.targetName,
    labelName: data.labelName,
  };
}

/**
 * The dataset of a transfer (validated again by the `Dataset` and `ParticleSet` constructors).
 * @example const train = datasetFromTransfer(input.train)
 */
export function datasetFromTransfer(t: DatasetTransfer): Dataset {
  return new Dataset({
    features: t.features,
    targets: t.targets,
    label: t.label,
    weights: t.weights,
    nuisances: t.nuisances,
    extras: t.extras,
    sets: Object.fromEntries(Object.entries(t.sets).map(([name, s]) => [name, new ParticleSet(s, name, t.source)])),
    units: t.units,
    source: t.source,
    targetName: t.targetName,
    labelName: t.labelName,
  });
}
