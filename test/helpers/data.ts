// The shared data (real labelled data, for measuring only; never copied into the project) as the
// tests see it: TACT_DATA_DIR, else ../shared/data beside the repository. A test that needs a file
// of it is skipped, with the reason in its title, when the file is absent: it never passes silently.
//
//   const tweets = sharedData('sentiment/airline-tweets-dev.tsv');
//   it.skipIf(!tweets.present)(needs(tweets, 'holds a macro-F1 floor'), () => { ... });
import { type DataFile, dataDir, dataFile } from '../../scripts/data-dir.js';

export type { DataFile };
export { dataDir };

/** A file of the shared data, by its path inside the data folder. */
export function sharedData(relative: string): DataFile {
  return dataFile(relative);
}

/** A test's title, with why it is skipped when the data it needs is absent. */
export function needs(file: DataFile, title: string): string {
  return file.present ? title : `${title} (skipped: ${file.missing})`;
}
