import { assertFiniteColumn, HepuqError, type Dataset, type NamedArray, type NetworkBody, type NetworkPlan, type NetworkSpec, z } from '@hepuq/core';
import { fitStandardizer, standardize, type Standardizer } from '../nn/standardizer.js';
import { setGraph } from './set-graph.js';
import { arrayNamed } from './mlp.body.js';
import { appendColumns, poolParticles } from './set-pooling.js';
import { assertNoEmptyEvents, featureIndices, fitParticleStandardizer, particleMatrix, particleSetOf, poolWeights, type PoolWeighting, type SetState } from './set-inputs.js';

export const DEEP_SETS = 'deep-sets';
export const PFN = 'pfn';
export const EFN = 'efn';

const layers = z.array(z.number().int().positive()).min(1);

function setOptions(phi: number[], energyFlow: boolean) {
  return z
    .object({
      /** The particle set to read (default: the data's only set). */
      set: z.string().optional(),
      /** Per-particle inputs of Phi (default: every feature of the set; for `efn` every one but `energy`). */
      features: z.array(z.string()).min(1).optional(),
      /** Phi's layer sizes; the last is the latent dimension L that is pooled. */
      phi: layers.default(phi),
      /** The event network F's hidden layers (default: the method's `hidden`). */
      f: layers.optional(),
      /** Flat per-event features appended to the pooled latent vector before F (e.g. the jet mass). */
      flat: z.array(z.string()).default([]),
      ...(energyFlow
        ? { /** The set feature whose fractions z_i = E_i / sum E weight the pooling (pT or energy). */ energy: z.string().default('pt') }
        : { /** `sum` (Deep Sets, PFN) or `mean` over the event's particles. */ pooling: z.enum(['sum', 'mean']).default('sum') }),
    })
    .strict();
}

type SetOptions = { set?: string; features?: string[]; phi: number[]; f?: number[]; flat: string[]; pooling?: 'sum' | 'mean'; energy?: string };

/** Angular per-particle features (as the toys and the `sets:` preprocessing name them): an EFN's default Phi inputs. */
const ANGULAR = /^d?(eta|phi|y|r)$/;
/** Energy-like features (pt, e, rel_pt, log_rel_e, ...): inputs that would make an EFN infrared/collinear unsafe. */
const ENERGY_LIKE = /(^|_)(pt|e|m|mass)$/;

/** Refuse EFN inputs that break IRC safety: the pooling weight itself or any energy-like feature. */
function checkAngular(features: readonly string[], energy: string, set: string, available: readonly string[]): void {
  if (features.length === 0) {
    throw new HepuqError('InvalidConfig', `efn: particle set "${set}" has no angular feature (eta, phi, deta, dphi) for Phi; it has ${available.join(', ')}`, {
      hint: 'Name Phi\'s angular inputs in `network.options.features`, e.g. `features: [deta, dphi]`.',
    });
  }
  const unsafe = features.filter((f) => f === energy || ENERGY_LIKE.test(f));
  if (unsafe.length) {
    throw new HepuqError('InvalidConfig', `efn: ${unsafe.map((f) => `"${f}"`).join(', ')} cannot be an input of Phi: an energy-like input makes the network infrared/collinear unsafe ("${energy}" weights the pooling)`, {
      hint: 'Give Phi angular inputs only, e.g. `features: [eta, phi]`; use `pfn` to feed energies to Phi.',
    });
  }
}


function setBody(key: string, description: string, phi: number[], energyFlow: boolean): NetworkBody {
  const options = setOptions(phi, energyFlow);
  return {
    key,
    description,
    options,

    plan(data, raw, request) {
      const o = raw as SetOptions;
      const weighting: PoolWeighting = energyFlow ? { kind: 'energy', feature: o.energy! } : { kind: o.pooling ?? 'sum' };
      const { name, set } = particleSetOf(data, o.set, energyFlow ? [o.energy!] : [], key);
      const features = o.features ?? (energyFlow ? set.features.filter((f) => ANGULAR.test(f)) : [...set.features]);
      if (energyFlow) checkAngular(features, o.energy!, name, set.features);
      particleSetOf(data, name, features, key);
      if (set.truncatedEvents > 0) {
        request.warn?.(`particle set "${name}": when it was read, ${set.truncatedEvents} events had more than ${set.size} particles; ${set.droppedParticles} particles were dropped (the set keeps the first ${set.size} by its ordering)`);
      }
      const state: SetState = { set: name, features, flat: o.flat, weighting, f: o.f ?? request.hidden, activation: request.activation };
      const particleScale = fitParticleStandardizer(set, featureIndices(set, features));
      const flatScale = fitStandardizer(flatMatrix(data, o.flat), data.n, o.flat.length);
      return setPlan({ use: key, options: o, state: state as unknown as Record<string, unknown> }, particleScale, flatScale, request.outputs);
    },

    restore(spec, arrays, outputs) {
      const scale = (prefix: string): Standardizer => ({ mean: arrayNamed(arrays, `${prefix}_mean`), std: arrayNamed(arrays, `${prefix}_std`) });
      const state = spec.state as unknown as SetState;
      return setPlan(spec, scale('particle'), state.flat.length ? scale('flat') : { mean: new Float32Array(0), std: new Float32Array(0) }, outputs);
    },
  };
}

