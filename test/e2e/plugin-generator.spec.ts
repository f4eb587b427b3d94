import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npx nx g @hepuq/tools:plugin` end to end, as a plugin author would use it: generate a plugin into a
// temporary directory outside the workspace (so neither nx, npm workspaces, eslint nor git ever see
// it), build it with tsc, type-check its specs, lint it with the repo's config and run its specs
// (plugin conformance, method conformance, calibration). Needs the built dist of core, nn and testing
// (`npm test` builds everything first).

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const NAME = 'acme';
const METHOD = 'toy-fit';

/** The environment of a child tool: no nx daemon/cloud/prompts, and none of this vitest's own variables. */
const env = Object.fromEntries([
  ...Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'),
  ['NX_DAEMON', 'false'], ['NX_NO_CLOUD', 'true'], ['NX_INTERACTIVE', 'false'], ['NX_TUI', 'false'], ['FORCE_COLOR', '0'], ['NO_COLOR', '1'],
]);

interface Run {
  code: number;
  out: string;
}

/** Run a tool, resolving with its exit code and stdout+stderr (never rejecting, so failures are asserted on). */
function run(tool: string, args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(bin(tool), args, { cwd, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** Assert exit code 0, showing the tool's output when it is not. */
function ok(r: Run, what: string): string {
  expect(r.code, `${what} failed:\n${r.out}`).toBe(0);
  return r.out;
}

let scratch: string;
let dir: string;
let generated: Run;

beforeAll(async () => {
  for (const pkg of ['core', 'nn', 'testing']) {
    const entry = join(ROOT, 'packages', pkg, 'dist/index.js');
    if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first (\`npm test\` builds before testing)`);
  }
  scratch = mkdtempSync(join(tmpdir(), 'hepuq-plugin-generator-'));
  // the workspace's packages resolve from the scratch folder as they would from an installed project
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'junction');
  dir = join(scratch, NAME);
  generated = await run('nx', ['g', '@hepuq/tools:plugin', NAME, `--directory=${dir}`, `--method=${METHOD}`, '--no-interactive']);
});

afterAll(() => {
  if (!scratch) return;
  unlinkSync(join(scratch, 'node_modules'));
  rmSync(scratch, { recursive: true, force: true });
});

describe('nx g @hepuq/tools:plugin', () => {
  it('previews a plugin in plugins/<name> with --dry-run, with changeset and root tsconfig entries, writing nothing', async () => {
    const name = `zz-preview-${process.pid}`;
    const out = ok(await run('nx', ['g', '@hepuq/tools:plugin', name, '--dry-run', '--no-interactive']), 'nx g --dry-run');
    for (const file of ['package.json', 'project.json', 'tsconfig.json', 'README.md', `src/${name}.plugin.ts`, `src/${name}.options.ts`,
      `src/${name}.plugin.spec.ts`, 'src/index.ts', 'src/methods/example.method.ts', 'src/methods/example.method.spec.ts']) {
      expect(out).toContain(`CREATE plugins/${name}/${file}`);
    }
    expect(out).toContain(`CREATE .changeset/hepuq-plugin-${name}.md`);
    expect(out).toContain('UPDATE tsconfig.build.json');
    expect(out).toContain('UPDATE tsconfig.spec.json');
    expect(existsSync(join(ROOT, 'plugins', name))).toBe(false);
    expect(existsSync(join(ROOT, '.changeset', `hepuq-plugin-${name}.md`))).toBe(false);
  });

  it('scaffolds a package laid out like the first-party plugins, with meta from package.json and a namespaced key', () => {
    ok(generated, 'nx g');
    expect(generated.out).toContain('is outside the workspace');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.')).sort();
    expect(files).toEqual([
      'README.md', 'package.json', 'project.json', 'src/acme.options.ts', 'src/acme.plugin.spec.ts', 'src/acme.plugin.ts',
      'src/index.ts', `src/methods/${METHOD}.method.spec.ts`, `src/methods/${METHOD}.method.ts`, `src/methods/${METHOD}.options.ts`, 'tsconfig.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const core = JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: `hepuq-plugin-${NAME}`, type: 'module', sideEffects: false, files: ['dist', 'README.md'],
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      peerDependencies: { '@hepuq/core': `^${core.version}` },
    });
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    expect(resolve(dir, tsconfig.extends)).toBe(join(ROOT, 'tsconfig.base.json'));
    expect(tsconfig.references.map((r: { path: string }) => relative(ROOT, resolve(dir, r.path)))).toEqual(['packages/core', 'packages/nn']);
    const plugin = readFileSync(join(dir, 'src/acme.plugin.ts'), 'utf8');
    expect(plugin).toContain('packageMeta(import.meta.url)');
    expect(plugin).toContain('parsePluginOptions(PLUGIN_NAME');
    expect(readFileSync(join(dir, `src/methods/${METHOD}.options.ts`), 'utf8')).toContain(`export const TOY_FIT = '${NAME}/${METHOD}';`);
  });

  it('builds with tsc, and its spec files type-check', async () => {
    // the specs are excluded from the build, as in every first-party package; check them separately
    writeFileSync(join(dir, 'tsconfig.check.json'), JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, incremental: false, types: ['node'] },
      exclude: [],
    }));
    const [build, check] = await Promise.all([run('tsc', ['-p', join(dir, 'tsconfig.json')]), run('tsc', ['-p', join(dir, 'tsconfig.check.json')])]);
    ok(build, 'tsc (build)');
    ok(check, 'tsc (spec type check)');
    expect(existsSync(join(dir, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist/index.d.ts'))).toBe(true);
  });

  it('passes eslint with the repository config', async () => {
    // with --config, eslint's base path is the working directory, so the scratch folder is linted, not ignored
    ok(await run('eslint', ['--config', join(ROOT, 'eslint.config.js'), '--max-warnings=0', NAME], scratch), 'eslint');
  });

  it('passes its own specs: plugin conformance, method conformance and calibration', async () => {
    // a bare vitest config, as a plugin's own repository would have (the workspace's would alias sources and filter paths)
    writeFileSync(join(scratch, 'vitest.config.mjs'), "export default { test: { include: ['src/**/*.spec.ts'], pool: 'forks', testTimeout: 120000 } };\n");
    const results = join(scratch, 'results.json');
    const r = await run('vitest', ['run', '--root', dir, '--config', join(scratch, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${results}`]);
    ok(r, 'vitest (generated specs)');
    const report = JSON.parse(readFileSync(results, 'utf8'));
    const titles: string[] = report.testResults.flatMap((f: { assertionResults: { fullName: string }[] }) => f.assertionResults.map((a) => a.fullName));
    expect(report.numFailedTests).toBe(0);
    expect(titles.some((t) => t.startsWith(`plugin conformance: hepuq-plugin-${NAME}`))).toBe(true);
    expect(titles.some((t) => t.startsWith(`UQ method conformance: ${NAME}/${METHOD}`))).toBe(true);
    expect(titles.some((t) => t.includes('calibration'))).toBe(true);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(15);
  });

  it('refuses to generate into a directory that is not empty', async () => {
    const r = await run('nx', ['g', '@hepuq/tools:plugin', NAME, `--directory=${dir}`, '--no-interactive']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('already exists');
  });
});
