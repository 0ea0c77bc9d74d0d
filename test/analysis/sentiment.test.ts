import { describe, expect, it } from 'vitest';
import { analyzeSentiment, DEFAULT_THRESHOLDS, labelSentiment } from '../../src/analysis/sentiment.js';

const score = (text: string) => analyzeSentiment(text).score;
const label = (text: string) => analyzeSentiment(text).label;

describe('analyzeSentiment', () => {
  it('reads plain praise and plain complaint', () => {
    expect(label('The agent was really helpful, thank you')).toBe('positive');
    expect(label('This is a terrible service')).toMatch(/negative/);
  });

  it('flips a negated feeling: "not happy" is negative', () => {
    expect(label('I am happy with the service')).toBe('positive');
    const negated = analyzeSentiment('I am not happy with the service');
    expect(negated.label).toMatch(/negative/);
    expect(negated.evidence).toContain('not happy');
  });

  it('a negated complaint is no complaint: "not bad at all"', () => {
    expect(score('not bad at all')).toBeGreaterThan(0);
  });

  it('capitals and repeated exclamation marks make the same feeling stronger', () => {
    const plain = score('This is bad');
    expect(score('This is BAD')).toBeLessThan(plain);
    expect(score('This is bad!!!')).toBeLessThan(plain);
    expect(analyzeSentiment('This is BAD!!!').evidence).toEqual(['BAD', '!!!']);
    expect(analyzeSentiment('THIS IS SO BAD').evidence).toContain('ALL CAPS');
    expect(score('Thank you!!')).toBeGreaterThan(score('Thank you'));
  });

  it('reads customer-service complaints that have no feeling word', () => {
    const r = analyzeSentiment('still waiting for my refund, third time calling');
    expect(r.label).toMatch(/negative/);
    expect(r.evidence).toEqual(expect.arrayContaining(['still waiting', 'third time']));
    for (const text of [
      'on hold for 2 hours',
      'they lost my bag',
      'my flight was cancelled',
      'no one has called me back',
      'nobody answers the phone',
      'my order is delayed again',
      "I didn't get my refund",
      'Where is my order??',
    ]) {
      expect(label(text), text).toMatch(/negative/);
    }
  });

  it('a refund that never came is not made positive by the negation', () => {
    expect(label('never got a refund')).toMatch(/negative/);
    expect(label('still no refund')).toMatch(/negative/);
  });

  it('reads emoji and emoticons', () => {
    expect(label('my bag is lost 😡')).toBe('very_negative');
    expect(score('flight was delayed 😭')).toBeLessThan(score('flight was delayed'));
    expect(label('All sorted, thanks 😊')).toBe('positive');
    expect(analyzeSentiment('love it ❤️').evidence).toContain('❤️');
    expect(label('ok :(')).toMatch(/negative/);
  });

  it('keeps neutral questions and requests neutral', () => {
    for (const text of [
      'What time does the store open?',
      'Can I change my delivery address?',
      'Do you ship to Canada?',
      'Please help me update my email address',
      'I would like to book a table for two',
      'My order number is 4471',
    ]) {
      expect(label(text), text).toBe('neutral');
    }
  });

  it('reads names and escapes as they are: no feeling in a country, no decoding of HTML', () => {
    expect(analyzeSentiment('Do you deliver to the United Kingdom?')).toEqual({
      score: 0,
      label: 'neutral',
      evidence: [],
    });
    expect(label('Can I move my booking to the United States office?')).toBe('neutral');
    // A chat widget sends what the customer typed; "&amp;" is no word and no feeling.
    expect(analyzeSentiment('Terms &amp; conditions').evidence).toEqual([]);
  });

  it('an overbooked hotel or event is a complaint', () => {
    expect(label('The hotel was overbooked and gave our room away')).toMatch(/negative/);
    expect(label('The concert was oversold, we could not get in')).toMatch(/negative/);
  });

  it('politeness does not undo a complaint', () => {
    expect(label('My package never arrived and nobody replies. Thanks')).toMatch(/negative/);
  });

  it('catches cheap sarcasm', () => {
    const r = analyzeSentiment('Great, my flight is delayed again.');
    expect(r.label).toMatch(/negative/);
    expect(r.evidence[0]).toBe('sarcasm: Great');
    expect(label('Love how nobody answers the phone')).toMatch(/negative/);
    expect(label('Thanks for nothing')).toMatch(/negative/);
    expect(label('Best airline ever #not')).toMatch(/negative/);
    // Genuine praise next to a problem that was solved stays positive.
    expect(label('Thanks so much for your help with my cancelled flight!')).toBe('positive');
  });

  it('reads hashtags, including run-together ones', () => {
    expect(label('flight 22 #fail')).toMatch(/negative/);
    expect(label('five hours at the gate #worstflightever')).toMatch(/negative/);
    expect(label('#nothappy')).toMatch(/negative/);
  });

  it('is bounded, deterministic, and ignores links and handles', () => {
    const text = 'WORST. SERVICE. EVER!!!! 😡😡😡 never again @acme https://t.co/x';
    const r = analyzeSentiment(text);
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThan(-0.6);
    expect(analyzeSentiment(text)).toEqual(r);
    expect(analyzeSentiment('').label).toBe('neutral');
    expect(analyzeSentiment('@hate https://bad.example/awful').score).toBe(0);
  });
});

describe('labelSentiment and thresholds', () => {
  it('labels by the default thresholds', () => {
    expect(labelSentiment(0.3)).toBe('positive');
    expect(labelSentiment(0)).toBe('neutral');
    expect(labelSentiment(-0.3)).toBe('negative');
    expect(labelSentiment(-0.7)).toBe('very_negative');
    expect(DEFAULT_THRESHOLDS).toEqual({ positive: 0.25, negative: -0.25, very_negative: -0.6 });
  });

  it('configured thresholds change the label of the same message', () => {
    const text = 'my order is delayed';
    const { score: s } = analyzeSentiment(text);
    expect(analyzeSentiment(text).label).toBe('negative');
    expect(analyzeSentiment(text, { positive: 0.25, negative: s - 0.1, very_negative: -0.9 }).label).toBe(
      'neutral',
    );
    expect(analyzeSentiment(text, { positive: 0.25, negative: -0.1, very_negative: s + 0.01 }).label).toBe(
      'very_negative',
    );
  });
});
