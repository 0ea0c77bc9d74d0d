export interface DataFile {
  /** Absolute path of the file in the shared data folder. */
  path: string;
  /** Whether the file exists. */
  present: boolean;
  /** Why a measure that needs it cannot run: the path and how to point TACT_DATA_DIR at the data. */
  missing: string;
}

/** The shared data folder: TACT_DATA_DIR (relative to the working folder), else ../shared/data beside the repository. */
export function dataDir(): string;

/** A file of the shared data: its path, whether it is there, and what to say when it is not. */
export function dataFile(relative: string): DataFile;
