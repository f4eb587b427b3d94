import { HepuqError, type RunStepFiles } from '@hepuq/core';
import { RUN_NAME } from './run-config.js';

/** Names the run directory itself uses: a step cannot take them. */
const RESERVED = new Set(['config.resolved.json', 'metrics.json', 'metrics.uncalibrated.json', 'steps.json', 'predictions.csv', 'samples.csv', 'model', 'report.html', 'unfolded.json']);

/** The files run steps add to the run directory, collected until the run publishes it. */
export class StepFiles {
  readonly #files = new Map<string, { step: string; content: string }>();

  /** The `files` a step gets: every name checked (one safe segment, not reserved, not taken) when added. */
  forStep(step: string): RunStepFiles {
    const add = (name: string, content: string) => {
      if (!RUN_NAME.test(name) || RESERVED.has(name) || name.startsWith('unfolded-weights.')) {
        throw new HepuqError('InvalidArgument', `step "${step}" cannot write "${name}" into the run directory`, {
          hint: `Use one file name of letters, digits, ".", "_" and "-" other than ${[...RESERVED].join(', ')}.`,
        });
      }
      const taken = this.#files.get(name);
      if (taken) throw new HepuqError('InvalidArgument', `step "${step}" writes "${name}", which step "${taken.step}" already wrote`, { hint: 'Give each step its own file names (e.g. prefix them with the step key).' });
      this.#files.set(name, { step, content });
    };
    return { json: (name, value) => add(name, JSON.stringify(value, null, 2)), text: add };
  }

  /** Every file as name and content. */
  entries(): [string, string][] {
    return [...this.#files].map(([name, f]) => [name, f.content]);
  }
}
