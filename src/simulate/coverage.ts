import type { BotFile, BotRoute } from '../runtime/bot-types.js';
import { type RouteKind, routeKey } from '../runtime/state.js';

/**
 * Every move the bot's steps can make, as the runtime's route keys (`from→to#kind`, the keys of
 * `State.routes`), sorted: the denominator of route coverage. Moves the runtime makes on its own
 * (`escalation` after a failed action) are left out: no design asks for them.
 */
export function botRouteKeys(bot: BotFile): string[] {
  const keys = new Set<string>();
  const add = (from: string, to: string | undefined, kind: RouteKind) => {
    if (to) keys.add(routeKey(from, to, kind));
  };
  const handlers = (key: string | undefined): BotRoute[] =>
    key && Object.hasOwn(bot.handlers ?? {}, key) ? (bot.handlers[key] ?? []) : [];
  for (const [id, st] of Object.entries(bot.steps)) {
    switch (st.kind) {
      case 'message':
      case 'action':
        add(id, st.next, 'next');
        break;
      case 'branch':
        for (const b of st.branch ?? []) add(id, b.goto, 'branch');
        add(id, st.else, 'else');
        break;
      case 'ask': {
        const own = (st.routes ?? []).filter((r) => !('option' in r.when));
        for (const r of st.routes ?? []) if ('option' in r.when) add(id, r.goto, 'option');
        if (st.collect) add(id, st.next, 'collect');
        for (const r of own)
          add(id, r.goto, 'intent' in r.when ? 'intent' : 'sentiment' in r.when ? 'sentiment' : 'if');
        for (const r of [...handlers(st.handlers), ...handlers('*')]) add(id, r.goto, 'handler');
        if (!st.collect && (st.options ?? []).length === 0 && own.length === 0) add(id, st.next, 'accept');
        add(id, st.fallback?.then, 'fallback');
        break;
      }
      default:
        break;
    }
  }
  return [...keys].sort();
}
