// Types for the data modules of the lexicon libraries, which ship none.

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
