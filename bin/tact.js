#!/usr/bin/env node
// The CLI as one bundle (scripts/bundle.js), which starts faster than its ~400 modules.
import { main } from '../dist/bundle/main.js';

await main(process.argv);
