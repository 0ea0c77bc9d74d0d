// Words that change the strength or direction of the sentiment word after them (after VADER's rules).

/** Flip the sentiment word that follows within three words ("not happy", "never helpful"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'none',
  'nothing',
  'nobody',
  'nowhere',
  'neither',
  'nor',
  'without',
  'cannot',
  'hardly',
  'barely',
  'aint',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
]);

/** True for a negator, including any contraction ending in n't. */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/** VADER's scalar for a negated word: it flips and weakens ("not great" is mildly negative). */
export const NEGATION_SCALAR = -0.74;

/** Added to the size of the next sentiment word ("so rude", "really helpful"). */
export const BOOST = 0.293;
/** Added to the size of a sentiment word written in capitals among lower-case words ("I am FURIOUS"). */
export const CAPS_BOOST = 0.733;

export const BOOSTERS: ReadonlySet<string> = new Set([
  'absolutely',
  'completely',
  'extremely',
  'incredibly',
  'especially',
  'entirely',
  'exceptionally',
  'freaking',
  'fricking',
  'frigging',
  'fucking',
  'effing',
  'highly',
  'hugely',
  'insanely',
  'seriously',
  'so',
  'soo',
  'sooo',
  'soooo',
  'super',
  'such',
  'really',
  'totally',
  'truly',
  'utterly',
  'very',
  'beyond',
  'most',
  'pretty',
  'unbelievably',
  'ridiculously',
]);

export const DAMPENERS: ReadonlySet<string> = new Set([
  'almost',
  'kinda',
  'sorta',
  'slightly',
  'somewhat',
  'little',
  'bit',
  'partly',
  'marginally',
  'occasionally',
  'fairly',
]);

/** After these, the writer's real point follows: what comes before counts half, what follows 1.5×. */
export const CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'although']);
