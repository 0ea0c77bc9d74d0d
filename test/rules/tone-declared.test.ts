import rule from '../../src/rules/tone-declared.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

const SORRY = "I'm so sorry this has been frustrating. Let me sort it out for you.";
const HYPE = 'Awesome!! Great news, you are going to love this!';
const PLAIN = 'Your order ships on Monday.';
const CURT = 'Invalid input. Enter your order number.';

/** One step `s` with a declared tone (line 5, column 11) and a message. */
const step = (tone: string, ...message: string[]) =>
  lines('flow: main', 'steps:', '  s:', ...message, `    tone: ${tone}`, '    end: resolved');

testRule(rule, {
  valid: [
    { name: 'empathetic, declared empathetic', flow: step('empathetic', `    say: ${SORRY}`) },
    { name: 'apologetic counts as empathetic', flow: step('apologetic', `    say: ${SORRY}`) },
    { name: 'reassuring counts as empathetic', flow: step('reassuring', `    say: ${SORRY}`) },
    { name: 'upbeat, declared upbeat', flow: step('upbeat', `    say: ${HYPE}`) },
    { name: 'neutral, declared neutral', flow: step('neutral', `    say: ${PLAIN}`) },
    {
      name: 'a step without a declared tone is not checked',
      flow: lines('flow: main', 'steps:', '  s:', `    say: ${HYPE}`, '    end: resolved'),
    },
    {
      name: 'say and ask are heard together: an apology then a question is empathetic',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        "    say: I'm really sorry about the wait.",
        '    ask: What is your order number?',
        '    tone: empathetic',
        '    next: s',
      ),
    },
    {
      name: 'only the default variant of a sentiment map is held to the declared tone',
      flow: step('upbeat', '    say:', `      default: ${HYPE}`, `      negative: ${SORRY}`),
    },
  ],
  invalid: [
    {
      name: 'declared empathetic, reads neutral',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        `    say: ${PLAIN}`,
        '    tone: empathetic',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'disagrees',
          line: 5,
          column: 11,
          message:
            'declared `empathetic` but the message reads neutral (no words that make it empathetic): reword "Your order ships on Monday." or change the declared tone',
        },
      ],
    },
    {
      name: 'declared upbeat, reads empathetic (quotes the evidence)',
      flow: step('upbeat', `    say: ${SORRY}`),
      errors: [
        {
          messageId: 'disagrees',
          line: 5,
          column: 11,
          message:
            'declared `upbeat` but the message reads empathetic ("I\'m so sorry", "frustrating", "Let me sort it"): reword "I\'m so sorry this has been frustrating. Let me sort it ou..." or change the declared tone',
        },
      ],
    },
    {
      name: 'declared neutral, reads upbeat',
      flow: step('neutral', `    say: ${HYPE}`),
      errors: [
        {
          messageId: 'disagrees',
          line: 5,
          column: 11,
          message:
            'declared `neutral` but the message reads upbeat ("Awesome!!", "Great", "3× !"): reword "Awesome!! Great news, you are going to love this!" or change the declared tone',
        },
      ],
    },
    {
      name: 'declared neutral, reads blunt: blunt is never what a designer means',
      flow: step('neutral', `    say: ${CURT}`),
      errors: [
        {
          messageId: 'disagrees',
          line: 5,
          column: 11,
          message:
            'declared `neutral` but the message reads blunt ("Invalid", "Enter your order number."): reword "Invalid input. Enter your order number." or change the declared tone',
        },
      ],
    },
    {
      name: 'one finding per step, even when several variants disagree',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    say:',
        `      - ${HYPE}`,
        `      - ${PLAIN}`,
        `      - ${CURT}`,
        '    tone: reassuring',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'disagrees',
          line: 8,
          column: 11,
          message:
            'declared `reassuring` but the message reads upbeat ("Awesome!!", "Great", "3× !"): reword "Awesome!! Great news, you are going to love this!" or change the declared tone',
        },
      ],
    },
  ],
});
