import { packageMeta, type HepuqPlugin } from '@hepuq/core';
import { inferenceStep } from './inference-step.js';
import { fitCommand } from './fit.command.js';
import { fitProcedure } from './fit.procedure.js';
import { hypotestCommand } from './hypotest.command.js';
import { hypotestProcedure } from './hypotest.procedure.js';
import { limitCommand } from './limit.command.js';
import { scanCommand } from './scan.command.js';
import { scanProcedure } from './scan.procedure.js';
import { upperLimitProcedure } from './upper-limit.procedure.js';

const meta = packageMeta(import.meta.url);

export const INFERENCE_PLUGIN_NAME = meta.name;

/** HistFactory likelihood inference: fit, scan, hypotest and upper-limit procedures, each also a run step, and their commands. */
export function inferencePlugin(): HepuqPlugin {
  return {
    meta,
    register(ctx) {
      for (const procedure of [fitProcedure, scanProcedure, hypotestProcedure, upperLimitProcedure]) {
        ctx.inference.add(procedure.key, procedure);
        ctx.steps.add(procedure.key, inferenceStep(procedure));
      }
      for (const command of [fitCommand, scanCommand, hypotestCommand, limitCommand]) ctx.commands.add(command.name, command);
    },
  };
}
