/** What an ensemble's members learn: a regression (Gaussian head) or a classification (sigmoid or softmax). */
export type EnsembleTask = 'regression' | 'classification';
