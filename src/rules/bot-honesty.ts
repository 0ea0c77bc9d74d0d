import { saysItIsABot } from '../analysis/disclosure.js';
import { firstMessages, projectGraph } from '../analysis/graph.js';
import { ARE_YOU_A_BOT } from '../flow/builtins.js';
import type { Pos, Target } from '../flow/types.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

/**
 * "Are you a real person?" (built-in intent `are_you_a_bot`) gets an honest answer. Where nothing
 * routes it, the runtime answers with `bot.disclosure` of tact.config.yaml (or one made from the
 * bot's name) and asks its question again; where the project routes it, its own answer must say
 * the bot is automated, as must a `bot.disclosure` it writes.
 */
export default defineRule({
  id: 'bot-honesty',
  category: 'empathy',
  severity: 'error',
  description: 'Asked "are you a real person?", the bot says it is automated.',
  messages: {
    routedAnswer:
      'a customer who asks "are you a real person?" is sent to `{target}`, whose message does not say the bot is automated: answer honestly ("I\'m an automated assistant, not a person"), or remove the route and let the bot\'s disclosure answer',
    silentAnswer:
      'a customer who asks "are you a real person?" is sent to `{target}`, which says nothing: answer honestly there ("I\'m an automated assistant, not a person")',
    disclosure:
      '`bot.disclosure` is what the bot says when asked "are you a real person?", and it does not say the bot is automated: say so ("I\'m Ava, Acme\'s automated assistant, not a person")',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    const disclosure = project.config.bot.disclosure;
    if (disclosure && !saysItIsABot(disclosure.text))
      reports.push({ messageId: 'disclosure', at: disclosure.pos });

    const targets: { goto: Target; at: Pos }[] = [];
    const visit = (intent: string | undefined, goto: Target) => {
      if (intent === ARE_YOU_A_BOT) targets.push({ goto, at: goto.pos });
    };
    for (const r of project.config.handlers) if ('intent' in r.when) visit(r.when.intent, r.goto);
    for (const flow of project.flows.values()) {
      for (const r of flow.handlers) if ('intent' in r.when) visit(r.when.intent, r.goto);
      for (const step of flow.steps.values()) {
        for (const r of step.routes ?? []) if ('intent' in r.when) visit(r.when.intent, r.goto);
        for (const o of step.options ?? []) visit(o.intent, o.goto);
      }
    }
    for (const { goto, at } of targets) {
      if (!graph.steps.has(goto.qid)) continue; // unknown-target reports it
      const messages = firstMessages(graph, [goto.qid], { throughAsks: false });
      const texts = messages.flatMap((m) => textsOf(m).map((t) => t.text));
      if (texts.length === 0) reports.push({ messageId: 'silentAnswer', data: { target: goto.raw }, at });
      else if (!texts.every((t) => saysItIsABot(t)))
        reports.push({ messageId: 'routedAnswer', data: { target: goto.raw }, at });
    }
    return reports;
  },
});
