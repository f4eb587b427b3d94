import { existsSync, readFileSync } from 'node:fs';
import {
  DataSource, formatForPath, HepuqError, loadDataSource, parseOrThrow, splitItemPath, type Dataset, type HepuqApp,
} from '@hepuq/core';
import { parse as parseYaml } from 'yaml';
import type { SavedRun } from './saved-run.js';

const SPEC_FILE = /\.(ya?ml|json)$/i;

type FileSource = Extract<DataSource, { path: string }>;

/**
 * The data `hepuq predict --data <source>` names: an inline data source (`'{path: f.csv, features: [x]}'`
 * or `'{toy: gauss-1d, n: 1000}'`), a YAML/JSON file holding one, or a data file read with the
 * column layout of the run that trained the model (its test source, else its train source: features,
 * sets, options; truth and weight columns only when the file has them, since new data often has none).
 */
export async function predictionData(app: HepuqApp, arg: string, saved: SavedRun): Promise<Dataset> {
  const source = arg.trimStart().startsWith('{') ? parseSource(parseYamlText(arg, '--data'), '--data')
    : SPEC_FILE.test(arg) && existsSync(arg) ? parseSource(parseYamlText(readFileSync(arg, 'utf8'), arg), arg)
    : await runLayout(app, arg, saved);
  return loadDataSource(app.registries, source, app.rng.fork('data:predict'));
}

function parseYamlText(text: string, where: string): unknown {
  try {
    return parseYaml(text);
  } catch (e) {
    throw new HepuqError('ParseError', `${where}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function parseSource(raw: unknown, where: string): DataSource {
  return parseOrThrow(DataSource, raw, { code: 'InvalidCommandLine', where, hint: 'A data source is `{path, features, sets, ...}` as in a run config\'s `data.train` (docs/run-config.md), or `{toy, n, options}`.' });
}

/** The file `arg` with the columns the run read from its own file. */
async function runLayout(app: HepuqApp, arg: string, saved: SavedRun): Promise<DataSource> {
  const data = saved.config?.data;
  const layout = [data?.test, data?.train].find((s): s is FileSource => s !== undefined && 'path' in s);
  if (!layout) {
    const why = saved.config ? 'the run read its data from a toy' : `${saved.modelDir} is not inside a run directory`;
    throw new HepuqError('InvalidCommandLine', `--data ${arg}: cannot tell which columns to read (${why})`, {
      hint: 'Describe the columns as a data source: --data \'{path: new.csv, features: [x1, x2]}\' (with `sets:` for particle sets), or a YAML file holding one.',
    });
  }
  // a file of the run's format keeps its item (tree, HDF5 key) and format options; another format gets neither
  const format = formatForPath(app.registries, arg);
  const sameFormat = format === formatForPath(app.registries, layout.path, layout.format);
  const given = splitItemPath(arg);
  const old = splitItemPath(layout.path);
  const path = given.item === undefined && old.item !== undefined && sameFormat ? `${given.path}:${old.item}` : arg;
  const source: FileSource = sameFormat ? { ...layout, path, format: undefined } : { ...layout, path, format: undefined, options: {} };
  // truth, weights and extras are read when the new file has them; the inputs must be there
  const target = splitItemPath(path);
  const columns = await format.columns?.(target.path, { item: target.item, options: source.options });
  if (!columns) return source;
  const has = (c: string | undefined) => c !== undefined && columns.includes(c);
  return {
    ...source,
    // several targets are read only when the new file has all of them
    target: [source.target ?? []].flat().every(has) ? source.target : undefined,
    label: has(source.label) ? source.label : undefined,
    weight: has(source.weight) ? source.weight : undefined,
    nuisances: source.nuisances?.filter(has),
    extras: source.extras?.filter(has),
  };
}
