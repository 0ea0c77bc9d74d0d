import type { Mood } from '../../flow/types.js';
import type { Rng } from './rng.js';

/**
 * How the scripted customer words things: by mood (what it adds around what it means) and by traits
 * (how it writes). Data values and quick-reply labels are kept exactly: a typo inside an order
 * number is a different order number, not a style.
 */

/** A piece of a line: `keep` pieces (values, labels) are never changed by style. */
export interface Piece {
  text: string;
  keep?: boolean;
  /** Runs on into the next piece with no mark between ("It's" + "AB123456"). */
  glue?: boolean;
  /** The mood's own words ("This is ridiculous!"): slips of the keyboard go elsewhere first. */
  mood?: boolean;
}

interface Voice {
  /** Said before what the customer means. */
  openers: readonly string[];
  /** Said after it. */
  closers: readonly string[];
  /** Short markers for terse customers (a word or two that still carries the mood). */
  terse: readonly string[];
  /** How often a line carries the mood's words (0..1). */
  rate: number;
  /** Ends sentences with `!` rather than `.`. */
  exclaim?: boolean;
  /** Chance of writing one word in capitals. */
  caps?: number;
  /** The customer does not know what the bot asks for. */
  dontKnow: readonly string[];
  /** The bot asks again for what the customer gave. */
  already: readonly string[];
  /** The customer leaves, content. */
  done: readonly string[];
  /** The customer gives up. */
  gaveUp: readonly string[];
  /** Said before asking for a person. */
  wantPerson: readonly string[];
}

