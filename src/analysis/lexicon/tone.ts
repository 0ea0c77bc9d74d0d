// Cues of the tone a bot's message takes, from how support writers repair, reassure, cheer and
// refuse. Each pattern runs on the message with straight apostrophes; its match is quoted as evidence.

export interface ToneCue {
  pattern: RegExp;
  weight: number;
}

const cue = (source: string, weight: number): ToneCue => ({ pattern: new RegExp(source, 'giu'), weight });

/** Apology, acknowledgement of the customer's situation or feeling, understanding, reassurance. */
export const EMPATHY: readonly ToneCue[] = [
  // Apology.
  cue(String.raw`\b(?:i'm|i am|we're|we are)\s+(?:so\s+|very\s+|really\s+|truly\s+|terribly\s+)?sorry\b`, 2),
  cue(String.raw`\b(?:very\s+|so\s+|really\s+)?sorry\b`, 1.5),
  cue(String.raw`\b(?:my|our)\s+apologies\b|\bapologi[sz]e\b|\bapologies\b`, 1.5),
  // Acknowledgement and understanding.
  cue(
    String.raw`\b(?:i|we)\s+(?:completely\s+|totally\s+|really\s+|fully\s+)?(?:understand|get it|hear you|see why|know how|realize|realise)\b`,
    1.5,
  ),
  cue(
    String.raw`\b(?:that|this|it)\s+(?:sounds|must be|must have been|is|can be)\s+(?:really\s+|so\s+|very\s+)?(?:frustrating|stressful|annoying|upsetting|worrying|difficult|hard|disappointing|inconvenient|a hassle)\b`,
    1.5,
  ),
  cue(String.raw`\b(?:frustrating|frustration|frustrated|inconvenience|disappointing|upsetting)\b`, 1),
  cue(String.raw`\bnot\s+(?:the\s+experience|what\s+you\s+(?:expected|deserve))\b`, 1.5),
  cue(
    String.raw`\b(?:thanks|thank you)\s+(?:so much\s+)?for\s+(?:your\s+patience|bearing\s+with|sticking\s+with|waiting|your\s+understanding|hanging\s+in)\b|\bappreciate\s+your\s+patience\b`,
    1.5,
  ),
  cue(String.raw`\bsorry\s+to\s+hear\b|\bhate\s+to\s+hear\b|\bwe\s+don't\s+like\s+to\s+hear\b`, 1),
  cue(
    String.raw`\bi'd\s+feel\s+the\s+same\b|\bi\s+can\s+(?:only\s+)?imagine\b|\bi\s+can\s+see\s+(?:why|how)\b`,
    1.5,
  ),
  // Reassurance and offers of help.
  cue(String.raw`\b(?:we|i)\s+can\s+help\b(?!\s+(?:you\s+)?with\s+(?!(?:that|this|it)\b))`, 1),
  cue(String.raw`\b(?:we|i)\s+can\s+help\s+(?:you\s+)?with\s+(?:that|this|it)\b`, 1),
  cue(String.raw`\b(?:here|happy|glad|love|like|want|ready)\s+to\s+help\b`, 1.5),
  cue(String.raw`\b(?:we'd|i'd|we would|i would)\s+be\s+(?:happy|glad)\s+to\b`, 1),
  cue(
    String.raw`\b(?:we're|we are|i'm|i am)\s+(?:always\s+)?here\s+for\s+you\b|\bwhat\s+we're\s+here\s+for\b`,
    1.5,
  ),
  cue(
    String.raw`\b(?:don't|do not)\s+worry\b|\bno\s+worries\b|\brest\s+assured\b|\bin\s+good\s+hands\b|\bwe've\s+got\s+you\b`,
    1.5,
  ),
  cue(
    String.raw`\b(?:we'll|we will|i'll|i will|let's|let\s+me|let\s+us)\s+(?:get\s+(?:this|it|that)\s+(?:sorted|fixed|resolved)|sort\s+(?:this|it)|make\s+(?:this|it)\s+right|fix\s+(?:this|it)|take\s+care\s+of\s+(?:this|it|that)|look\s+into\s+(?:this|it|that))\b`,
    1.5,
  ),
  cue(String.raw`\blet's\s+(?:take\s+a\s+look|figure|sort|work)\b|\blook\s+into\s+this\s+together\b`, 1),
  cue(
    String.raw`\bsomeone\s+who\s+can\s+help\b|\b(?:colleague|agent|person|specialist|teammate)\s+who\s+can\s+(?:help|sort|fix)\b`,
    1,
  ),
  cue(
    String.raw`\btake\s+your\s+time\b|\bno\s+rush\b|\bwe\s+hope\s+you\b|\bhope\s+(?:this|that)\s+helps\b`,
    1,
  ),
  cue(String.raw`\b(?:i|we)\s+(?:didn't|did not)\s+(?:quite\s+)?(?:catch|get|understand)\s+that\b`, 1),
];

