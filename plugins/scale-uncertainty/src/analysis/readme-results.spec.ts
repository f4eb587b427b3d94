import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHepuq, formatNumber, formatWithError } from '@hepuq/core';
import { captureCommandContext } from '@hepuq/testing';
import { describe, expect, it } from 'vitest';
import { scaleUncertainty } from '../scale-uncertainty.plugin.js';
import { SCALE_PULLS } from '../scale-uncertainty.options.js';
import { parseTable, readTable } from '../tables/parse-table.js';
import { SHIPPED_TABLES } from '../tables/shipped-tables.js';
import { comparePublishedPulls } from './published-agreement.js';
import { analyseScalePulls } from './scale-pulls.analysis.js';

/*
 * Every result the package README (and the method page, and data/README.md) quotes, recomputed from the
 * shipped tables and compared with the text as printed. The tolerance is the printed precision: each
 * number is formatted to the digits the README shows and compared as a string, i.e. to half a unit of
 * its last digit. No statistical tolerance is needed: the inputs are fixed published tables and the
 * float64 arithmetic is exact to ~1e-15, far below any printed digit, so a change of the code or the
 * tables that moves a printed number fails here, and so does a hand edit of the README.
 */

const text = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
const README = text('../../README.md');
const METHOD_PAGE = text('../../../../docs/methods/scale-uncertainty.md');
const DATA_README = text('../../data/README.md');
/** Line breaks of wrapped Markdown prose do not matter. */
const prose = (markdown: string) => markdown.replace(/\s+/g, ' ');

/** The rows of the first Markdown table after `heading`. */
function tableAfter(markdown: string, heading: string): string[] {
  const lines = markdown.slice(markdown.indexOf(heading)).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = lines.slice(first);
  return rows.slice(0, rows.findIndex((l) => !l.startsWith('|')));
}

