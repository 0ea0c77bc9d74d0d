#!/usr/bin/env node
// Run by `npm run build` after tsc and build-extras: the CLI as one CommonJS bundle,
// dist/bundle/main.cjs, which bin/tact.js runs, and dist/bundle/worker.cjs for simulate's worker
// threads. Node spends much of a short command's start-up finding, reading and linking modules
// (about 400 of ours and our dependencies' for `tact lint`), and the rest compiling what runs:
// one file is read at once, and being a script (not an ES module) it can be compiled from V8's code
// cache, which bin/tact.js keeps (Node 20 has no compile cache for ES modules). The commands still
// load only when they run: esbuild turns each `import()` into code that runs on first use. The
// library API (dist/index.js) is not bundled. The terminal screens (dist/ui/, ink and react) stay
// outside, imported as ES modules when a screen is drawn (src/cli/screens.ts says how).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: path.join(root, 'dist/cli/main.js'),
    worker: path.join(root, 'dist/simulate/worker.js'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['ink', 'react', 'react/*', 'react-devtools-core'],
  // src/own-files.ts: the bundle sits one folder below dist/. A CommonJS file has no import.meta:
  // its URL is made from __filename.
  define: { TACT_BUNDLE: 'true', 'import.meta.url': '__tactBundleUrl' },
  banner: { js: "const __tactBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Less to read and compile at every start; names are kept, so a stack trace (--debug) still
  // names the functions of src/.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  legalComments: 'none',
});
