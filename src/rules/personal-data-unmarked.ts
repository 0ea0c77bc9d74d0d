import { BIRTH_DATE_NAME, PERSONAL_TYPES } from '../flow/builtins.js';
import type { DataDef } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** Words of a data name (`cardLast4`, `card-last4`, `card_last4` → card, last4). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that are personal data on their own, with what they are (for the message). */
const PERSONAL_WORDS: Record<string, string> = {
  email: 'an email address',
  phone: 'a phone number',
  mobile: 'a phone number',
  telephone: 'a phone number',
  cellphone: 'a phone number',
  surname: 'a name',
  forename: 'a name',
  firstname: 'a name',
  lastname: 'a name',
  fullname: 'a name',
  address: 'an address',
  postcode: 'an address',
  zip: 'an address',
  zipcode: 'an address',
  birth: 'a birth date',
  birthday: 'a birth date',
  birthdate: 'a birth date',
  dob: 'a birth date',
  card: 'a payment card',
  cvv: 'a payment card',
  cvc: 'a payment card',
  account: 'an account number',
  iban: 'a bank account',
  passport: 'a passport number',
  ssn: 'a social security number',
  licence: 'a licence number',
  license: 'a licence number',
  pin: 'a PIN',
  password: 'a password',
  gender: 'gender',
  nationality: 'nationality',
};

/** Word pairs that are personal data together, though neither word is on its own. */
const PERSONAL_PAIRS: [string, string, string][] = [
  ['e', 'mail', 'an email address'],
  ['postal', 'code', 'an address'],
  ['social', 'security', 'a social security number'],
  ['national', 'id', 'a national ID'],
  ['national', 'insurance', 'a national insurance number'],
  ['tax', 'id', 'a tax ID'],
  ['tax', 'number', 'a tax ID'],
  ['sort', 'code', 'a bank account'],
  ['routing', 'number', 'a bank account'],
  ['date', 'born', 'a birth date'],
];

/** `name` is a person's name only beside one of these (`first_name`); `product_name` is not. */
const NAME_QUALIFIERS = new Set([
  'full',
  'first',
  'last',
  'given',
  'family',
  'middle',
  'maiden',
  'preferred',
  'legal',
  'customer',
  'contact',
  'holder',
  'cardholder',
  'caller',
  'your',
  'my',
]);

/**
 * Words that make the data a category or a flag about the personal thing, not the thing itself:
 * `card_type` (visa), `account_status`, `email_opt_in`, `phone_verified`, `address_count`.
 */
const NOT_THE_VALUE = new Set([
  'type',
  'kind',
  'brand',
  'status',
  'state',
  'category',
  'tier',
  'plan',
  'level',
  'network',
  'scheme',
  'provider',
  'issuer',
  'currency',
  'count',
  'format',
  'colour',
  'color',
  'design',
  'opt',
  'optin',
  'consent',
  'preference',
  'preferences',
  'verified',
  'valid',
  'known',
  'changed',
  'gift',
]);

/** Why a data name says it is personal, or undefined. */
export function personalByName(name: string, extra: readonly string[] = []): string | undefined {
  const words = nameWords(name);
  if (words.length === 0 || words.some((w) => NOT_THE_VALUE.has(w))) return undefined;
  const lower = name.toLowerCase();
  for (const e of extra) {
    const x = e.toLowerCase();
    if (words.includes(x) || (x.length > 3 && lower.includes(x))) return `"${e}"`;
  }
  for (const w of words) if (PERSONAL_WORDS[w]) return PERSONAL_WORDS[w];
  for (const [a, b, what] of PERSONAL_PAIRS) {
    const i = words.indexOf(a);
    if (i >= 0 && words.slice(i + 1).includes(b)) return what;
  }
  const n = words.indexOf('name');
  if (n >= 0 && (words.length === 1 || (n > 0 && NAME_QUALIFIERS.has(words[n - 1])))) return 'a name';
  return undefined;
}

/** Why a data definition looks personal (type, sensitivity, then name), or undefined. */
function whyPersonal(def: DataDef, extra: readonly string[]): string | undefined {
  if (PERSONAL_TYPES.has(def.type)) return `its type is \`${def.type}\``;
  if (def.sensitive) return 'it is marked `sensitive`';
  if (def.type === 'date' && BIRTH_DATE_NAME.test(def.name)) return 'a birth date';
  // A yes/no flag about personal data (`has_card`) is not itself the personal value.
  if (def.type === 'boolean') return undefined;
  return personalByName(def.name, extra);
}

export default defineRule<{ names: string[]; ignore: string[] }>({
  id: 'personal-data-unmarked',
  category: 'empathy',
  severity: 'warn',
  description: 'Data that looks personal is marked `personal: true`, so disclosure and purpose are checked.',
  messages: {
    markedFalse:
      '`{data}` looks like personal data ({why}) but is marked `personal: false`: mark it `personal: true` (then give it a `purpose` and disclose it before asking)',
    unmarked:
      '`{data}` looks like personal data ({why}) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
  },
  options: {
    names: { type: 'array', items: { type: 'string' } },
    ignore: { type: 'array', items: { type: 'string' } },
  },
  defaults: { names: [], ignore: [] },
  check(project, options) {
    const extra = Array.isArray(options.names) ? options.names.filter((n) => typeof n === 'string') : [];
    const ignore = new Set(Array.isArray(options.ignore) ? options.ignore : []);
    const reports: Report[] = [];
    for (const flow of project.flows.values())
      for (const def of flow.data.values()) {
        if (def.personal || ignore.has(def.name) || ignore.has(def.qid)) continue;
        const why = whyPersonal(def, extra);
        if (!why) continue;
        reports.push({
          messageId: def.personalWritten === false ? 'markedFalse' : 'unmarked',
          data: { data: def.name, why },
          at: def.pos,
        });
      }
    return reports;
  },
});
