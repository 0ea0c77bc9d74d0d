import type { Project } from '../flow/types.js';
import { defineRule } from './define.js';
import { distinctProjectTexts } from './texts.js';
import type { Report } from './types.js';

/** Notes a designer or developer leaves for themselves. */
const NOTE =
  /\b(?:TODO|FIXME|TBD|XXX|HACK)\b|\blorem ipsum\b|\[(?:insert|add|todo|tbd)\b|<(?:insert|add|todo)\b|\bplaceholder\b/iu;
/** Text that stands in for the real thing: "Show help here", "weather flow here", "text goes here". */
const STAND_IN =
  /\b(?:show|put|add|insert|write|goes|go|comes?|text|copy|content|message|flow|prompt|answer|response)\b(?:\s+[\p{L}]+){0,3}\s+here\b(?!\s+(?:to|for|with|and)\b)/iu;
/** What a program shows about itself: how it understood the reply, or values with no human form. */
const MACHINE =
  /\(\s*(?:intent|slot|entity|score|confidence|debug|error|state|step)\b[^)]*\)|\b(?:intent|slot|entity|confidence score) (?:was|is|=)\b|\[object Object\]|\b(?:undefined|NaN)\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/iu;

/** A template of another tool that was never filled: `{{name}}`, `${name}`, `%s`. */
const TEMPLATE = /\{\{[^}]*\}\}|\$\{[^}]*\}|%[sd]\b/u;

/** Names of the project a customer should never read: step ids with a flow, intents, actions. */
function internalNames(project: Project): Set<string> {
  const names = new Set<string>();
  for (const flow of project.flows.values())
    for (const step of flow.steps.values()) {
      names.add(step.qid);
      if (step.action) names.add(step.action.name);
    }
  for (const intent of project.intents.values())
    if (intent.qid.includes('_') || intent.qid.includes('/')) names.add(intent.qid);
  return names;
}

/**
 * Internal or placeholder text a customer would see: a designer's note (TODO, lorem ipsum), a
 * stand-in for the real answer ("Show help here"), what the program knows about itself ("(intent
 * was …)", "undefined", a template that was never filled), or an id of the project (a step, an
 * intent, an action) written into a message.
 */
export default defineRule({
  id: 'internal-text',
  category: 'language',
  severity: 'error',
  description: 'A message shows the customer internal or placeholder text.',
  messages: {
    note: 'the customer would read a note left in the text ("{quote}"): write the real message',
    standIn: 'the customer would read a stand-in for the real answer ("{quote}"): write the real message',
    machine:
      'the customer would read what the program knows about itself ("{quote}"): leave it out of the message',
    id: 'the customer would read an internal name (`{quote}`): say it in words',
  },
  check(project) {
    const names = internalNames(project);
    const reports: Report[] = [];
    // What a text shows depends on the text alone (and the project's names): found once per text,
    // as a bot says the same sentences in many steps.
    const shown = new Map<string, Shown | undefined>();
    for (const { text, pos } of distinctProjectTexts(project)) {
      let found = shown.get(text);
      if (found === undefined && !shown.has(text)) {
        found = internalIn(text, names);
        shown.set(text, found);
      }
      if (found) reports.push({ messageId: found.messageId, data: { quote: found.quote }, at: pos });
    }
    return reports;
  },
});

interface Shown {
  messageId: 'note' | 'standIn' | 'machine' | 'id';
  quote: string;
}

/** The internal or placeholder text a customer would read in `text`, if any. */
function internalIn(text: string, names: Set<string>): Shown | undefined {
  // A `{placeholder}` is filled in; its name is not what the customer reads.
  // (Blanked to the same length, so a match's place is its place in the text.)
  const prose = text.replace(/\{\s*[A-Za-z_][\w/-]*\s*\}/g, (m) => 'X'.repeat(m.length));
  const found = (
    [
      ['note', NOTE.exec(prose)],
      ['standIn', STAND_IN.exec(prose)],
      ['machine', MACHINE.exec(prose) ?? TEMPLATE.exec(text)],
    ] as const
  ).find(([, m]) => m);
  if (found) {
    const [messageId, m] = found;
    return { messageId, quote: quoteAround(text, m!.index, m![0].length) };
  }
  const id = (prose.match(/[\p{L}\p{N}_/-]+/gu) ?? []).find((w) => names.has(w));
  return id ? { messageId: 'id', quote: id } : undefined;
}

/** A few words around a match, for the message. */
function quoteAround(text: string, index: number, length: number): string {
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 12)) + 1);
  const endSpace = text.indexOf(' ', index + length + 12);
  const end = endSpace < 0 ? text.length : endSpace;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
