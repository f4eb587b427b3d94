import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTaskModule, taskModuleRef } from './task-module.js';

const home = mkdtempSync(join(tmpdir(), 'hepuq-task-module-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function installAt(dir: string, version: string): string {
  const root = join(dir, 'node_modules', '@acme', 'tasks');
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@acme/tasks', version }));
  writeFileSync(join(root, 'dist', 'fit.task.js'), 'export const fit = () => 1;\n');
  return join(root, 'dist', 'fit.task.js');
}

describe('task modules across machines', () => {
  const submitted = pathToFileURL(installAt(join(home, 'a'), '1.2.0')).href;

  it('names the package, version and path of a module file inside a package', () => {
    expect(taskModuleRef(submitted)).toEqual({ url: submitted, package: { name: '@acme/tasks', version: '1.2.0', path: 'dist/fit.task.js' } });
    expect(taskModuleRef('node:fs')).toEqual({ url: 'node:fs' });
  });

  it('resolves the module in this machine\'s installation of the package, with its version here', () => {
    const here = installAt(join(home, 'b', 'project'), '1.3.0');
    const resolved = resolveTaskModule(taskModuleRef(submitted), [join(home, 'b', 'project', 'sub')]);
    expect(resolved).toEqual({ url: pathToFileURL(here).href, version: '1.3.0' });
  });

  it('falls back to the submitter\'s file when it exists here, and fails with PluginLoadFailed when neither does', () => {
    expect(resolveTaskModule(taskModuleRef(submitted), [join(home, 'nowhere')])).toEqual({ url: submitted, version: '1.2.0' });
    const gone = { url: 'file:///not/here/fit.task.js', package: { name: '@acme/gone', version: '1.0.0', path: 'fit.task.js' } };
    expect(() => resolveTaskModule(gone, [join(home, 'nowhere')])).toThrow(expect.objectContaining({ code: 'PluginLoadFailed', message: expect.stringContaining('@acme/gone') }));
  });

  it('runs code from files and packages only, never from a URL that carries it', () => {
    expect(resolveTaskModule({ url: 'file:///opt/t.js' }, [home])).toEqual({ url: 'file:///opt/t.js' });
    expect(resolveTaskModule({ url: '@acme/tasks' }, [home])).toEqual({ url: '@acme/tasks' });
    expect(() => resolveTaskModule({ url: 'data:text/javascript,export const f = () => 1' }, [home])).toThrow(expect.objectContaining({ code: 'PluginLoadFailed', message: expect.stringContaining('data:text/javascript') }));
  });
});
