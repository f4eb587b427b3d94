import { writeDirAtomic, type ArtifactSlot, type ArtifactStore } from '@hepuq/core';
import { claimRunOutput, RUN_KIND } from './run-output.js';

/**
 * The CLI's artifact store: `<root>/<name>/` on the local file system. Claiming checks the output
 * and takes the run lock before any work (`claimRunOutput`); publishing assembles the directory
 * beside its destination and swaps it in at once (`writeDirAtomic`), re-checking the lock just
 * before the swap; an earlier run of the name is replaced only with `overwrite`.
 */
export const localArtifactStore: ArtifactStore = {
  async open(request): Promise<ArtifactSlot> {
    const output = await claimRunOutput(request.root, request.name, request.fingerprint, request, request.events);
    return {
      location: output.outDir,
      checkpoints: output.checkpoints,
      publish: (fill) => writeDirAtomic(output.outDir, fill, { kind: RUN_KIND, replace: request.overwrite ?? false, beforeSwap: () => output.lock.assertHeld() }),
      release: async (published) => {
        if (published) await output.complete();
        await output.release();
      },
    };
  },
};
