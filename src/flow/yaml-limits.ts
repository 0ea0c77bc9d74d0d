import type { LoadProblem, Pos } from './types.js';
import { type ParsedYaml, type PathKey, parseYamlFile as parseYamlUnchecked } from './yaml.js';

/**
 * How deep lists and maps may nest in a tact file. A flow needs about ten levels (steps, a step,
 * its options, a condition); a hundred thousand brackets would overflow the stack of the parser,
 * the schema check or the rules ("Maximum call stack size exceeded").
 */
export const MAX_NESTING = 64;

const tooDeep = (file: string, line: number, column: number): LoadProblem => ({
  rule: 'yaml',
  message: `nesting too deep at ${line}:${column}: more than ${MAX_NESTING} levels of lists and maps; flatten it`,
  pos: { file, line, column },
});

/**
 * Parse a YAML file keeping positions (yaml.ts), within the nesting limit: the text is scanned
 * first, so a file nested too deep never reaches the parser, and the data is measured after, as
 * aliases can nest what the text does not (`b: &b [*a]`, `c: &c [*b]`, ...). Either way the file
 * gets the one problem "nesting too deep at LINE:COL" and no value. Nothing here throws.
 */
export function parseYamlFile(file: string, text: string): ParsedYaml {
  const deep = deepestInText(text, MAX_NESTING);
  if (deep) {
    // A parse of nothing gives the shape of a parsed file with no data.
    return noData(file, text, tooDeep(file, deep.line, deep.column));
  }
  let parsed: ParsedYaml;
  try {
    parsed = parseYamlUnchecked(file, text);
  } catch (err) {
    // A parser that overflows on something the scan did not count: the same plain problem.
    if (!(err instanceof RangeError)) throw err;
    return noData(file, text, tooDeep(file, 1, 1));
  }
  const found = deepestInValue(parsed.value, MAX_NESTING);
  if (!found) return parsed;
  const pos: Pos = parsed.posAt(found.path);
  const problem: LoadProblem = found.cycle
    ? {
        rule: 'yaml',
        message: `an alias at ${pos.line}:${pos.column} refers to a node that holds it (a cycle): write the value out`,
        pos: { file, line: pos.line, column: pos.column },
      }
    : tooDeep(file, pos.line, pos.column);
  return { ...parsed, value: undefined, problems: [...parsed.problems, problem] };
}

/** A parsed file with no data and one problem (the parse of nothing gives the shape). */
function noData(file: string, text: string, problem: LoadProblem): ParsedYaml {
  return { ...parseYamlUnchecked(file, ''), text, value: undefined, problems: [problem] };
}

/**
 * The data path where `value` goes deeper than `max` lists and maps, or holds itself (a cycle made
 * with aliases), if it does. The walk stops at depth `max + 1`, so its recursion is bounded by the
 * limit, not by the data; items are visited last first, as the stack of an iterative walk would.
 */
export function deepestInValue(value: unknown, max: number): { path: PathKey[]; cycle: boolean } | undefined {
  // The lists and maps from the root to the one visited, and the keys that lead to each.
  const holders: object[] = [];
  const path: PathKey[] = [];
  let found: { path: PathKey[]; cycle: boolean } | undefined;
  const visit = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== 'object') return false;
    const cycle = holders.includes(v);
    if (cycle || depth > max) {
      found = { path: [...path], cycle };
      return true;
    }
    holders.push(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        path.push(i);
        if (visit(v[i], depth + 1)) return true;
        path.pop();
      }
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        path.push(keys[i]);
        if (visit((v as Record<string, unknown>)[keys[i]], depth + 1)) return true;
        path.pop();
      }
    }
    holders.pop();
    return false;
  };
  visit(value, 1);
  return found;
}

