import type { GraphTensor, ModelGraph } from '@hepuq/core';

/**
 * Model metadata keys holding the `features` of graph inputs and outputs, as JSON
 * `{ "<tensor>": ["<name>", ...] }`. ONNX IR 7 has no per-tensor metadata (ValueInfoProto's
 * metadata_props came with IR 10). The keys are reserved: the tensors' `features` are their only source.
 */
export const FEATURES_KEY = { inputs: 'input_features', outputs: 'output_features' } as const;

type Side = keyof typeof FEATURES_KEY;
const SIDES: Side[] = ['inputs', 'outputs'];

/** The tensors that name their features, as the JSON object stored under `FEATURES_KEY`. */
function featureMap(tensors: GraphTensor[]): Record<string, string[]> | undefined {
  const named = tensors.filter((t) => t.features !== undefined);
  return named.length === 0 ? undefined : Object.fromEntries(named.map((t) => [t.name, t.features as string[]]));
}

/** The metadata value `json` as `{ tensor: names }`; `undefined` when it is not such a JSON object. */
function parseFeatureMap(json: string): Record<string, string[]> | undefined {
  let map: unknown;
  try {
    map = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return undefined;
  const lists = Object.values(map as Record<string, unknown>);
  return lists.every((f) => Array.isArray(f) && f.every((n) => typeof n === 'string')) ? (map as Record<string, string[]>) : undefined;
}

/** `graph.metadata` plus the tensors' features under `FEATURES_KEY` (keys reserved for them: `validateGraph` refuses them in `graph.metadata`). */
export function metadataWithFeatures(graph: ModelGraph): Record<string, string> {
  const metadata = { ...graph.metadata };
  for (const side of SIDES) {
    const map = featureMap(graph[side]);
    if (map !== undefined) metadata[FEATURES_KEY[side]] = JSON.stringify(map);
  }
  return metadata;
}

/** `metadata` without the keys `FEATURES_KEY` reserves (`decodeOnnx` moves them onto the tensors). */
export function withoutFeatureKeys(metadata: Record<string, string>): Record<string, string> {
  const rest = { ...metadata };
  for (const side of SIDES) delete rest[FEATURES_KEY[side]];
  return rest;
}

/** `tensors` with the `features` that `metadata` names for them; `undefined` when the entry is not such a JSON object. */
export function withFeatures(tensors: GraphTensor[], metadata: Record<string, string>, side: Side): GraphTensor[] | undefined {
  const json = metadata[FEATURES_KEY[side]];
  if (json === undefined) return tensors;
  const byName = parseFeatureMap(json);
  return byName && tensors.map((t) => (Object.hasOwn(byName, t.name) ? { ...t, features: byName[t.name] } : t));
}
