import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The published artefacts, not the workspace: `npm pack` every public package (from the build `npm
// test` made first), install the tarballs into a scratch project outside the workspace, and run the
// README's TypeScript example and the CLI from there.
const ROOT = resolve('.');
const publicPackages = ['packages', 'plugins']
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; private?: boolean; files?: string[] } }))
  .filter(({ pkg }) => !pkg.private);
const dir = mkdtempSync(join(tmpdir(), 'hepuq-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function readmeBlock(lang: string, after: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('```' + lang + '\n', readme.indexOf(after)) + lang.length + 4;
  return readme.slice(start, readme.indexOf('```', start));
}

describe('the packed tarballs', () => {
  it('cover core, the three runtime packages, the CLI and the plugins (so the install below cannot pass on an empty list)', () => {
    expect(publicPackages.map((p) => p.pkg.name)).toEqual(expect.arrayContaining([
      '@hepuq/core', '@hepuq/nn', '@hepuq/stats', '@hepuq/inference', '@hepuq/cli', '@hepuq/io', '@hepuq/report', '@hepuq/datasets', '@hepuq/plugin-bnn',
    ]));
  });

  it('install into a project outside the workspace and run the README example and the CLI', { timeout: 900_000 }, () => {
    const tarballs = join(dir, 'tarballs');
    mkdirSync(tarballs);
    for (const { dir: pkgDir, pkg } of publicPackages) {
      const packed = run('npm', ['pack', '--silent', '--pack-destination', tarballs, join(ROOT, pkgDir)], dir);
      expect(packed.status, `${pkg.name}: ${packed.err}`).toBe(0);
    }
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(publicPackages.length);
    const project = join(dir, 'project');
    mkdirSync(project);
    // jsroot (ROOT files, in @hepuq/io) depends on the native `canvas`, which hepuq never uses; its
    // install script downloads or compiles a binary. A project denies it as docs/guide/install.md says.
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', allowScripts: { canvas: false } }));
    const installed = run('npm', ['install', '--no-package-lock', ...files.map((f) => join(tarballs, f))], project);
    expect(installed.status, installed.err.slice(-3000)).toBe(0);
    // nothing resolves into the workspace: every @hepuq package is a real directory in the project
    for (const name of readdirSync(join(project, 'node_modules/@hepuq'))) {
      expect(readFileSync(join(project, 'node_modules/@hepuq', name, 'package.json'), 'utf8')).not.toContain(ROOT);
    }
    writeFileSync(join(project, 'example.mjs'), readmeBlock('ts', 'From TypeScript:'));
    const example = run('node', ['example.mjs'], project);
    expect(example.status, example.err.slice(-3000)).toBe(0);
    const [mean, stat, syst, tot] = example.out.trim().split(/\s+/).map(Number);
    expect([mean, stat, syst, tot].every(Number.isFinite)).toBe(true);
    expect(tot).toBeCloseTo(Math.hypot(stat, syst), 5);
    const plugins = run('npx', ['hepuq', 'plugins', '--json'], project);
    expect(plugins.status, plugins.err).toBe(0);
    const list = JSON.parse(plugins.out) as { plugins: { name: string }[] };
    expect(list.plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['@hepuq/nn', '@hepuq/stats', '@hepuq/inference', '@hepuq/plugin-bnn']));
  });
});