const VOICES: Record<Mood, Voice> = {
  calm: {
    openers: ['Hi,', 'Hello,', 'Hi there.', ''],
    closers: ['Thanks.', 'Thank you.', '', 'Thanks for your help.'],
    terse: ['', 'thanks'],
    rate: 0.6,
    dontKnow: ["I'm sorry, I don't have that to hand.", "I don't know it, sorry."],
    already: ['I think I gave that already:', 'As I mentioned,'],
    done: ["That's all I needed, thank you.", "No, that's everything. Thanks."],
    gaveUp: ["I'll try another time. Thanks.", "Never mind, I'll call instead."],
    wantPerson: ['Could I speak to someone, please?', 'I would prefer to talk to a person.'],
  },
  happy: {
    openers: ['Hi!', 'Hello there!', 'Hey, hope you are well!'],
    closers: ['Thanks so much!', 'Great, cheers!', 'Thank you, that is lovely!', 'Brilliant, thanks!'],
    terse: ['thanks!', 'cheers!'],
    rate: 0.75,
    exclaim: true,
    dontKnow: ["Oh, I don't have that one, sorry!", 'Hmm, no idea, sorry!'],
    already: ['Oh, I sent that already, happy to repeat:', 'Sure, again:'],
    done: ["That's perfect, thanks so much!", "All sorted, that's great, thank you!"],
    gaveUp: ["No worries, I'll try again later. Thanks!", "That's ok, I'll phone instead. Cheers!"],
    wantPerson: ['Would it be ok to chat with a person?', 'Could I talk to someone from the team? Thanks!'],
  },
  confused: {
    openers: [
      "Sorry, I'm confused.",
      "Um, I'm not sure how this works.",
      "I don't really understand,",
      "Sorry, I'm a bit lost.",
    ],
    closers: ['Is that what you need?', 'Did I do that right?', "I'm confused, sorry.", 'Is that ok?'],
    terse: ['confused', 'not sure'],
    rate: 0.8,
    dontKnow: ["I'm confused, where would I find that?", "I don't know what that is, sorry. I'm lost."],
    already: ["Sorry, I'm confused, didn't I already say it?", "I'm lost, I thought I gave you that:"],
    done: ['Oh ok, I think that answers it. Thanks.', "Right, I think that's it then. Thanks."],
    gaveUp: ["I'm too confused by this, I'll ask someone.", "Sorry, this is too confusing. I'll leave it."],
    wantPerson: ["I'm confused, can a person help me?", "Sorry, I'm lost. Can I talk to someone?"],
  },
  anxious: {
    openers: [
      "I'm really worried.",
      "I'm so stressed about this.",
      "Please help, I'm panicking.",
      "I'm scared something is wrong.",
    ],
    closers: [
      "I'm really worried about this.",
      'Please, I need help quickly.',
      "I'm so nervous.",
      "I'm scared this won't get fixed.",
    ],
    terse: ['worried', 'please help, scared'],
    rate: 0.92,
    dontKnow: ["Oh no, I don't have that. I'm worried now.", "I can't find it, I'm panicking."],
    already: ["I'm worried, I already gave you that:", "I'm scared it didn't go through, here it is again:"],
    done: ["Oh thank goodness. That's all, thank you.", "Ok, that's a relief. Thank you."],
    gaveUp: ["I'm too stressed, I'll call the bank.", "This is making me more anxious, I'm leaving."],
    wantPerson: ["I'm really worried, please let me talk to a person.", "I'm scared, can I talk to someone?"],
  },
  impatient: {
    openers: ['Come on,', "I'm wasting my time here.", 'This is taking way too long.', 'Enough waiting.'],
    closers: [
      'Come on, this is taking forever.',
      'Hurry up, this is too slow.',
      "I'm wasting my time.",
      'This is taking too long.',
    ],
    terse: ['come on', 'too slow', 'hurry up, too slow'],
    rate: 0.9,
    caps: 0.1,
    dontKnow: ['No idea. Come on, this is taking forever.', "Don't know. This is taking too long."],
    already: ['Come on, I already said:', 'Seriously, again? I said:'],
    done: ["Fine, that's it.", "Ok, done. That's all."],
    gaveUp: ['Forget it, this is taking forever.', "I'm out, too slow."],
    wantPerson: ['Come on, just get me a person.', 'This is taking forever, get me someone.'],
  },
  frustrated: {
    openers: ['Ugh.', 'This is so frustrating.', "Seriously? I'm fed up.", "I'm really annoyed."],
    closers: [
      "I'm fed up with this.",
      'This is so frustrating.',
      'Why is this so hard? Ugh.',
      "It's really annoying.",
    ],
    terse: ['ugh', 'so annoying'],
    rate: 0.95,
    caps: 0.1,
    dontKnow: ["Ugh, I don't have that. This is so frustrating.", "I don't know! This is annoying."],
    already: ['Ugh, I already told you:', "I'm fed up, I gave you that already:"],
    done: ["Fine. That's all.", 'Ok. Finally. That is all.'],
    gaveUp: ['Forget it, this is useless.', 'I give up. This is so frustrating.'],
    wantPerson: ['This is so frustrating, I want a person.', 'Ugh, let me talk to a human.'],
  },
  angry: {
    openers: ['This is ridiculous!', "I'm furious.", 'This is unacceptable!', "I'm so angry right now."],
    closers: ["I'm sick of this!", 'This is a joke.', 'Absolutely ridiculous.', 'Terrible service!'],
    terse: ['ridiculous', 'useless!', 'terrible'],
    rate: 0.97,
    exclaim: true,
    caps: 0.3,
    dontKnow: ["I don't have that, this is ridiculous!", 'How would I know? Useless!'],
    already: ['I ALREADY told you, this is ridiculous:', 'Are you serious? I said it already:'],
    done: ["Fine. That's it.", 'Whatever. Done.'],
    gaveUp: ["Useless. I'm taking my business elsewhere.", 'Forget it, this is a joke. Terrible service.'],
    wantPerson: ['This is useless, get me a real person NOW.', "I'm furious, I want a human."],
  },
  sad: {
    openers: [
      "I'm really upset.",
      'This has been a horrible week.',
      "I'm so sad about this.",
      'I feel awful.',
    ],
    closers: [
      'I feel awful about it.',
      "I'm so upset.",
      "It's been a really hard time.",
      "I'm heartbroken, honestly.",
    ],
    terse: ['so upset', 'sad'],
    rate: 0.92,
    dontKnow: ["I'm sorry, I don't have it. I'm so upset.", "I can't find it. This is awful."],
    already: ["I'm upset, I already said:", 'I told you already, I feel awful:'],
    done: ["Thank you. That's all.", "Ok. Thank you, that's everything."],
    gaveUp: ["I can't do this right now. Goodbye.", "I'm too upset for this. I'll leave it."],
    wantPerson: ["I'm so upset, can I talk to a real person?", 'Please, I need to talk to someone.'],
  },
};

