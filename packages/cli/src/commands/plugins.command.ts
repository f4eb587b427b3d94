import type { HepuqApp } from '@hepuq/core';

/** `hepuq plugins`: every loaded plugin and every registered key, by kind, with its owner. */
export function listPlugins(app: HepuqApp): { plugins: { name: string; version: string }[]; registries: Record<string, { key: string; owner: string }[]> } {
  const registries = Object.fromEntries(
    Object.entries(app.registries.all()).map(([kind, registry]) => [kind, registry.entries().map(({ key, owner }) => ({ key, owner }))]),
  );
  return { plugins: app.plugins().map(({ name, version }) => ({ name, version })), registries };
}

export function formatPluginList(list: ReturnType<typeof listPlugins>): string {
  const lines = ['Plugins:', ...list.plugins.map((p) => `  ${p.name} ${p.version}`), ''];
  for (const [kind, entries] of Object.entries(list.registries)) {
    lines.push(`${kind} (${entries.length}):`);
    for (const e of entries) lines.push(`  ${e.key.padEnd(28)} ${e.owner}`);
  }
  return lines.join('\n');
}