// Character codes of the scan.
const SPACE = 0x20; // ' '
const TAB = 0x09;
const HASH = 0x23; // '#'
const DQUOTE = 0x22; // '"'
const SQUOTE = 0x27; // "'"
const BACKSLASH = 0x5c;
const PIPE = 0x7c; // '|'
const GREATER = 0x3e; // '>'
const OPEN_SQUARE = 0x5b; // '['
const CLOSE_SQUARE = 0x5d; // ']'
const OPEN_CURLY = 0x7b; // '{'
const CLOSE_CURLY = 0x7d; // '}'

/** How many characters `trimStart` would take off the start of a line (JavaScript's white space). */
function leadingSpace(l: string): number {
  let i = 0;
  while (i < l.length && isWhiteSpace(l.charCodeAt(i))) i++;
  return i;
}

// What String.prototype.trim takes off: WhiteSpace and LineTerminator of ECMA-262.
function isWhiteSpace(c: number): boolean {
  if (c === SPACE || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Does a token start at `i`: the line's first character, or one after a space, `[`, `{`, `,`, `:`, `-` or `?`. */
function atToken(l: string, i: number): boolean {
  if (i === 0) return true;
  const b = l[i - 1];
  return (
    b === ' ' || b === '\t' || b === '[' || b === '{' || b === ',' || b === ':' || b === '-' || b === '?'
  );
}

/**
 * Where the text of a YAML document nests deeper than `max` lists and maps, if it does: block
 * levels by indentation and `- ` entries, plus flow levels by `[` and `{` outside quotes and
 * comments; block scalars (`|`, `>`) are skipped. It errs on the deep side only by continuation
 * lines of plain scalars, which nobody writes sixty levels of. Linear in the text, no recursion.
 */
export function deepestInText(text: string, max: number): { line: number; column: number } | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const stack: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let scalarIndent: number | undefined;
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n];
    let i = 0;
    if (scalarIndent !== undefined) {
      const indent = leadingSpace(l);
      if (indent === l.length || indent > scalarIndent) continue;
      scalarIndent = undefined;
    }
    let indent = 0;
    if (quote === undefined && flow === 0) {
      const lead = leadingSpace(l);
      if (lead === l.length || l.charCodeAt(lead) === HASH) continue;
      if ((l[0] === '-' || l[0] === '.') && /^(---|\.\.\.)(\s|$)/.test(l)) {
        stack.length = 0;
        continue;
      }
      indent = lead;
      while (stack.length > 0 && stack[stack.length - 1] >= indent) stack.pop();
      stack.push(indent);
      i = indent;
      // `- - - x`: each dash opens a list inside the last.
      if (stack.length > max) return { line: n + 1, column: i + 1 };
      while (l[i] === '-' && (l[i + 1] === ' ' || i + 1 === l.length)) {
        const dash = i + 1;
        i += 1;
        while (l[i] === ' ') i += 1;
        stack.push(i);
        if (stack.length > max) return { line: n + 1, column: dash };
      }
    }
    for (; i < l.length; i++) {
      const c = l.charCodeAt(i);
      if (quote === '"') {
        if (c === BACKSLASH) i += 1;
        else if (c === DQUOTE) quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === SQUOTE && l.charCodeAt(i + 1) === SQUOTE) i += 1;
        else if (c === SQUOTE) quote = undefined;
        continue;
      }
      // Most characters are none of these: the test of the one before is made only for these.
      if (c === HASH) {
        if (i === 0 || l.charCodeAt(i - 1) === SPACE || l.charCodeAt(i - 1) === TAB) break;
      } else if (c === DQUOTE || c === SQUOTE) {
        if (atToken(l, i)) quote = c === DQUOTE ? '"' : "'";
      } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        if (flow > 0 || atToken(l, i)) {
          flow += 1;
          if (stack.length + flow > max) return { line: n + 1, column: i + 1 };
        }
      } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
        if (flow > 0) flow -= 1;
      } else if (
        (c === PIPE || c === GREATER) &&
        flow === 0 &&
        atToken(l, i) &&
        /^[|>][0-9+-]*\s*(#.*)?$/.test(l.slice(i))
      ) {
        scalarIndent = indent;
        break;
      }
    }
  }
  return undefined;
}