/** How the customer's mood drifts as the bot stays unhelpful (`strikes` unhelpful turns). */
export function moodAfter(mood: Mood, strikes: number): Mood {
  if (strikes <= 0) return mood;
  switch (mood) {
    case 'calm':
    case 'happy':
    case 'confused':
      return strikes >= 2 ? 'frustrated' : mood;
    case 'impatient':
      return strikes >= 3 ? 'angry' : 'frustrated';
    case 'frustrated':
      return strikes >= 2 ? 'angry' : mood;
    default:
      return mood;
  }
}

export type LineKind = 'say' | 'dontKnow' | 'already' | 'done' | 'gaveUp' | 'wantPerson';

export interface PhraseOptions {
  mood: Mood;
  traits: readonly string[];
  rng: Rng;
  /** What the customer means: plain words, values and labels. */
  content: Piece[];
  /** Which of the mood's set lines to use around the content. */
  kind?: LineKind;
  /** The content must come first (a yes or a no is said before anything else). */
  contentFirst?: boolean;
}

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const endsSentence = (s: string) => /[.!?…:]$/.test(s.trim());

/** One customer line in the persona's mood and style. Deterministic for the rng's state. */
export function phrase(o: PhraseOptions): string {
  const { rng, traits } = o;
  const voice = VOICES[o.mood];
  const terse = traits.includes('terse');
  const verbose = traits.includes('verbose');
  const kind = o.kind ?? 'say';
  const pieces: Piece[] = [];
  const content = o.content.filter((p) => p.text.trim() !== '');

  if (kind !== 'say') {
    const set = voice[kind];
    const line = { text: terse ? shorten(rng.pick(set)) : rng.pick(set), mood: true };
    if (o.contentFirst) pieces.push(...content, line);
    else pieces.push(line, ...content);
  } else if (terse) {
    pieces.push(...content);
    if (rng.chance(voice.rate)) {
      const marker = rng.pick(voice.terse);
      if (marker) pieces.push({ text: marker, mood: true });
    }
  } else {
    const marked = rng.chance(voice.rate);
    const opener = marked && !o.contentFirst && rng.chance(0.6) ? rng.pick(voice.openers) : '';
    const closer = marked && (!opener || verbose || rng.chance(0.3)) ? rng.pick(voice.closers) : '';
    if (opener) pieces.push({ text: opener, mood: true });
    pieces.push(...content);
    if (closer) pieces.push({ text: closer, mood: true });
    if (verbose && rng.chance(0.7)) pieces.push({ text: rng.pick(VERBOSE_TAILS) });
  }
  return style(join(pieces, voice.exclaim === true && !terse), o.mood, traits, rng, voice);
}

const VERBOSE_TAILS = [
  'I hope that makes sense, I wanted to explain properly so you have the whole picture.',
  'Let me know if you need anything else from me to sort this out.',
  "I've been meaning to deal with this for a few days now, so I'd like to get it done today.",
];

/** Join pieces into sentences: a piece that does not end a sentence gets a mark when more follows. */
function join(pieces: Piece[], exclaim: boolean): Piece[] {
  const out: Piece[] = [];
  pieces.forEach((p, i) => {
    const text = p.text.trim();
    if (!text) return;
    const last = i === pieces.length - 1;
    const needsMark = !last && !p.glue && !endsSentence(text) && !text.endsWith(',');
    out.push({ ...p, text: needsMark ? `${text}${exclaim ? '!' : '.'}` : text });
  });
  return out;
}

function shorten(line: string): string {
  const first = line.split(/(?<=[.!?])\s/)[0];
  return first.length < line.length ? first : line;
}

/** Moods in which an elderly customer still signs off with thanks. */
const POLITE_MOODS = new Set<Mood>(['calm', 'happy', 'confused', 'anxious', 'sad']);

