import { z } from 'zod';
import { parseOrThrow } from '@hepuq/core';
import { fitConfig, type FitConfig } from './fit-config.js';
import { HistFactoryModel } from './histfactory-model.js';
import { parseWorkspace } from './parse-workspace.js';
import type { WorkspaceSpec } from './workspace.schema.js';

/** Options every inference procedure shares: the workspace and how to build its model. */
export const ModelInput = z
  .object({
    /** A pyhf JSON workspace (already parsed JSON; validated here). */
    workspace: z.unknown(),
    /** Name used in error messages (e.g. the file path). */
    source: z.string().default('workspace'),
    measurement: z.string().optional(),
    normsys: z.enum(['code0', 'code1', 'code4']).default('code4'),
    histosys: z.enum(['code0', 'code4p']).default('code4p'),
    /** Parameters to fix, by label: { "lumi": 1 }. */
    fixed: z.record(z.string(), z.number()).optional(),
    /** Bound overrides, by label: { "mu": [-10, 10] }. */
    bounds: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
    /** Initial values, by label. */
    init: z.record(z.string(), z.number()).optional(),
  })
  .strict();
export type ModelInput = z.input<typeof ModelInput>;

/** A compiled model with its observed data and fit configuration. */
export interface PreparedModel {
  ws: WorkspaceSpec;
  model: HistFactoryModel;
  data: Float64Array;
  cfg: FitConfig;
  measurement: string;
}

/** Validate `input` against `schema` (an extension of ModelInput), naming the offending key. */
export function parseInput<S extends z.ZodType>(procedure: string, schema: S, input: unknown): z.infer<S> {
  return parseOrThrow(schema, input, { code: 'InvalidArgument', where: procedure });
}

/** Parse the workspace, compile the model for the chosen measurement, apply fit overrides. */
export function prepareModel(input: z.infer<typeof ModelInput>): PreparedModel {
  const ws = parseWorkspace(input.workspace, input.source);
  const model = HistFactoryModel.fromWorkspace(ws, { measurement: input.measurement, normsys: input.normsys, histosys: input.histosys });
  const cfg = fitConfig(model, { fixed: input.fixed, bounds: input.bounds, init: input.init });
  return { ws, model, data: model.observedData(ws), cfg, measurement: input.measurement ?? ws.measurements[0].name };
}
