import { HepuqError, parseOrThrow, type Dataset, type MethodContext, type NetworkBody, type NetworkPlan, type NetworkRef, type NetworkRequest, type Registry } from '@hepuq/core';
import { mlpBody } from './mlp.body.js';
import { deepSetsBody, efnBody, pfnBody } from './set-body.js';

/** The bodies @hepuq/nn registers: `mlp`, `deep-sets`, `pfn`, `efn`. */
export const BUILTIN_NETWORKS: readonly NetworkBody[] = [mlpBody as NetworkBody, deepSetsBody, pfnBody, efnBody];

/**
 * The body registered under `key`: from the app's `networks` registry when the caller has one (a
 * plugin's body included), else among the built-in bodies.
 * @example const body = resolveNetworkBody(options.network.use, ctx.networks)
 */
export function resolveNetworkBody(key: string, networks?: Registry<NetworkBody>): NetworkBody {
  if (networks?.has(key)) return networks.get(key);
  const builtin = BUILTIN_NETWORKS.find((b) => b.key === key);
  if (builtin) return builtin;
  if (networks) return networks.get(key); // the registry's UnknownKey error lists what is registered
  throw new HepuqError('UnknownKey', `no network body "${key}"; the built-in bodies are ${BUILTIN_NETWORKS.map((b) => b.key).join(', ')}`);
}

/**
 * The plan of the body a method's `network` option names, for `data`: options validated by the body
 * (an `InvalidConfig` naming `network.options.<key>`), warnings (e.g. truncated sets) to `log:warn`.
 * @example const plan = planNetwork(train, options.network, { outputs: 2, hidden: options.hidden, activation: options.activation }, ctx)
 */
export function planNetwork(
  data: Dataset, ref: NetworkRef, request: Omit<NetworkRequest, 'warn'>, ctx: Pick<MethodContext, 'events' | 'networks'> & { method: string },
): NetworkPlan {
  const body = resolveNetworkBody(ref.use, ctx.networks);
  const options = parseOrThrow(body.options, ref.options, { code: 'InvalidConfig', where: `${ctx.method}: network "${ref.use}"`, path: 'network.options' });
  const plan = body.plan(data, options, { ...request, warn: (message) => ctx.events.emit('log:warn', { message: `${ctx.method}: ${message}` }, ctx.method) });
  const names = plan.stacks.map((s) => s.name);
  if (new Set(names).size !== names.length) {
    throw new HepuqError('InvalidPlugin', `network "${ref.use}" names its dense stacks ${names.join(', ')}; the names must be unique (saved arrays are named after them)`);
  }
  return plan;
}
