import { execFileSync } from 'node:child_process';
import { CORE_VERSION, type HepuqApp } from '@hepuq/core';
import { hepuqKernelsActive } from '@hepuq/kernels';
import { CLI_VERSION } from '../version.js';

/**
 * Versions, backend (with `kernels`: whether `@hepuq/kernels`' fused wasm kernels run), seed, git
 * commit and host facts recorded in config.resolved.json.
 */
export function runMetadata(app: HepuqApp): Record<string, unknown> {
  return {
    versions: {
      core: CORE_VERSION,
      cli: CLI_VERSION,
      plugins: Object.fromEntries(app.plugins().map((p) => [p.name, p.version])),
      node: process.versions.node,
    },
    backend: { ...app.backend, kernels: hepuqKernelsActive() },
    seed: app.seed,
    gitCommit: gitCommit(),
    startedAt: new Date().toISOString(),
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}
