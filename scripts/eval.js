#!/usr/bin/env node
// `npm run eval`: the quality of tact's text analyzer and intent matcher on real labelled data,
// side by side with off-the-shelf baselines. Reads ../shared/data (or TACT_DATA_DIR); the data
// is never copied into the project and nothing is trained on it.
import { evalIntents } from './eval-intents.js';
import { evalRealBots } from './eval-real-bots.js';
import { evalSentiment } from './eval-sentiment.js';
import { evalTone } from './eval-tone.js';

const sections = [
  ['Customer sentiment (airline-tweets-dev, 3 labels)', evalSentiment],
  ['Bot tone (fixtures/tone)', evalTone],
  ['Intent matching (10 examples per intent)', evalIntents],
  ['Rules on real bots (judged by hand in eval/real-bots/)', evalRealBots],
];

for (const [title, run] of sections) {
  console.log(`\n## ${title}\n`);
  const result = await run({});
  console.log(result.text.trimEnd());
}
