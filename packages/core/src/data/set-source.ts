import { z } from 'zod';

/** The placeholder of an indexed column family: `E_{i}` names the flat columns `E_0, E_1, ...`. */
export const INDEX_TOKEN = '{i}';

/** The largest padded size P a set may ask for (a [n, P, F] block is allocated up front). */
export const MAX_SET_SIZE = 4096;

/** The per-particle kinematics a four-momentum preprocessing derives, in output order. */
export const KINEMATICS = ['pt', 'eta', 'phi', 'e'] as const;

/**
 * Standard per-particle preprocessing from four-momentum columns (docs/run-config.md, "Particle sets",
 * gives every formula). The four features named by `fourMomentum` are replaced by `pt, eta, phi, e`
 * (renamed by the options: `rel_pt`, `deta`, `dphi`, `log_pt`, ...); other columns pass through.
 */
export const SetPreprocess = z
  .object({
    /** The set's features (keys of `columns`) holding E, px, py, pz. */
    fourMomentum: z.object({ e: z.string().min(1), px: z.string().min(1), py: z.string().min(1), pz: z.string().min(1) }).strict().default({ e: 'e', px: 'px', py: 'py', pz: 'pz' }),
    /** eta and phi relative to the jet axis (`deta`, `dphi`, dphi wrapped to (-pi, pi]). */
    center: z.boolean().default(false),
    /** pt / jet pT and e / jet E (`rel_pt`, `rel_e`). */
    relativePt: z.boolean().default(false),
    /** Natural log of these features after the other options (`log_pt`, `log_rel_e`, ...); a real particle's value must be > 0. */
    log: z.array(z.enum(['pt', 'e'])).default([]),
  })
  .strict();
export type SetPreprocess = z.infer<typeof SetPreprocess>;

/** Which slots of an indexed column family are empty: every column 0 (`all-zero`), or one feature equal to `value`. */
export const SetPadding = z.union([z.literal('all-zero'), z.object({ feature: z.string().min(1), value: z.number().default(0) }).strict()]);
export type SetPadding = z.infer<typeof SetPadding>;

/**
 * One particle set of a file source (`sets: { <name>: ... }`): per event a padded [size x F] block
 * with a mask, read from per-event lists (a jagged ROOT branch, a Parquet list column) or from a
 * family of indexed flat columns (`E_{i}`: `E_0, E_1, ...`, the top-tagging layout).
 * @example SetSource.parse({ columns: { e: 'E_{i}', px: 'PX_{i}', py: 'PY_{i}', pz: 'PZ_{i}' }, size: 30, orderBy: 'pt', preprocess: {} })
 */
export const SetSource = z
  .object({
    /** Feature name -> source column: a list column, or an indexed family containing `{i}` (all of one kind). */
    columns: z.record(z.string().min(1), z.string().min(1)).refine((c) => Object.keys(c).length > 0, { message: 'name at least one column' }),
    /** P, the particles kept per event (indexed columns: read for i < size). */
    size: z.number().int().min(1).max(MAX_SET_SIZE),
    /** Keep the `size` particles with the largest value of this output feature, in decreasing order (absent: file order). */
    orderBy: z.string().min(1).optional(),
    /** Indexed columns only: which slots are empty (default `all-zero`). */
    padding: SetPadding.optional(),
    /** Derive pt, eta, phi, e (and the options' variants) from four-momentum columns. */
    preprocess: SetPreprocess.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const entries = Object.entries(s.columns);
    const indexed = entries.filter(([, c]) => c.includes(INDEX_TOKEN));
    if (indexed.length > 0 && indexed.length < entries.length) {
      issue(['columns'], `give every column as an indexed family (${indexed.map(([, c]) => c).join(', ')}) or none; ${entries.filter(([, c]) => !c.includes(INDEX_TOKEN)).map(([, c]) => c).join(', ')} ${indexed.length === entries.length - 1 ? 'is' : 'are'} not`);
    }
    for (const [f, c] of indexed) if (c.split(INDEX_TOKEN).length !== 2) issue(['columns', f], `"${c}" must contain ${INDEX_TOKEN} exactly once`);
    if (s.padding !== undefined && indexed.length === 0) issue(['padding'], 'applies to indexed columns (`E_{i}`) only; list columns have no empty slots');
    if (typeof s.padding === 'object' && !(s.padding.feature in s.columns)) issue(['padding', 'feature'], `"${s.padding.feature}" is not one of the columns (${Object.keys(s.columns).join(', ')})`);
    if (s.preprocess) {
      for (const [role, f] of Object.entries(s.preprocess.fourMomentum)) {
        if (!(f in s.columns)) issue(['preprocess', 'fourMomentum', role], `"${f}" is not one of the columns (${Object.keys(s.columns).join(', ')})`);
      }
      const fm = Object.values(s.preprocess.fourMomentum);
      if (new Set(fm).size !== 4) issue(['preprocess', 'fourMomentum'], 'name four different columns for e, px, py, pz');
      const clash = Object.keys(s.columns).filter((f) => !fm.includes(f) && setFeatureNames(s).filter((o) => o === f).length > 1);
      if (clash.length) issue(['columns'], `${clash.join(', ')} would clash with a feature the preprocessing derives; rename it`);
    }
    if (s.orderBy !== undefined && !setFeatureNames(s).includes(s.orderBy)) {
      issue(['orderBy'], `"${s.orderBy}" is not a feature of the set; it has ${setFeatureNames(s).join(', ')}`);
    }
  });
export type SetSource = z.infer<typeof SetSource>;
/** A set as a config or an API call gives it (defaults not yet applied). */
export type SetSourceInput = z.input<typeof SetSource>;

/** The name of a derived kinematic feature under the preprocessing options. */
export function kinematicName(base: (typeof KINEMATICS)[number], p: SetPreprocess): string {
  if (base === 'eta' || base === 'phi') return p.center ? `d${base}` : base;
  return `${p.log.includes(base) ? 'log_' : ''}${p.relativePt ? 'rel_' : ''}${base}`;
}

/**
 * The set's per-particle features, in order: without preprocessing the keys of `columns`; with it
 * `pt, eta, phi, e` as renamed by the options (`rel_pt`, `deta`, `dphi`, `log_e`, ...) followed by
 * the columns that are not part of the four-momentum.
 * @example setFeatureNames(SetSource.parse({ columns: { e: 'E', px: 'PX', py: 'PY', pz: 'PZ', q: 'Q' }, size: 5, preprocess: { center: true } })) // ['pt', 'deta', 'dphi', 'e', 'q']
 */
export function setFeatureNames(s: Pick<SetSource, 'columns' | 'preprocess'>): string[] {
  const names = Object.keys(s.columns);
  const p = s.preprocess;
  if (!p) return names;
  const fm = Object.values(p.fourMomentum);
  return [...KINEMATICS.map((k) => kinematicName(k, p)), ...names.filter((f) => !fm.includes(f))];
}

/** Whether a source column names an indexed family (`E_{i}`). */
export function isIndexedColumn(column: string): boolean {
  return column.includes(INDEX_TOKEN);
}

/**
 * Member `i` of an indexed family.
 * @example indexedColumn('PX_{i}', 3) // 'PX_3'
 */
export function indexedColumn(pattern: string, i: number): string {
  return pattern.replace(INDEX_TOKEN, String(i));
}
