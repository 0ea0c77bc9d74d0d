/**
 * Text from a user's file on its way to a terminal, a log or another format. Escape sequences and
 * control characters (ESC, BEL, backspace, C1 controls such as CSI; DEL is harmless and kept) would be read
 * by the terminal as commands: move the cursor, rewrite earlier lines, set the window title, hide
 * a finding. Bidirectional overrides (U+202E ...) make the text read differently from what it is.
 * All of them are shown as visible `\uXXXX` instead. Tabs are kept; line breaks (LF, CR) as the
 * caller says.
 */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE =
  /[\u0000-\u0008\u000A-\u001F\u0080-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const visible = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `text` with every control character and bidi override shown as `\uXXXX`; tabs and line breaks kept. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** One line for a terminal: line breaks (and the spaces around them) become one space, controls `\uXXXX`. */
export function safeLine(text: string): string {
  return text.replace(/\s*(\r\n|[\n\r])\s*/g, ' ').replace(UNSAFE_OR_NEWLINE, visible);
}

/**
 * JSON text that shows no raw C1 control or bidi override either (JSON.stringify escapes only
 * C0): the same JSON value, safe to print to a terminal.
 */
export function safeJson(json: string): string {
  return json.replace(/[\u0080-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, visible);
}

/** A line cut to `width` characters around `column` (1-based), with … where text was left out. */
export interface CutLine {
  text: string;
  /** Where `column` is in the cut text (1-based). */
  column: number;
  /** The first character kept (0-based), to cut the lines around it the same way. */
  start: number;
}

/**
 * Cut a long line to a readable width, keeping the part around `column`; `start` forces the
 * window (so the lines of one code frame stay aligned).
 */
export function cutLine(line: string, column: number, width: number, start?: number): CutLine {
  if (line.length <= width && (start === undefined || start === 0)) return { text: line, column, start: 0 };
  const from =
    start ?? Math.max(0, Math.min(column - 1 - Math.floor(width / 3), Math.max(0, line.length - width)));
  const to = Math.min(line.length, from + width);
  const head = from > 0 ? '…' : '';
  const tail = to < line.length ? '…' : '';
  return { text: head + line.slice(from, to) + tail, column: column - from + head.length, start: from };
}
