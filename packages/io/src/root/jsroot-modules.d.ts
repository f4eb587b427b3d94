// jsroot's subpath entries ship no type declarations; these are the few functions @hepuq/io calls.
declare module 'jsroot/io' {
  /** Byte access jsroot reads a file through (subclass it and pass an instance to `openFile`). */
  export class FileProxy {
    openFile(): Promise<boolean>;
    getFileName(): string;
    getFileSize(): number;
    readBuffer(pos: number, length: number): Promise<DataView | null>;
    closeFile(): void;
  }
  export function openFile(arg: string | FileProxy): Promise<unknown>;
}
declare module 'jsroot/core' {
  /** jsroot's shared internal state; hepuq only sets the zstd decoder it would otherwise load. */
  export const internals: { _ZstdStream?: { decompress(input: Uint8Array): Uint8Array } };
}
declare module 'jsroot/tree' {
  export class TSelector {
    tgtobj: Record<string, unknown>;
    tgtarr: Record<string, ArrayLike<unknown>>;
    addBranch(branch: string, name?: string, direct?: boolean): number;
  }
  export function treeProcess(tree: unknown, selector: TSelector, args?: { firstentry?: number; numentries?: number }): Promise<unknown>;
}
declare module 'jsroot/rntuple' {
  export function readHeaderFooter(tuple: unknown): Promise<unknown>;
  export function rntupleProcess(tuple: unknown, selector: import('jsroot/tree').TSelector, args?: { firstentry?: number; numentries?: number }): Promise<unknown>;
}
