// What customer-service language means, on VADER's scale (-4..4). Written from how people contact
// support, not fitted to any data set: a general lexicon scores "help", "please" or "care" as
// praise, and knows nothing of "on hold", "still waiting" or "lost my bag".

/**
 * Single words whose general-purpose valence is wrong in a support conversation. A customer asking
 * for "help", saying "please", writing to "customer care" or "support", paying by "credit" card,
 * asking about an "interest" rate or "what kind of" plan is not expressing a feeling.
 */
const RETUNED: Record<string, number> = {
  help: 0,
  please: 0,
  plz: 0,
  pls: 0,
  care: 0,
  support: 0,
  credit: 0,
  share: 0,
  like: 0,
  want: 0,
  kind: 0,
  pretty: 0,
  sure: 0,
  true: 0,
  well: 0,
  matter: 0,
  interest: 0,
  chance: 0,
  top: 0,
  dear: 0,
  save: 0,
  ready: 0,
  excuse: 0,
  pay: 0,
  sorry: 0,
  // Requests and hopes are not satisfaction ("hope you can fix this", "I wish someone would answer").
  hope: 0.6,
  hoping: 0.3,
  hopefully: 0.3,
  wish: 0,
  // "ok" acknowledges; it rarely praises.
  ok: 0.3,
  okay: 0.3,
  yes: 0.4,
  yeah: 0.2,
  no: 0,
  free: 0.8,
  // Laughter and "wow" in a complaint are more often disbelief than delight.
  lol: 0.4,
  lmao: 0.4,
  haha: 0.6,
  wow: 0.6,
  god: 0,
  joke: -1.8,
  kidding: -0.8,
  fine: 0.6,
};

/** Words that report a service failure or its cost to the customer. */
const FAILURES: Record<string, number> = {
  cancelled: -1.8,
  canceled: -1.8,
  cancellation: -1.5,
  cancelation: -1.5,
  cancel: -0.6,
  delayed: -1.8,
  delay: -1.5,
  delays: -1.5,
  late: -1.2,
  lost: -1.8,
  missing: -1.5,
  stranded: -2.5,
  stuck: -1.8,
  // Hotels, restaurants, events and transport all sell more places than they have.
  overbooked: -2,
  oversold: -1.8,
  damaged: -2,
  broke: -1.8,
  broken: -2.1,
  unhelpful: -2,
  unprofessional: -2.2,
  incompetent: -2.5,
  clueless: -2,
  overcharged: -2.2,
  waiting: -1,
  waited: -1.2,
  wait: -0.5,
  refund: -0.8,
  refunds: -0.8,
  reimburse: -0.8,
  reimbursement: -0.8,
  compensation: -0.8,
  compensate: -0.8,
  complaint: -1.5,
  nobody: -1.5,
  noone: -1.5,
  never: -0.8,
  hours: -1,
  hrs: -1,
  hour: -0.5,
  again: -0.4,
  still: -0.6,
  issue: -1,
  issues: -1,
  glitch: -1.5,
  error: -1.2,
  crashed: -1.8,
  crashing: -1.8,
  unacceptable: -2.5,
  ridiculous: -2,
  disgraceful: -2.5,
  nightmare: -2.5,
  hassle: -1.5,
  ugh: -1.8,
  smh: -1.5,
  sigh: -1.2,
  wtf: -2.8,
  omg: -0.5,
  rude: -2.2,
  nope: -1,
  forever: -1.2,
  bull: -1.5,
  bs: -2,
  srsly: -1,
  // "Why" to a company is more often a complaint than a question ("why is my bag in Denver?").
  why: -0.6,
};

