import type { ConversationContext, Judge, JudgeRating, TranscriptLine } from '../types.js';
import {
  JUDGE_FORMAT,
  JUDGE_MAX_TOKENS,
  JUDGE_SYSTEM_PROMPT,
  JUDGE_TEMPERATURE,
  judgePrompt,
  parseJudgeAnswer,
} from './prompts.js';
import type { ModelService } from './service.js';
import { askStructured } from './structured.js';

/**
 * The judge (`--judge`): a model rates each finished conversation's empathy from 1 to 5 with its
 * reasons, in structured output, at temperature 0 with the conversation's seed. It judges any
 * engine's conversations; its exchanges are recorded and replayed with the customer's, in the same
 * file. It reads the transcript as it happened, before personal data is masked for the reports.
 */
export function modelJudge(service: ModelService): Judge {
  return {
    get model() {
      return service.models('judge');
    },
    prepare: (signal) => service.prepare(signal),
    async rate(ctx: ConversationContext, transcript: readonly TranscriptLine[]): Promise<JudgeRating> {
      const { model } = service.settingsFor(ctx, 'judge');
      return askStructured(
        service,
        {
          ctx,
          kind: 'judge',
          request: {
            model,
            messages: [
              { role: 'system', content: JUDGE_SYSTEM_PROMPT },
              { role: 'user', content: judgePrompt(ctx.persona, transcript) },
            ],
            format: JUDGE_FORMAT,
            options: { seed: ctx.seed, temperature: JUDGE_TEMPERATURE, num_predict: JUDGE_MAX_TOKENS },
          },
        },
        parseJudgeAnswer,
      );
    },
    finish: (ctx) => service.finish(ctx),
    close: () => service.close(),
  };
}
