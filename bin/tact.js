#!/usr/bin/env node
// The tact command: runs the CLI bundle (dist/bundle/main.cjs, scripts/bundle.js) from V8's code
// cache when there is one. Node 20 keeps no compile cache of its own, and compiling what a short
// command runs is a good part of its start-up (`tact lint` of one small flow: bench/README.md).
// The cache is one file per command in NODE_COMPILE_CACHE, else a folder of this user's in the
// temp folder, named by the bundle's size and time, Node's version and the platform; it is written once,
// after the first run of that command, whole or not at all (and the command's caches of other
// builds are removed then), and V8 refuses one that does not fit.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. Whatever goes wrong with the cache, the command runs.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));
const source = readFileSync(bundle, 'utf8');
const COMMANDS = new Set(['lint', 'compile', 'simulate', 'chat', 'graph', 'init', 'rules']);
const cacheFile = (() => {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = process.getuid?.() ?? 0;
  const dir = process.env.NODE_COMPILE_CACHE || path.join(tmpdir(), `tact-compile-cache-${uid}`);
  const command = COMMANDS.has(process.argv[2]) ? process.argv[2] : 'other';
  // Named by the bundle's size and time (a new build or version of tact is a new cache) and Node's
  // version: cheaper than hashing 1.4 MB at every start. V8 also refuses a cache of another source
  // length, V8 version or set of flags.
  const { size, mtimeMs } = statSync(bundle);
  const key = `${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}`;
  return { dir, file: path.join(dir, `${command}-${key}.bin`), prefix: `${command}-`, uid };
})();

let cachedData;
try {
  // Only a folder of this user's: never code another user could have written.
  if (cacheFile && statSync(cacheFile.dir).uid === cacheFile.uid) cachedData = readFileSync(cacheFile.file);
} catch {
  // no cache yet
}
// The bundle as CommonJS wraps it: a function of (exports, require, module, __filename, __dirname).
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapped, {
  filename: bundle,
  cachedData,
});
if (cacheFile && (!cachedData || script.cachedDataRejected))
  process.once('exit', () => {
    try {
      mkdirSync(cacheFile.dir, { recursive: true, mode: 0o700 });
      const temp = `${cacheFile.file}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      renameSync(temp, cacheFile.file);
      // The caches of this command made for other builds of tact (or other Node versions) are
      // of no more use: removed, so upgrades do not pile them up in the temp folder.
      for (const name of readdirSync(cacheFile.dir))
        if (
          name.startsWith(cacheFile.prefix) &&
          name.endsWith('.bin') &&
          name !== path.basename(cacheFile.file)
        )
          rmSync(path.join(cacheFile.dir, name), { force: true });
    } catch {
      // a read-only or full disk: run without a cache next time too
    }
  });
// What the bundle leaves outside itself (the terminal screens, ink, react: src/cli/screens.ts) is
// imported from here, an ES module: a path relative to the bundle, or a package.
globalThis.tactImport = (specifier) =>
  import(specifier.startsWith('.') ? new URL(specifier, pathToFileURL(bundle)).href : specifier);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
await module.exports.main(process.argv);
