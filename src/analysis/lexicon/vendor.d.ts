// Types for the data modules of the lexicon libraries, which ship none.

declare module 'vader-sentiment/src/vader_lexicon.js' {
  /** VADER's valence lexicon: word, slang or emoticon → mean human rating, -4..4. */
  export const lexicon: Record<string, number>;
}

declare module 'wink-sentiment/src/emojis.js' {
  /** Emoji → AFINN-style score, -5..5. */
  const emojis: Record<string, number>;
  export default emojis;
}

declare module 'wink-sentiment/src/emoticons.js' {
  /** Emoticon → AFINN-style score, -5..5. */
  const emoticons: Record<string, number>;
  export default emoticons;
}
