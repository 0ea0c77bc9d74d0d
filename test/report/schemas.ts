import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sharedData } from '../helpers/data.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, the plugin is `.default`.
const addFormats = addFormatsModule.default;

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SARIF_SCHEMA = sharedData('formats/sarif-schema-2.1.0.json');
export const SARIF_SCHEMA_PATH = SARIF_SCHEMA.path;
export const REPORT_SCHEMA_PATH = join(REPO_ROOT, 'schemas', 'report.schema.json');
export const HAS_SARIF_SCHEMA = SARIF_SCHEMA.present;
/** Why the SARIF schema checks are skipped, when they are. */
export const SARIF_SCHEMA_MISSING = SARIF_SCHEMA.missing;

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The official SARIF 2.1.0 schema (draft-07). */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(readJson(SARIF_SCHEMA_PATH));
}

/** schemas/report.schema.json (draft 2020-12), strictly: the schema itself must be clean. */
export function reportValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(readJson(REPORT_SCHEMA_PATH));
}

export const SIM_REPORT_SCHEMA_PATH = join(REPO_ROOT, 'schemas', 'sim-report.schema.json');

/** schemas/sim-report.schema.json (draft 2020-12), strictly: the schema itself must be clean. */
export function simReportValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(readJson(SIM_REPORT_SCHEMA_PATH));
}

/** The schema errors of a simulation report, as `path message` lines ([] when it is valid). */
export function simReportErrors(report: unknown, validate = simReportValidator()): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
