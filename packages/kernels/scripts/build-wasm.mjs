#!/usr/bin/env node
// Compile the AssemblyScript kernels (assembly/) to dist/hepuq-kernels.wasm, then check that the
// module can share the tfjs wasm backend's memory safely: it imports `env.memory` and nothing else,
// and has no data segments, globals, own memory, start function or memory.grow that would write
// into (or move) bytes Emscripten owns. `--shrinkLevel 1` keeps AssemblyScript's exp/log from
// pulling in lookup tables, which would otherwise land as data segments at address 1024, i.e. in
// the middle of Emscripten's static data.
import asc from 'assemblyscript/asc';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/hepuq-kernels.wasm');
mkdirSync(dirname(out), { recursive: true });

// up to date: the module is newer than every source and this script (`--force` rebuilds anyway)
const sources = [fileURLToPath(import.meta.url), ...readdirSync(resolve(root, 'assembly')).map((f) => resolve(root, 'assembly', f))];
if (!process.argv.includes('--force') && existsSync(out) && sources.every((f) => statSync(f).mtimeMs <= statSync(out).mtimeMs)) process.exit(0);

const outputs = {};
const { error, stderr } = await asc.main([
  resolve(root, 'assembly/index.ts'),
  '--outFile', 'kernels.wasm', '--textFile', 'kernels.wat',
  '--optimizeLevel', '3', '--shrinkLevel', '1',
  '--enable', 'simd',
  '--importMemory', '--noExportMemory',
  '--runtime', 'stub', '--noAssert', '--use', 'abort=',
], { writeFile: (name, contents) => { outputs[name] = contents; } });
if (error) {
  console.error(stderr.toString());
  console.error(`@hepuq/kernels: AssemblyScript compile failed: ${error.message}`);
  process.exit(1);
}

const problems = checkShareable(outputs['kernels.wasm'], outputs['kernels.wat']);
if (problems.length > 0) {
  console.error(`@hepuq/kernels: the compiled kernels cannot share the tfjs heap: ${problems.join('; ')}`);
  process.exit(1);
}
// atomically: spec files in parallel workers may build and load at the same time
const temp = `${out}.${process.pid}.tmp`;
writeFileSync(temp, outputs['kernels.wasm']);
renameSync(temp, out);

/** Why this module may not run inside another module's memory (empty when it may). */
function checkShareable(bytes, text) {
  const problems = [];
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod);
  if (imports.length !== 1 || imports[0].module !== 'env' || imports[0].name !== 'memory' || imports[0].kind !== 'memory') {
    problems.push(`imports ${JSON.stringify(imports)} (want only env.memory)`);
  }
  const nonFunctions = WebAssembly.Module.exports(mod).filter((e) => e.kind !== 'function');
  if (nonFunctions.length > 0) problems.push(`exports ${nonFunctions.map((e) => e.name).join(', ')} besides functions`);
  // section ids: 5 memory, 6 global, 8 start, 11 data, 12 data count
  const forbidden = { 5: 'an own memory', 6: 'globals', 8: 'a start function', 11: 'data segments', 12: 'a data count' };
  let at = 8;
  const leb = () => {
    let value = 0, shift = 0, byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    if (forbidden[id]) problems.push(`it has ${forbidden[id]}`);
    at += size;
  }
  if (/\bmemory\.grow\b/.test(text)) problems.push('it may grow memory');
  return problems;
}

