import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHepuq } from '@hepuq/core';
import { describeCommandConformance, describeInferenceProcedureConformance, describeRunStepConformance, type CommandInvocation } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { INFERENCE_PLUGIN_NAME, inferencePlugin } from './index.js';

// one bin, a normfactor and a normsys: every procedure runs in milliseconds on it
const path = fileURLToPath(new URL('./fixtures/1bin_normsys.json', import.meta.url));
const missing = fileURLToPath(new URL('./fixtures/no-such-workspace.json', import.meta.url));
const workspace = JSON.parse(readFileSync(path, 'utf8')) as unknown;

/** What each procedure (and its step) needs besides the workspace. */
const EXTRA: Record<string, Record<string, unknown>> = {
  fit: {},
  scan: { values: [0, 1, 2] },
  hypotest: { mu: 1 },
  'upper-limit': { scan: [0, 1, 2, 3, 4] },
};

/** Examples and bad invocations of each command. */
const COMMANDS: Record<string, { examples: CommandInvocation[]; invalid: (CommandInvocation & { mentions: string })[] }> = {
  fit: {
    examples: [{ args: [path] }, { args: [path], options: { fix: 'bkg_norm=0' } }],
    invalid: [{ args: [path], options: { fix: 'bkg_norm' }, mentions: '--fix' }, { args: [missing], mentions: 'no-such-workspace.json' }],
  },
  scan: { examples: [{ args: [path], options: { range: '0:2:3' } }], invalid: [{ args: [path], options: { range: '0:2' }, mentions: '--range' }] },
  hypotest: { examples: [{ args: [path], options: { mu: '1' } }], invalid: [{ args: [path], options: { mu: 'one' }, mentions: '--mu' }] },
  limit: { examples: [{ args: [path], options: { scan: '0:4:5' } }], invalid: [{ args: [path], options: { level: '2' }, mentions: 'level' }] },
};

// every procedure, step and command the plugin registers, as an app sees them
const app = await createHepuq({ plugins: [inferencePlugin()] });
afterAll(() => app.dispose());
const owned = <T>(entries: { value: T; owner: string }[]) => entries.filter((e) => e.owner === INFERENCE_PLUGIN_NAME).map((e) => e.value);
const need = <T>(table: Record<string, T>, key: string): T => {
  if (!(key in table)) throw new Error(`conformance.spec.ts: add conformance inputs for "${key}"`);
  return table[key];
};

for (const procedure of owned(app.registries.inference.entries())) {
  const extra = need(EXTRA, procedure.key);
  describeInferenceProcedureConformance({
    procedure,
    input: { workspace, ...extra },
    invalidInputs: [
      { input: { workspace, ...extra, normsys: 'code9' }, field: 'normsys' },
      { input: { workspace, ...extra, fixed: { bkg_norm: 'one' } }, field: 'fixed' },
    ],
  });
}

// as a run step the workspace may also be a path, read when the step runs
for (const step of owned(app.registries.steps.entries())) {
  const extra = need(EXTRA, step.key);
  describeRunStepConformance({
    step,
    options: { workspace: path, ...extra },
    invalidOptions: [{ options: { workspace: path, ...extra, histosys: 'code3' }, field: 'histosys' }],
  });
}

for (const command of owned(app.registries.commands.entries())) describeCommandConformance({ command, ...need(COMMANDS, command.name) });
