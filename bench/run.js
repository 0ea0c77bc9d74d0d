#!/usr/bin/env node
// `npm run bench`: speed figures, medians over repeated runs. Not a test: machines are noisy.
import { benchLint } from './lint.js';
import { benchNlu } from './nlu.js';
import { benchRuntime } from './runtime.js';

const results = [await benchNlu({}), await benchRuntime({}), await benchLint({})];
for (const r of results) console.log(`\n${r.text.trimEnd()}`);
