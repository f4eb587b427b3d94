import { fillPoisson1 } from '@hepuq/stats';
import { HepuqError, type Rng } from '@hepuq/core';
import { initMlpArrays, type MlpArchitecture } from '@hepuq/nn';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { EnsembleOptions } from '../methods/ensemble-options.js';

export type EnsembleKind = 'deep' | 'bootstrap' | 'repulsive';

/** Everything random about each member, fixed before training so stacked and one-by-one runs agree. */
export interface MemberPlan {
  /** Initial parameters per member: every dense stack of the body in turn, each [W0, b0, W1, b1, ...]. */
  inits: Float32Array[][];
  /** Per-member relabelling pi_m of the events (batch slot i of an epoch visits event pi_m[sigma_e[i]]). */
  orders: Int32Array[];
  /** Per-member event weights, normalised to mean 1 (the bootstrap multiplies in Poisson(1) counts). */
  weights: Float32Array[];
  /** Seed of the epoch shuffles sigma_e, shared by all members. */
  batchSeed: number;
}

/**
 * Draw the members' randomness from the method's generator, each from its own labelled stream:
 * member m's init from `rng.fork('member-m').fork('init')`, its order from `.fork('order')`, its bootstrap
 * counts from `.fork('bootstrap')`; the epoch shuffles from `rng.fork('batches')`. Deep and repulsive
 * ensembles use the same streams, so at repulsion 0 they start from the same members. The bootstrap
 * keeps one init (`rng.fork('init')`) and one order for all members unless `varyInit`, so its spread
 * measures training-sample statistics only (Nachman 2020 seed talk: fix the initialisation).
 * @example const plan = planMembers('deep', set.plan.stacks, options, baseWeights, ctx.rng)
 */
export function planMembers(kind: EnsembleKind, stacks: readonly MlpArchitecture[], options: EnsembleOptions, baseWeights: Float32Array, rng: Rng): MemberPlan {
  const n = baseWeights.length;
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const init = (r: Rng) => memberInit(stacks, r);
  const shared = kind === 'bootstrap' ? init(rng.fork('init')) : undefined;
  const inits: Float32Array[][] = [];
  const orders: Int32Array[] = [];
  const weights: Float32Array[] = [];
  for (let m = 0; m < options.members; m++) {
    const member = rng.fork(`member-${m}`);
    inits.push(shared && !options.varyInit ? shared : init(member.fork('init')));
    orders.push(kind !== 'bootstrap' && options.batchOrder === 'per-member' ? member.fork('order').permutation(n) : identity);
    weights.push(kind === 'bootstrap' && options.resample !== false ? poissonWeights(baseWeights, member.fork('bootstrap')) : baseWeights);
  }
  return { inits, orders, weights, batchSeed: rng.fork('batches').seed };
}

/**
 * One member's initial parameters: its stacks' weights drawn stack after stack from `rng` (as DenseNetwork.create does).
 * @example const init = memberInit(set.plan.stacks, rng.fork('member-3').fork('retry-1'))
 */
export function memberInit(stacks: readonly MlpArchitecture[], rng: Rng): Float32Array[] {
  return stacks.flatMap((s) => initMlpArrays(s, rng));
}

/**
 * Bootstrap replica weights w_i k_i with k_i ~ Poisson(1), renormalised to mean 1 (Poisson bootstrap:
 * Hanley & MacGibbon 2006; keeps MC event weights, negative ones included).
 */
export function poissonWeights(base: Float32Array, rng: Rng): Float32Array {
  const k = new Uint8Array(base.length);
  fillPoisson1(rng, k);
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += base[i] * k[i];
  if (!(sum > 0)) {
    throw new HepuqError('InvalidArgument', `a bootstrap replica has total event weight ${sum}; it must be positive`, {
      hint: 'Negative MC weights dominate a resampled copy: use more events or fewer negative weights.', plugin: PLUGIN_NAME,
    });
  }
  const scale = base.length / sum;
  return Float32Array.from(base, (w, i) => w * k[i] * scale);
}
