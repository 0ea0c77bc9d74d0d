#!/usr/bin/env node
// Run by `npm run build` after tsc: what is worked out once at build time instead of at every start.
//   dist/rules/catalog.json   every rule's metadata, so `tact rules` and `--help` load no rule code
//   dist/flow/validators.cjs  the flow, config and persona schemas compiled by ajv (standalone code),
//                             so a run does not compile them; validators-quick.cjs the same, stopping
//                             at the first error (a valid file is told so without collecting errors)
//   dist/rule-options.cjs     each rule's options schema, compiled the same way
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { ruleMetas } = await import(path.join(root, 'dist/rules/registry.js'));
mkdirSync(path.join(root, 'dist/rules'), { recursive: true });
writeFileSync(path.join(root, 'dist/rules/catalog.json'), `${JSON.stringify(ruleMetas(), null, 2)}\n`);

const { SCHEMA_KINDS, AJV_OPTIONS, AJV_QUICK_OPTIONS } = await import(
  path.join(root, 'dist/flow/validate.js')
);
const Ajv2020 = require('ajv/dist/2020.js');
const standalone = require('ajv/dist/standalone/index.js');
for (const [file, options] of [
  ['validators.cjs', AJV_OPTIONS],
  ['validators-quick.cjs', AJV_QUICK_OPTIONS],
]) {
  const ajv = new Ajv2020({ ...options, code: { source: true } });
  for (const kind of SCHEMA_KINDS)
    ajv.addSchema(require(path.join(root, `schemas/${kind}.schema.json`)), `${kind}.schema.json`);
  const code = standalone.default(
    ajv,
    Object.fromEntries(SCHEMA_KINDS.map((kind) => [kind, `${kind}.schema.json`])),
  );
  writeFileSync(path.join(root, 'dist/flow', file), code);
}

const { RULE_OPTIONS_AJV, optionsValidatorName } = await import(path.join(root, 'dist/lint.js'));
const optionsAjv = new Ajv2020({ ...RULE_OPTIONS_AJV, code: { source: true } });
const names = {};
for (const meta of ruleMetas()) {
  optionsAjv.addSchema(meta.optionsSchema, meta.id);
  names[optionsValidatorName(meta.id)] = meta.id;
}
writeFileSync(path.join(root, 'dist/rule-options.cjs'), standalone.default(optionsAjv, names));
