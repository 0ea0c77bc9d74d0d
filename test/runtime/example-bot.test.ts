import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compile/index.js';
import { loadProject } from '../../src/flow/load.js';
import { loadBot } from '../../src/runtime/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const project = loadProject([path.join(ROOT, 'flows')], { cwd: ROOT });
const bot = loadBot(JSON.parse(compileProject(project).json));

async function say(...replies: string[]) {
  const s = bot.session({
    actions: { check_refund: () => ({ refund_eligible: true }), open_dispute: () => ({ dispute_id: 'D-1' }) },
  });
  let turn = await s.start();
  for (const r of replies) turn = await s.reply(r);
  return turn;
}

describe('the example bot understands what customers say at each step', () => {
  it.each([
    ['I lost my card', 'banking/start'],
    ['my internet is down', 'telecom/start'],
    ['I need to move my hotel stay to different dates', 'hospitality/ask_ref'],
    ['my order arrived broken, I want a refund', 'retail/ask_order'],
  ])('"%s" at the menu leads to %s', async (reply, step) => {
    expect((await say(reply)).step).toBe(step);
  });

  it('a quick reply by its exact label or number is that choice, not a guess', async () => {
    expect((await say('2')).step).toBe('hospitality/ask_ref');
    expect((await say('Internet or phone plan', 'My service is down')).step).toBe('telecom/ask_postcode');
  });

  it('a bare number where a number is asked is stored, not taken for a request', async () => {
    const t = await say('Lost card or a payment', "A payment I don't recognise", '42');
    expect(t.step).toBe('banking/ask_merchant');
    expect(t.data['banking/amount']).toBe(42);
  });

  it('asking for a person at a question still reaches one', async () => {
    const t = await say(
      'Lost card or a payment',
      "A payment I don't recognise",
      'can I talk to a human please',
    );
    expect(t.status).toBe('handoff');
  });
});
