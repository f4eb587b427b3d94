import type { GraphTensor, ModelGraph } from '@hepuq/core';

/**
 * Model metadata keys holding the `features` of graph inputs and outputs, as JSON
 * `{ "<tensor>": ["<name>", ...] }`. ONNX IR 7 has no per-tensor metadata (ValueInfoProto's
 * metadata_props came with IR 10), and `input_features` is the key hepuq's graph builder writes.
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

/** Whether the metadata value `json` holds exactly `map` (key order aside). */
function holds(json: string, map: Record<string, string[]>): boolean {
  const stored = parseFeatureMap(json);
  const entries = Object.entries(stored ?? {});
  return stored !== undefined && entries.length === Object.keys(map).length && entries.every(([k, v]) => JSON.stringify(v) === JSON.stringify(map[k]));
}

/** The first metadata key that disagrees with the tensors' `features` (for `validateGraph`), if any. */
export function featureConflict(graph: ModelGraph): string | undefined {
  for (const side of SIDES) {
    const map = featureMap(graph[side]);
    const key = FEATURES_KEY[side];
    if (map !== undefined && key in graph.metadata && !holds(graph.metadata[key], map)) return key;
  }
  return undefined;
}

/** `graph.metadata` plus the tensors' features under `FEATURES_KEY` (an agreeing entry is kept as given). */
export function metadataWithFeatures(graph: ModelGraph): Record<string, string> {
  const metadata = { ...graph.metadata };
  for (const side of SIDES) {
    const map = featureMap(graph[side]);
    if (map !== undefined) metadata[FEATURES_KEY[side]] ??= JSON.stringify(map);
  }
  return metadata;
}

/** `tensors` with the `features` that `metadata` names for them; `undefined` when the entry is not such a JSON object. */
export function withFeatures(tensors: GraphTensor[], metadata: Record<string, string>, side: Side): GraphTensor[] | undefined {
  const json = metadata[FEATURES_KEY[side]];
  if (json === undefined) return tensors;
  const byName = parseFeatureMap(json);
  return byName && tensors.map((t) => (Object.hasOwn(byName, t.name) ? { ...t, features: byName[t.name] } : t));
}
