import { z } from 'zod';

/*
 * The pyhf / HistFactory JSON workspace format (pyhf `schemas/1.0.0/workspace.json`), as zod
 * schemas. Structure only; cross-references (bin counts, observations, POI) are checked in
 * `parse-workspace.ts` so that every error names its JSON path.
 */

const Bins = z.array(z.number()).min(1, 'needs at least one bin');
const NonNegativeBins = z.array(z.number().nonnegative()).min(1, 'needs at least one bin');
const Name = z.string().min(1, 'must be a non-empty string');

const NormFactor = z.object({ name: Name, type: z.literal('normfactor'), data: z.null() }).strict();
const ShapeFactor = z.object({ name: Name, type: z.literal('shapefactor'), data: z.null() }).strict();
const Lumi = z.object({ name: Name, type: z.literal('lumi'), data: z.null() }).strict();
const NormSys = z
  .object({
    name: Name,
    type: z.literal('normsys'),
    data: z.object({ hi: z.number().positive(), lo: z.number().positive() }).strict(),
  })
  .strict();
const HistoSys = z
  .object({ name: Name, type: z.literal('histosys'), data: z.object({ hi_data: Bins, lo_data: Bins }).strict() })
  .strict();
const ShapeSys = z.object({ name: Name, type: z.literal('shapesys'), data: NonNegativeBins }).strict();
const StatError = z.object({ name: Name, type: z.literal('staterror'), data: NonNegativeBins }).strict();

/** One HistFactory modifier (pyhf `defs.json#/definitions/modifier`). */
export const ModifierSpec = z.discriminatedUnion('type', [
  NormFactor, ShapeFactor, Lumi, NormSys, HistoSys, ShapeSys, StatError,
]);
export type ModifierSpec = z.infer<typeof ModifierSpec>;
export type ModifierType = ModifierSpec['type'];

export const SampleSpec = z.object({ name: Name, data: Bins, modifiers: z.array(ModifierSpec) }).strict();
export type SampleSpec = z.infer<typeof SampleSpec>;

export const ChannelSpec = z.object({ name: Name, samples: z.array(SampleSpec).min(1, 'needs at least one sample') }).strict();
export type ChannelSpec = z.infer<typeof ChannelSpec>;

export const ObservationSpec = z.object({ name: Name, data: z.array(z.number().nonnegative()) }).strict();
export type ObservationSpec = z.infer<typeof ObservationSpec>;

const Bound = z.tuple([z.number(), z.number()]);

/** Per-parameter settings of a measurement (pyhf `defs.json#/definitions/config/parameter`). */
export const ParameterConfigSpec = z
  .object({
    name: Name,
    inits: z.array(z.number()).min(1).optional(),
    bounds: z.array(Bound).min(1).optional(),
    auxdata: z.array(z.number()).min(1).optional(),
    factors: z.array(z.number()).min(1).optional(),
    sigmas: z.array(z.number().positive()).min(1).optional(),
    fixed: z.boolean().optional(),
  })
  .strict();
export type ParameterConfigSpec = z.infer<typeof ParameterConfigSpec>;

export const MeasurementSpec = z
  .object({
    name: Name,
    config: z.object({ poi: Name, parameters: z.array(ParameterConfigSpec) }).strict(),
  })
  .strict();
export type MeasurementSpec = z.infer<typeof MeasurementSpec>;

/** A complete pyhf JSON workspace: channels, observations, measurements, version. */
export const WorkspaceSpec = z
  .object({
    channels: z.array(ChannelSpec).min(1, 'needs at least one channel'),
    observations: z.array(ObservationSpec).min(1, 'needs at least one observation'),
    measurements: z.array(MeasurementSpec).min(1, 'needs at least one measurement'),
    version: z.literal('1.0.0').optional(),
  })
  .strict();
export type WorkspaceSpec = z.infer<typeof WorkspaceSpec>;
