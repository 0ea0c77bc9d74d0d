import { retext } from 'retext';
import retextEnglish from 'retext-english';
import retextEquality from 'retext-equality';
import type { Pos, Project } from '../flow/types.js';
import { defineRule } from './define.js';
import { distinctProjectTexts, sourceLine } from './texts.js';
import type { Report } from './types.js';

type Options = { ignore: string[] };

type Processor = ReturnType<typeof makeProcessor>;
type Message = ReturnType<Processor['processSync']>['messages'][number];
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
  const line = sourceLine(project, pos.file, pos.line);
  if (line === undefined) return undefined;
  const at = pos.column - 1;
  if (line.startsWith(text, at)) return pos.column;
  const q = line[at];
  if ((q === '"' || q === "'") && line.startsWith(text, at + 1) && line[at + 1 + text.length] === q)
    return pos.column + 1;
  return undefined;
}

/**
 * retext-equality also carries advice for teaching texts ("just", "of course", "simply", "easy",
 * "obviously"): words that talk down to a learner. In a support chat they are warmth ("Of course!",
 * "Just a moment"), and talking down to a customer is blame-language's to find. The library marks
 * that advice by its source; it is left out.
 */
const TEACHING_ADVICE = /words-avoid-educational-writing/;

/**
 * Words the library flags as euphemisms for disability that have an everyday sense about things:
 * an invalid date, a special offer, a challenged claim. They are about a person only as a noun
 * ("an invalid") or before a word for people ("special needs", "challenged users").
 */
const EVERYDAY_SENSE = new Set(['invalid', 'special', 'challenged']);
const PEOPLE =
  /^(?:people|persons?|users?|customers?|clients?|children|child|kids?|babies|baby|adults?|m[ae]n|wom[ae]n|boys?|girls?|guests?|members?|passengers?|travell?ers?|individuals?|students?|pupils?|athletes?|olympians?|patients?|workers?|employees?|staff|needs|population|community|folks?)$/i;

/** Is the flagged word, at this place in the text, about a person? */
function aboutPeople(prose: string, actual: string, start: number, end: number): boolean {
  if (!EVERYDAY_SENSE.has(actual.toLowerCase())) return true;
  const after = /^\s+([\p{L}'’-]+)/u.exec(prose.slice(end))?.[1];
  if (after && PEOPLE.test(after)) return true;
  // A noun: after an article, and not followed by another word ("an invalid.", "the special").
  const before = /([\p{L}]+)\s+$/u.exec(prose.slice(0, start))?.[1]?.toLowerCase();
  return (before === 'an' || before === 'a' || before === 'the') && after === undefined;
}

/** Where a message of the library is in the text, as offsets. */
function spanOf(m: { place?: unknown }): [number, number] | undefined {
  const p = m.place as { start?: { offset?: number }; end?: { offset?: number } } | undefined;
  return p?.start?.offset !== undefined && p.end?.offset !== undefined
    ? [p.start.offset, p.end.offset]
    : undefined;
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
    // The same text recurs across steps and flows: check each distinct text once.
    const checked = new Map<string, Message[] | undefined>();
    const findingsOf = (text: string): Message[] | undefined => {
      const prose = text.replace(NOT_PROSE, (s) => ' '.repeat(s.length));
      let messages: Message[];
      try {
        messages = processor.processSync(prose).messages;
      } catch {
        // A rule never throws; text the library cannot parse is simply not checked.
        return undefined;
      }
      // The library can flag a word and the phrase it starts ("special", "special needs"): keep the phrase.
      const spans = messages.map(spanOf);
      const inside = ([from, to]: [number, number], i: number) =>
        spans.some(
          (o, j) => j !== i && o !== undefined && o[0] <= from && to <= o[1] && o[1] - o[0] > to - from,
        );
      return messages.filter((msg, i) => {
        if (msg.note && TEACHING_ADVICE.test(msg.note)) return false;
        const span = spans[i];
        return !(
          span &&
          (inside(span, i) || (msg.actual && !aboutPeople(prose, msg.actual, span[0], span[1])))
        );
      });
    };
    for (const { text, pos } of distinctProjectTexts(project)) {
      if (!checked.has(text)) checked.set(text, findingsOf(text));
      const messages = checked.get(text);
      if (!messages) continue;
      const start = messages.length > 0 ? textStart(project, text, pos) : undefined;
      for (const msg of messages) {
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
