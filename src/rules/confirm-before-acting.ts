import { projectGraph, toPathSteps } from '../analysis/graph.js';
import { shortestStatePath } from '../analysis/paths.js';
import { questionKind } from '../analysis/questions.js';
import type { Step } from '../flow/types.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

/** Verbs of actions that cannot be taken back: money moves, things are cancelled, deleted, sent. */
const IRREVERSIBLE = new Set([
  'cancel',
  'delete',
  'remove',
  'close',
  'terminate',
  'transfer',
  'pay',
  'charge',
  'purchase',
  'buy',
  'book',
  'order',
  'submit',
  'withdraw',
  'unsubscribe',
  'deactivate',
  'erase',
  'wipe',
  'refund',
  'apply',
  'subscribe',
  'upgrade',
  'downgrade',
  'renew',
  'send',
  'place',
]);
/** Nouns that name such an act wherever they stand (`make_payment`, `process_cancellation`). */
const ACTS = new Set(['payment', 'cancellation', 'deletion', 'withdrawal', 'closure', 'termination']);

/** The words of an action's name: `cancel_order`, `cancelOrder` and `cancel-order` are "cancel order". */
const wordsOf = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');

/** The verb that makes this action one that cannot be undone, if it is one. */
export function irreversibleVerb(action: string): string | undefined {
  const words = wordsOf(action);
  if (words.length === 0) return undefined;
  if (IRREVERSIBLE.has(words[0])) return words[0];
  // A name that starts with a verb of its own: only a noun of an act that cannot be undone counts
  // (`track_order` tracks; `make_payment` pays).
  return words.slice(1).find((w) => ACTS.has(w));
}

/** A question that asks the customer to confirm: a yes/no question, or one that says "confirm". */
function confirms(step: Step): boolean {
  return textsOf(step.ask).some(
    (t) => questionKind(t.text) === 'yes-no' || /\b(?:confirm|are you sure|go ahead|proceed)\b/i.test(t.text),
  );
}

/**
 * An action that cannot be undone (by its name: cancel, delete, transfer, pay, book, apply...) is
 * run only after the customer confirmed it: the last question on every way to it asks for a yes.
 */
export default defineRule({
  id: 'confirm-before-acting',
  category: 'empathy',
  severity: 'warn',
  description: 'An action that cannot be undone is confirmed by the customer first.',
  messages: {
    unconfirmed:
      'the bot runs `{action}` at `{step}`, which cannot be undone ({verb}), without the customer confirming first: ask a yes/no question right before it ("I\'ll … — is that right?") and run it only on "yes"',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    for (const step of graph.steps.values()) {
      if (step.kind !== 'action' || !step.action) continue;
      const verb = irreversibleVerb(step.action.name);
      if (!verb) continue;
      // State: did the last question on the way ask for a confirmation?
      const path = shortestStatePath<boolean>(
        graph,
        false,
        (e, confirmed) => {
          const from = graph.steps.get(e.from)!;
          return from.kind === 'ask' ? confirms(from) : confirmed;
        },
        (qid, confirmed) => qid === step.qid && !confirmed,
      );
      if (path)
        reports.push({
          messageId: 'unconfirmed',
          data: { action: step.action.name, step: step.id, verb },
          at: step.action.pos,
          path: toPathSteps(graph, path),
        });
    }
    return reports;
  },
});
