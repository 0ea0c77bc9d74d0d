import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/index.js';
import {
  customerMessages,
  customerSystemPrompt,
  judgePrompt,
  MalformedAnswer,
  parseCustomerAnswer,
  parseJudgeAnswer,
  renderBotTurn,
} from '../../src/simulate/ollama/prompts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { project } = compile([path.join(ROOT, 'flows')]);
const persona = (id: string) => project.personas.find((p) => p.id === id)!;

describe('the customer prompt', () => {
  it("gives the persona's goal, mood, traits, patience and what it knows, and the JSON to answer", () => {
    expect(customerSystemPrompt(persona('calm-dispute'))).toMatchInlineSnapshot(`
      "You are role-playing a customer in a chat with a company's customer-service bot. Stay in character from start to end.
      The user messages are what the bot says to you. Your messages are what the customer types back. You are not an assistant and you never help the bot.

      Your goal: Dispute a payment of 42.50 to Fastflix that I don't recognise.
      Your mood: calm and polite; you explain plainly and wait for answers.
      How you write: formally and politely, as an older person who is not used to chat bots.
      Your patience: After 4 unhelpful answers from the bot (it does not understand you, asks again for what you already gave, or goes round in circles), ask to talk to a person. If no person comes after that, give up and leave.
      What you know, to give when the bot asks for it (give each exactly as written):
      - amount: 42.5
      - merchant: Fastflix
      If the bot asks for something you do not know, say that you do not know it. Never invent numbers, codes, dates or other details.
      When the bot shows quick replies, you may answer with one of them, word for word, or type your own words.

      Answer with a JSON object only, with these fields:
      - "message": the one chat message you type next, in your mood and your way of writing
      - "done": true only when your goal has been met and you are ending the chat
      - "wants_human": true when this message asks to talk to a person
      - "gave_up": true when you give up and leave without reaching your goal (the message is your last words)"
    `);
  });

  it('wants a person at once with patience 0, and says when it knows nothing', () => {
    const p = customerSystemPrompt(persona('angry-wants-person'));
    expect(p).toContain('Your patience: You want a human agent from your very first message.');
    expect(p).toContain('You have no reference numbers or account details at hand.');
  });

  it('reverses the roles: the bot speaks as the user, the customer as the assistant', () => {
    const messages = customerMessages(persona('calm-dispute'), [
      { bot: 'Hello! How can I help?', customer: '{"message":"a payment I do not know"}' },
      { bot: 'Which merchant?' },
    ]);
    expect(messages.map((m) => [m.role, m.role === 'system' ? '…' : m.content])).toEqual([
      ['system', '…'],
      ['user', 'Hello! How can I help?'],
      ['assistant', '{"message":"a payment I do not know"}'],
      ['user', 'Which merchant?'],
    ]);
  });

  it("shows the bot's words and quick replies, never its step ids or data names", () => {
    expect(
      renderBotTurn({
        messages: [
          { text: 'Sorry to hear that.', step: 'retail/sorry' },
          { text: 'What would you like?', step: 'retail/menu' },
        ],
        step: 'retail/menu',
        options: ['Refund', 'Talk to a person'],
        collect: { name: 'retail/choice', local: 'choice', type: 'text' },
      }),
    ).toBe('Sorry to hear that.\nWhat would you like?\n\nQuick replies: 1. Refund | 2. Talk to a person');
    expect(renderBotTurn({ messages: [], step: 's', options: [] })).toBe(
      '(The bot says nothing and waits for you to write.)',
    );
  });
});

describe('reading answers', () => {
  it('takes the four fields of the customer', () => {
    expect(
      parseCustomerAnswer(
        '{"message": " refund please ", "done": false, "wants_human": true, "gave_up": false}',
      ),
    ).toEqual({
      message: 'refund please',
      wantsHuman: true,
    });
    expect(parseCustomerAnswer('{"message":"","done":true,"wants_human":false,"gave_up":false}')).toEqual({
      message: '',
      done: true,
    });
  });

  it.each([
    ['hello', 'it is not JSON ("hello")'],
    ['{"message": "hi"}', "not the shape asked for: must have required property 'done'"],
    [
      '{"message": 3, "done": false, "wants_human": false, "gave_up": false}',
      'not the shape asked for: message must be string',
    ],
    [
      '{"message": " ", "done": false, "wants_human": false, "gave_up": false}',
      'the message is empty, and the customer neither is done nor gives up',
    ],
  ])('refuses %s', (content, why) => {
    expect(() => parseCustomerAnswer(content)).toThrow(new MalformedAnswer(why));
  });

  it("takes the judge's score and reasons, and refuses a score out of 1-5", () => {
    expect(parseJudgeAnswer('{"score": 2, "reasons": ["cold at turn 2", " "]}')).toEqual({
      score: 2,
      reasons: ['cold at turn 2'],
    });
    expect(() => parseJudgeAnswer('{"score": 7, "reasons": ["x"]}')).toThrow('score must be <= 5');
    expect(() => parseJudgeAnswer('{"score": 3, "reasons": [" "]}')).toThrow('it gives no reasons');
  });
});

describe('the judge prompt', () => {
  it("gives the customer's mood and goal, then the conversation, bot and customer by name", () => {
    expect(
      judgePrompt(persona('angry-damaged-item'), [
        { from: 'bot', text: 'Hi!', step: 'main/hello', turn: 0 },
        { from: 'bot', text: '', step: 'main/x', turn: 0 },
        { from: 'customer', text: 'my order is BROKEN', step: 'main/hello', turn: 1 },
      ]),
    ).toBe(
      "The customer's mood at the start: angry. Their goal: Get a refund for order AB123456, which arrived broken.\n\nThe conversation:\nBot: Hi!\nCustomer: my order is BROKEN",
    );
  });
});
