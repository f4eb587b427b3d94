import type { HepuqApp, ServiceProvider } from '@hepuq/core';

export interface PluginList {
  plugins: { name: string; version: string }[];
  registries: Record<string, { key: string; owner: string }[]>;
  services: ServiceProvider[];
}

/** `hepuq plugins`: every loaded plugin with its version, every registered key by kind with its owner, and who provides each service. */
export function listPlugins(app: HepuqApp): PluginList {
  const registries = Object.fromEntries(
    Object.entries(app.registries.all()).map(([kind, registry]) => [kind, registry.entries().map(({ key, owner }) => ({ key, owner }))]),
  );
  return { plugins: app.plugins().map(({ name, version }) => ({ name, version })), registries, services: app.serviceProviders() };
}

export function formatPluginList(list: PluginList): string {
  const lines = ['Plugins:', ...list.plugins.map((p) => `  ${p.name} ${p.version}`), ''];
  for (const [kind, entries] of Object.entries(list.registries)) {
    lines.push(`${kind} (${entries.length}):`);
    for (const e of entries) lines.push(`  ${e.key.padEnd(28)} ${e.owner}`);
  }
  lines.push(`services (${list.services.length}):`);
  for (const s of list.services) lines.push(`  ${s.token.padEnd(28)} ${s.owner}`);
  return lines.join('\n');
}
