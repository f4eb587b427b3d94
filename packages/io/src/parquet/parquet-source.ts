import type { AsyncBuffer, FileMetaData } from 'hyparquet';

/** The Dremel levels of a list column: its leaf's maximum definition and repetition levels. */
export interface ParquetListLevels {
  maxDefinition: number;
  maxRepetition: number;
}

/** A top-level column of a Parquet file and, when it cannot become float32, why not. */
export interface ParquetColumn {
  name: string;
  problem?: string;
  /** Set for a list of numbers (one list per row), the kind a particle set reads. */
  list?: ParquetListLevels;
}

/** An opened Parquet file: its footer metadata and top-level columns. */
export interface ParquetSource {
  path: string;
  file: AsyncBuffer;
  metadata: FileMetaData;
  rows: number;
  columns: ParquetColumn[];
}
