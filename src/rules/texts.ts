import { perProject } from '../analysis/memo.js';
import type { Flow, Message, Pos, Project, SentimentLabel } from '../flow/types.js';
import { PlaceSet } from './places.js';

/** One text of a message, with its own position. */
export interface MessageText {
  text: string;
  pos: Pos;
  /** The sentiment variant it belongs to, for a map of sentiment variants. */
  variant?: 'default' | SentimentLabel;
}

/** One text the bot may say, with the message it is part of and its flow. */
export interface ProjectText extends MessageText {
  message: Message;
  /** Undefined for tact.config.yaml's default fallback. */
  flow: Flow | undefined;
}

/** Every text of a message with its own position, in the order of `messageTexts`. */
export function textsOf(m: Message | undefined): MessageText[] {
  if (!m) return [];
  const out: MessageText[] = [];
  if (m.value.kind === 'text') {
    for (const text of m.value.variants) out.push({ text, pos: m.textPos[out.length] ?? m.pos });
  } else {
    for (const [variant, texts] of Object.entries(m.value.variants) as [
      NonNullable<MessageText['variant']>,
      string[],
    ][])
      for (const text of texts) out.push({ text, pos: m.textPos[out.length] ?? m.pos, variant });
  }
  return out;
}

/**
 * Every text of every message the bot may say, in order: flow by flow, step by step, its `say`,
 * `ask` and fallback `say`; then tact.config.yaml's default fallback. A step's fallback that
 * inherits the default message gives its texts (at their place in the config) once more.
 */
export function projectTexts(project: Project): readonly ProjectText[] {
  return perProject(project, 'projectTexts', () => listTexts(project));
}

function listTexts(project: Project): ProjectText[] {
  const out: ProjectText[] = [];
  const add = (message: Message | undefined, flow: Flow | undefined) => {
    // Written out rather than spread: an object spread and then extended takes four times the memory.
    if (message)
      for (const t of textsOf(message))
        out.push(
          t.variant === undefined
            ? { text: t.text, pos: t.pos, message, flow }
            : { text: t.text, pos: t.pos, variant: t.variant, message, flow },
        );
  };
  for (const flow of project.flows.values()) {
    for (const step of flow.steps.values()) {
      add(step.say, flow);
      add(step.ask, flow);
      add(step.fallback?.say, flow);
    }
  }
  add(project.config.fallback?.say, undefined);
  return out;
}

/**
 * `projectTexts`, each position once: an inherited default fallback is one message however many
 * steps use it, reported where the first of them comes.
 */
export function distinctProjectTexts(project: Project): readonly ProjectText[] {
  return perProject(project, 'distinctProjectTexts', () => {
    const done = new PlaceSet();
    return projectTexts(project).filter(({ pos }) => done.add(pos));
  });
}

/** Line `line` (1-based) of a source file of the project, without its line break. */
export function sourceLine(project: Project, file: string, line: number): string | undefined {
  const lines = perProject(project, 'sourceLines', () => new Map<string, string[]>());
  let these = lines.get(file);
  if (!these) {
    const text = project.files.find((f) => f.path === file)?.text;
    if (text === undefined) return undefined;
    these = text.split(/\r?\n/);
    lines.set(file, these);
  }
  return these[line - 1];
}

/**
 * Visit every text of every message the bot may say, with its position and the flow it belongs to
 * (undefined for tact.config.yaml's default fallback). A step's fallback that inherits the config's
 * message is not visited again.
 */
export function eachMessageText(
  project: Project,
  visit: (text: string, pos: Pos, flow: Flow | undefined) => void,
): void {
  const shared = project.config.fallback?.say;
  for (const t of projectTexts(project)) {
    if (t.flow && t.message === shared) continue;
    visit(t.text, t.pos, t.flow);
  }
}
