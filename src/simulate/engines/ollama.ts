import {
  CUSTOMER_FORMAT,
  CUSTOMER_MAX_TOKENS,
  customerMessages,
  parseCustomerAnswer,
  renderBotTurn,
  renderCustomerAnswer,
} from '../ollama/prompts.js';
import type { ModelService } from '../ollama/service.js';
import { askStructured } from '../ollama/structured.js';
import type { BotView, ConversationContext, Customer, CustomerEngine, CustomerReply } from '../types.js';

/**
 * A model plays the customer (simulation.md, engine `ollama`): roles reversed, the bot's turns are
 * the model's "user" messages and the customer's own earlier answers its "assistant" messages,
 * after a system prompt with the persona's goal, mood, traits, patience and what it knows. It
 * answers in structured output; `options` carry the conversation's seed and the temperature. A
 * persona's `opening` is said as written, with no call.
 *
 * `name` is `ollama` with live servers and `replay` with recorded answers: the customer is the
 * same either way, so a replay makes exactly the requests the recording made.
 */
export function modelCustomerEngine(name: 'ollama' | 'replay', service: ModelService): CustomerEngine {
  return {
    name,
    get model() {
      return service.models('customer');
    },
    prepare: (signal) => service.prepare(signal),
    customer: (ctx) => new ModelCustomer(ctx, service),
    finish: (ctx) => service.finish(ctx),
    close: () => service.close(),
  };
}

class ModelCustomer implements Customer {
  /** Each bot turn as shown to the model, with the customer's answer to it. */
  private readonly history: { bot: string; customer?: string }[] = [];
  private turn = 0;

  constructor(
    private readonly ctx: ConversationContext,
    private readonly service: ModelService,
  ) {}

  async reply(view: BotView): Promise<CustomerReply> {
    this.turn += 1;
    const bot = renderBotTurn(view);
    const { persona } = this.ctx;
    let reply: CustomerReply;
    if (this.turn === 1 && persona.opening) {
      reply = { message: persona.opening };
    } else {
      const { model, temperature } = this.service.settingsFor(this.ctx, 'customer');
      reply = await askStructured(
        this.service,
        {
          ctx: this.ctx,
          kind: 'customer',
          turn: this.turn,
          request: {
            model,
            messages: customerMessages(persona, [...this.history, { bot }]),
            format: CUSTOMER_FORMAT,
            options: { seed: this.ctx.seed, temperature, num_predict: CUSTOMER_MAX_TOKENS },
          },
        },
        parseCustomerAnswer,
      );
    }
    this.history.push({ bot, customer: renderCustomerAnswer(reply) });
    return reply;
  }
}
