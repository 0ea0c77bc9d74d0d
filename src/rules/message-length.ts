import type { Channel } from '../flow/types.js';
import { defineRule } from './define.js';
import { projectTexts } from './texts.js';
import type { Report } from './types.js';

type Options = { sms: number; chat: number; voice: number };

/** Length as the channel counts it: words on voice, characters (code points) in writing. */
function lengthOn(channel: Channel, text: string): number {
  return channel === 'voice' ? (text.match(/\S+/g) ?? []).length : [...text].length;
}

export default defineRule<Options>({
  id: 'message-length',
  category: 'language',
  severity: 'warn',
  description: 'A message is longer than its channel allows (sms 160 characters, chat 320, voice 35 words).',
  messages: {
    tooLong: '{length} {unit}, over the {max} a {channel} message should take: split it or cut it down',
  },
  options: {
    sms: { type: 'integer', minimum: 1 },
    chat: { type: 'integer', minimum: 1 },
    voice: { type: 'integer', minimum: 1 },
  },
  defaults: { sms: 160, chat: 320, voice: 35 },
  check(project, options) {
    const limits: Record<Channel, number> = {
      sms: typeof options.sms === 'number' ? options.sms : 160,
      chat: typeof options.chat === 'number' ? options.chat : 320,
      voice: typeof options.voice === 'number' ? options.voice : 35,
    };
    const reports: Report[] = [];
    // A default fallback from tact.config.yaml has no channel of its own: it is checked against each
    // channel whose steps inherit it, once.
    const done = new Set<string>();
    for (const { text, pos, flow } of projectTexts(project)) {
      if (!flow) continue;
      const max = limits[flow.channel];
      const length = lengthOn(flow.channel, text);
      if (length <= max) continue;
      const key = `${pos.file}:${pos.line}:${pos.column}:${flow.channel}`;
      if (done.has(key)) continue;
      done.add(key);
      reports.push({
        messageId: 'tooLong',
        data: { length, unit: flow.channel === 'voice' ? 'words' : 'characters', max, channel: flow.channel },
        at: pos,
      });
    }
    return reports;
  },
});
