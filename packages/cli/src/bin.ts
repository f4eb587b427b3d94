#!/usr/bin/env node
import { main } from './main.js';

// The first SIGINT/SIGTERM asks the run to stop at its next step (tensors freed, temp files removed,
// checkpoint kept); a second one quits at once (whatever is half-written is swept by the next run).
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    process.stderr.write(`\nhepuq: ${signal} received, stopping at the next step (send it again to quit at once)\n`);
    interrupt.abort(signal);
  });
}

// `hepuq plugins | head -3`: the reader closed the pipe, which is no error of ours; stop quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  tty: Boolean(process.stderr.isTTY),
  signal: interrupt.signal,
});
