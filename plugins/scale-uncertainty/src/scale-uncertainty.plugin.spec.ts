import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, isHepuqError, type CommandContext, type HepuqApp, type RunStepInput } from '@hepuq/core';
import { captureCommandContext, describePluginConformance } from '@hepuq/testing';
import { afterEach, describe, expect, it } from 'vitest';
import defaultExport, { PLUGIN_NAME, SCALE_PULLS, SCALE_PULLS_RESULT_KIND, scaleUncertainty, type ScalePullsResult } from './index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; files: string[]; peerDependencies: Record<string, string> };

let app: HepuqApp | undefined;
afterEach(() => {
  app?.dispose();
  app = undefined;
});

/** A CommandContext that captures print() and writeReport() instead of touching a terminal or disk. */
const fakeContext = (json = false) => captureCommandContext(undefined, json);

describePluginConformance({
  factory: (options) => scaleUncertainty(options as never),
  packageJson,
  invalidOptions: [
    { options: { method: 'magic' }, field: 'method' },
    { options: { tailThreshold: 0 }, field: 'tailThreshold' },
  ],
});

describe('plugin registration and options', () => {
  it('registers its command, run step and report section in a fresh app', async () => {
    app = await createHepuq({ plugins: [scaleUncertainty()] });
    expect(app.registries.commands.get(SCALE_PULLS).name).toBe('scale-pulls');
    expect(app.registries.steps.get(SCALE_PULLS).key).toBe(SCALE_PULLS);
    expect(app.registries.reportSections.get(SCALE_PULLS).key).toBe(SCALE_PULLS);
    const owners = ['commands', 'steps', 'reportSections'] as const;
    for (const r of owners) expect(app.registries[r].entries().find((e) => e.key === SCALE_PULLS)?.owner).toBe(PLUGIN_NAME);
    expect(app.plugins().map((m) => m.name)).toContain(PLUGIN_NAME);
  });

  it('has meta matching package.json and a default export equal to the named factory', () => {
    const plugin = scaleUncertainty();
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, core: packageJson.peerDependencies['@hepuq/core'] });
    expect(defaultExport).toBe(scaleUncertainty);
    expect(packageJson.files).toEqual(expect.arrayContaining(['dist', 'data', 'README.md']));
  });

  it.each([
    [{ method: 'magic' }, 'method'],
    [{ tailThreshold: -1 }, 'tailThreshold'],
    [{ histogramRange: 'wide' }, 'histogramRange'],
    [{ tabel: 'x.csv' }, '(root)'],
  ])('rejects bad options %j naming the field', (options, field) => {
    try {
      scaleUncertainty(options as never);
      expect.unreachable();
    } catch (e) {
      expect(isHepuqError(e) && e.code).toBe('InvalidPluginOptions');
      expect((e as Error).message).toContain(`option "${field}"`);
      expect(isHepuqError(e) && e.plugin).toBe(PLUGIN_NAME);
    }
  });

  it('cannot be registered twice in one app', async () => {
    app = await createHepuq({ plugins: [scaleUncertainty()] });
    await expect(app.use(scaleUncertainty())).rejects.toMatchObject({ code: 'DuplicateKey' });
  });
});

