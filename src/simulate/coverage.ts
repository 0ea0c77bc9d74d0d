import type { BotFile } from '../runtime/bot-types.js';
import { botMoves } from '../runtime/routing.js';

/**
 * Every move the bot's steps can make, as the runtime's route keys (`from→to#kind`, the keys of
 * `State.routes`), sorted: the denominator of route coverage. It is `botMoves` of the routing
 * module the runtime and the lint graph share, so a move the runtime can never make (a route
 * behind a free-text question, the fallback of a question that takes every reply) is not counted.
 * Moves the runtime makes on its own (`escalation` after a failed action) are left out: no design
 * asks for them.
 */
export function botRouteKeys(bot: BotFile): string[] {
  return [...botMoves(bot)].sort();
}
