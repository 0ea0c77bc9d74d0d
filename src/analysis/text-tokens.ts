// Tokens of a short chat message, shared by the sentiment and tone analyzers. Pure and browser-safe.

export type TokenKind = 'word' | 'hashtag' | 'emoji' | 'emoticon' | 'punct';

export interface Token {
  /** As written (an emoticon or emoji keeps its marks, a hashtag keeps its `#`). */
  raw: string;
  /** Lower case, straight apostrophes, `#` dropped. */
  norm: string;
  kind: TokenKind;
  /** A word of two or more letters written in capitals (`NEVER`, not `I` or `A`). */
  caps: boolean;
}

/** A word of prose: letters and digits, with inner apostrophes (`don't`, `customer’s`). */
const WORD = String.raw`[\p{L}\p{N}]+(?:['’][\p{L}]+)*`;

/** The words of a text, as written: the one definition of a word for the analyzers and the language rules. */
export function proseWords(text: string): string[] {
  return text.match(new RegExp(WORD, 'gu')) ?? [];
}

// Order matters: URLs and handles are dropped before anything can match inside them.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>https?:\/\/\S+|www\.\S+)`,
    String.raw`(?<handle>@\w+)`,
    // Western emoticons, only where they stand alone (so "8:30" or "(2)" are not faces).
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=8][\-'’^o]?[)(\]\[DPpSs/\\|*@3]+|<\/?3+|[)(\]\[][\-'’]?[:;=])(?![\p{L}\p{N}]))`,
    // An emoji with its modifiers, variation selectors and zero-width joins.
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:[\u{FE0F}\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic})*|[\u{1F1E6}-\u{1F1FF}]{2})`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+)`,
    `(?<word>${WORD})`,
    String.raw`(?<punct>[!?]+|\.{2,}|…|[.,;:()"“”\-–—])`,
  ].join('|'),
  'gu',
);

/** Splits a message into words, hashtags, emoji, emoticons and punctuation; drops links and @handles. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const raw = m[0];
    if (g.url || g.handle) continue;
    const kind: TokenKind = g.emoticon
      ? 'emoticon'
      : g.emoji
        ? 'emoji'
        : g.hashtag
          ? 'hashtag'
          : g.word
            ? 'word'
            : 'punct';
    const norm =
      kind === 'emoticon' || kind === 'emoji' ? raw : raw.toLowerCase().replace(/’/g, "'").replace(/^#/, '');
    const letters = raw.replace(/[^\p{L}]/gu, '');
    const caps =
      kind === 'word' &&
      letters.length >= 2 &&
      letters === letters.toUpperCase() &&
      letters !== letters.toLowerCase();
    tokens.push({ raw, norm, kind, caps });
  }
  return tokens;
}

/** True when most of the message's words are in capitals: the writer is shouting. */
export function isShouting(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => t.kind === 'word' && /\p{L}{2,}/u.test(t.raw));
  if (words.length < 3) return false;
  return words.filter((t) => t.caps).length / words.length >= 0.7;
}
