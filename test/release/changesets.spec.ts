import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The versioning dry run CI does for every change: `changeset status` must compute a release plan
// from the pending changesets, and every changeset must name real, publishable packages.
const workspace = new Map(
  ['packages', 'plugins', 'tools', 'examples']
    .flatMap((group) => readdirSync(group).map((name) => join(group, name)))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; private?: boolean })
    .map((pkg) => [pkg.name, pkg] as const),
);

describe('changesets', () => {
  it('`changeset status` computes a release plan whose packages all exist and are public', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hepuq-changesets-'));
    try {
      const out = join(dir, 'plan.json');
      const r = spawnSync('npx', ['changeset', 'status', '--output', out], { encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      const plan = JSON.parse(readFileSync(out, 'utf8')) as { changesets: { releases: { name: string; type: string }[] }[]; releases: { name: string; type: string }[] };
      expect(plan.changesets.length).toBeGreaterThan(0);
      for (const changeset of plan.changesets) {
        for (const release of changeset.releases) {
          expect(workspace.has(release.name), release.name).toBe(true);
          expect(workspace.get(release.name)!.private, `${release.name} is private: it is never published`).not.toBe(true);
        }
      }
      for (const release of plan.releases.filter((x) => x.type !== 'none')) expect(workspace.get(release.name)?.private, release.name).not.toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