/** Phrases of the same kind; they win over the words inside them. */
const PHRASES: Record<string, number> = {
  'still waiting': -2.2,
  'still no': -2,
  'still not': -1.6,
  'still nothing': -2.2,
  'still have not': -1.6,
  "still haven't": -1.6,
  'on hold': -1.8,
  'hold music': -1,
  'put on hold': -1.8,
  'for hours': -1.5,
  'for days': -1.5,
  'for weeks': -1.8,
  'all day': -1,
  'all night': -1.2,
  'over an hour': -1.5,
  'third time': -1.5,
  '3rd time': -1.5,
  'second time': -1.2,
  '2nd time': -1.2,
  'fourth time': -1.8,
  'multiple times': -1.5,
  'several times': -1.5,
  'so many times': -1.8,
  'once again': -1.2,
  'yet again': -1.5,
  'again and again': -1.8,
  'lost my': -2.2,
  'lost our': -2.2,
  'missed my': -2,
  'missed our': -2,
  'where is my': -1.2,
  "where's my": -1.2,
  'where are my': -1.2,
  'not working': -1.8,
  "isn't working": -1.8,
  "doesn't work": -1.8,
  'does not work': -1.8,
  "won't work": -1.8,
  "won't let me": -1.5,
  "can't get through": -1.8,
  'cannot get through': -1.8,
  "can't reach": -1.5,
  'cannot reach': -1.5,
  'hung up': -2,
  'hangs up': -2,
  'no one': -1.5,
  'no response': -1.8,
  'no reply': -1.8,
  'no answer': -1.8,
  'no help': -2.2,
  'no update': -1.5,
  'no updates': -1.5,
  'no info': -1.5,
  'no information': -1.5,
  'no explanation': -1.8,
  'no apology': -2,
  'no call': -1.2,
  'no email': -1.2,
  'no way': -1.2,
  'fed up': -2.2,
  'too long': -1.5,
  'too slow': -1.5,
  'hard time': -1.5,
  'sick of': -2,
  'had enough': -1.8,
  'never received': -2,
  'never got': -1.8,
  'never arrived': -2,
  'never again': -2.8,
  'never heard back': -2,
  'not acceptable': -2.5,
  'not happy': -2.2,
  'charged twice': -2,
  'double charged': -2,
  'keep getting': -1,
  'keeps getting': -1,
  // Demands and advice to the company report what it failed to do.
  'get your act together': -2.5,
  'learn how to': -1.5,
  'do something about': -1.2,
  'train your': -1.5,
  'come on': -1.5,
  "what's up with": -1,
  'last time i': -1.2,
  'should have': -0.8,
  "should've": -0.8,
  "doesn't make sense": -1.5,
  'does not make sense': -1.5,
  'makes no sense': -1.8,
  'busy signal': -1.5,
  'paid for': -0.8,
  // A plea for help is mild on its own ("please help me update my email"); "!" or a failure makes it more.
  'please help': -0.8,
  'need help': -0.8,
  'help me': -0.6,
  'no thanks': -1,
  'thanks for nothing': -2.8,
  'yeah right': -2,
  'what a joke': -2.5,
  'customer service': 0,
  'customer care': 0,
  // Names are no feeling: a general lexicon reads "united" as praise.
  'united states': 0,
  'united kingdom': 0,
  // What a satisfied customer reports.
  'on time': 1.2,
  'thank you': 2,
  // Intensified gratitude is meant: no politeness discount.
  'thanks so much': 2.6,
  'thank you so much': 2.8,
  'thank you very much': 2.6,
  'many thanks': 2.4,
  'thanks a million': 2.6,
  'thank u': 1.8,
  'made my day': 2.8,
  'killed it': 2.5,
  'shout out': 1.8,
  shoutout: 1.8,
  props: 1.5,
  'above and beyond': 2.8,
  'got it sorted': 1.5,
  'sorted it': 1.5,
  "can't wait": 2,
  'cant wait': 2,
  'cannot wait': 2,
  "can't thank you enough": 3,
  "couldn't be happier": 3,
  'could not be happier': 3,
  "can't complain": 1,
  'would love': 1,
  'would like': 0,
  // Conditional politeness asks for something; "would be nice" asks for what is missing.
  'would be appreciated': 0.3,
  'would be great': 0.3,
  "that'd be great": 0.3,
  'would be nice': -0.5,
  'need a better': -1.5,
  'need better': -1.5,
  'be a better': -1.2,
  'do better': -1.5,
  'be better': -1,
  'unable to': -1.3,
  'not going through': -1.8,
  "didn't go through": -1.8,
  'i like': 1.5,
  'we like': 1.5,
  'really like': 1.8,
};

/** The customer-service layer over the general lexicon: retuned words, failures and phrases. */
export const SERVICE_LEXICON: Readonly<Record<string, number>> = { ...RETUNED, ...FAILURES, ...PHRASES };

