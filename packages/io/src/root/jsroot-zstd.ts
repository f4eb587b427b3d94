/**
 * Give jsroot a pure-JavaScript zstd decoder (fzstd, through hyparquet-compressors) before it loads
 * its own. jsroot's Node decoder, @oneidentity/zstd-js, is an Emscripten build that installs
 * process-wide `uncaughtException` and `unhandledRejection` handlers aborting the process (and
 * its wasm module) on any error anywhere, even one the application handles. jsroot takes a ready
 * decoder from `internals._ZstdStream` (jsroot 7.11 io.mjs, R__unzip); if a later jsroot renames
 * it, jsroot simply loads its own again.
 * @example await useJsZstd(); const file = await openFile(proxy)
 */
export async function useJsZstd(): Promise<void> {
  const [{ internals }, { decompressZstd }] = await Promise.all([import('jsroot/core'), import('hyparquet-compressors')]);
  internals._ZstdStream ??= { decompress: (input: Uint8Array) => decompressZstd(input) };
}
