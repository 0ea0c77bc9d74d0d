import { retext } from 'retext';
import retextEnglish from 'retext-english';
import retextEquality from 'retext-equality';
import type { Pos, Project } from '../flow/types.js';
import { defineRule } from './define.js';
import { distinctProjectTexts } from './texts.js';
import type { Report } from './types.js';

type Options = { ignore: string[] };

type Processor = ReturnType<typeof makeProcessor>;
const makeProcessor = (ignore: string[]) =>
  retext().use(retextEnglish).use(retextEquality, { ignore }).freeze();

// Building a processor unpacks the library's patterns: do it once per `ignore` list, not per text.
const processors = new Map<string, Processor>();
function processorFor(ignore: string[]): Processor {
  const key = JSON.stringify([...ignore].sort());
  let p = processors.get(key);
  if (!p) {
    p = makeProcessor(ignore);
    processors.set(key, p);
  }
  return p;
}

// Placeholders and links are not prose; blank them out keeping the columns.
// Placeholders, links and addresses. Written to stay linear on a long run of text: `[^{}]` stops
// at the next brace, an address starts only at the start of a token.
const NOT_PROSE = /\{[^{}]*\}|\b(?:https?:\/\/|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\S+/gi;

/**
 * Where a text's own first character is in the file, when the text is written on one line exactly
 * as it reads: a plain scalar, or a quoted one without escapes. Otherwise (block scalars, folded
 * lines, escapes) a column inside the text cannot be mapped simply, and the text's start is used.
 */
function textStart(project: Project, text: string, pos: Pos): number | undefined {
  if (pos.endLine !== undefined && pos.endLine !== pos.line) return undefined;
  const source = project.files.find((f) => f.path === pos.file)?.text;
  const line = source?.split(/\r?\n/)[pos.line - 1];
  if (line === undefined) return undefined;
  const at = pos.column - 1;
  if (line.startsWith(text, at)) return pos.column;
  const q = line[at];
  if ((q === '"' || q === "'") && line.startsWith(text, at + 1) && line[at + 1 + text.length] === q)
    return pos.column + 1;
  return undefined;
}

const quoteList = (xs: string[]) => {
  const shown = xs.slice(0, 4).map((x) => `\`${x}\``);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : shown[0];
};

export default defineRule<Options>({
  id: 'inclusive-language',
  category: 'language',
  severity: 'warn',
  description: 'Insensitive or non-inclusive wording (checked by retext-equality).',
  messages: {
    insensitive: '`{actual}` may be insensitive{suggestion}{note}',
  },
  options: {
    ignore: { type: 'array', items: { type: 'string' } },
  },
  defaults: { ignore: [] },
  check(project, options) {
    const ignore = Array.isArray(options.ignore) ? options.ignore.filter((w) => typeof w === 'string') : [];
    const processor = processorFor(ignore);
    const reports: Report[] = [];
    for (const { text, pos } of distinctProjectTexts(project)) {
      const prose = text.replace(NOT_PROSE, (s) => ' '.repeat(s.length));
      let file: ReturnType<Processor['processSync']>;
      try {
        file = processor.processSync(prose);
      } catch {
        // A rule never throws; text the library cannot parse is simply not checked.
        continue;
      }
      const start = textStart(project, text, pos);
      for (const msg of file.messages) {
        const expected = Array.isArray(msg.expected) ? msg.expected.filter((e) => e) : [];
        const at: Pos =
          start !== undefined && msg.line === 1 && typeof msg.column === 'number'
            ? { file: pos.file, line: pos.line, column: start + msg.column - 1 }
            : pos;
        reports.push({
          messageId: 'insensitive',
          data: {
            actual: msg.actual ?? msg.reason,
            suggestion: expected.length > 0 ? `: in some cases ${quoteList(expected)} may be better` : '',
            note: msg.note ? ` (${msg.note})` : '',
          },
          at,
          evidence: msg.actual ? [msg.actual] : undefined,
        });
      }
    }
    return reports;
  },
});
