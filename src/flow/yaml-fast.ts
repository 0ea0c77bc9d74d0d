import { Kind, load, type YAMLNode } from '@stoplight/yaml-ast-parser';

// The fast path of `parseYamlFile`: @stoplight/yaml-ast-parser (the parser Spectral uses) builds an
// AST with offsets several times faster than `yaml` builds its document. From that AST this module
// makes the plain value and answers for positions exactly as the `yaml` path does: the same data
// (YAML 1.2 core schema), the same ranges (line, column, end), the same duplicate-key and alias-cap
// problems. Anything it does not handle the same way gives `undefined`, and the caller parses the
// file with `yaml` instead: a syntax error (so the messages stay `yaml`'s), tags, directives, more
// than one document, explicit `?` keys, keys that are not scalars, keep-chomping block scalars,
// empty items in a list, implicit pairs in a flow list, a byte-order mark.

export type PathKey = string | number;

/** A node of the fast path: the parser's node, or an empty value (`key:` with nothing after it). */
type FastNode = YAMLNode | { kind: 'empty'; offset: number };

export type Range = [number, number];

export interface FastParse {
  value: unknown;
  /** Repeated keys: the name, where it is repeated, where it first was. */
  duplicates: { name: string; here: Range; first: Range }[];
  /** `[start, end]` offsets of the node at `path` (or of its key), as `yaml` gives them. */
  rangeAt(path: readonly PathKey[], key: boolean): Range;
}

/** Not for this path: the caller parses the file with `yaml`. */
class Unsupported extends Error {}

