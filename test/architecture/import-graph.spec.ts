import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, fileGraph, importsOf, sourceFiles } from './import-graph.js';

const packageDirs = ['packages', 'plugins', 'tools']
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)))
  .filter((dir) => existsSync(join(dir, 'src')) && existsSync(join(dir, 'package.json')));
const nameOf = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
const workspace = new Map(packageDirs.map((dir) => [nameOf(dir), dir]));

describe('import graph', () => {
  it('covers the workspace packages (so the checks below cannot pass on an empty list)', () => {
    expect([...workspace.keys()]).toEqual(expect.arrayContaining(['@hepuq/core', '@hepuq/nn', '@hepuq/stats', '@hepuq/inference', '@hepuq/cli']));
  });

  it.each(packageDirs)('%s has no import cycle between its source files, type-only imports included', (dir) => {
    expect(cycles(fileGraph(join(dir, 'src')))).toEqual([]);
  });

  it('core imports no other hepuq package, and its contracts never import the composition root', () => {
    const core = join(workspace.get('@hepuq/core')!, 'src');
    const graph = fileGraph(core);
    for (const file of sourceFiles(core)) {
      expect(importsOf(file).filter((s) => s.startsWith('@hepuq/')), file).toEqual([]);
    }
    const roots = new Set(['app/hepuq-app.ts', 'tokens.ts', 'core.plugin.ts', 'index.ts']);
    const contracts = ['method/uq-method.ts', 'command/command.ts', 'run-step/run-step.ts', 'metrics/metric.ts', 'plugin/plugin.ts', 'registry/registries.ts', 'report-section.ts', 'data/data-format.ts', 'executor/executor.ts'];
    for (const contract of contracts) {
      const reached = new Set<string>();
      const visit = (f: string): void => {
        for (const t of graph.get(f) ?? []) {
          if (reached.has(t)) continue;
          reached.add(t);
          visit(t);
        }
      };
      visit(contract);
      expect([...reached].filter((f) => roots.has(f)), contract).toEqual([]);
    }
  });

  it('the package dependency graph has no cycle', () => {
    const graph = new Map<string, string[]>();
    for (const [name, dir] of workspace) {
      const deps = new Set(sourceFiles(join(dir, 'src')).flatMap(importsOf).map((s) => s.split('/').slice(0, 2).join('/')).filter((s) => workspace.has(s) && s !== name));
      graph.set(name, [...deps]);
    }
    expect(cycles(graph)).toEqual([]);
  });
});
