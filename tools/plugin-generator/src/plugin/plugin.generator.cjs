// @ts-check
/* global module, __dirname */
'use strict';
// Plain CommonJS with JSDoc types (checked by `tsc -b`): Nx `require()`s a generator, and on Node 20 it
// can load TypeScript only through @swc-node/register or ts-node, which the workspace does not ship.
// So the generator runs on a fresh clone straight after `npm ci`, with no build step.

/**
 * @typedef {import('@nx/devkit').Tree} Tree
 * @typedef {object} PluginGeneratorSchema
 * @property {string} name Short kebab-case name: the keys' namespace, the factory's name, the default folder.
 * @property {string} [directory] Package folder, relative to the workspace root or absolute (default `plugins/<name>`).
 * @property {string} [packageName] npm package name (default `hepuq-plugin-<name>`).
 * @property {string} [description] One-line package description.
 * @property {string} [method] kebab-case name of the skeleton method (default `example`); its key is `<name>/<method>`.
 */

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
// camel-cased names become identifiers (the factory `acme()`, `exampleMethod`), so they must not be keywords
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval').split(' '),
);

/** A `^x.y.z` range on the version of the workspace package in `dir`, checked to be `name`. */
function workspaceRange(/** @type {Tree} */ tree, /** @type {string} */ dir, /** @type {string} */ name) {
  const file = `${dir}/package.json`;
  const text = tree.read(file, 'utf-8');
  const pkg = text ? JSON.parse(text) : undefined;
  if (pkg?.name !== name || typeof pkg.version !== 'string') {
    throw new Error(`the plugin generator reads the ${name} version from ${file}, which ${text ? `names ${pkg?.name}` : 'does not exist'}; run it in the hepuq workspace`);
  }
  return { range: `^${pkg.version}`, pkg };
}

