/**
 * Escaping for the simulation reports. Everything a persona, a model or a flow wrote reaches a
 * report only through one of these functions, so that no text can become markup, a link, an image
 * or a script in HTML, XML or Markdown, and no control character reaches a file raw.
 */

import { escapeXmlAttribute, escapeXmlText } from '../junit.js';

/**
 * What no report shows raw: C0 and C1 controls but tab and line feed, DEL, U+FFFE/U+FFFF, lone
 * surrogates, and the bidirectional controls that make text read in another order than it is
 * stored (the "Trojan Source" marks).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Line ends as `\n`, and every invisible character as a visible `\uXXXX`, so nothing vanishes. */
export function showInvisible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Collapse every run of whitespace, line breaks too, to one space (for one-line fields). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML text or a quoted attribute value: the five markup characters as entities. */
export function escapeHtml(text: string): string {
  return showInvisible(text).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/** XML text content (`]]>` cannot occur: every `>` is `&gt;`). */
export function xmlText(text: string): string {
  return escapeXmlText(showInvisible(text));
}

/** A double-quoted XML attribute value, line breaks kept as character references. */
export function xmlAttr(text: string): string {
  return escapeXmlAttribute(showInvisible(text));
}

const longestRun = (text: string, ch: string): number => {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
};

/**
 * Markdown inline code: the one construct CommonMark and GFM render literally, whatever it holds
 * (no emphasis, link, image, autolink or HTML inside a code span). The fence is one backtick longer
 * than the longest run of backticks in the text; a space pads text that starts or ends with one.
 * Line breaks become spaces. `table: true` also escapes `|`, which GFM reads as a cell border
 * even inside code (and gives back as `|`).
 */
export function mdCode(text: string, options: { table?: boolean } = {}): string {
  let t = oneLine(showInvisible(text));
  if (t === '') return '*(empty)*';
  if (options.table) t = t.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * A fenced Markdown code block holding `lines` as they are: nothing inside renders. The fence is
 * longer than any run of backticks in the text, so no line can close it.
 */
export function mdBlock(lines: readonly string[], info = 'text'): string {
  const body = lines.map(showInvisible).join('\n');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Wrap `text` at spaces to lines of at most `width` characters (a longer word stays whole). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
