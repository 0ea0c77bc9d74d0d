// tact's own files read at run time (the schemas, what the build writes beside the modules:
// validators.cjs, rule-options.cjs, catalog.json, and simulate's worker), found from one place. The
// CLI runs as a bundle (dist/bundle/main.cjs, scripts/bundle.js) one folder below dist/, so a path
// relative to each module's own folder would not hold there; these paths are relative to the
// folder of the modules: dist/ when built, src/ when tests run from the sources.
import { createRequire } from 'node:module';

/** Set to true by scripts/bundle.js (esbuild `define`) in the bundle; not defined elsewhere. */
declare const TACT_BUNDLE: boolean | undefined;

const bundled = typeof TACT_BUNDLE !== 'undefined';
const modulesFolder = new URL(bundled ? '../' : './', import.meta.url);

/** `require` relative to the modules' folder: `ownRequire('./flow/validators.cjs')`, `ownRequire('../schemas/flow.schema.json')`. */
export const ownRequire = createRequire(new URL('./index.js', modulesFolder));

/** simulate's worker thread: dist/simulate/worker.js, or the bundle's own (dist/bundle/worker.cjs). */
export const WORKER_URL = bundled
  ? new URL('./worker.cjs', import.meta.url)
  : new URL('./simulate/worker.js', modulesFolder);
