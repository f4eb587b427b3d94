import { defineConfig } from 'vitest/config';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Resolve every workspace package to its TypeScript sources, so tests never need a build first. */
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const group of ['packages', 'plugins']) {
    const dir = resolve(import.meta.dirname, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const entry = resolve(dir, name, 'src/index.ts');
      if (!existsSync(entry)) continue;
      const pkg = JSON.parse(
        readFileSync(resolve(dir, name, 'package.json'), 'utf8'),
      ) as { name: string };
      aliases[pkg.name] = entry;
    }
  }
  return aliases;
}

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: ['examples/*/src/**/*.spec.ts', 'packages/*/src/**/*.spec.ts', 'plugins/*/src/**/*.spec.ts', 'tools/*/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['./test/setup.ts'],
  },
});
