export { botHash, canonicalJson } from './canonical.js';
export { type CompileOptions, type CompileResult, compileProject } from './compile.js';