/** Apply the traits and the mood's marks to the unkept pieces, then join them into one line. */
function style(pieces: Piece[], mood: Mood, traits: readonly string[], rng: Rng, voice: Voice): string {
  const terse = traits.includes('terse');
  let parts = pieces.map((p, i) => {
    if (p.keep) return p.text;
    let t = p.text;
    if (traits.includes('elderly')) t = expandContractions(t);
    if (traits.includes('non-native')) t = nonNative(t, rng);
    if (terse) t = t.replace(/[.]+$/, '').toLowerCase();
    else if (i === 0) t = cap(t);
    return t;
  });
  if (voice.caps && !terse && rng.chance(voice.caps)) {
    const i = pieces.findIndex((p) => !p.keep && /\b[a-z]{4,}\b/.test(p.text));
    if (i >= 0) {
      const words = parts[i].split(' ');
      const w = words.findIndex((x) => /^[a-z]{4,}[.!?,]?$/i.test(x));
      if (w >= 0) words[w] = words[w].toUpperCase();
      parts[i] = words.join(' ');
    }
  }
  if (traits.includes('typos')) {
    // Slips come per word, as they do at a keyboard: a long line has a few, a one-word line
    // usually none.
    parts = parts.map((part, i) => (pieces[i].keep ? part : slips(part, rng)));
  }
  if (traits.includes('elderly') && !terse && POLITE_MOODS.has(mood) && rng.chance(0.5))
    parts = [...parts, rng.pick(['Thank you kindly.', 'Many thanks.'])];
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const CONTRACTIONS: Record<string, string> = {
  "i'm": 'I am',
  "i've": 'I have',
  "i'll": 'I will',
  "i'd": 'I would',
  "it's": 'it is',
  "that's": 'that is',
  "there's": 'there is',
  "what's": 'what is',
  "let's": 'let us',
  "we're": 'we are',
  "you're": 'you are',
  "they're": 'they are',
  "don't": 'do not',
  "doesn't": 'does not',
  "didn't": 'did not',
  "can't": 'cannot',
  "won't": 'will not',
  "isn't": 'is not',
  "wasn't": 'was not',
  "aren't": 'are not',
  "haven't": 'have not',
  "couldn't": 'could not',
  "wouldn't": 'would not',
  "shouldn't": 'should not',
};
const CONTRACTION = new RegExp(`\\b(?:${Object.keys(CONTRACTIONS).join('|')})\\b`, 'gi');

/** Every contraction written out, keeping a capital at the start ("It's" → "It is"). */
function expandContractions(t: string): string {
  return t.replace(CONTRACTION, (m) => {
    const full = CONTRACTIONS[m.toLowerCase()];
    return /^[A-Z]/.test(m) ? full[0].toUpperCase() + full.slice(1) : full;
  });
}

/** Plain, learner's English: no articles, no contractions, a simpler verb. */
function nonNative(t: string, rng: Rng): string {
  let out = expandContractions(t);
  out = out.replace(/\b(a|an|the) /gi, (m) => (rng.chance(0.7) ? '' : m));
  out = out.replace(/\bI would like to\b/g, 'I want');
  out = out.replace(/\bdo not have\b/g, 'not have');
  return out;
}

/** Chance that a word of four letters or more gets a slip of the keyboard. */
const SLIP_RATE = 0.12;

function slips(t: string, rng: Rng): string {
  return t
    .split(' ')
    .map((w) => (/^[a-z]{4,}/i.test(w) && rng.chance(SLIP_RATE) ? typo(w, rng) : w))
    .join(' ');
}

/** One slip in a word: two letters swapped, one dropped or one doubled. */
function typo(w: string, rng: Rng): string {
  const letters = w.match(/^[a-z]+/i)![0];
  const rest = w.slice(letters.length);
  const at = 1 + rng.int(letters.length - 2);
  const how = rng.int(3);
  let changed: string;
  if (how === 0) changed = letters.slice(0, at) + letters[at + 1] + letters[at] + letters.slice(at + 2);
  else if (how === 1) changed = letters.slice(0, at) + letters.slice(at + 1);
  else changed = letters.slice(0, at) + letters[at] + letters.slice(at);
  return changed + rest;
}
