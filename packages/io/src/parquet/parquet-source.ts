import type { AsyncBuffer, FileMetaData } from 'hyparquet';

/** A top-level column of a Parquet file and, when it cannot become float32, why not. */
export interface ParquetColumn {
  name: string;
  problem?: string;
}

/** An opened Parquet file: its footer metadata and top-level columns. */
export interface ParquetSource {
  path: string;
  file: AsyncBuffer;
  metadata: FileMetaData;
  rows: number;
  columns: ParquetColumn[];
}