const TAG = /(?:^|[\s[{,])!/;
const DOC_MARKER = /^(?:---|\.\.\.)/gm;
const DIRECTIVE = /^%/m;
const EXPLICIT_KEY = /^[ \t-]*\?(?:[ \t]|$)/m;
const ANCHOR_THEN_FLOW = /&[^\s[\]{},]+[[{]/;
const ANCHORED_EMPTY_ITEM = /^[ \t]*(?:-[ \t]+)+&\S+[ \t]*(?:#.*)?\r?$/m;
const LONE_CR = /\r(?!\n)/;
const TAB_INDENT = /^ *\t/m;

// YAML 1.2 core schema, in the order `yaml` tries its tags (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar, as `yaml`'s core schema reads it. */
function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most plain scalars are words: only these first characters can start a null, bool or number.
  if (s.length > 0 && !(c === 0x7e || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39))) {
    if (c !== 0x6e && c !== 0x4e && c !== 0x74 && c !== 0x54 && c !== 0x66 && c !== 0x46) return s;
  }
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return Number.parseInt(s.substring(2), 8);
  if (INT.test(s)) return Number.parseInt(s, 10);
  if (INT_HEX.test(s)) return Number.parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s))
    return s.slice(-3).toLowerCase() === 'nan'
      ? Number.NaN
      : s[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return Number.parseFloat(s);
  return s;
}

interface Scalar extends YAMLNode {
  value: string;
  plainScalar?: boolean;
  singleQuoted?: boolean;
  doubleQuoted?: boolean;
}

/** The alias cap's bookkeeping of one anchored node, as `yaml`'s toJS keeps it. */
interface AnchorData {
  count: number;
  aliasCount: number;
  res: unknown;
}

/** The fast parse of `text`, or undefined when the file needs the `yaml` path. */
export function parseFast(text: string, maxAliasCount: number): FastParse | undefined {
  if (
    text.includes('\ufeff') ||
    TAG.test(text) ||
    DIRECTIVE.test(text) ||
    EXPLICIT_KEY.test(text) ||
    ANCHOR_THEN_FLOW.test(text) ||
    ANCHORED_EMPTY_ITEM.test(text) ||
    LONE_CR.test(text) ||
    TAB_INDENT.test(text)
  )
    return undefined;
  // One `---` at the very start, followed by a line break, is all the fast path takes.
  for (const m of text.matchAll(DOC_MARKER))
    if (m.index !== 0 || !/^---[ \t]*\r?\n/.test(text)) return undefined;
  let root: YAMLNode;
  try {
    root = load(text, { ignoreDuplicateKeys: true });
  } catch {
    return undefined;
  }
  if (!root || root.errors.length > 0 || (root.kind !== Kind.MAP && root.kind !== Kind.SEQ)) return undefined;
  try {
    return new FastFile(text, root, maxAliasCount).result();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** Maps of at most this many keys are searched for a key rather than indexed. */
const SMALL_MAP = 8;

/** A key as the `yaml` path names it (a null key reads as "null"). */
const keyName = (key: Scalar) => String(key.plainScalar ? plainValue(key.value) : key.value);

/** Does `key` read as `name`? (`keyName(key) === name`, without typing a plain word first.) */
function keyIs(key: Scalar, name: string): boolean {
  const v = key.value;
  if (!key.plainScalar || !mayNotBeString(v)) return v === name;
  return String(plainValue(v)) === name;
}

/** Could plainValue read this plain scalar as something else than the string itself? */
function mayNotBeString(s: string): boolean {
  const c = s.charCodeAt(0);
  return (
    s.length === 0 ||
    c === 0x7e ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x6e ||
    c === 0x4e ||
    c === 0x74 ||
    c === 0x54 ||
    c === 0x66 ||
    c === 0x46
  );
}

const itemsOf = (n: YAMLNode) => (n as YAMLNode & { items: (YAMLNode | null)[] }).items;
const isSpace = (c: number) => c === 0x20 || c === 0x09;

class FastFile {
  private readonly anchors = new Map<YAMLNode, AnchorData>();
  private readonly pairIndex = new WeakMap<YAMLNode, Map<string, YAMLNode>>();
  private readonly duplicates: FastParse['duplicates'] = [];
  /** The keys of the last `nodeAt` walk, and the node after each (see nodeAt). */
  private readonly walkedKeys: PathKey[] = [];
  private readonly walked: FastNode[];

  constructor(
    private readonly text: string,
    private readonly root: YAMLNode,
    private readonly maxAliasCount: number,
  ) {
    this.walked = [root];
  }

  result(): FastParse {
    const value = this.toJS(this.root);
    this.findDuplicateKeys(this.root);
    return { value, duplicates: this.duplicates, rangeAt: (path, key) => this.rangeAt(path, key) };
  }

  // ---- values ----

  private toJS(node: YAMLNode | null | undefined): unknown {
    if (!node) return null;
    if (node.kind === Kind.ANCHOR_REF) return this.resolveAlias(node);
    if (!node.anchorId) return this.convert(node);
    const data: AnchorData = { aliasCount: 0, count: 1, res: undefined };
    this.anchors.set(node, data);
    // A collection is registered before its items are converted, so an alias inside it that
    // points back at it finds it (yaml does the same with onCreate).
    return this.convert(node, data);
  }

  private convert(node: YAMLNode, data?: AnchorData): unknown {
    switch (node.kind) {
      case Kind.SCALAR: {
        const s = node as Scalar;
        // Keep chomping and indentation indicators (`|+`, `|2`) are left to `yaml`.
        if (
          this.isBlockScalar(node) &&
          /^[|>][-+]?[1-9+]/.test(this.text.slice(node.startPosition, node.startPosition + 3))
        )
          throw new Unsupported('block scalar header');
        // An empty scalar node stands for an empty flow entry (`[1, , 2]`), which `yaml` refuses.
        if (node.startPosition === node.endPosition) throw new Unsupported('empty scalar');
        if (this.isBlockScalar(node)) {
          if (s.value === '') throw new Unsupported('empty block scalar');
          // Leading blank lines of a block scalar: the parser drops them.
          const nl = this.text.indexOf('\n', node.startPosition);
          const next = nl < 0 ? -1 : this.text.indexOf('\n', nl + 1);
          if (nl >= 0 && this.text.slice(nl + 1, next < 0 ? undefined : next).trim() === '')
            throw new Unsupported('block scalar starting with a blank line');
          // Lines of spaces after its last line: `yaml` may count them in.
          let i = node.endPosition;
          while (i > node.startPosition && /\s/.test(this.text[i - 1])) i--;
          for (let at = this.text.indexOf('\n', i); at >= 0; ) {
            const nl2 = this.text.indexOf('\n', at + 1);
            const line = this.text.slice(at + 1, nl2 < 0 ? undefined : nl2).replace(/\r$/, '');
            if (line.trim() !== '') break;
            if (line !== '') throw new Unsupported('spaces after a block scalar');
            at = nl2;
          }
        }
        // Plain and quoted scalars over several lines: `yaml` is stricter about their indentation.
        if (!this.isBlockScalar(node) && this.spansLines(node)) throw new Unsupported('multi-line scalar');
        let v = s.plainScalar ? plainValue(s.value) : s.value;
        // The parser's strings are slices of its own copy of the text (with a NUL added), which a
        // kept value would keep alive beside the file's text: take the same characters from ours.
        if (typeof v === 'string' && v.length >= 13) {
          const at = s.plainScalar || this.isBlockScalar(node) ? node.startPosition : node.startPosition + 1;
          if (this.text.startsWith(v, at)) v = this.text.slice(at, at + v.length);
        }
        if (data) data.res = v;
        return v;
      }
      case Kind.MAP: {
        this.checkCollection(node);
        const out: Record<string, unknown> = {};
        if (data) data.res = out;
        for (const pair of node.mappings as YAMLNode[]) {
          const key = pair.key as YAMLNode;
          if (!key || key.kind !== Kind.SCALAR || key.anchorId) throw new Unsupported('key');
          if (this.isExplicitKey(key)) throw new Unsupported('explicit key');
          // `yaml` refuses an implicit key longer than 1024 characters.
          if (key.endPosition - key.startPosition > 1000) throw new Unsupported('long key');
          const jsKey = this.toJS(key);
          const k = jsKey === null ? '' : String(jsKey);
          if (!pair.value) this.valueOf(pair); // checks the empty value is one the fast path places
          const v = this.toJS(pair.value);
          if (k in out)
            Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
          else out[k] = v;
        }
        return out;
      }
      case Kind.SEQ: {
        this.checkCollection(node);
        const out: unknown[] = [];
        if (data) data.res = out;
        for (const item of itemsOf(node) as (YAMLNode | null)[]) {
          if (
            !item ||
            item.kind === Kind.MAPPING ||
            (item.kind === Kind.MAP &&
              this.text[item.startPosition] !== '{' &&
              this.text[node.startPosition] === '[')
          )
            throw new Unsupported('item');
          out.push(this.toJS(item));
        }
        return out;
      }
      default:
        throw new Unsupported('node');
    }
  }

  private resolveAlias(alias: YAMLNode): unknown {
    const found = alias.value as YAMLNode | undefined;
    if (!found) throw new Unsupported('alias');
    let data = this.anchors.get(found);
    if (!data) {
      this.toJS(found);
      data = this.anchors.get(found);
    }
    if (!data || data.res === undefined) throw new Unsupported('alias');
    if (this.maxAliasCount >= 0) {
      data.count += 1;
      if (data.aliasCount === 0) data.aliasCount = this.aliasCount(found);
      // Past the cap `yaml` reports it, with the rest of the file's problems.
      if (data.count * data.aliasCount > this.maxAliasCount) throw new Unsupported('too many aliases');
    }
    return data.res;
  }

  /** yaml's getAliasCount: how much one expansion of this node weighs. */
  private aliasCount(node: YAMLNode | null | undefined): number {
    if (!node) return 1;
    if (node.kind === Kind.ANCHOR_REF) {
      const a = this.anchors.get(node.value as YAMLNode);
      return a ? a.count * a.aliasCount : 0;
    }
    if (node.kind === Kind.MAP) {
      let count = 0;
      for (const pair of node.mappings as YAMLNode[]) {
        const c = Math.max(this.aliasCount(pair.key as YAMLNode), this.aliasCount(pair.value));
        if (c > count) count = c;
      }
      return count;
    }
    if (node.kind === Kind.SEQ) {
      let count = 0;
      for (const item of itemsOf(node) as YAMLNode[]) {
        const c = this.aliasCount(item);
        if (c > count) count = c;
      }
      return count;
    }
    return 1;
  }

  // ---- duplicate keys ----

  private findDuplicateKeys(node: YAMLNode | null | undefined): void {
    if (!node) return;
    if (node.kind === Kind.MAP) {
      const pairs = node.mappings as YAMLNode[];
      // The first key of each name; a map of a few keys is searched instead (most maps of a flow).
      const seen = pairs.length > SMALL_MAP ? new Map<string, YAMLNode>() : undefined;
      for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i];
        const key = pair.key as Scalar;
        const name = keyName(key);
        let first: YAMLNode | undefined;
        if (seen) {
          first = seen.get(name);
          if (!first) seen.set(name, key);
        } else
          for (let j = 0; j < i && !first; j++)
            if (keyIs(pairs[j].key as Scalar, name)) first = pairs[j].key as YAMLNode;
        if (first) this.duplicates.push({ name, here: this.range(key), first: this.range(first) });
        this.findDuplicateKeys(pair.value);
      }
    } else if (node.kind === Kind.SEQ) {
      for (const item of itemsOf(node) as YAMLNode[]) this.findDuplicateKeys(item);
    }
  }

  /**
   * Collections whose `yaml` range the fast path does not work out: a flow collection over several
   * lines (`yaml` is stricter about its indentation), a block map that ends with an empty value.
   */
  private checkCollection(node: YAMLNode): void {
    if (this.isFlow(node)) {
      if (this.spansLines(node)) throw new Unsupported('multi-line flow collection');
      // What may follow a flow collection on its line.
      let i = node.endPosition;
      while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
      if (i < this.text.length && !',]}#:\r\n'.includes(this.text[i]))
        throw new Unsupported('after a flow collection');
      return;
    }
    let last: YAMLNode | null | undefined;
    if (node.kind === Kind.MAP) {
      const pairs = node.mappings as YAMLNode[];
      last = pairs[pairs.length - 1]?.value as YAMLNode | null | undefined;
      if (pairs.length > 0 && !last) throw new Unsupported('ends with an empty value');
    } else last = itemsOf(node)[itemsOf(node).length - 1];
    // Comment lines after the last item, as deep as the collection (or deeper than the collection
    // for a block scalar), and lines of spaces: `yaml` may count them into the collection's range.
    if (!last) return;
    const indent = node.startPosition - (this.text.lastIndexOf('\n', node.startPosition - 1) + 1);
    const block = last.kind === Kind.SCALAR && this.isBlockScalar(last);
    const end = block ? this.blockScalarEnd(last) : this.trailingEnd(last);
    for (let at = end; at < this.text.length; ) {
      const nl = this.text.indexOf('\n', at);
      const line = this.text.slice(at, nl < 0 ? undefined : nl).replace(/\r$/, '');
      const trimmed = line.trimStart();
      if (trimmed !== '' && !trimmed.startsWith('#')) break;
      if (trimmed === '' && line !== '') throw new Unsupported('spaces after a collection');
      if (trimmed !== '' && line.length - trimmed.length >= (block ? indent + 1 : indent))
        throw new Unsupported('comment after a collection');
      if (nl < 0) break;
      at = nl + 1;
    }
  }

  private spansLines(node: YAMLNode): boolean {
    const nl = this.text.indexOf('\n', node.startPosition);
    return nl >= 0 && nl < node.endPosition;
  }

  // ---- positions ----

  private isBlockScalar(node: YAMLNode): boolean {
    const c = this.text[node.startPosition];
    return (c === '|' || c === '>') && !(node as Scalar).plainScalar;
  }

  /** A key written after `?`: the `yaml` path handles those. */
  private isExplicitKey(key: YAMLNode): boolean {
    let i = key.startPosition - 1;
    while (i >= 0 && isSpace(this.text.charCodeAt(i))) i--;
    return this.text[i] === '?' && (i === 0 || /\s/.test(this.text[i - 1]));
  }

  private isFlow(node: YAMLNode): boolean {
    const c = this.text[node.startPosition];
    return c === '{' || c === '[';
  }

  /** `[start, end]` of a node as `yaml` gives them (its range[0] and range[1]). */
  private range(node: FastNode): Range {
    if (node.kind === 'empty') return [node.offset, node.offset];
    switch (node.kind) {
      case Kind.ANCHOR_REF:
        return [node.startPosition - 1, node.endPosition];
      case Kind.SCALAR:
        return [node.startPosition, this.isBlockScalar(node) ? this.blockScalarEnd(node) : node.endPosition];
      case Kind.MAP:
      case Kind.SEQ:
        return [node.startPosition, this.isFlow(node) ? node.endPosition : this.collectionEnd(node)];
      default:
        return [node.startPosition, node.endPosition];
    }
  }

  /** A block scalar ends after the line break of its last line that is not blank. */
  private blockScalarEnd(node: YAMLNode): number {
    const t = this.text;
    let i = node.endPosition;
    while (i > node.startPosition && /\s/.test(t[i - 1])) i--;
    const nl = t.indexOf('\n', i);
    return nl < 0 ? t.length : nl + 1;
  }

  /** A block collection ends where its last item ends, with that line's comment and line break. */
  private collectionEnd(node: YAMLNode): number {
    if (node.kind === Kind.MAP) {
      const pairs = node.mappings as YAMLNode[];
      const last = pairs[pairs.length - 1];
      if (!last) return node.endPosition;
      return this.trailingEnd(this.valueOf(last));
    }
    const items = itemsOf(node) as YAMLNode[];
    const last = items[items.length - 1];
    return last ? this.trailingEnd(last) : node.endPosition;
  }

  /** The end of a node with the rest of its line: spaces, a comment, the line break. */
  private trailingEnd(node: FastNode): number {
    if (node.kind !== 'empty' && (node.kind === Kind.MAP || node.kind === Kind.SEQ) && !this.isFlow(node))
      return this.collectionEnd(node);
    if (node.kind === 'empty') return node.offset;
    const t = this.text;
    let i = this.range(node)[1];
    if (node.kind === Kind.SCALAR && this.isBlockScalar(node)) return i;
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    if (t[i] === '#') while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    if (t[i] === '\r' && t[i + 1] === '\n') return i + 2;
    if (t[i] === '\n' || t[i] === '\r') return i + 1;
    return i;
  }

  /** A pair's value, or the empty value right after its `:` and the spaces after it. */
  private valueOf(pair: YAMLNode): FastNode {
    if (pair.value) return pair.value as YAMLNode;
    const t = this.text;
    let i = (pair.key as YAMLNode).endPosition;
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    if (t[i] !== ':') throw new Unsupported('empty value');
    i++;
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    // An anchor on an empty value: the parser loses it.
    if (t[i] === '&') throw new Unsupported('anchored empty value');
    return { kind: 'empty', offset: i };
  }

  private pairOf(map: YAMLNode, key: PathKey): YAMLNode | undefined {
    const pairs = map.mappings as YAMLNode[];
    const name = String(key);
    if (pairs.length <= SMALL_MAP) {
      for (const p of pairs) if (keyIs(p.key as Scalar, name)) return p;
      return undefined;
    }
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const p of pairs) {
        const k = keyName(p.key as Scalar);
        if (!index.has(k)) index.set(k, p);
      }
      this.pairIndex.set(map, index);
    }
    return index.get(name);
  }

  /**
   * The node at the first `length` keys of `path` (aliases followed on the way, not at the end), as
   * the `yaml` path finds it.
   */
  private nodeAt(path: readonly PathKey[], length = path.length): FastNode | undefined {
    // Positions are asked for in the order the model is built, so a path mostly begins as the one
    // before it did (`steps`, a step, ...): the walk goes on from the last walk's node where the
    // keys part, not from the root. `walked[i]` is the node after the first i keys of `walkedKeys`.
    const keys = this.walkedKeys;
    const walked = this.walked;
    let i = 0;
    while (i < length && i < keys.length && keys[i] === path[i]) i++;
    keys.length = i;
    walked.length = i + 1;
    let node: FastNode | undefined = walked[i];
    for (; i < length; i++) {
      const key = path[i];
      while (node && node.kind === Kind.ANCHOR_REF) node = node.value as YAMLNode | undefined;
      if (!node || node.kind === 'empty') return undefined;
      if (node.kind === Kind.MAP) {
        const pair = this.pairOf(node, key);
        if (!pair) return undefined;
        node = this.valueOf(pair);
      } else if (node.kind === Kind.SEQ && typeof key === 'number') {
        node = (itemsOf(node) as YAMLNode[])[key];
        if (!node) return undefined;
      } else return undefined;
      keys.push(key);
      walked.push(node);
    }
    return node;
  }

  private rangeAt(path: readonly PathKey[], key: boolean): Range {
    // Walk up to the nearest node that exists, so a missing key points at its parent.
    for (let n = path.length; n >= 0; n--) {
      if ((key || n < path.length) && n > 0) {
        const parent = this.nodeAt(path, n - 1);
        if (parent && parent.kind === Kind.MAP) {
          const pair = this.pairOf(parent, path[n - 1]);
          if (pair) return this.range(pair.key as YAMLNode);
        }
      }
      const node = this.nodeAt(path, n);
      if (node) return this.range(node);
    }
    return this.range(this.root);
  }
}
