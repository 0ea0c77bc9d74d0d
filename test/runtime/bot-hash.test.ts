import { describe, expect, it } from 'vitest';
import { BotLoadError, botHash, loadBot, MAX_BOT_NESTING } from '../../src/runtime/index.js';
import { fixtureBot } from './fixtures/bots.js';

describe('loadBot checks the hash against the content', () => {
  const bot = fixtureBot('refund-bot.json');

  it('loads a file as compiled, with no warnings', () => {
    expect(loadBot(bot).warnings).toEqual([]);
  });

  it('refuses a file edited after compile, naming both hashes', () => {
    const edited = { ...bot, name: 'someone-else' };
    expect(() => loadBot(edited)).toThrow(BotLoadError);
    expect(() => loadBot(edited)).toThrow(
      `Changed bot file: its "hash" ${bot.hash.slice(0, 19)}… does not match its content (${botHash(edited).slice(0, 19)}…): it was edited after \`tact compile\`. Compile it again, or load it with allowChanged.`,
    );
  });

  it('refuses a file with no hash, and one whose hash is not a string', () => {
    const { hash: _, ...bare } = bot;
    expect(() => loadBot(bare)).toThrow(/^Changed bot file: it has no "hash" does not match/);
    expect(() => loadBot({ ...bot, hash: 42 })).toThrow(/it has no "hash"/);
  });

  it('loads an edited file under allowChanged, with the reason as a warning', () => {
    const edited = { ...bot, channel: 'sms' };
    const loaded = loadBot(edited, { allowChanged: true });
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/^Changed bot file: .* it was edited after `tact compile`\.$/);
  });

  it('a reordered file is the same content: the hash is over canonical JSON', () => {
    const reordered = Object.fromEntries(Object.entries(bot).reverse());
    expect(loadBot(reordered).warnings).toEqual([]);
  });

  it('refuses a file nested deeper than any bot, without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(() => loadBot({ ...bot, data: { x: deep } })).toThrow(
      `Broken bot file: nesting too deep (more than ${MAX_BOT_NESTING} levels of lists and maps).`,
    );
  });
});
