// tact's own files read at run time (the schemas, and what the build writes beside the modules:
// validators.cjs, rule-options.cjs, catalog.json), found from one place. The CLI runs as a bundle
// (dist/bundle/, scripts/bundle.js) whose chunks sit one folder below dist/, so a path relative to
// each module's own folder would not hold there; these paths are relative to the folder of the
// modules: dist/ when built, src/ when tests run from the sources.
import { createRequire } from 'node:module';

/** Set to true by scripts/bundle.js (esbuild `define`) in the bundle; not defined elsewhere. */
declare const TACT_BUNDLE: boolean | undefined;

const modulesFolder = new URL(typeof TACT_BUNDLE === 'undefined' ? './' : '../', import.meta.url);

/** `require` relative to the modules' folder: `ownRequire('./flow/validators.cjs')`, `ownRequire('../schemas/flow.schema.json')`. */
export const ownRequire = createRequire(new URL('./index.js', modulesFolder));
