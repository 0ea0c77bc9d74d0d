import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/compile/fixtures');
export const EXAMPLES = path.join(ROOT, 'flows');
const SCHEMA = path.join(ROOT, 'schemas/bot.schema.json');

/** Load and compile a project folder (no lint gate). */
export function compileDir(dir: string, cwd: string = dir) {
  return compileProject(loadProject([dir], { cwd }));
}

/** A fresh temp folder holding the given files (path → text). */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-compile-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A copy of a fixture folder in a fresh temp folder (with a nested name, to differ from the first). */
export function copyProject(src: string, name = 'somewhere/else'): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tact-copy-')), name);
  cpSync(src, dir, { recursive: true });
  return dir;
}

/** Schema errors of a bot file, or [] (also [] while schemas/bot.schema.json does not exist). */
export function schemaErrors(bot: unknown): string[] {
  if (!existsSync(SCHEMA)) return [];
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  return validate(bot) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export const schemaExists = () => existsSync(SCHEMA);
export const examplesExist = () => existsSync(path.join(EXAMPLES, 'tact.config.yaml'));
