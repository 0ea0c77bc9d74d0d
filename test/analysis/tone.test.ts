import { describe, expect, it } from 'vitest';
import { analyzeTone, type BotTone } from '../../src/analysis/tone.js';

const tone = (text: string) => analyzeTone(text).tone;

describe('analyzeTone', () => {
  it.each<[BotTone, string]>([
    ['empathetic', "I'm sorry, I didn't catch that."],
    ['empathetic', 'I understand how frustrating this is.'],
    ['empathetic', "That's what we're here for."],
    ['empathetic', 'We can help.'],
    ['upbeat', 'Awesome!! 🎉'],
    ['upbeat', 'Great!'],
    ['upbeat', 'Yay, your order is confirmed!'],
    ['blunt', 'Invalid input.'],
    ['blunt', 'Enter your order number.'],
    ['blunt', 'No.'],
    ['blunt', 'You must log in first.'],
    ['neutral', 'Your order will arrive on Tuesday.'],
    ['neutral', 'What is your order number?'],
  ])('%s: %s', (expected, text) => {
    expect(tone(text)).toBe(expected);
  });

  it('quotes the words and marks that decided the tone', () => {
    expect(analyzeTone('Awesome!! 🎉').evidence).toEqual(['Awesome!!', '🎉']);
    expect(analyzeTone("I'm sorry, I didn't catch that.").evidence).toEqual([
      "I'm sorry",
      "I didn't catch that",
    ]);
    expect(analyzeTone('Invalid input.').evidence).toEqual(['Invalid']);
    expect(analyzeTone('Enter your order number.').evidence).toEqual(['Enter your order number.']);
    expect(analyzeTone('Your order will arrive on Tuesday.').evidence).toEqual([]);
  });

  it('an empathetic message with a friendly word stays empathetic', () => {
    const r = analyzeTone("Thanks for your patience — I'm sorry about the delay. Great news: it shipped!");
    expect(r.tone).toBe('empathetic');
    expect(r.evidence).toContain("I'm sorry");
    expect(tone('Sorry about that! Happy to help!')).toBe('empathetic');
  });

  it('a greeting that lists what the bot can do is neutral, not upbeat or empathetic', () => {
    expect(tone("Hi, I'm Ava, Acme's virtual assistant. I can help with refunds")).toBe('neutral');
    expect(tone('Hello! How can I help you today?')).toBe('neutral');
  });

  it('softening turns a curt command into a plain request', () => {
    expect(tone('Enter your order number.')).toBe('blunt');
    expect(tone('Please enter your order number.')).toBe('neutral');
    expect(tone('Could you enter your order number?')).toBe('neutral');
  });

  it('blame is blunt', () => {
    expect(tone('As I already said, your order has shipped.')).toBe('blunt');
    expect(tone('You failed to enter the code in time.')).toBe('blunt');
  });

  it('request formulae and smileys are not hype', () => {
    expect(tone("If you could share the app version, that'd be great.")).toBe('neutral');
    expect(tone('Your basket is saved :)')).toBe('neutral');
  });

  it('reports how strongly each tone showed', () => {
    const r = analyzeTone('Awesome!! 🎉');
    expect(r.scores.upbeat).toBeGreaterThan(r.scores.empathetic);
    expect(r.scores.blunt).toBe(0);
  });
});
