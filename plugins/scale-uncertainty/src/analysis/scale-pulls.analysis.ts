import { HepuqError } from '@hepuq/core';
import { classifyFinalState } from '../physics/final-state.js';
import { pull } from '../physics/pull.js';
import { summarisePulls } from '../physics/pull-summary.js';
import { qcdPerParticleAverage, referenceUncertainty } from '../physics/reference-process.js';
import type { PullDefinition, PullMethod } from '../scale-uncertainty.options.js';
import type { ProcessTable } from '../tables/process-row.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { SCALE_PULLS_RESULT_KIND, type GroupSummaries, type ProcessPull, type ScalePullsResult, type TailProcess } from './scale-pulls.result.js';

/** Settings of one analysis. */
export interface AnalysisSettings {
  method: PullMethod;
  pull: PullDefinition;
  tailThreshold: number;
}

/** How many of the largest plain pulls the before/after comparison lists. */
const LARGEST = 5;

/**
 * Pulls t = (σ_NLO - σ_LO)/Δσ_LO for every process of `table`, their summaries per group and tail,
 * and with method `reference` the same after Δσ_LO -> n <Δσ/(n σ0)>_QCD from `reference`.
 * @example analyseScalePulls(pullsTable, qcdTable, { method: 'reference', pull: 'asymmetric', tailThreshold: 3 })
 */
export function analyseScalePulls(table: ProcessTable, reference: ProcessTable | undefined, settings: AnalysisSettings): ScalePullsResult {
  const average = settings.method === 'reference' ? qcdPerParticleAverage(requireReference(reference).rows) : undefined;
  const processes = table.rows.map((row): ProcessPull => {
    if (row.relShift === undefined) {
      throw new HepuqError('MissingColumn', `${row.source} ("${row.process}"): no NLO cross section or pull, so no pull can be computed`, {
        plugin: PLUGIN_NAME,
        hint: 'Pass a table with nlo_pb / nlo_1_1 or a published pull column; a relative-only table can only be a --reference.',
      });
    }
    const finalState = classifyFinalState(row.process);
    const base: ProcessPull = {
      process: row.process, nFinal: row.nFinal, group: finalState.group, multiBoson: finalState.multiBoson,
      envelope: row.envelope, relUncUp: row.relUp, relUncDown: row.relDown, relShift: row.relShift,
      pullPlain: pull(settings.pull, row.relShift, row.relUp, row.relDown),
      ...(row.publishedPull === undefined ? {} : { publishedPull: row.publishedPull }),
    };
    if (!average) return base;
    const ref = referenceUncertainty(row.nFinal, average);
    return { ...base, refUncUp: ref.relUp, refUncDown: ref.relDown, pullReference: pull(settings.pull, row.relShift, ref.relUp, ref.relDown) };
  });
  const plain = (p: ProcessPull) => p.pullPlain;
  const corrected = (p: ProcessPull) => p.pullReference as number;
  return {
    kind: SCALE_PULLS_RESULT_KIND,
    table: { path: table.name, layout: table.layout, processes: processes.length },
    ...(average && reference ? { reference: { path: reference.name, layout: reference.layout, qcdPerParticle: average, processes: referenceProcesses(reference) } } : {}),
    method: settings.method,
    pullDefinition: settings.pull,
    tailThreshold: settings.tailThreshold,
    processes,
    summary: { plain: groupSummaries(processes, plain), ...(average ? { reference: groupSummaries(processes, corrected) } : {}) },
    tail: {
      plain: tailProcesses(processes, plain, settings.tailThreshold),
      ...(average ? { reference: tailProcesses(processes, corrected, settings.tailThreshold) } : {}),
    },
    ...(average ? { largestPulls: largestPulls(processes) } : {}),
  };
}

function requireReference(reference: ProcessTable | undefined): ProcessTable {
  if (!reference) throw new HepuqError('InvalidArgument', 'method "reference" needs a QCD reference table', { plugin: PLUGIN_NAME });
  return reference;
}

function referenceProcesses(reference: ProcessTable) {
  return reference.rows.map((r) => ({ process: r.process, nFinal: r.nFinal, relUncUp: r.relUp, relUncDown: r.relDown }));
}

/** Summaries over all processes, QCD-only, electroweak, and electroweak multi-boson final states. */
function groupSummaries(processes: ProcessPull[], t: (p: ProcessPull) => number): GroupSummaries {
  const over = (keep: (p: ProcessPull) => boolean) => summarisePulls(Float64Array.from(processes.filter(keep), t));
  return {
    all: over(() => true),
    qcd: over((p) => p.group === 'qcd'),
    electroweak: over((p) => p.group === 'electroweak'),
    'multi-boson': over((p) => p.multiBoson),
  };
}

/** Processes with |t| > threshold, largest |t| first. */
function tailProcesses(processes: ProcessPull[], t: (p: ProcessPull) => number, threshold: number): TailProcess[] {
  return processes
    .filter((p) => Math.abs(t(p)) > threshold)
    .map((p) => ({ process: p.process, group: p.group, multiBoson: p.multiBoson, pull: t(p) }))
    .sort((a, b) => Math.abs(b.pull) - Math.abs(a.pull));
}

/** The largest plain pulls, before and after the reference correction. */
function largestPulls(processes: ProcessPull[]) {
  return [...processes]
    .sort((a, b) => Math.abs(b.pullPlain) - Math.abs(a.pullPlain))
    .slice(0, LARGEST)
    .map((p) => ({ process: p.process, before: p.pullPlain, after: p.pullReference as number, factor: Math.abs(p.pullPlain / (p.pullReference as number)) }));
}
