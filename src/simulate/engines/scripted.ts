import { matchIntent, type NluIndex } from '../../runtime/nlu.js';
import { stem, textWords } from '../../runtime/nlu-features.js';
import type {
  BotView,
  ConversationContext,
  Customer,
  CustomerEngine,
  CustomerReply,
  Persona,
  TranscriptLine,
} from '../types.js';
import { type LineKind, moodAfter, type Piece, phrase } from './phrasing.js';
import { conversationSeed, Rng } from './rng.js';

/** Bot turns the scripted customer waits for a person after asking, before it gives up. */
export const GIVE_UP_AFTER = 2;

/**
 * The built-in player (simulation.md, engine `scripted`): deterministic for a seed, no model. It
 * states its goal with the bot's own intent examples, answers what the bot asks from `knows`, picks
 * the quick replies that serve its goal, words everything by mood and traits, grows more upset on
 * unhelpful turns, asks for a person when its patience runs out and gives up after.
 */
export function scriptedEngine(): CustomerEngine {
  return { name: 'scripted', customer: (ctx) => new ScriptedCustomer(ctx) };
}

const HUMANISH =
  /\b(person|people|human|agent|someone|somebody|representative|staff|advis[eo]r|operator|colleague)\b/i;
const CLOSING =
  /^(no\b|nope\b|that'?s (all|it|everything)|nothing else|all (set|good|done|sorted)|i'?m (done|good|fine)|finish|end\b|bye\b)/i;