describe('hepuq scale-pulls (through run() with a fake context)', () => {
  it('prints tables, summaries and the before/after comparison by default', async () => {
    const { ctx, lines } = fakeContext();
    const code = await runCommand({}, ctx);
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('pulls-by-process.csv (18 processes, layout published-pulls)');
    expect(text).toMatch(/QCD per-particle average .*: \+0\.1469 ± 0\.0035 \/ -0\.0934 ± 0\.0015/);
    expect(text).toContain('p p > a z wpm: 1244 -> 2.82 (441x smaller)');
    expect(text).toContain('unit Gaussian');
  });

  it('prints one self-describing JSON object with --json', async () => {
    const { ctx, lines } = fakeContext();
    await runCommand({ json: true, method: 'plain' }, ctx);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]) as ScalePullsResult;
    expect(result.kind).toBe(SCALE_PULLS_RESULT_KIND);
    expect(result.method).toBe('plain');
    expect(result.processes).toHaveLength(18);
    expect(result.summary.plain.all.beyond.map((b) => b.k)).toEqual([1, 2, 3]);
    expect(result.reference).toBeUndefined();
  });

  it('takes --table and --pull, and writes a report with --report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-pulls-'));
    const table = join(dir, 'mine.csv');
    writeFileSync(table, 'process,n_final,lo_0.5_0.5,lo_1_1,lo_2_2,nlo_1_1\np p > j j,2,125,100,81,120\np p > z z,2,101,100,99.5,130\n');
    const { ctx, lines, reports } = fakeContext(true);
    await runCommand({ table, pull: 'symmetrised', report: join(dir, 'out') }, ctx);
    const result = JSON.parse(lines[0]) as ScalePullsResult & { reportFiles: string[] };
    expect(result.table).toEqual({ path: table, layout: 'scale-points', processes: 2 });
    // p p > j j: shift 0.2, envelope +0.25 / -0.19, symmetrised 0.2 / 0.22
    expect(result.processes[0].pullPlain).toBeCloseTo(0.2 / 0.22, 10);
    expect(result.reportFiles).toEqual([join(dir, 'out', 'report.html')]);
    expect(reports).toHaveLength(1);
    const doc = reports[0].doc;
    expect(doc.plots.map((p) => p.name)).toEqual(['pulls-plain', 'pulls-reference', 'uncertainty-vs-n']);
    expect(doc.html?.[0]).toContain('p p &gt; z z');
    expect(doc.metrics['reference.mean'].error).toBeGreaterThan(0);
  });

  it('rejects a bad flag value naming the flag', async () => {
    const { ctx } = fakeContext();
    await expect(runCommand({ method: 'fancy' }, ctx)).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('--method') });
  });

  it('names the row of a bad user table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-pulls-'));
    const table = join(dir, 'bad.csv');
    writeFileSync(table, 'madgraph_syntax,n_final,lo_pb,lo_scale_up_pct,lo_scale_down_pct,nlo_pb\np p > z,1,-5,10,-10,6\n');
    const { ctx } = fakeContext();
    await expect(runCommand({ table }, ctx)).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('bad.csv row 1 (line 2)') });
  });
});

describe('run step and report section', () => {
  it('runs as a run step (plugin defaults under the step options) and feeds the report section', async () => {
    app = await createHepuq({ plugins: [scaleUncertainty({ histogramRange: 4, tailThreshold: 4 })] });
    const step = app.registries.steps.get(SCALE_PULLS);
    const run = (options: unknown) => step.run({ ...stepServices(app!), options: step.options.parse(options) });
    expect((await run({})).tailThreshold).toBe(4); // the plugin option, not the schema default
    const output = await run({ tailThreshold: 5 });
    expect(output.kind).toBe(SCALE_PULLS_RESULT_KIND);
    expect(output.tailThreshold).toBe(5);
    const direct = await run({ method: 'plain' });
    expect(direct.method).toBe('plain');
    const section = app.registries.reportSections.get(SCALE_PULLS);
    const ctx = { name: 'run', metadata: {}, metrics: {}, artifacts: { [SCALE_PULLS]: output } };
    expect(section.applies(ctx)).toBe(true);
    expect(section.applies({ ...ctx, artifacts: {} })).toBe(false);
    expect(section.applies({ ...ctx, artifacts: { other: direct } })).toBe(true);
    const plots = section.plots(ctx);
    expect(plots).toHaveLength(3);
    expect((plots[0].spec as { layer: { data: { values: { lo: number }[] } }[] }).layer[0].data.values[0].lo).toBe(-4);
    expect(section.html?.(ctx)).toContain('<table');
  });

  it('rejects unknown step option keys when the options are parsed (before a run trains anything)', async () => {
    app = await createHepuq({ plugins: [scaleUncertainty()] });
    const parsed = app.registries.steps.get(SCALE_PULLS).options.safeParse({ methd: 'plain' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('methd');
  });
});

/** What a run hands a step besides its options; this step reads neither data nor model. */
function stepServices(app: HepuqApp) {
  return { registries: app.registries, rng: app.rng, events: app.events } as unknown as Omit<RunStepInput, 'options'>;
}

/** Run the registered command as the CLI would: through a plugin context of a fresh app. */
async function runCommand(options: Record<string, unknown>, ctx: CommandContext): Promise<number | void> {
  const local = await createHepuq({ plugins: [scaleUncertainty()] });
  try {
    return await local.registries.commands.get(SCALE_PULLS).run([], options, { ...ctx, services: local.services, events: local.events, rng: local.rng });
  } finally {
    local.dispose();
  }
}