/**
 * What a customer expects the service to do. Negated ("didn't get", "won't help", "can't check in",
 * "never answered") it reports a failure, even with no feeling word in the message.
 */
export const SERVICE_VERBS: ReadonlySet<string> = new Set(
  (
    'get got receive received help helped assist assisted answer answered respond responded reply replied ' +
    'call called work worked load loaded arrive arrived fix fixed let allow allowed accept ' +
    'accepted send sent hear heard honor honored refund refunded care cared listen listened explain ' +
    'explained compensate compensated contact contacted update updated offer offered provide provided ' +
    'apologize apologized show showed find found change changed access log login check ' +
    'book booked use select print reach speak talk connect connected resolve resolved process processed ' +
    'return returned deliver delivered come came open opened working loading responding helping answering ' +
    'showing arriving leave left make made'
  ).split(' '),
);

/** Words that may sit between a negator and the verb it negates ("didn't even get", "haven't yet heard"). */
export const VERB_GAP: ReadonlySet<string> = new Set([
  'even',
  'yet',
  'be',
  'been',
  'to',
  'still',
  'ever',
  'you',
  'i',
  'we',
  'anyone',
  'they',
]);

/**
 * Failure words whose negation is no better: "no refund", "didn't get my compensation", "nobody",
 * "never" are still complaints.
 */
export const NOT_NEGATABLE: ReadonlySet<string> = new Set([
  'refund',
  'refunds',
  'reimburse',
  'reimbursement',
  'compensation',
  'compensate',
  'hours',
  'hrs',
  'hour',
  'again',
  'still',
  'waiting',
  'waited',
  'wait',
  'nobody',
  'noone',
  'never',
  'complaint',
]);

/**
 * After "no", a noun the customer expected and did not get ("no wifi", "no agent", "no seats"), except
 * where "no" ends a worry ("no problem", "no rush") or the pair is a phrase of its own.
 */
export const ABSENCE = -0.8;
export const NOT_ABSENCES: ReadonlySet<string> = new Set(
  (
    'problem problems worries worry rush need thanks doubt matter more longer big deal kidding joke issue issues ' +
    'charge extra fee fees cost hassle wait delay delays complaints questions question i we you it that this the ' +
    'a an one way'
  ).split(' '),
);

/** Time units: "for 3 hours", "after 45 minutes", "over two days" is time the customer lost. */
export const TIME_UNITS: ReadonlySet<string> = new Set([
  'minutes',
  'mins',
  'min',
  'hours',
  'hour',
  'hrs',
  'hr',
  'days',
  'weeks',
  'months',
]);
export const TIME_LEADS: ReadonlySet<string> = new Set([
  'for',
  'over',
  'after',
  'waited',
  'waiting',
  'nearly',
  'almost',
  'than',
]);

/** Repetition: it makes a complaint worse, and is no complaint by itself ("flying with you again!"). */
export const REPETITION: ReadonlySet<string> = new Set([
  'again',
  'once again',
  'several times',
  'multiple times',
  'second time',
  '2nd time',
]);

/** The longest phrase in SERVICE_LEXICON, in words. */
export const MAX_PHRASE_WORDS = Math.max(...Object.keys(SERVICE_LEXICON).map((k) => k.split(' ').length));

/**
 * Politeness formulae. A complaint that ends "thanks" is still a complaint: when the message
 * reports a problem these count for little.
 */
export const POLITENESS: ReadonlySet<string> = new Set([
  'thanks',
  'thank you',
  'thank u',
  'thx',
  'ty',
  'appreciate',
  'appreciated',
  'hope',
  'cheers',
]);

/**
 * Praise that, next to a reported failure, is sarcasm ("Great, delayed again", "love how nobody
 * answers", "thanks a lot"). The praise then counts against the service.
 */
export const SARCASM_OPENERS: readonly string[] = [
  'love how',
  'love that',
  'love it when',
  'gotta love',
  'got to love',
  'great job',
  'good job',
  'nice job',
  'nice work',
  'way to go',
  'well done',
  'thanks a lot',
  'oh great',
  'just great',
  'oh good',
  'just perfect',
  'how nice',
  'real nice',
  'what a great',
];

/** Marks that declare sarcasm on their own. */
export const SARCASM_MARKS: ReadonlySet<string> = new Set(['#not', '/s', '#sarcasm']);
