// How a docs example may show part of what tact writes (test/docs/json-examples.test.ts,
// test/docs/output-formats.test.ts).

const ELIDED = '…';

/**
 * Where `shown` differs from `actual`, as `path: why` lines; [] when `shown` is `actual` in part:
 * a map shows some of the keys, a string ending in "…" is the start of the real one, a list ending
 * in "…" its first items, and a map `{"…": ...}` is left out.
 */
export function differences(shown: unknown, actual: unknown, at = '$'): string[] {
  if (typeof shown === 'string' && shown.endsWith(ELIDED) && shown !== ELIDED)
    return typeof actual === 'string' && actual.startsWith(shown.slice(0, -1))
      ? []
      : [`${at}: ${JSON.stringify(actual)} does not start with ${JSON.stringify(shown.slice(0, -1))}`];
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return [`${at}: a list is shown, ${JSON.stringify(actual)} is written`];
    const cut = shown.at(-1) === ELIDED;
    const items = cut ? shown.slice(0, -1) : shown;
    if (!cut && items.length !== actual.length)
      return [
        `${at}: ${items.length} items shown, ${actual.length} written (end the list with "…" to show part)`,
      ];
    if (items.length > actual.length) return [`${at}: ${items.length} items shown, ${actual.length} written`];
    return items.flatMap((v, i) => differences(v, actual[i], `${at}[${i}]`));
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at}: a map is shown, ${JSON.stringify(actual)} is written`];
    if (Object.keys(shown).length === 1 && ELIDED in shown) return [];
    return Object.entries(shown).flatMap(([k, v]) =>
      k in actual
        ? differences(v, (actual as Record<string, unknown>)[k], `${at}.${k}`)
        : [`${at}.${k}: not in what is written`],
    );
  }
  return Object.is(shown, actual)
    ? []
    : [`${at}: ${JSON.stringify(shown)} shown, ${JSON.stringify(actual)} written`];
}
