// jsroot's subpath entries ship no type declarations; these are the few functions @hepuq/io calls.
declare module 'jsroot/io' {
  export function openFile(arg: string): Promise<unknown>;
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
