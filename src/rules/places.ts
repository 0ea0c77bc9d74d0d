import type { Pos } from '../flow/types.js';

// A place is a line and column in a file; a key as a number for the usual ones (a file the loader
// parses is at most 1 MiB, so its columns are below 2^21), a string otherwise.
const COLUMNS = 2 ** 21;

/**
 * Places in the project's files (file, line and column), for what is done once per place: a text
 * or a target that several steps share (an inherited fallback, an aliased node) counts once. The
 * same as a set of `${file}:${line}:${column}` strings, without a string for every place.
 */
export class PlaceSet {
  private readonly byFile = new Map<string, Set<number | string>>();
  private lastFile: string | undefined;
  private last: Set<number | string> | undefined;

  /** Add the place of `pos`: false when it was there already. */
  add(pos: Pick<Pos, 'file' | 'line' | 'column'>): boolean {
    let places = pos.file === this.lastFile ? this.last : this.byFile.get(pos.file);
    if (!places) {
      places = new Set();
      this.byFile.set(pos.file, places);
    }
    this.lastFile = pos.file;
    this.last = places;
    const key =
      Number.isInteger(pos.line) && Number.isInteger(pos.column) && pos.column >= 0 && pos.column < COLUMNS
        ? pos.line * COLUMNS + pos.column
        : `${pos.line}:${pos.column}`;
    if (places.has(key)) return false;
    places.add(key);
    return true;
  }
}
