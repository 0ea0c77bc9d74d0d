#!/usr/bin/env node
// Run by `npm run build` after tsc and build-extras: the CLI as a bundle, dist/bundle/, which
// bin/tact.js runs. Node spends most of a short command's start-up finding, reading and linking
// modules (about 400 of ours and our dependencies' for `tact lint`); the bundle is a handful of
// files: main.js, worker.js (simulate's worker threads) and the chunks each command loads when it
// runs (esbuild's code splitting keeps `tact --version` from loading the linter). The library API
// (dist/index.js) is not bundled. ink and react stay outside: only the terminal screens load them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle');
// Chunks are named by their content: start empty, or the chunks of earlier builds would stay.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: path.join(root, 'dist/cli/main.js'),
    worker: path.join(root, 'dist/simulate/worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ink', 'react', 'react/*', 'react-devtools-core'],
  // src/own-files.ts: the chunks sit one folder below dist/.
  define: { TACT_BUNDLE: 'true' },
  // CommonJS dependencies call require() for Node's modules; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __tactRequire } from 'node:module'; const require = __tactRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});
