import { ConversationError } from '../types.js';
import { ModelCallError } from './client.js';
import { correction, MalformedAnswer } from './prompts.js';
import type { ModelCall, ModelService } from './service.js';

/**
 * Ask for a structured answer and read it with `parse`. An answer that is not the JSON asked for
 * (or a body that is not JSON at all) gets one more try: the same request with the bad answer and
 * a note of what was wrong, on another server when there is one. A second bad answer, or a call
 * that failed after every retry, is a ConversationError with the reason; a stopped run rethrows
 * the abort as it is.
 */
export async function askStructured<T>(
  service: ModelService,
  call: ModelCall,
  parse: (content: string) => T,
): Promise<T> {
  let firstWhy: string;
  let retry: ModelCall;
  try {
    const first = await service.ask(call);
    try {
      return parse(first.content);
    } catch (err) {
      if (!(err instanceof MalformedAnswer)) throw err;
      firstWhy = err.message;
      retry = {
        ...call,
        retry: true,
        avoidHost: first.host,
        request: {
          ...call.request,
          messages: [
            ...call.request.messages,
            { role: 'assistant', content: first.content },
            { role: 'user', content: correction(err.message, call.kind) },
          ],
        },
      };
    }
  } catch (err) {
    if (!(err instanceof ModelCallError && err.failure === 'malformed')) throw failure(err, call);
    firstWhy = err.message;
    retry = { ...call, retry: true, avoidHost: err.host };
  }
  try {
    const second = await service.ask(retry);
    return parse(second.content);
  } catch (err) {
    if (err instanceof MalformedAnswer || (err instanceof ModelCallError && err.failure === 'malformed'))
      throw new ConversationError(
        `the model's answer was not the JSON asked for, twice: ${err.message} (first: ${firstWhy})`,
      );
    throw failure(err, call);
  }
}

/** A failed call as the conversation reports it: what failed and what to do, never the host. */
function failure(err: unknown, call: ModelCall): Error {
  if (err instanceof ConversationError) return err;
  if (!(err instanceof ModelCallError)) return err as Error;
  if (err.failure === 'aborted') return err;
  if (err.failure === 'missing-model')
    return new ConversationError(
      `Ollama: ${err.message}; pull it with \`ollama pull ${call.request.model}\``,
    );
  return new ConversationError(`Ollama: ${err.message}`);
}
