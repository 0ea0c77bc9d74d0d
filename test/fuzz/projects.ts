import fc from 'fast-check';
import { stringify } from 'yaml';

/** A project as files: relative path → text. */
export type Files = Record<string, string>;

const word = fc.constantFrom(
  'order',
  'refund',
  'parcel',
  'booking',
  'card',
  'plan',
  'help',
  'date',
  'room',
  'payment',
);
const id = fc.tuple(word, fc.integer({ min: 0, max: 99 })).map(([w, n]) => `${w}_${n}`);
const sentence = fc
  .array(
    fc.constantFrom(
      'Thanks',
      'I can help with that',
      'What is your order number',
      'Sorry about the wait',
      'Let me check',
      'Your refund is on its way',
      'Could you say that another way',
      "I'm connecting you with a person",
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => `${parts.join('. ')}.`);

/**
 * A random flow that is valid by construction: a greeting that says it is a bot, asks with
 * options and a fallback to a person, messages, an optional branch on collected data, and every
 * goto naming a step of the flow. Lint may still find warnings (readability, tone): the property
 * is that it never fails to run.
 */
export const arbFlow = fc
  .record({
    flow: id,
    asks: fc.array(fc.record({ name: id, text: sentence, collect: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    says: fc.array(fc.record({ name: id, text: sentence }), { maxLength: 4 }),
    branch: fc.boolean(),
    personal: fc.boolean(),
  })
  .map((g) => {
    const names = new Set<string>();
    const uniq = (n: string) => {
      let out = n;
      for (let i = 2; names.has(out); i++) out = `${n}${i}`;
      names.add(out);
      return out;
    };
    const asks = g.asks.map((a) => ({ ...a, name: uniq(a.name) }));
    const says = g.says.map((s) => ({ ...s, name: uniq(s.name) }));
    const person = uniq('person');
    const done = uniq('done');
    const steps: Record<string, unknown> = {};
    steps.greet = {
      say: "Hi, I'm Ava, a virtual assistant. You can ask for a person at any time.",
      next: asks[0].name,
    };
    const data: Record<string, unknown> = {
      answer: { type: 'text', ...(g.personal ? { personal: true, purpose: 'to find your order' } : {}) },
    };
    asks.forEach((a, i) => {
      const next = asks[i + 1]?.name ?? says[0]?.name ?? done;
      steps[a.name] = {
        ask: a.text,
        ...(a.collect && !g.personal ? { collect: 'answer' } : {}),
        options: [
          { label: 'Go on', goto: next },
          { label: 'Talk to a person', goto: person, intent: 'human' },
        ],
        fallback: { say: 'Sorry, could you say that another way?', max: 2, then: person },
      };
    });
    says.forEach((s, i) => {
      steps[s.name] = { say: s.text, next: says[i + 1]?.name ?? done };
    });
    if (g.branch && says.length > 0) {
      const b = uniq('check');
      steps[b] = {
        branch: [{ if: 'answer == "yes"', goto: done }, { else: person }],
      };
      (steps[says[says.length - 1].name] as { next: string }).next = b;
    }
    steps[person] = { say: "I'm connecting you with someone from our team.", handoff: { queue: 'support' } };
    steps[done] = { say: 'Thanks, that is everything.', end: 'resolved' };
    return { flow: g.flow, data, steps };
  });

/** A random valid project: one to three flows, a config naming the entry. */
export const arbProject: fc.Arbitrary<Files> = fc
  .uniqueArray(arbFlow, { minLength: 1, maxLength: 3, selector: (f) => f.flow })
  .map((flows) => {
    const files: Files = {
      'tact.config.yaml': stringify({
        name: 'fuzz-bot',
        bot: { name: 'Ava', company: 'Acme' },
        entry: `${flows[0].flow}/greet`,
        handlers: [{ intent: 'human', goto: `${flows[0].flow}/greet` }],
      }),
    };
    for (const f of flows) files[`flows/${f.flow}.flow.yaml`] = stringify(f);
    return files;
  });

/** One way to damage a project's text. */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'wrong-type'; line: number; value: string }
  | { kind: 'indent'; line: number; delta: number }
  | { kind: 'binary'; at: number; bytes: number[] }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'huge-string'; line: number; size: number }
  | { kind: 'deep'; line: number; depth: number; open: string }
  | { kind: 'proto'; line: number; key: string }
  | { kind: 'cyclic-alias'; variant: number }
  | { kind: 'alias-bomb'; width: number };

export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    line: fc.nat(),
    value: fc.constantFrom('42', '[1, 2]', '{a: 1}', 'null', 'true', '~', '"', '-1e999', '!!binary aGk='),
  }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 5 }) }),
  fc.record({
    kind: fc.constant('binary' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
  }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'crlf' as const }),
  fc.record({
    kind: fc.constant('huge-string' as const),
    line: fc.nat(),
    // Up to 60 KB in one message (and past the 1 MB file limit); longer texts are slower than linear in
    // the text analyzers, reported in the hardening notes.
    size: fc.oneof(fc.integer({ min: 10_000, max: 60_000 }), fc.constant(1_100_000)),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    line: fc.nat(),
    depth: fc.integer({ min: 50, max: 100_000 }),
    open: fc.constantFrom('[', '{a: ', '- '),
  }),
  fc.record({
    kind: fc.constant('proto' as const),
    line: fc.nat(),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'),
  }),
  fc.record({ kind: fc.constant('cyclic-alias' as const), variant: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('alias-bomb' as const), width: fc.integer({ min: 2, max: 12 }) }),
);