/** Hype and cheer. Moderate words count as hype when an exclamation mark follows them. */
export const HYPE_STRONG =
  /\b(?:awesome|amazing|fantastic|yay+|woo+hoo+|woo+|hooray|hurray|yippee|congrat(?:s|ulations)|thrilled|incredible|epic|stoked|wahoo|whoop|woot|great\s+job|nice\s+one|well\s+done|way\s+to\s+go)\b(?:\s*!+)?/giu;
export const HYPE_MODERATE =
  /\b(?:great|perfect|nice|cool|excellent|wonderful|brilliant|sweet|superb|fab|fabulous|excited|exciting|love\s+it|good\s+news|you\s+rock|let's\s+go|boom)\b(?:\s*!+)?/giu;
/** Request formulae and offers of help in which a cheerful word is not cheer. */
export const NOT_HYPE =
  /\b(?:(?:that|it)'d\s+be\s+great|would\s+be\s+(?:great|nice|perfect)|(?:love|like)\s+to\s+help|nice\s+to\s+(?:meet|hear\s+from)|great\s+question)\b/giu;
/** Celebration emoji are hype on their own; cheerful faces and sparkles add to it. */
export const PARTY_EMOJI = /[🎉🥳🎊🙌🚀🤩💥🏆🍾]/gu;
export const HYPE_EMOJI = /[🔥✨😍🌟💯👏😄😃😁🤗😎⭐💪]/gu;

/** Refusal, error and blame words, and demands; unsoftened they make a message blunt. */
export const BLUNT: readonly ToneCue[] = [
  cue(String.raw`^\s*no\s*[.!]?\s*$|^\s*no\.`, 2),
  cue(String.raw`\binvalid\b|\bnot\s+(?:a\s+)?valid\b|\bunrecogni[sz]ed\b|\bnot\s+recogni[sz]ed\b`, 1.5),
  cue(
    String.raw`\b(?:denied|rejected|forbidden|prohibited|not\s+(?:allowed|permitted|eligible|possible|supported|accepted))\b`,
    1.5,
  ),
  cue(
    String.raw`\b(?:incorrect|wrong)\s+(?:input|format|number|code|password|answer|option|choice|details|information|value|email)\b|\b(?:that's|that\s+is|this\s+is)\s+(?:incorrect|wrong)\b`,
    1.5,
  ),
  cue(String.raw`\b(?:failed|error)\b`, 1),
  cue(String.raw`\byou\s+(?:must|need\s+to|have\s+to|are\s+required\s+to)\b|\b(?:required|mandatory)\b`, 1.5),
  cue(String.raw`\bmust\b`, 0.5),
  cue(
    String.raw`\byou\s+(?:failed\s+to|didn't|did\s+not|forgot\s+to|should\s+have|entered)\b|\byour\s+(?:fault|mistake|error)\b`,
    2,
  ),
  cue(
    String.raw`\bas\s+(?:i|we)\s+(?:already\s+)?(?:said|told\s+you|mentioned|explained)\b|\bas\s+(?:stated|mentioned)\b|\bi\s+already\s+told\s+you\b|\bread\s+the\b`,
    2,
  ),
  cue(
    String.raw`\b(?:not\s+(?:my|our)\s+problem|nothing\s+(?:we|i)\s+can\s+do|(?:that's|this\s+is)\s+(?:our|the)\s+policy|no\s+exceptions)\b`,
    2,
  ),
  cue(
    String.raw`\b(?:we|i)\s+(?:can't|cannot|won't|will\s+not|don't|do\s+not)\s+(?:offer|allow|accept|give|provide|do\s+that|refund|support|process|make\s+exceptions|change|cancel|issue|honou?r)\b|\bno\s+refunds\b`,
    1.5,
  ),
  cue(String.raw`\btry\s+again\b`, 0.5),
  cue(String.raw`^\s*(?:do\s+not|don't|stop)\b`, 1.5),
];

/** Words that soften a demand or a refusal. */
export const SOFTENERS =
  /\b(?:please|kindly|could\s+you|can\s+you|would\s+you|if\s+you\s+(?:can|could|don't\s+mind)|when\s+you're\s+ready|thanks|thank\s+you|let's|so\s+(?:we|i)\s+can|unfortunately|i'm\s+afraid|happy\s+to|we'd|i'd)\b/iu;

/** Verbs a bot opens a command with ("Enter your order number.", "Try again later."). */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  (
    'enter type provide select choose pick reply send give call wait try click tap press submit fill check ' +
    'confirm upload attach go visit contact read use stop include specify state answer say write input verify ' +
    'insert restart update log sign keep make follow dm message email text hold return resend re-enter retype'
  ).split(' '),
);