/** Does `dir` (posix, relative to the root) match one of the root package.json's workspace globs? */
function inNpmWorkspaces(/** @type {Tree} */ tree, /** @type {string} */ dir) {
  const text = tree.read('package.json', 'utf-8');
  const globs = text ? JSON.parse(text).workspaces ?? [] : [];
  const list = Array.isArray(globs) ? globs : globs.packages ?? [];
  return list.some((/** @type {string} */ glob) => {
    const escape = (/** @type {string} */ part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    const re = glob.replace(/\/$/, '').split('**').map((p) => p.split('*').map(escape).join('[^/]+')).join('.*');
    return new RegExp(`^${re}$`).test(dir);
  });
}

/**
 * Map `name` to its sources in tsconfig.spec.json#compilerOptions.paths, as the first-party packages are,
 * by inserting one line in their style (rewriting the file through JSON.stringify would reflow every entry).
 */
function addSpecPath(/** @type {Tree} */ tree, /** @type {string} */ name, /** @type {string} */ entry) {
  const file = 'tsconfig.spec.json';
  const text = tree.read(file, 'utf-8') ?? '';
  let paths;
  try {
    paths = JSON.parse(text).compilerOptions?.paths;
  } catch {
    return; // JSON with comments: leave it alone (the package still resolves through node_modules after npm install)
  }
  if (!paths || name in paths) return;
  const open = /"paths"\s*:\s*\{/.exec(text);
  const close = open ? text.indexOf('}', open.index + open[0].length) : -1;
  if (!open || close < 0) return;
  const body = text.slice(open.index + open[0].length, close);
  const indent = /\n([ \t]*)"[^\n]*$/.exec(body.trimEnd())?.[1] ?? '      ';
  const end = open.index + open[0].length + body.trimEnd().length;
  const line = `${JSON.stringify(name)}: [${JSON.stringify(entry)}]`;
  tree.write(file, `${text.slice(0, end)}${Object.keys(paths).length ? ',' : ''}\n${indent}${line}${text.slice(end)}`);
}

/**
 * Validated options with every name the templates use.
 * @param {Tree} tree
 * @param {PluginGeneratorSchema} schema
 * @param {typeof import('@nx/devkit').names} names
 * @param {typeof import('node:path')} path
 */
function normalizeOptions(tree, schema, names, path) {
  const name = schema.name;
  const method = schema.method ?? 'example';
  for (const [what, value] of [['name', name], ['method', method]]) {
    if (typeof value !== 'string' || !KEBAB.test(value)) {
      throw new Error(`--${what} "${value}" must be kebab-case (lower-case letters and digits joined by "-", starting with a letter), e.g. "acme"`);
    }
    if (RESERVED.has(names(value).propertyName)) throw new Error(`--${what} "${value}" becomes the JavaScript keyword "${names(value).propertyName}"; choose another name`);
  }
  if (names(method).constantName === 'PLUGIN_NAME') throw new Error('--method "plugin-name" would clash with the PLUGIN_NAME export; choose another name');
  const packageName = schema.packageName ?? `hepuq-plugin-${name}`;
  if (!PACKAGE_NAME.test(packageName)) throw new Error(`--packageName "${packageName}" is not a valid npm package name`);

  const wanted = schema.directory ?? `plugins/${name}`;
  const relative = path.isAbsolute(wanted) ? path.relative(tree.root, wanted) : path.normalize(wanted);
  const directory = relative.split(path.sep).join('/').replace(/\/+$/, '');
  if (directory === '' || directory === '.') throw new Error('--directory must name a new folder, not the workspace root');
  if (tree.exists(directory) && (!tree.isFile(directory) ? tree.children(directory).length > 0 : true)) {
    throw new Error(`${directory} already exists; choose an empty or new --directory`);
  }
  const outside = directory === '..' || directory.startsWith('../');
  const offset = `${path.relative(path.resolve(tree.root, directory), tree.root).split(path.sep).join('/')}/`;

  const core = workspaceRange(tree, 'packages/core', '@hepuq/core');
  const nn = workspaceRange(tree, 'packages/nn', '@hepuq/nn');
  const testing = workspaceRange(tree, 'packages/testing', '@hepuq/testing');
  const tfjs = nn.pkg.dependencies?.['@tensorflow/tfjs'] ?? core.pkg.dependencies?.['@tensorflow/tfjs'] ?? '^4.22.0';

  const plugin = names(name);
  const m = names(method);
  return {
    directory, outside, offset, packageName,
    description: schema.description ?? `${plugin.className}: a heteroscedastic regression method for hepuq (${name}/${method}).`,
    versions: { core: core.range, nn: nn.range, testing: testing.range, tfjs },
    substitutions: {
      packageName,
      directory,
      offset,
      /** kebab-case: file names, the key namespace */
      name,
      /** `acme()` */
      factory: plugin.propertyName,
      /** `AcmePluginOptions` */
      pluginClass: plugin.className,
      /** `ACME_METHODS` */
      pluginConst: plugin.constantName,
      methodName: method,
      /** `acme/example` */
      methodKey: `${name}/${method}`,
      /** `EXAMPLE` (the key constant), `ExampleOptions`, `exampleMethod`, `ExampleModel` */
      methodConst: m.constantName,
      methodClass: m.className,
      methodProperty: m.propertyName,
    },
  };
}

/**
 * `nx g @hepuq/tools:plugin <name>`: a plugin package laid out like the first-party ones (package.json
 * with exports/files/peerDependencies on the current core, project.json, tsconfig with project
 * references, README), a factory whose meta comes from package.json through `packageMeta`, a zod
 * options schema, a working heteroscedastic-Gaussian MLP regression method registered as
 * `<name>/<method>`, plugin and method conformance specs, and — inside the workspace — a changeset and
 * entries in tsconfig.build.json / tsconfig.spec.json.
 * @example npx nx g @hepuq/tools:plugin acme --method=flow-fit --dry-run
 * @param {Tree} tree
 * @param {PluginGeneratorSchema} schema
 * @returns {Promise<() => void>}
 */
async function pluginGenerator(tree, schema) {
  const { generateFiles, names, updateJson, logger } = await import('@nx/devkit');
  const path = await import('node:path');
  const o = normalizeOptions(tree, schema, names, path);
  const s = o.substitutions;

  generateFiles(tree, path.join(__dirname, 'files'), o.directory, {
    ...s,
    description: o.description,
    versions: o.versions,
    fileName: s.name,
    methodFileName: s.methodName,
  });

  if (o.outside) {
    logger.warn(`${path.resolve(tree.root, o.directory)} is outside the workspace: no changeset and no tsconfig.build.json / tsconfig.spec.json entries written`);
  } else {
    const slug = o.packageName.replace(/^@/, '').replace('/', '-');
    const changeset = `.changeset/${slug}.md`;
    if (tree.exists('.changeset/config.json') && !tree.exists(changeset)) {
      tree.write(changeset, `---\n"${o.packageName}": minor\n---\n\n${o.description} Registers \`${s.methodKey}\`.\n`);
    }
    if (tree.exists('tsconfig.build.json')) {
      updateJson(tree, 'tsconfig.build.json', (json) => {
        json.references ??= [];
        if (!json.references.some((/** @type {{ path: string }} */ r) => r.path === o.directory)) json.references.push({ path: o.directory });
        return json;
      });
    }
    if (tree.exists('tsconfig.spec.json')) addSpecPath(tree, o.packageName, `${o.directory}/src/index.ts`);
    if (!inNpmWorkspaces(tree, o.directory)) {
      logger.warn(`${o.directory} matches none of package.json#workspaces: npm will not link ${o.packageName}; add its folder there`);
    }
  }

  return () => {
    logger.info(
      [
        `${o.packageName} is ready; it registers ${s.methodKey}.`,
        ...(o.outside
          ? [`  npx tsc -p ${path.resolve(tree.root, o.directory)}/tsconfig.json   # build (after \`npm run build\` in the workspace)`]
          : ['  npm install                # link the new workspace package', '  npm run build              # builds it with core, nn and testing', `  npx vitest run ${o.directory}   # plugin conformance, method conformance, calibration`]),
      ].join('\n'),
    );
  };
}

module.exports = { default: pluginGenerator, pluginGenerator };
