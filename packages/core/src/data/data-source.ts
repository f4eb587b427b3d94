import { z } from 'zod';
import { resolveDataSource } from '../format/format-lookup.js';
import { parseOrThrow } from '../plugin/parse-or-throw.js';
import type { Rng } from '../random/rng.js';
import type { Registries } from '../registry/registries.js';
import type { Dataset } from './dataset.js';
import { SetSource } from './set-source.js';

const Options = z.record(z.string(), z.unknown()).default({});

/** Data from a toy generator with known truth. */
export const ToySource = z.object({ toy: z.string(), n: z.number().int().positive(), options: Options }).strict();

/** Data from a file; the format comes from the extension or `format`. `path` may name an item: `f.root:Events`. */
export const FileSource = z
  .object({
    path: z.string(),
    format: z.string().optional(),
    /** Flat features; may be empty (or omitted) when `sets` are read. */
    features: z.array(z.string()).default([]),
    /** One regression target column, or several (multi-target regression: a diagonal Gaussian per target). */
    target: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    label: z.string().optional(),
    weight: z.string().optional(),
    nuisances: z.array(z.string()).optional(),
    extras: z.array(z.string()).optional(),
    /** Particle sets by name, e.g. a jet's constituents (docs/run-config.md, "Particle sets"). */
    sets: z.record(z.string().min(1), SetSource).optional(),
    options: Options,
  })
  .strict()
  .refine((s) => !(s.target && s.label), { message: 'give either `target` (regression) or `label` (classification), not both' })
  .refine((s) => !Array.isArray(s.target) || new Set(s.target).size === s.target.length, { message: 'each target column may be listed once', path: ['target'] })
  .refine((s) => s.features.length > 0 || Object.keys(s.sets ?? {}).length > 0, {
    message: 'give at least one feature column (`features: [...]`) or a particle set (`sets: { name: { columns, size } }`)',
    path: ['features'],
  });

/**
 * A data source as run configs and run steps name it: `{ toy, n, options }` or
 * `{ path, features, label | target, weight, nuisances, extras, sets, format, options }`.
 */
export const DataSource = z.union([ToySource, FileSource]);
export type DataSource = z.infer<typeof DataSource>;

/**
 * Load a data source: a toy from the toys registry (its truth in `extras`; options validated by the
 * toy), or a file through the formats registry, chosen by `format` or the file extension.
 * @example const observed = await loadDataSource(services.resolve(RegistriesToken), { toy: 'aware-2d', n: 1000 }, rng)
 */
export async function loadDataSource(registries: Pick<Registries, 'toys' | 'formats'>, source: DataSource, rng: Rng): Promise<Dataset> {
  if ('toy' in source) {
    const toy = registries.toys.get(source.toy);
    return toy.generate(source.n, parseOrThrow(toy.options, source.options, { code: 'InvalidConfig', where: `toy "${source.toy}"`, path: 'options' }), rng);
  }
  const { format, path, item } = resolveDataSource(registries, source.path, source.format);
  const { path: _path, format: _format, options, ...columns } = source;
  return format.read(path, columns, { item, options });
}
