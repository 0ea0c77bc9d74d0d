import type { Document, LineCounter, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import { ownRequire } from '../own-files.js';
import type { LoadProblem, Pos } from './types.js';
import { parseFast, type Range } from './yaml-fast.js';

// `yaml` is loaded only for a file the fast path leaves to it.
let yamlLib: typeof import('yaml') | undefined;
const lib = () => {
  yamlLib ??= ownRequire('yaml') as typeof import('yaml');
  return yamlLib;
};

/** Files larger than this are refused rather than parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** How many alias expansions a document may make (a billion-laughs file needs millions). */
export const MAX_ALIAS_COUNT = 100;

export type PathKey = string | number;

/** A parsed YAML file that can map any data path back to a line and column. */
export interface ParsedYaml {
  file: string;
  text: string;
  /** Plain data, or undefined when the file could not be turned into data (see `problems`). */
  value: unknown;
  problems: LoadProblem[];
  /** Position of the node at `path` (the value), or of its key with `{key: true}`. */
  posAt(path: readonly PathKey[], opts?: { key?: boolean }): Pos;
}

// Each map's pairs by key, built on the first lookup: finding a step among a hundred by scanning
// the map for every position asked for made loading quadratic in the steps of a file.
const pairIndex = new WeakMap<YAMLMap<unknown, unknown>, Map<string, Pair>>();

/** The first pair of a map whose scalar key reads as `key`. */
function pairOf(map: YAMLMap<unknown, unknown>, key: PathKey): Pair | undefined {
  const { isScalar } = lib();
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const it of map.items as Pair[]) {
      if (!isScalar(it.key)) continue;
      const k = String(it.key.value);
      if (!index.has(k)) index.set(k, it);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

function lineCol(lc: LineCounter, offset: number): { line: number; col: number } {
  return lc.linePos(offset);
}

/** Line and column (1-based) of offsets in a text, as yaml's LineCounter gives them. */
function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (offset < starts[mid]) high = mid;
      else low = mid + 1;
    }
    return { line: low, col: offset - starts[low - 1] + 1 };
  };
}

const duplicateMessage = (name: string, first: Pos) =>
  `duplicate key "${name}" (first at line ${first.line}): a later value would silently replace the first; keep one`;
const TOO_MANY_ALIASES = `too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions): write the values out instead of nesting aliases`;

/**
 * Parse a YAML file keeping positions. Syntax errors, duplicate keys, too many aliases and
 * oversize files become `yaml` problems; nothing here throws.
 *
 * Most files take the fast path (yaml-fast.ts); a file it does not handle the same way (a syntax
 * error, tags, several documents, ...) is parsed with `yaml`, which gives the same data, positions
 * and problems for everything the fast path handles, and `yaml`'s messages for syntax errors.
 */
export function parseYamlFile(file: string, text: string): ParsedYaml {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_FILE_BYTES) {
    const fast = parseFast(text, MAX_ALIAS_COUNT);
    if (fast) {
      let at: ((offset: number) => { line: number; col: number }) | undefined;
      const posOf = ([start, end]: Range): Pos => {
        at ??= lineIndex(text);
        const s = at(start);
        const e = at(Math.max(start, end));
        return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
      };
      const problems: LoadProblem[] = fast.duplicates.map(({ name, here, first }) => {
        const firstPos = posOf(first);
        return {
          rule: 'yaml',
          message: duplicateMessage(name, firstPos),
          pos: posOf(here),
          related: [{ pos: firstPos, message: `first "${name}" here` }],
        };
      });
      return {
        file,
        text,
        value: fast.value,
        problems,
        posAt: (path, opts = {}) => posOf(fast.rangeAt(path, opts.key ?? false)),
      };
    }
  }
  return parseWithYaml(file, text, bytes);
}

