import type { Project } from '../flow/types.js';

// What several rules compute from the same project (the step graph, the reachability from the
// entry, the list of texts) is computed once per project and shared. The project model is not
// changed after loading, so a value computed from it stays right for as long as the project lives;
// the WeakMap lets it go with the project.
const memos = new WeakMap<Project, Map<string, unknown>>();

/**
 * The value of `compute()` for this project, computed on the first call with this key and shared
 * by every later call. Callers must treat the value as read-only.
 */
export function perProject<T>(project: Project, key: string, compute: () => T): T {
  let memo = memos.get(project);
  if (!memo) {
    memo = new Map();
    memos.set(project, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/**
 * The value of `compute(text)` for one text, computed once per project and key: a bot says the
 * same sentences in many steps, and the text analyzers are pure. Callers must treat it as read-only.
 */
export function perText<T>(project: Project, key: string, text: string, compute: (text: string) => T): T {
  const memo = perProject(project, `text:${key}`, () => new Map<string, T>());
  let value = memo.get(text);
  if (value === undefined && !memo.has(text)) {
    value = compute(text);
    memo.set(text, value);
  }
  return value as T;
}

/** Drop what was computed for a project (when its rules have run: the report needs none of it). */
export function forgetProject(project: Project): void {
  memos.delete(project);
}