const AFFIRM = /^(yes|yeah|yep|sure|ok(ay)?|correct|that'?s right|right|confirm|go ahead|please do)\b/i;
const CLOSING_QUESTION =
  /\b(anything else|something else|help (you )?with anything|else (can|could|may) i|is that all|any other)\b/i;
const IMPERATIVE =
  /^(get|find|change|cancel|report|move|stop|block|freeze|return|check|book|dispute|close|talk|speak|ask|fix|upgrade|downgrade|switch|sort|make|update|open|transfer|pay|see|know|learn)\b/i;

interface RankedIntent {
  id: string;
  score: number;
}

class ScriptedCustomer implements Customer {
  private readonly rng: Rng;
  private readonly persona: Persona;
  private readonly nlu: NluIndex | undefined;
  /** The bot's intents that express this persona's goal, best first. */
  private readonly goalIntents: RankedIntent[];
  private readonly goalWords: Set<string>;
  private readonly goalIsHuman: boolean;
  /** The goal is a sensitive matter (fraud, bereavement): a person serves it best. */
  private readonly goalNeedsPerson: boolean;
  private turn = 0;
  private strikes = 0;
  private askedHumanAt?: number;
  private botTurnsSinceAsk = 0;
  private lastStep?: string;
  /** The last reply spoke to the goal: if the bot goes on, the goal is being dealt with. */
  private pendingGoal = false;
  private goalAddressed = false;
  private goalTries = 0;
  private readonly given = new Map<string, string>();

  constructor(private readonly ctx: ConversationContext) {
    this.persona = ctx.persona;
    this.rng = new Rng(conversationSeed(ctx.persona.id, ctx.seed));
    this.nlu = ctx.bot.nlu as NluIndex | undefined;
    const goalText = [this.persona.goal, this.persona.opening ?? ''].join(' ');
    this.goalWords = new Set(contentStems(goalText));
    const ranking = this.nlu ? safeRanking(this.nlu, goalText) : [];
    const threshold = this.nlu?.threshold ?? 0.3;
    this.goalIsHuman = ranking[0]?.intent === 'human' && ranking[0].score >= threshold;
    this.goalIntents = ranking
      .filter((r) => r.intent !== 'human' && r.score >= threshold * 0.8)
      .map((r) => ({ id: r.intent, score: r.score }));
    const top = this.goalIntents[0];
    this.goalNeedsPerson = top !== undefined && ctx.bot.intents?.[top.id]?.sensitive === true;
  }

  private get mood() {
    return moodAfter(this.persona.mood, this.strikes);
  }

  private say(content: Piece[], kind: LineKind = 'say', contentFirst = false): string {
    return phrase({
      mood: this.mood,
      traits: this.persona.traits,
      rng: this.rng,
      content,
      kind,
      contentFirst,
    });
  }

  async reply(view: BotView, transcript: readonly TranscriptLine[]): Promise<CustomerReply> {
    this.turn += 1;
    if (this.turn > 1) this.assess(view, transcript);
    this.lastStep = view.step;

    if (this.askedHumanAt !== undefined) {
      if (this.botTurnsSinceAsk >= GIVE_UP_AFTER) return { message: this.say([], 'gaveUp'), gaveUp: true };
      return this.askForPerson(view);
    }
    const outOfPatience =
      this.strikes >= this.persona.patience && (this.turn > 1 || this.persona.patience === 0);
    if (outOfPatience || (this.turn === 1 && this.goalIsHuman && !this.persona.opening))
      return this.askForPerson(view);

    if (this.turn === 1 && this.persona.opening) {
      this.pendingGoal = true;
      return { message: this.persona.opening, ...(this.goalIsHuman ? { wantsHuman: true } : {}) };
    }
    if (this.persona.mood === 'confused' && this.strikes === 0 && this.turn > 1 && this.rng.chance(0.15))
      return { message: this.say([{ text: this.rng.pick(CONFUSED_QUESTIONS) }]) };
    if (view.collect) return this.answerAsk(view);
    if (view.options.length > 0) return this.chooseOption(view);
    if (this.goalAddressed && CLOSING_QUESTION.test(lastBotText(view)))
      return { message: this.say([], 'done'), done: true };
    return this.stateGoal(view);
  }

  /** Was the bot's last turn any help? A fallback, a repeated ask or no move at all is not. */
  private assess(view: BotView, transcript: readonly TranscriptLine[]): void {
    const lines: TranscriptLine[] = [];
    for (let i = transcript.length - 1; i >= 0 && transcript[i].from === 'bot'; i--)
      lines.push(transcript[i]);
    const unhelpful =
      lines.some((l) => l.fallback || l.repeatedAsk) || (view.step === this.lastStep && lines.length > 0);
    if (this.askedHumanAt !== undefined) this.botTurnsSinceAsk += 1;
    if (unhelpful) this.strikes += 1;
    else if (this.pendingGoal) this.goalAddressed = true;
    this.pendingGoal = false;
  }

  private askForPerson(view: BotView): CustomerReply {
    if (this.askedHumanAt === undefined) this.askedHumanAt = this.turn;
    const option = view.options.findIndex((o) => HUMANISH.test(o) && !CLOSING.test(o));
    if (option >= 0) return { message: this.pickOption(view, option), wantsHuman: true };
    const examples = this.ctx.bot.intents?.human?.examples ?? ['I want to talk to a person'];
    const example = this.rng.pick(examples);
    const lead = this.rng.chance(0.5);
    return {
      message: lead ? this.say([{ text: example }], 'wantPerson') : this.say([{ text: example }]),
      wantsHuman: true,
    };
  }

  private answerAsk(view: BotView): CustomerReply {
    const collect = view.collect!;
    const known = this.persona.knows.get(collect.local) ?? this.persona.knows.get(collect.name);
    if (known) {
      const boolean = collect.type === 'boolean';
      const value = boolean ? this.rng.pick(yesNo(known.value) ? YES_WORDS : NO_WORDS) : String(known.value);
      const again = this.given.get(collect.name) === String(known.value);
      this.given.set(collect.name, String(known.value));
      if (again) return { message: this.say([{ text: value, keep: true }], 'already') };
      // A yes or a no comes first: "No. I'm really worried." reads as a no; the other way round
      // it would not.
      if (boolean) return { message: this.say([{ text: value, keep: true }], 'say', true) };
      const terse = this.persona.traits.includes('terse');
      const leads = LEADS[collect.type] ?? LEADS.text ?? [''];
      const lead =
        terse || this.rng.chance(0.4) ? '' : this.rng.pick(leads).replace('{name}', words(collect.local));
      return {
        message: this.say([
          { text: lead, glue: true },
          { text: value, keep: true },
        ]),
      };
    }
    if (view.options.length > 0) return this.chooseOption(view);
    if (collect.type === 'boolean')
      return { message: this.say([{ text: this.rng.pick(YES_WORDS), keep: true }], 'say', true) };
    if (collect.type === 'choice' && collect.values?.length) {
      const value = this.bestByWords(collect.values) ?? this.rng.pick(collect.values);
      return { message: this.say([{ text: value, keep: true }]) };
    }
    return { message: this.say([], 'dontKnow') };
  }

  private chooseOption(view: BotView): CustomerReply {
    const options = view.options;
    if (this.goalIsHuman || this.goalNeedsPerson) {
      const person = options.findIndex((o) => HUMANISH.test(o) && !CLOSING.test(o));
      if (person >= 0) return this.askForPerson(view);
    }
    const step = this.ctx.bot.steps[view.step];
    const intents = (step?.options ?? []).map((o) => o.intent);
    if (this.goalAddressed) {
      const closing = options.findIndex((o) => CLOSING.test(o));
      if (closing >= 0) return { message: this.pickOption(view, closing) };
    }
    const candidates = options
      .map((label, i) => ({ label, i }))
      .filter(({ label }) => !HUMANISH.test(label) && !CLOSING.test(label));
    const scored = candidates
      .map((c) => ({ ...c, score: this.relevance(c.label, intents[c.i]) }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best && best.score > 0) {
      const ties = scored.filter((s) => s.score === best.score);
      const choice = ties.length > 1 ? this.rng.pick(ties) : best;
      this.pendingGoal = true;
      return { message: this.pickOption(view, choice.i, intents[choice.i]) };
    }
    // Nothing on offer serves the goal. Go along with a yes, else say what is wanted in words.
    const yes = candidates.find((c) => AFFIRM.test(c.label));
    if (yes && this.goalTries > 0) return { message: this.pickOption(view, yes.i) };
    return this.stateGoal(view);
  }

  /** How well an option serves the goal: its intent among the goal's, then shared words. */
  private relevance(label: string, intent?: string): number {
    const byIntent = intent ? (this.goalIntents.find((g) => g.id === intent)?.score ?? 0) : 0;
    const labelStems = contentStems(label);
    const shared = labelStems.filter((w) => this.goalWords.has(w)).length;
    return byIntent * 2 + (labelStems.length ? shared / labelStems.length : 0);
  }

  /** Say a quick reply: tap it (its exact label), type its number, or say it in words. */
  private pickOption(view: BotView, index: number, intent?: string): string {
    const label = view.options[index];
    const traits = this.persona.traits;
    const tap = traits.includes('terse')
      ? 0.85
      : traits.some((t) => t === 'elderly' || t === 'non-native')
        ? 0.5
        : 0.7;
    const r = this.rng.next();
    if (r < tap) return label;
    if (r < tap + 0.1 && this.ctx.bot.channel !== 'voice') return String(index + 1);
    const examples = intent ? this.ctx.bot.intents?.[intent]?.examples : undefined;
    const words = examples?.length ? this.rng.pick(examples) : label;
    return this.say([{ text: words }]);
  }

  /** Say what the customer wants, in the words of the bot's intent that fits it best here. */
  private stateGoal(view: BotView): CustomerReply {
    this.goalTries += 1;
    this.pendingGoal = true;
    const here = this.routableIntents(view.step);
    const fit = this.goalIntents.find((g) => here.has(g.id)) ?? this.goalIntents[0];
    const examples = fit ? (this.ctx.bot.intents?.[fit.id]?.examples ?? []) : [];
    const content =
      examples.length > 0 && (this.goalTries === 1 || this.rng.chance(0.7))
        ? this.rng.pick(examples)
        : firstPerson(this.persona.goal);
    return { message: this.say([{ text: content }]) };
  }

  /** Intents a reply at this step can be routed on: its options', its routes', the handlers'. */
  private routableIntents(stepId: string): Set<string> {
    const bot = this.ctx.bot;
    const st = bot.steps[stepId];
    const out = new Set<string>();
    if (!st) return out;
    for (const o of st.options ?? []) if (o.intent) out.add(o.intent);
    const handlers = [
      ...(st.routes ?? []),
      ...((st.handlers && bot.handlers?.[st.handlers]) || []),
      ...(bot.handlers?.['*'] ?? []),
    ];
    for (const r of handlers) if ('intent' in r.when) out.add(r.when.intent);
    return out;
  }

  private bestByWords(values: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestScore = 0;
    for (const v of values) {
      const score = contentStems(v).filter((w) => this.goalWords.has(w)).length;
      if (score > bestScore) {
        best = v;
        bestScore = score;
      }
    }
    return best;
  }
}

const YES_WORDS = ['yes', 'yes please', 'yeah'];
const NO_WORDS = ['no', 'no thanks', 'nope'];
/** How a value is led in, by its type ("It's AB123456", "I'll take Plus"). */
const LEADS: Partial<Record<string, string[]>> = {
  text: ['', "It's", 'Sure, it is', 'My {name} is'],
  email: ['', "It's", 'My email is'],
  phone: ['', "It's", 'My number is'],
  number: ['', "It's"],
  date: ['', "It's"],
  choice: ['', "I'll take", 'I would like'],
};

const CONFUSED_QUESTIONS = ['Sorry, what do you mean?', 'What? I do not follow.', 'Which one is that?'];

const rankings = new WeakMap<NluIndex, Map<string, { intent: string; score: number }[]>>();

/** The bot's intents ranked for a text (once per bot and text: every run of a persona asks). */
function safeRanking(nlu: NluIndex, text: string): { intent: string; score: number }[] {
  let byText = rankings.get(nlu);
  if (!byText) {
    byText = new Map();
    rankings.set(nlu, byText);
  }
  let ranking = byText.get(text);
  if (!ranking) {
    try {
      ranking = matchIntent(nlu, text).ranking;
    } catch {
      ranking = [];
    }
    byText.set(text, ranking);
  }
  return ranking;
}

const STOP = new Set(['want', 'need', 'get', 'find', 'out', 'help', 'please', 'with', 'about', 'which']);

const stemsOf = new Map<string, string[]>();

/** The stems of a text's content words (labels and goals come back every run: kept). */
function contentStems(text: string): string[] {
  let stems = stemsOf.get(text);
  if (!stems) {
    if (stemsOf.size >= 10_000) stemsOf.clear();
    stems = textWords(text)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map(stem);
    stemsOf.set(text, stems);
  }
  return stems;
}

const lastBotText = (view: BotView) => view.messages[view.messages.length - 1]?.text ?? '';
const words = (name: string) => name.replace(/[_-]+/g, ' ').replace(/\bid\b/, 'number');
const yesNo = (v: string | number | boolean) => v === true || /^(true|yes|y|1)$/i.test(String(v));

/** A goal written as a task ("Get a refund for ...") as the customer says it ("I want to get a refund for ..."). */
export function firstPerson(goal: string): string {
  const g = goal.trim().replace(/\.$/, '');
  if (IMPERATIVE.test(g)) return `I want to ${g[0].toLowerCase()}${g.slice(1)}`;
  return g;
}
