// Generated blocks in Markdown: text between `<!-- <kind>:<id>:start -->` and `<!-- <kind>:<id>:end -->`
// belongs to a script (`bench` blocks to scripts/bench-tables.ts, `calogan-eval` blocks to
// plugins/calogan-eval/scripts/which-metric-table.ts). The script rewrites the block; a spec fails when a
// block differs from what its script would write now. Everything outside the markers is hand-written.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One generated block of a Markdown file. */
export interface GeneratedBlock {
  kind: string;
  id: string;
  /** The text between the start marker's line and the end marker (ends with a newline when not empty). */
  body: string;
  /** Offsets of the start marker and just past the end marker. */
  start: number;
  end: number;
}

const MARKER = /<!-- ([a-z0-9-]+):([a-z0-9-]+):(start|end) -->/g;

/**
 * Every generated block of `text` (of one kind, or all), in order. Unbalanced, nested or mismatched
 * markers throw, naming `source` and the marker, so a broken README cannot pass silently.
 * @example findBlocks(readme, 'bench').map((b) => b.id) // ['io']
 */
export function findBlocks(text: string, kind?: string, source = 'text'): GeneratedBlock[] {
  const blocks: GeneratedBlock[] = [];
  let open: { kind: string; id: string; start: number; bodyStart: number } | undefined;
  for (const m of text.matchAll(MARKER)) {
    const [marker, k, id, edge] = m;
    const at = m.index;
    const where = `${source} line ${text.slice(0, at).split('\n').length}`;
    if (edge === 'start') {
      if (open) throw new Error(`${where}: ${marker} inside the open block ${open.kind}:${open.id}`);
      if (text[at + marker.length] !== '\n') throw new Error(`${where}: ${marker} must end its line`);
      open = { kind: k, id, start: at, bodyStart: at + marker.length + 1 };
    } else {
      if (!open || open.kind !== k || open.id !== id) throw new Error(`${where}: ${marker} without its start marker`);
      if (kind === undefined || kind === k) blocks.push({ kind: k, id, body: text.slice(open.bodyStart, at), start: open.start, end: at + marker.length });
      open = undefined;
    }
  }
  if (open) throw new Error(`${source}: <!-- ${open.kind}:${open.id}:start --> is never closed`);
  return blocks;
}

/**
 * `text` with the body of every `kind` block replaced by `render(id)` (which must end with a newline).
 * @example replaceBlocks(readme, 'bench', (id) => benchTable(id, records))
 */
export function replaceBlocks(text: string, kind: string, render: (id: string) => string, source = 'text'): string {
  let out = '';
  let from = 0;
  for (const block of findBlocks(text, kind, source)) {
    const body = render(block.id);
    const startMarker = `<!-- ${kind}:${block.id}:start -->`;
    out += `${text.slice(from, block.start)}${startMarker}\n${body}<!-- ${kind}:${block.id}:end -->`;
    from = block.end;
  }
  return out + text.slice(from);
}

/**
 * `text` with every block of `kind` blanked out line for line (so line numbers still match the file):
 * what is left is the hand-written part.
 * @example outsideBlocks(readme, 'bench')
 */
export function outsideBlocks(text: string, kind: string, source = 'text'): string {
  let out = '';
  let from = 0;
  for (const block of findBlocks(text, kind, source)) {
    out += text.slice(from, block.start) + text.slice(block.start, block.end).replace(/[^\n]/g, '');
    from = block.end;
  }
  return out + text.slice(from);
}

/** Directories never searched for Markdown (shared/ holds external data with its own READMEs). */
const SKIP = new Set(['node_modules', 'dist', '.git', '.nx', 'runs', 'coverage', 'shared']);

/**
 * The documentation a reader sees, relative to `root`: every README.md of the repository and every
 * Markdown file under docs/, sorted.
 * @example documentationFiles('/work/main') // ['README.md', 'docs/errors.md', ...]
 */
export function documentationFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, all: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (relative(root, path) === 'docs/api') continue; // TypeDoc output, generated from doc comments
      if (entry.isDirectory()) walk(path, all || relative(root, path) === 'docs');
      else if (entry.isFile() && (entry.name === 'README.md' || (all && entry.name.endsWith('.md')))) found.push(relative(root, path));
    }
  };
  walk(root, false);
  return found.sort();
}