/** The `yaml` path of parseYamlFile (also the reference the fast path is tested against). */
export function parseWithYaml(
  file: string,
  text: string,
  bytes = Buffer.byteLength(text, 'utf8'),
): ParsedYaml {
  const { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = lib();
  const problems: LoadProblem[] = [];
  const lc = new LineCounter();
  const posOfRange = (range: readonly number[] | null | undefined): Pos => {
    if (!range) return { file, line: 1, column: 1 };
    const s = lineCol(lc, range[0]);
    const e = lineCol(lc, Math.max(range[0], range[1]));
    return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };

  const doc = parseDocument(bytes > MAX_FILE_BYTES ? '' : text, {
    lineCounter: lc,
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
  });

  const nodeAt = (path: readonly PathKey[]): Node | Pair | undefined => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    for (const key of path) {
      while (isAlias(node)) node = node.resolve(doc);
      pair = undefined;
      if (isMap(node)) {
        pair = pairOf(node as YAMLMap<unknown, unknown>, key);
        node = pair?.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        return undefined;
      }
      if (node === undefined && !pair) return undefined;
    }
    return (node as Node | undefined) ?? pair;
  };

  const posAt = (path: readonly PathKey[], opts: { key?: boolean } = {}): Pos => {
    // Walk up to the nearest node that exists, so a missing key points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      if (opts.key || n < path.length) {
        const parentPath = sub.slice(0, -1);
        const last = sub[sub.length - 1];
        if (sub.length > 0) {
          const parent = nodeAt(parentPath);
          if (isMap(parent)) {
            const pair = pairOf(parent as YAMLMap<unknown, unknown>, last);
            if (pair && isScalar(pair.key)) return posOfRange(pair.key.range);
          }
        }
      }
      const node = nodeAt(sub);
      if (node && !isPair(node) && (node as Node).range) return posOfRange((node as Node).range);
      if (node && isPair(node) && isScalar(node.key)) return posOfRange(node.key.range);
      if (n === 0) return posOfRange(doc.contents?.range);
    }
    return { file, line: 1, column: 1 };
  };

  if (bytes > MAX_FILE_BYTES) {
    problems.push({
      rule: 'yaml',
      message: `file is ${Math.ceil(bytes / 1024)} KB, over the ${MAX_FILE_BYTES / 1024} KB limit: split it into smaller flows`,
      pos: { file, line: 1, column: 1 },
    });
    return { file, text, value: undefined, problems, posAt };
  }

  // One syntax error per line: the parser often reports the same slip twice.
  const errorLines = new Set<number>();
  for (const err of doc.errors) {
    const problem = yamlProblem(file, err, lc, text);
    if (errorLines.has(problem.pos.line)) continue;
    errorLines.add(problem.pos.line);
    problems.push(problem);
  }
  const syntaxOk = problems.length === 0;
  // Duplicate keys are reported but do not stop the file: the rest of it is still checked.
  if (syntaxOk) findDuplicateKeys(doc.contents, posOfRange, problems);

  let value: unknown;
  if (syntaxOk) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const message = (err as Error).message;
      // `*name` with no `&name` before it: the yaml library says "Unresolved alias (…): *name".
      const unresolved =
        err instanceof ReferenceError ? /^Unresolved alias\b.*: \*?(\S+)$/.exec(message) : null;
      problems.push({
        rule: 'yaml',
        message: unresolved
          ? `alias \`*${unresolved[1]}\` names no anchor: mark the value it repeats with \`&${unresolved[1]}\` before it, or write the value out`
          : err instanceof ReferenceError && /alias/i.test(message)
            ? TOO_MANY_ALIASES
            : `cannot read this YAML: ${message}`,
        pos: firstAliasPos(doc, posOfRange, unresolved?.[1]) ?? { file, line: 1, column: 1 },
      });
    }
  }
  return { file, text, value, problems, posAt };
}

function yamlProblem(file: string, err: YAMLError, lc: LineCounter, text: string): LoadProblem {
  const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  // A quote never closed takes the rest of the file: the library reports it at the end, where
  // nothing is wrong. Point at the quote that opens it instead.
  const quote = err.code === 'MISSING_CHAR' ? /^Missing closing (["'])quote/.exec(first)?.[1] : undefined;
  const opening = quote ? openingQuote(text, quote, err.pos[0]) : undefined;
  const s = lineCol(lc, opening ?? err.pos[0]);
  return {
    rule: 'yaml',
    message:
      err.code === 'MULTIPLE_DOCS'
        ? 'a second YAML document: a tact file holds one, and this `---` starts another; remove the line, or move what follows into a file of its own'
        : opening !== undefined
          ? `YAML syntax: this ${quote} is never closed, so the text runs to the end of the file: add the closing ${quote}`
          : `YAML syntax: ${first}`,
    pos: { file, line: s.line, column: s.col },
  };
}

/** The offset of the quote that opens the quoted scalar running to `end`, from yaml's lexer. */
function openingQuote(text: string, quote: string, end: number): number | undefined {
  let offset = 0;
  let found: number | undefined;
  for (const token of new (lib().Lexer)().lex(text)) {
    // The lexer's control tokens (document, flow, scalar starts) are not in the text.
    if (/^[\x02\x18\x1f]$/.test(token)) continue;
    if (token.startsWith(quote) && offset < end) found = offset;
    offset += token.length;
  }
  return found;
}

function findDuplicateKeys(
  node: unknown,
  posOf: (r?: readonly number[] | null) => Pos,
  out: LoadProblem[],
): void {
  const { isMap, isScalar, isSeq } = lib();
  if (isMap(node)) {
    const seen = new Map<string, Pos>();
    for (const pair of node.items) {
      if (isScalar(pair.key)) {
        const name = String(pair.key.value);
        const here = posOf(pair.key.range);
        const first = seen.get(name);
        if (first) {
          out.push({
            rule: 'yaml',
            message: duplicateMessage(name, first),
            pos: here,
            related: [{ pos: first, message: `first "${name}" here` }],
          });
        } else seen.set(name, here);
      }
      findDuplicateKeys(pair.value, posOf, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) findDuplicateKeys(item, posOf, out);
  }
}

/** Where the first alias is (the first `*name` when a name is given). */
function firstAliasPos(
  doc: Document.Parsed,
  posOf: (r?: readonly number[] | null) => Pos,
  name?: string,
): Pos | undefined {
  const { isAlias, isMap, isSeq } = lib();
  let found: Pos | undefined;
  const walk = (n: unknown): void => {
    if (found) return;
    if (isAlias(n)) {
      if (name === undefined || n.source === name) found = posOf(n.range);
    } else if (isMap(n)) for (const p of n.items) walk(p.value);
    else if (isSeq(n)) for (const i of n.items) walk(i);
  };
  walk(doc.contents);
  return found;
}
