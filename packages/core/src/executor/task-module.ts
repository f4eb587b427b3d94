import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { HepuqError } from '../errors/hepuq-error.js';

/**
 * A task's module as a distributed executor carries it between machines (a queue job, a Slurm run directory): its URL on the submitting machine and,
 * when it belongs to an npm package, the package's name and version and the module's path inside
 * it, so a worker loads its own installation of the package (wherever that is) and can tell when
 * its version differs.
 */
export const TaskModuleRef = z
  .object({
    url: z.string().min(1),
    package: z.object({ name: z.string().min(1), version: z.string().min(1), path: z.string().min(1) }).strict().optional(),
  })
  .strict();
export type TaskModuleRef = z.infer<typeof TaskModuleRef>;

interface PackageJson {
  name?: unknown;
  version?: unknown;
}

const readPackage = (file: string): PackageJson | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
};

/** The nearest directory above `file` holding a package.json with a name and a version. */
function owningPackage(file: string): { root: string; name: string; version: string } | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = readPackage(join(dir, 'package.json'));
    if (typeof pkg?.name === 'string' && typeof pkg.version === 'string') return { root: dir, name: pkg.name, version: pkg.version };
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The reference of a task module URL: a `file:` URL inside a package also names the package.
 * @example taskModuleRef(MEMBER_TASK_MODULE).package // { name: '@hepuq/plugin-ensembles', version: '0.1.0', path: 'dist/member.task.js' }
 */
export function taskModuleRef(url: string): TaskModuleRef {
  if (!url.startsWith('file:')) return { url };
  const file = realpathOr(fileURLToPath(url));
  const owner = owningPackage(file);
  if (!owner) return { url };
  return { url, package: { name: owner.name, version: owner.version, path: relative(owner.root, file).split(sep).join('/') } };
}

/** Where `name` is installed, looking up from each of `bases` as Node does (`node_modules/<name>`). */
function installedPackage(name: string, bases: readonly string[]): string | undefined {
  for (const base of bases) {
    for (let dir = resolve(base); ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathOr(candidate);
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** A task module resolved on this machine: the URL to import and the version of its package here. */
export interface ResolvedTaskModule {
  url: string;
  version?: string;
}

/**
 * Resolve `ref` on this machine: the module inside this machine's installation of its package
 * (looked up from `bases`, e.g. the working directory and the worker's own package), else the
 * submitting machine's URL when that file exists here (a shared file system), else a
 * `PluginLoadFailed` error naming the package. A module outside any package must be a `file:`
 * URL or a package name (`node:` included): a `data:` URL, say, is refused.
 * @example const { url, version } = resolveTaskModule(data.module, [process.cwd()])
 */
export function resolveTaskModule(ref: TaskModuleRef, bases: readonly string[]): ResolvedTaskModule {
  if (!ref.package) {
    // code comes from files and installed packages only: never from a URL carrying its own source (data:, http:)
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref.url) && !/^(?:file|node):/.test(ref.url)) {
      throw new HepuqError('PluginLoadFailed', `task module ${ref.url.slice(0, 80)} is not a file or an installed package; a worker runs no other code`);
    }
    return { url: ref.url };
  }
  const root = installedPackage(ref.package.name, bases);
  if (root) {
    const version = readPackage(join(root, 'package.json'))?.version;
    return { url: pathToFileURL(join(root, ref.package.path)).href, version: typeof version === 'string' ? version : undefined };
  }
  const file = fileURLToPath(ref.url);
  if (existsSync(file)) return { url: ref.url, version: owningPackage(realpathOr(file))?.version };
  throw new HepuqError('PluginLoadFailed', `the task module's package ${ref.package.name} is not installed on this worker (looked in node_modules above ${bases.join(', ')}), and ${file} does not exist here`, {
    hint: `Install ${ref.package.name}@${ref.package.version} where the worker runs (or start the worker in the project that has it).`,
  });
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
