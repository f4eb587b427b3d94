import { z } from '@hepuq/core';

/** Registry key of the `hepuq scale-pulls` command, the `scale-pulls` run step and its report section. */
export const SCALE_PULLS = 'scale-pulls';

/** How the pull divides the NLO-LO shift: by the LO uncertainty on the side of the shift, or by their mean. */
export const PullDefinition = z.enum(['asymmetric', 'symmetrised']);
export type PullDefinition = z.infer<typeof PullDefinition>;

/** `plain`: LO scale-variation error bars as they are; `reference`: also the reference-process correction. */
export const PullMethod = z.enum(['plain', 'reference']);
export type PullMethod = z.infer<typeof PullMethod>;

/** Which scale points make the envelope of a scale-point table (`auto`: 7-point when its columns are present). */
export const EnvelopeChoice = z.enum(['auto', '3-point', '7-point']);
export type EnvelopeChoice = z.infer<typeof EnvelopeChoice>;

/** Analysis settings shared by the plugin options, the command flags and the run step. */
export const ScalePullsSettings = z
  .object({
    /** Process table (CSV or JSON). Default: the shipped pulls-by-process.csv. */
    table: z.string().min(1).optional(),
    /** QCD reference table. Default: the shipped qcd-reference.csv. */
    reference: z.string().min(1).optional(),
    method: PullMethod.default('reference'),
    pull: PullDefinition.default('asymmetric'),
    envelope: EnvelopeChoice.default('auto'),
    /** |t| above which a process is listed as populating the tail. */
    tailThreshold: z.number().positive().finite().default(3),
  })
  .strict();
export type ScalePullsSettings = z.infer<typeof ScalePullsSettings>;

/** Options of `scaleUncertainty(options)`: the analysis defaults plus the report's histogram range. */
export const ScaleUncertaintyOptions = ScalePullsSettings.extend({
  /** Pull histograms span [-histogramRange, +histogramRange]; pulls outside land in the edge bins. */
  histogramRange: z.number().positive().finite().default(8),
}).strict();
export type ScaleUncertaintyOptions = z.input<typeof ScaleUncertaintyOptions>;
export type ResolvedScaleUncertaintyOptions = z.infer<typeof ScaleUncertaintyOptions>;
