import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * One hash per entry under `root` (relative path -> type and content hash), so a test can show that
 * nothing outside an expected place changed: every file, directory and link, hidden ones included.
 */
export async function treeHashes(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const st = await lstat(path);
      if (st.isDirectory()) {
        out.set(rel, 'dir');
        await walk(path);
      } else if (st.isSymbolicLink()) {
        out.set(rel, `link:${await readlink(path)}`);
      } else {
        out.set(rel, `file:${createHash('sha256').update(await readFile(path)).digest('hex')}`);
      }
    }
  }
  await walk(root);
  return out;
}

/** Entries that differ between two snapshots (added, removed or changed), sorted. */
export function changedEntries(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
