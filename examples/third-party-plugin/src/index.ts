export { acmeClosure, acmeClosure as default, AcmeOptions, CLOSURE } from './acme.plugin.js';
export { closure, chi2Survival, type ClosureBin, type ClosureResult } from './closure.js';
