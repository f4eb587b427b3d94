// The docs site builds, with every page and no dead link: the API reference from TypeDoc, then
// `vitepress build`, the two steps of `npm run docs`. VitePress fails the build on a link to a page
// that does not exist, so a successful build is the link check. The build runs on a scratch copy of
// docs/ (under node_modules/.cache), so it neither races specs that read docs/ nor replaces a
// developer's docs/api or docs/.vitepress/dist. It needs no build of the packages: TypeDoc reads
// their sources. About a minute on 2 cores (TypeDoc ~10-30 s, VitePress ~30-45 s).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPackages, REPO_ROOT } from '../../scripts/docs-api.js';

/** What `npm run docs` runs; the test runs the same two steps on its copy. */
const DOCS_SCRIPT = 'tsx scripts/docs-api.ts && vitepress build docs';
const BUILD_TIMEOUT_MS = 600_000;

interface Step {
  code: number | null;
  output: string;
  seconds: number;
}

/** Run a workspace binary with `args`, capturing stdout and stderr together. */
function runBin(bin: string, args: string[]): Promise<Step> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', bin), args, { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - start) / 1000 }));
  });
}

/** docs/ without what a build writes (docs/api, docs/.vitepress/cache, docs/.vitepress/dist). */
function copyDocs(to: string): void {
  const from = join(REPO_ROOT, 'docs');
  const generated = ['api', join('.vitepress', 'cache'), join('.vitepress', 'dist')];
  cpSync(from, to, {
    recursive: true,
    filter: (src) => !generated.some((g) => relative(from, src) === g || relative(from, src).startsWith(g + sep)),
  });
}

/** Every Markdown page under `dir` (relative, `/`-separated), as VitePress sees them (README.md is excluded by the config). */
function markdownPages(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownPages(path, base);
    return e.name.endsWith('.md') && e.name !== 'README.md' ? [relative(base, path).split(sep).join('/')] : [];
  });
}

const scratch = join(REPO_ROOT, 'node_modules', '.cache', 'hepuq-docs-site');
let dir: string;
let docs: string;
let api: Step;
let site: Step;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(join(scratch, 'build-'));
  docs = join(dir, 'docs');
  copyDocs(docs);
  api = await runBin('tsx', ['scripts/docs-api.ts', '--docs', docs]);
  site = api.code === 0 ? await runBin('vitepress', ['build', docs]) : { code: null, output: 'not run: the API step failed', seconds: 0 };
  console.log(`docs build: TypeDoc ${api.seconds.toFixed(1)} s, VitePress ${site.seconds.toFixed(1)} s`);
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run docs', () => {
  it('is the two steps this spec runs', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.docs).toBe(DOCS_SCRIPT);
  });

  it('generates the API reference with TypeDoc', () => {
    expect(api.output).not.toMatch(/\[error\]/i);
    expect(api.code, api.output).toBe(0);
    for (const { name } of publicPackages()) expect(existsSync(join(docs, 'api', `${name}.md`)), name).toBe(true);
  });

  it('builds the site with no dead link', () => {
    // VitePress prints "(!) Found dead link <url> in file <page>" for each, then fails the build
    expect(site.output.split('\n').filter((l) => /dead link/i.test(l))).toEqual([]);
    expect(site.code, site.output.slice(-4000)).toBe(0);
  });

  it('renders every page', () => {
    const missing = markdownPages(docs)
      .map((page) => page.replace(/\.md$/, '.html'))
      .filter((html) => !existsSync(join(docs, '.vitepress', 'dist', html)));
    expect(missing).toEqual([]);
  });
});

interface Link {
  link?: string;
  items?: Link[];
}
interface SiteConfig {
  ignoreDeadLinks?: unknown;
  themeConfig: { nav: Link[]; sidebar: Record<string, Link[]> };
}

/** Every `link` of nav and sidebar items, nested ones included. */
const links = (items: readonly Link[]): string[] => items.flatMap((i) => [...(i.link ? [i.link] : []), ...links(i.items ?? [])]);

describe('docs/.vitepress/config.mts', () => {
  const load = async () => ((await import('../../docs/.vitepress/config.mjs')) as { default: SiteConfig }).default;

  it('keeps the dead-link check on (only links to a local server are exempt)', async () => {
    expect([undefined, false, 'localhostLinks']).toContain((await load()).ignoreDeadLinks);
  });

  it('links nav and sidebar only to pages that exist (VitePress checks links in pages, not these)', async () => {
    const { nav, sidebar } = (await load()).themeConfig;
    const all = [...links(nav), ...Object.values(sidebar).flatMap(links)];
    expect(all.length).toBeGreaterThan(10);
    const page = (link: string) => join(docs, link.endsWith('/') ? `${link}index.md` : link.endsWith('.md') ? link : `${link}.md`);
    expect(all.filter((l) => !existsSync(page(l)))).toEqual([]);
  });
});
