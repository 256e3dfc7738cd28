/** The statistics of Needsmap: pure functions over counts (histograms and contingency tables), no I/O. */
export type { CountTable } from './counts';
export * from './histogram';
export * from './ranks';
export * from './borich';
export * from './wilson';
export * from './kruskal';
export * from './mann-whitney';
export * from './wilcoxon';
export * from './chisquare';
export * from './alpha';
export * from './disclosure';
export * from './suppress-table';
export * from './fold-groups';
