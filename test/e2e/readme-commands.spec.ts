import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// What a newcomer types, word for word, in a fresh clone of the committed tree: the README's shell
// blocks under "Two commands" and "Using it". `npm test` is left out: it is the command running this.
const README = readFileSync('README.md', 'utf8');

function shellBlocks(section: string): string[] {
  const start = README.indexOf(`## ${section}`);
  const end = README.indexOf('\n## ', start + 1);
  const text = README.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).map((l) => l.trim()).filter(Boolean);
}

const commands = [...shellBlocks('Two commands'), ...shellBlocks('Using it')].filter((c) => c !== 'npm test');
const dir = mkdtempSync(join(tmpdir(), 'hepuq-readme-'));
const clone = join(dir, 'hepuq');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(command: string, cwd: string): { status: number | null; out: string; err: string } {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', timeout: 540_000, env: { ...process.env, NX_DAEMON: 'false', CI: '1' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("the README's commands in a fresh clone", () => {
  it('finds the commands (so the run below cannot pass on an empty list)', () => {
    expect(commands[0]).toBe('npm ci && npm run demo');
    expect(commands.some((c) => c.startsWith('npx hepuq plugins'))).toBe(true);
    expect(commands.length).toBeGreaterThanOrEqual(6);
  });

  it('run one after another, each exits 0, and they leave what the README says', { timeout: 900_000 }, () => {
    const cloned = sh(`git clone --quiet ${JSON.stringify(resolve('.'))} ${JSON.stringify(clone)}`, dir);
    expect(cloned.status, cloned.err).toBe(0);
    const outputs: Record<string, string> = {};
    for (const command of commands) {
      const r = sh(command, clone);
      expect(r.status, `${command}\n${r.err.slice(-3000)}`).toBe(0);
      outputs[command] = r.out;
    }
    for (const file of ['config.resolved.json', 'metrics.json', 'predictions.csv', 'model/model.json', 'report.html']) {
      expect(existsSync(join(clone, 'runs/het-demo', file)), file).toBe(true);
    }
    const metrics = JSON.parse(outputs['npx hepuq metrics --input runs/het-demo/predictions.csv --json']) as Record<string, { value: number; error?: number }>;
    expect(Math.abs(metrics.pull_std.value - 1)).toBeLessThan(0.05); // the demo gives 1.002 ± 0.007 on wasm
    const thirdParty = Object.entries(outputs).find(([c]) => c.includes('--plugin ./examples/third-party-plugin'))![1];
    expect(thirdParty).toMatch(/acme-hepuq-closure 1\.0\.0/);
    expect(thirdParty).toMatch(/acme\/closure\s+acme-hepuq-closure/);
  });
});
