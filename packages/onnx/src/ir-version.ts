import { onnxError } from './onnx-error.js';

/**
 * The first ONNX release of each IR version and the newest default-domain opset it shipped
 * (onnx/docs/Versioning.md, "Released Versions"), up to the IR the bundled onnx.proto describes
 * (onnx-proto 8 is ONNX 1.10.2's schema: IR 8; IR 8 carried opsets 15-18).
 */
const NEWEST_OPSET_OF_IR: readonly (readonly [ir: number, opset: number])[] = [
  [3, 8],
  [4, 9],
  [5, 10],
  [6, 11],
  [7, 14],
  [8, 18],
];

/** The newest opset this writer can label with an IR version it knows. */
export const MAX_OPSET = NEWEST_OPSET_OF_IR[NEWEST_OPSET_OF_IR.length - 1][1];

/**
 * The lowest ONNX IR version that can carry default-domain opset `opset` — the most runtimes accept
 * it (opset 13 -> IR 7). Opsets past `MAX_OPSET` are `ExportUnsupported`.
 * @example irVersionFor(13) // 7
 */
export function irVersionFor(opset: number): number {
  if (!Number.isInteger(opset) || opset < 1) {
    throw onnxError('InvalidArgument', `graph opset ${String(opset)} is not a positive integer`);
  }
  const row = NEWEST_OPSET_OF_IR.find(([, newest]) => opset <= newest);
  if (!row) {
    throw onnxError('ExportUnsupported', `graph opset ${opset} is newer than this ONNX writer knows (opsets 1-${MAX_OPSET}, IR versions up to 8)`, {
      hint: `build the graph for opset ${MAX_OPSET} or lower, or update @hepuq/onnx`,
    });
  }
  return row[0];
}
