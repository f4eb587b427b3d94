#!/usr/bin/env node
// The `hepuq` executable. Committed (not built) so that `npm ci` links the bin in a fresh clone before
// anything is compiled; it loads the compiled CLI, or says how to build it.
try {
  await import('../dist/bin.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/bin.js')) {
    process.stderr.write('[hepuq:InternalError] the hepuq CLI is not built yet\n  hint: run `npm run build` in the hepuq workspace (npm run demo builds too)\n');
    process.exit(1);
  }
  throw e;
}
