import type { CustomerEngine } from '../types.js';
import { scriptedEngine } from './scripted.js';

export type EngineName = 'scripted' | 'ollama' | 'replay';
export const ENGINE_NAMES: readonly EngineName[] = ['scripted'];

export interface EngineOptions {
  engine: EngineName;
}

/** The customer engine a run asked for. */
export async function createEngine(options: EngineOptions): Promise<CustomerEngine> {
  switch (options.engine) {
    default:
      return scriptedEngine();
  }
}
