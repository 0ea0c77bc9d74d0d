import jsonLogic from 'json-logic-js';
import type { State } from './state.js';

/** The names a condition can read: the data (qualified names) and the built-ins. */
export function conditionData(state: State, channel: string): Record<string, unknown> {
  return {
    ...state.data,
    sentiment: state.sentiment?.score ?? 0,
    turn: state.turn,
    fallbacks: state.fallbacks,
    channel,
  };
}

/** Whether a JSON Logic condition holds. A condition that cannot be evaluated is false. */
export function holds(condition: unknown, data: Record<string, unknown>): boolean {
  try {
    return jsonLogic.truthy(jsonLogic.apply(condition as jsonLogic.RulesLogic, data));
  } catch {
    return false;
  }
}