/** Apply a mutation to one file's text (as bytes: binary damage need not be UTF-8). */
export function mutate(text: string, m: Mutation): Buffer<ArrayBuffer> {
  const lines = text.split('\n');
  const pick = (n: number) => n % Math.max(1, lines.length);
  const indentOf = (l: string) => l.length - l.trimStart().length;
  switch (m.kind) {
    case 'truncate':
      return Buffer.from(text.slice(0, m.at % (text.length + 1)));
    case 'wrong-type': {
      const i = pick(m.line);
      lines[i] = lines[i].replace(/:\s.*$/, `: ${m.value}`);
      return Buffer.from(lines.join('\n'));
    }
    case 'indent': {
      const i = pick(m.line);
      lines[i] =
        m.delta >= 0
          ? ' '.repeat(m.delta) + lines[i]
          : lines[i].slice(Math.min(-m.delta, indentOf(lines[i])));
      return Buffer.from(lines.join('\n'));
    }
    case 'binary': {
      const b = Buffer.from(text);
      const at = m.at % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
    case 'bom':
      return Buffer.from(`\uFEFF${text}`);
    case 'crlf':
      return Buffer.from(text.replace(/\n/g, '\r\n'));
    case 'huge-string': {
      const i = pick(m.line);
      lines[i] = lines[i].replace(/:\s.*$/, `: ${'x'.repeat(m.size)}`);
      return Buffer.from(lines.join('\n'));
    }
    case 'deep': {
      const i = pick(m.line);
      const close = m.open === '[' ? ']' : m.open === '- ' ? '' : '}';
      const ind = ' '.repeat(indentOf(lines[i] ?? ''));
      const nest = `${m.open.repeat(m.depth)}x${close.repeat(m.depth)}`;
      lines.splice(i + 1, 0, `${ind}deep: ${m.open === '- ' ? `\n${ind}  ${nest}` : nest}`);
      return Buffer.from(lines.join('\n'));
    }
    case 'proto': {
      const i = pick(m.line);
      const ind = ' '.repeat(indentOf(lines[i] ?? ''));
      lines.splice(i + 1, 0, `${ind}${m.key}: {polluted: yes, say: hi, examples: [x]}`);
      return Buffer.from(lines.join('\n'));
    }
    case 'cyclic-alias': {
      const loops = [
        'steps: &s\n  a: *s\n',
        'steps:\n  a: &a\n    say: hi\n    next: *a\n',
        'data: &d\n  x: {type: text, values: *d}\nsteps: {a: {say: hi, end: resolved}}\n',
      ];
      return Buffer.from(text.replace(/^steps:[\s\S]*$/m, loops[m.variant]));
    }
    case 'alias-bomb': {
      let bomb = 'a0: &a0 [lol, lol, lol]\n';
      for (let i = 1; i <= m.width; i++)
        bomb += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
      return Buffer.from(`${bomb}${text}`);
    }
  }
}
