import { fileURLToPath } from 'node:url';

/**
 * The package's data/ folder. This file sits two levels below the package root both as
 * src/tables/*.ts (tests) and dist/tables/*.js (published), so one relative URL serves both.
 */
const DATA_DIR = new URL('../../data/', import.meta.url);

/** Paths of the tables shipped in data/ (see data/README.md for their sources and citation). */
export const SHIPPED_TABLES = {
  /** LO/NLO cross sections with scale and PDF uncertainties, arXiv:1405.0301 Table 5 (vector boson + jets). */
  loNlo: fileURLToPath(new URL('lo-nlo-vector-boson.csv', DATA_DIR)),
  /** Published per-process LO scale uncertainty and pull, arXiv:2210.15167. */
  pulls: fileURLToPath(new URL('pulls-by-process.csv', DATA_DIR)),
  /** QCD-only reference processes, arXiv:2210.15167 Table 1. */
  qcdReference: fileURLToPath(new URL('qcd-reference.csv', DATA_DIR)),
} as const;