async function computed() {
  const [loNlo, pulls, reference] = await Promise.all([readTable(SHIPPED_TABLES.loNlo), readTable(SHIPPED_TABLES.pulls), readTable(SHIPPED_TABLES.qcdReference)]);
  const settings = { method: 'reference', pull: 'asymmetric', tailThreshold: 3 } as const;
  // p p > h is not a shipped row: its published inputs (data/README.md) go through the same layout and analysis
  const higgs = parseTable('madgraph_syntax,n_final,rel_scale_unc_lo,pull_nlo_vs_lo\np p > h,1,3.48e-1,3.02\n', { name: 'higgs.csv' });
  return {
    loNlo,
    agreement: comparePublishedPulls(loNlo.rows, pulls.rows),
    symmetrised: comparePublishedPulls(loNlo.rows, pulls.rows, 'symmetrised'),
    result: analyseScalePulls(pulls, reference, settings),
    higgs: analyseScalePulls(higgs, reference, settings).processes[0],
    reference,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const signed = (sign: string, v: number, e: number) => `${sign}${formatWithError(v, e)}`;

describe('README "What the shipped tables give": every line recomputed', () => {
  it('matches the table row by row, as printed', async () => {
    const { agreement, symmetrised, result, higgs } = await computed();
    const worst = agreement.rows.reduce((a, b) => (b.relDeviation > a.relDeviation ? b : a));
    const average = result.reference!.qcdPerParticle;
    const plainTail = result.tail.plain;
    const multiBoson = plainTail.filter((t) => t.multiBoson);
    // the 8 multi-boson processes lead the tail, then the one other process beyond 3 sigma
    expect(plainTail.slice(0, multiBoson.length).every((t) => t.multiBoson)).toBe(true);
    const next = plainTail[multiBoson.length];
    const beyond3 = result.summary.plain.all.beyond[2];
    const largest = result.largestPulls!.map((p) => `${formatNumber(p.before)} -> ${formatNumber(p.after)} (${Math.round(p.factor)}x)`);
    const plain = result.summary.plain.all;
    const corrected = result.summary.reference!.all;
    expect(tableAfter(README, '## What the shipped tables give')).toEqual([
      '| check | published | this package |',
      '|---|---|---|',
      `| pulls from the LO/NLO rows (10 vector-boson processes, Table 5 of 1405.0301) vs the pull column | ${agreement.rows.map((r) => r.published).join(', ')} | ` +
        `${agreement.rows.map((r) => r.computed.toFixed(3)).join(', ')}: **max relative deviation ${pct(agreement.maxRelDeviation)}** (${worst.process}), ` +
        `**median ${pct(agreement.medianRelDeviation)}** (the published pulls use unrounded inputs) |`,
      `| the same with the symmetrised pull | — | max relative deviation ${pct(symmetrised.maxRelDeviation)} (the published pulls are asymmetric) |`,
      `| QCD per-particle average | +1.47e-1 / -9.34e-2 | ${signed('+', average.up, average.upError)} / ${signed('-', average.down, average.downError)} ` +
        `(error: standard error of the mean over ${average.processes} processes) |`,
      '| p p > h (n = 1; not a shipped row: Δσ/σ0 = 0.348 and t = 3.02 as quoted in `data/README.md`): reference uncertainty, pull | 1.47e-1; 3.02 -> 7.15 | ' +
        `${higgs.refUncUp!.toFixed(4)}; ${higgs.pullPlain.toFixed(2)} -> ${higgs.pullReference!.toFixed(3)} |`,
      `| tail of the plain pulls (\\|t\\| > 3) | electroweak multi-boson | the ${multiBoson.length} multi-boson processes are the ${multiBoson.length} largest pulls ` +
        `(${Math.round(multiBoson.at(-1)!.pull)} to ${Math.round(multiBoson[0].pull)}), then ${next.process} (${next.pull.toFixed(2)}); ` +
        `${Math.round(beyond3.fraction * plain.n)} of ${plain.n} beyond 3σ vs ${(100 * beyond3.gaussian).toFixed(2)}% |`,
      `| largest pulls, plain -> reference | "much reduced tails" | ${largest.join(', ')}; ` +
        `std ${formatWithError(plain.std, plain.stdError)} -> ${formatWithError(corrected.std, corrected.stdError)} |`,
    ]);
    // p p > h: the plain pull is the published input; what the method adds is the reference uncertainty and pull
    expect(higgs.publishedPull).toBe(3.02);
  });

  it('matches the paragraph below the table', async () => {
    const { result, loNlo } = await computed();
    const corrected = result.summary.reference!.all;
    const photon = result.processes.find((p) => p.process === 'p p > a j')!;
    const photonRow = loNlo.rows.find((r) => r.process === 'p p > a j')!;
    expect(prose(README)).toContain(
      `after it, mean ${formatWithError(corrected.mean, corrected.meanError)}, and p p > a j (NLO/LO = ${(photonRow.sigmaNlo! / photonRow.sigmaLo!).toFixed(2)}) ` +
        `stays in the tail at ${photon.pullReference!.toFixed(2)}.`,
    );
  });

  it('matches the numbers quoted elsewhere in the README and in data/README.md', async () => {
    const { agreement, symmetrised, reference } = await computed();
    expect(prose(README)).toContain(`the symmetrised one misses them by up to ${(100 * symmetrised.maxRelDeviation).toFixed(1)}%`);
    // averaging the rounded per_particle_down column (instead of rel_scale_unc_down / n_final) gives -9.35e-2
    const rounded = readFileSync(SHIPPED_TABLES.qcdReference, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[5]));
    expect(rounded).toHaveLength(reference.rows.length);
    const roundedAverage = (rounded.reduce((a, b) => a + b, 0) / rounded.length).toExponential(2);
    expect(prose(README)).toContain(`(averaging the rounded per-particle column would give ${roundedAverage} instead of the published -9.34e-2)`);
    expect(prose(DATA_README)).toContain(`\`per_particle_down\` column instead gives ${roundedAverage}.`);
    expect(prose(DATA_README)).toContain(
      `This package reaches a maximum relative deviation of ${(100 * agreement.maxRelDeviation).toFixed(1)}% and a median of ${(100 * agreement.medianRelDeviation).toFixed(1)}%`,
    );
  });
});

describe('docs/methods/scale-uncertainty.md: every quoted number recomputed', () => {
  it('quotes the agreement, the plain and corrected distributions and the tails as computed', async () => {
    const { agreement, symmetrised, result, higgs } = await computed();
    const page = prose(METHOD_PAGE);
    const plain = result.summary.plain.all;
    const corrected = result.summary.reference!.all;
    const pullOf = (process: string) => result.processes.find((p) => p.process === process)!;
    const average = result.reference!.qcdPerParticle;
    expect(page).toContain(`agree with them to ${pct(agreement.maxRelDeviation).replace(' ', '')} at most, median ${pct(agreement.medianRelDeviation).replace(' ', '')}`);
    expect(page).toContain(`the symmetrised definition misses by up to ${pct(symmetrised.maxRelDeviation).replace(' ', '')}`);
    expect(page).toContain(`the plain pulls have mean ${formatWithError(plain.mean, plain.meanError)} and standard deviation ${formatWithError(plain.std, plain.stdError)}`);
    expect(page).toContain(`half of the processes lie beyond 3 sigma`);
    expect(plain.beyond[2].fraction).toBe(0.5);
    const quoted = ['p p > a z wpm', 'p p > w+ w- wpm', 'p p > z z z'].map((p) => `${p}: ${p === 'p p > a z wpm' ? 't = ' : ''}${formatNumber(pullOf(p).pullPlain)}`);
    expect(page).toContain(`(${quoted.join('; ')}, ...)`);
    // the multi-boson LO scale uncertainties span 0.1% to 4% (the 1e-3 ... 4.4e-2 of the pull table)
    const bosons = result.processes.filter((p) => p.multiBoson).map((p) => p.relUncUp);
    expect(page).toContain(`is ${100 * Math.min(...bosons)}-${Math.round(100 * Math.max(...bosons))}%`);
    expect(page).toContain(`recomputed here as ${signed('+', average.up, average.upError)} / ${signed('-', average.down, average.downError)}`);
    expect(page).toContain(`that is ${higgs.refUncUp!.toFixed(3)} instead of the plain 0.348, and the pull grows from 3.02 to ${higgs.pullReference!.toFixed(2)}`);
    const factors = result.largestPulls!.map((p) => Math.round(p.factor));
    const top = result.largestPulls![0];
    expect(page).toContain(`shrink by factors of ${Math.min(...factors)} to ${Math.max(...factors)} (${formatNumber(top.before)} -> ${formatNumber(top.after)})`);
    const threeBoson = pullOf('p p > a z wpm').refUncUp!.toFixed(2);
    expect(page).toContain(`it is ${threeBoson} instead of ${Math.min(...bosons)}-${Math.max(...bosons)}`);
    const tail = result.tail.reference!.map((t) => `${t.process} at ${t.pull.toFixed(2)}`);
    expect(page).toContain(`the standard deviation is ${formatWithError(corrected.std, corrected.stdError)} and ${tail.length === 2 ? 'two' : tail.length} processes remain beyond 3 sigma (${tail.join(', ')})`);
    expect(page).toContain(`(0.0035 / 0.0015 for the shipped table)`);
    expect([average.upError, average.downError].map((e) => e.toFixed(4))).toEqual(['0.0035', '0.0015']);
  });
});

describe('README CLI excerpt', () => {
  it('is what `hepuq scale-pulls` prints, line by line (".../" and "..." stand for elided text)', async () => {
    const excerpt = README.slice(README.indexOf('$ hepuq scale-pulls\n'), README.indexOf('```', README.indexOf('$ hepuq scale-pulls'))).split('\n').slice(1, -1);
    expect(excerpt.length).toBeGreaterThan(10);
    const app = await createHepuq({ plugins: [scaleUncertainty()] });
    const { ctx, lines } = captureCommandContext(app);
    await app.registries.commands.get(SCALE_PULLS).run([], {}, ctx);
    app.dispose();
    const printed = lines.join('\n').split('\n');
    // each shown line matches a printed line, in order; "..." alone skips lines, inside a line it is any text
    let at = 0;
    for (const shown of excerpt.filter((l) => l.trim() !== '...')) {
      const pattern = new RegExp(`^${shown.split('...').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      const found = printed.findIndex((l, i) => i >= at && pattern.test(l));
      expect(found, `README line not printed (in this order): ${shown}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
