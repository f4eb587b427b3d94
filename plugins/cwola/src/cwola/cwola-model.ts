import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HepuqError, writeDirAtomic, type Dataset, type FittedModel, type ModelDiagnostics, type PredictOptions, type Prediction } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { CWOLA, type CwolaOptions } from './cwola.options.js';
import { cwolaDiagnostics } from './cwola-diagnostics.js';

/** The sub-directory of a saved CWoLa model that holds its classifier. */
export const CLASSIFIER_DIR = 'classifier';
/** The file beside it naming the method and its options. */
export const CWOLA_SPEC_FILE = 'cwola.json';

/** What `cwola.json` holds. */
export interface CwolaSpec {
  method: typeof CWOLA;
  options: CwolaOptions;
}

/**
 * A CWoLa classifier: the trained mixed-sample classifier, whose probability of "sample 1" is the
 * anomaly score (monotone in the signal-to-background likelihood ratio), plus the CWoLa diagnostics.
 * Saved as `cwola.json` and the classifier's own directory `classifier/`, written atomically together.
 */
export class CwolaModel implements FittedModel {
  readonly method = CWOLA;
  readonly task = 'classification' as const;

  constructor(readonly classifier: FittedModel, readonly options: CwolaOptions) {}

  predict(data: Dataset, options?: PredictOptions): Promise<Prediction> {
    return this.classifier.predict(data, options);
  }

  diagnostics(test: Dataset, prediction: Prediction): ModelDiagnostics {
    return prediction.kind === 'classification' ? cwolaDiagnostics(test, prediction.prob, this.options.truth) : {};
  }

  async save(dir: string): Promise<void> {
    const spec: CwolaSpec = { method: CWOLA, options: this.options };
    await writeDirAtomic(dir, async (tmp) => {
      await this.classifier.save(join(tmp, CLASSIFIER_DIR));
      await writeFile(join(tmp, CWOLA_SPEC_FILE), JSON.stringify(spec, null, 2));
    }, { kind: 'model' });
  }

  dispose(): void {
    this.classifier.dispose();
  }
}

/** Read `cwola.json` of a saved CWoLa model. */
export async function readCwolaSpec(dir: string): Promise<CwolaSpec> {
  let spec: CwolaSpec;
  try {
    spec = JSON.parse(await readFile(join(dir, CWOLA_SPEC_FILE), 'utf8')) as CwolaSpec;
  } catch (e) {
    throw new HepuqError('ModelLoadFailed', `cannot read a CWoLa model from ${dir}: ${(e as Error).message}`, { cause: e, plugin: PLUGIN_NAME });
  }
  if (spec.method !== CWOLA) throw new HepuqError('ModelLoadFailed', `${dir} holds a "${String(spec.method)}" model, not "${CWOLA}"`, { plugin: PLUGIN_NAME });
  return spec;
}