/** The plan of a set body: Phi on every particle slot, weighted pooling, optional flat columns, F. */
function setPlan(spec: NetworkSpec, particleScale: Standardizer, flatScale: Standardizer, outputs: number): NetworkPlan {
  const state = spec.state as unknown as SetState;
  const d = state.features.length;
  const phi = (spec.options as SetOptions).phi;
  const latent = phi[phi.length - 1];
  return {
    spec,
    outputs,
    stacks: [
      { name: 'phi', inputs: d, hidden: phi.slice(0, -1), outputs: latent, activation: state.activation, activateOutput: true },
      { name: 'f', inputs: latent + state.flat.length, hidden: state.f, outputs, activation: state.activation, activateOutput: false },
    ],
    inputs(data: Dataset) {
      const { set } = particleSetOf(data, state.set, state.features, spec.use);
      if (state.weighting.kind === 'energy') particleSetOf(data, state.set, [state.weighting.feature], spec.use);
      set.assertFinite(state.set, data.source);
      assertNoEmptyEvents(set, state.set, data.source);
      const inputs = {
        particles: { values: particleMatrix(set, featureIndices(set, state.features), particleScale), width: set.size * d },
        pool: { values: poolWeights(set, state.weighting, state.set, data.source), width: set.size },
      };
      if (!state.flat.length) return inputs;
      return { ...inputs, flat: { values: standardize(flatMatrix(data, state.flat), flatScale), width: state.flat.length } };
    },
    rowsPerEvent: (data: Dataset) => particleSetOf(data, state.set, [], spec.use).set.size,
    forward(stacks, inputs) {
      // pool [B, P] or [R, B, P]: the particles of every event become rows of Phi's batch
      const [B, P] = inputs.pool.shape.slice(-2);
      const h = stacks(0, inputs.particles.reshape(inputs.pool.rank === 3 ? [inputs.pool.shape[0], B * P, d] : [B * P, d]), P);
      const pooled = poolParticles(h, inputs.pool);
      return stacks(1, inputs.flat ? appendColumns(pooled, inputs.flat) : pooled);
    },
    graph: (g) => setGraph(g, state, particleScale, flatScale, latent),
    arrays(): NamedArray[] {
      const named = (prefix: string, s: Standardizer): NamedArray[] => [
        { name: `${prefix}_mean`, shape: [s.mean.length], data: s.mean },
        { name: `${prefix}_std`, shape: [s.std.length], data: s.std },
      ];
      return [...named('particle', particleScale), ...(state.flat.length ? named('flat', flatScale) : [])];
    },
  };
}

/** Row-major [n, d] matrix of the flat features `names`, checked to exist and be finite. */
function flatMatrix(data: Dataset, names: readonly string[]): Float32Array {
  const missing = names.filter((f) => !data.features[f]);
  if (missing.length) throw new HepuqError('ShapeMismatch', `${data.source}: no flat feature(s) ${missing.join(', ')}; the data has ${data.featureNames.join(', ')}`);
  const d = names.length;
  const out = new Float32Array(data.n * d);
  names.forEach((name, j) => {
    const col = data.features[name];
    assertFiniteColumn(col, name, data.source);
    for (let i = 0; i < data.n; i++) out[i * d + j] = col[i];
  });
  return out;
}

/** `deep-sets` (Zaheer et al. 1703.06114): F(pool_i Phi(p_i)) with sum or mean pooling; Phi 64-64 by default. */
export const deepSetsBody = setBody(DEEP_SETS, 'Deep Sets over a particle set: F(sum or mean of Phi(particle))', [64, 64], false);

/** `pfn` (Komiske, Metodiev, Thaler 1810.05165): Deep Sets with sum pooling and the paper's Phi sizes 100-100-128. */
export const pfnBody = setBody(PFN, 'Particle Flow Network: F(sum_i Phi(p_i)), Phi 100-100-128', [100, 100, 128], false);

/**
 * `efn` (1810.05165): F(sum_i z_i Phi(eta_i, phi_i)) with energy fractions z_i: infrared and collinear
 * safe, because a soft particle adds z ~ 0 and a collinear split adds z_a Phi + z_b Phi = z Phi.
 */
export const efnBody = setBody(EFN, 'Energy Flow Network: F(sum_i z_i Phi(angles_i)), IRC safe', [100, 100, 128], true);
