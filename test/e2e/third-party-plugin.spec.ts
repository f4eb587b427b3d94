import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startCli } from './cli-process.js';

// examples/third-party-plugin is an outside plugin: not a workspace member, not in the CLI's default
// list, built against @hepuq/core's published entry point. It must be reachable only by --plugin,
// HEPUQ_PLUGINS or a run config's plugins:, and then its command, step and report section all work.
const EXAMPLE = resolve('examples/third-party-plugin');
let dir: string;

async function hepuq(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const p = startCli(args, dir);
    const { code } = await p.exited;
    return { code, out: p.lines.join('\n'), err: p.stderr() };
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'hepuq-third-party-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a third-party plugin through the CLI', () => {
  it('is absent unless named, and listed with version and owner when named by --plugin (before or after the command)', async () => {
    const plain = JSON.parse((await hepuq(['plugins', '--json'])).out) as { plugins: { name: string }[] };
    expect(plain.plugins.map((p) => p.name)).not.toContain('acme-hepuq-closure');
    for (const args of [['--plugin', EXAMPLE, 'plugins', '--json'], ['plugins', '--json', `--plugin=${relative(dir, EXAMPLE)}`]]) {
      const r = await hepuq(args);
      expect(r.code, r.err).toBe(0);
      const list = JSON.parse(r.out) as { plugins: { name: string; version: string }[]; registries: Record<string, { key: string; owner: string }[]> };
      expect(list.plugins).toContainEqual({ name: 'acme-hepuq-closure', version: '1.0.0' });
      for (const kind of ['steps', 'commands', 'reportSections']) {
        expect(list.registries[kind]).toContainEqual({ key: 'acme/closure', owner: 'acme-hepuq-closure' });
      }
    }
  });

  it('mounts its command in --help when HEPUQ_PLUGINS names it', async () => {
    const help = await hepuq(['--help'], { HEPUQ_PLUGINS: EXAMPLE });
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/acme\/closure \[options\]\s+closure test of the error bars/);
    expect((await hepuq(['--help'])).out).not.toContain('acme/closure');
  });

  it('runs its step from a config that names it, puts the result in steps.json and its section in the report, and its command reads the run', async () => {
    const config = join(dir, 'closure.yaml');
    await writeFile(config, [
      'name: closure-run',
      'seed: 3',
      `plugins: [${relative(dir, EXAMPLE)}]`,
      'data:',
      '  train: { toy: heteroscedastic-1d, n: 3000 }',
      '  test: { toy: heteroscedastic-1d, n: 2000 }',
      'method: { use: het-mlp, options: { hidden: [16], epochs: 4 } }',
      'steps: [{ use: acme/closure, options: { bins: 5 } }]',
    ].join('\n'));
    const run = await hepuq(['run', config, '--out', join(dir, 'runs')]);
    expect(run.code, run.err).toBe(0);
    const steps = JSON.parse(await readFile(join(dir, 'runs/closure-run/steps.json'), 'utf8')) as Record<string, { bins: unknown[]; quantity: string; chi2: number; pValue: number }>;
    expect(steps['acme/closure'].bins).toHaveLength(5);
    expect(steps['acme/closure'].quantity).toBe('x');
    expect(steps['acme/closure'].pValue).toBeGreaterThanOrEqual(0);
    const html = await readFile(join(dir, 'runs/closure-run/report.html'), 'utf8');
    expect(html).toContain('Closure of the error bars (acme)');
    expect(html).toContain('class="acme-closure"');
    const cmd = await hepuq(['acme/closure', '--input', join(dir, 'runs/closure-run/predictions.csv'), '--bins', '5', '--json', '--plugin', EXAMPLE]);
    expect([0, 3], cmd.err).toContain(cmd.code);
    const printed = JSON.parse(cmd.out) as { bins: unknown[]; chi2: number };
    expect(printed.bins).toHaveLength(5);
    // the command recomputes the step's test from predictions.csv (float32 round trip): the same chi2
    expect(printed.chi2).toBeCloseTo(steps['acme/closure'].chi2, 2);
  });

  it('names the plugin path in the error when it does not exist', async () => {
    const r = await hepuq(['plugins', '--plugin', './no-such-plugin']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[hepuq:PluginLoadFailed\].*no-such-plugin/);
  });
});
