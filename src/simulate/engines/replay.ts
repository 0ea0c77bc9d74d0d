import { ReplayService, type ReplaySettings } from '../ollama/service.js';
import type { CustomerEngine } from '../types.js';
import { modelCustomerEngine } from './ollama.js';

/**
 * The recorded model plays the customer again (simulation.md, engine `replay`): the same customer
 * as `ollama`, answered from the recordings in `--replay DIR`, with no server. A request that was
 * not recorded fails its conversation loudly (ReplayService).
 */
export function replayEngine(settings: ReplaySettings | ReplayService): CustomerEngine {
  const service = settings instanceof ReplayService ? settings : new ReplayService(settings);
  return modelCustomerEngine('replay', service);
}
