import { spawn } from 'node:child_process';
import {
  existsSync,
  type FSWatcher,
  readdirSync,
  readFileSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { random } from '../../src/random.js';

/** A command to kill at random points: one entry per command (compile, simulate --report, ...). */
export interface KillTarget {
  name: string;
  /** The CLI arguments, run in `dir` (a scratch folder holding the project). */
  args: (dir: string) => string[];
  /** The files the command writes, relative to `dir`. */
  outputs?: string[];
  /** A folder the command writes into (`--report DIR`): every file in it after a whole run is an output. */
  outputDir?: string;
}

type Aim = 'anytime' | 'working' | 'write';

export type SignalName = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGKILL';
const SIGNALS: SignalName[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'];
const NUMBERS: Record<SignalName, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export interface KillRun {
  signal: SignalName;
  /**
   * 'anytime': at a random moment of a whole run; 'working': a random moment after start-up, while
   * the command does its work (its handlers are in place); 'write': the moment a temp file appears.
   */
  aim: Aim;
  delayMs: number;
  exitCode: number | null;
  killedBy: NodeJS.Signals | null;
  stderr: string;
  /**
   * For each output: 'old' (as before the run), 'new' (as a whole run writes it), 'other' (a whole
   * file with other content: simulate's report of the conversations done before Ctrl-C),
   * 'absent' (simulate removed the transcript of a conversation its report does not hold: allowed
   * only once that run's report.json is written) or 'damaged'.
   */
  outputs: Record<string, 'old' | 'new' | 'other' | 'absent' | 'damaged'>;
  /** Temp files beside the outputs after the run. */
  temps: string[];
}

export interface KillSummary {
  runs: KillRun[];
  /** Problems found: a damaged output, a temp file left by a handled signal, a bad exit. */
  problems: string[];
  line: string;
}

/** Whether `content` is a whole file of its kind (for outputs that differ from a whole run's). */
function isWhole(file: string, content: string): boolean {
  const ext = path.extname(file);
  if (ext === '.json' || ext === '.sarif') {
    try {
      JSON.parse(content);
      return true;
    } catch {
      return false;
    }
  }
  if (ext === '.xml') return content.startsWith('<?xml') && content.trimEnd().endsWith('>');
  if (ext === '.html') return content.trimEnd().endsWith('</html>');
  return content.endsWith('\n');
}

const tempsIn = (dirs: string[]) =>
  dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.tmp')) : []));

function run(
  bin: string,
  dir: string,
  args: string[],
  outputDirs: string[],
  plan: { signal: SignalName; aim: Aim; delayMs: number },
): Promise<Pick<KillRun, 'exitCode' | 'killedBy' | 'stderr'>> {
  return new Promise((resolve) => {
    const child = spawn('node', [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.resume();
    const fire = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(plan.signal);
    };
    const timers: NodeJS.Timeout[] = [];
    const watchers: FSWatcher[] = [];
    if (plan.aim !== 'write') timers.push(setTimeout(fire, plan.delayMs));
    else {
      for (const d of outputDirs) {
        if (!existsSync(d)) continue;
        watchers.push(
          watch(d, (_event, name) => {
            if (name?.endsWith('.tmp')) fire();
          }),
        );
      }
      // Never wait for a write that does not come.
      timers.push(setTimeout(fire, 20_000));
    }
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      for (const w of watchers) w.close();
      resolve({ exitCode: code, killedBy: signal, stderr });
    });
  });
}

/**
 * Run `target` `runs` times, each stopped by a random signal (SIGINT, SIGTERM, SIGHUP or SIGKILL)
 * at a random point: a third at any moment of a whole run, a third while the command works (after
 * node's start-up, measured by `--debug`), a third the moment a temp file appears (a write began). Before each run every output holds "old" content. After it, each
 * output must be the old content or the whole new one, never anything between; a handled signal
 * must exit 128 + its number and leave no temp file; a temp file left by SIGKILL must be gone
 * after the next run (swept). Bounded: `runs` runs, each at most a whole run plus 20 s.
 */
export async function killLoop(
  bin: string,
  dir: string,
  target: KillTarget,
  runs: number,
  seed: number,
): Promise<KillSummary> {
  const rand = random(seed);
  const args = target.args(dir);
  let outputs = (target.outputs ?? []).map((o) => path.join(dir, o));
  let outputDirs = [...new Set(outputs.map((o) => path.dirname(o)))];
  const old = (o: string) => `{"old": "${path.basename(o)} before the run"}\n`;

  // One whole run: what "new" looks like, and how long a run takes.
  for (const o of outputs) if (existsSync(o)) writeFileSync(o, old(o));
  const started = Date.now();
  const whole = await run(bin, dir, [...args, '--debug'], outputDirs, {
    signal: 'SIGTERM',
    aim: 'anytime',
    delayMs: 1e9,
  });
  const wholeMs = Date.now() - started;
  const workMs = Number(/done in (\d+) ms/.exec(whole.stderr)?.[1] ?? wholeMs / 2);
  const problems: string[] = [];
  if (whole.exitCode !== 0) problems.push(`the whole run exited ${whole.exitCode}: ${whole.stderr}`);
  if (target.outputDir) {
    const out = path.join(dir, target.outputDir);
    const found = readdirSync(out, { recursive: true })
      .map((f) => path.join(out, String(f)))
      .filter((f) => statSync(f).isFile());
    outputs = [...outputs, ...found];
    outputDirs = [...new Set([...outputDirs, out, ...found.map((o) => path.dirname(o))])];
  }
  if (outputs.length === 0) problems.push('the whole run wrote no output');
  const fresh = new Map(outputs.map((o) => [o, existsSync(o) ? readFileSync(o, 'utf8') : undefined]));

  const results: KillRun[] = [];
  for (let i = 0; i < runs; i++) {
    const signal = SIGNALS[Math.floor(rand() * SIGNALS.length)];
    const pick = rand();
    const aim: Aim = pick < 1 / 3 ? 'anytime' : pick < 2 / 3 ? 'working' : 'write';
    const delayMs =
      aim === 'anytime'
        ? Math.floor(rand() * wholeMs * 1.1)
        : aim === 'working'
          ? Math.floor(wholeMs - workMs * (1.1 - rand() * 1.2))
          : 0;
    for (const o of outputs) writeFileSync(o, old(o));
    const before = new Set(tempsIn(outputDirs));
    const r = await run(bin, dir, args, outputDirs, { signal, aim, delayMs });
    const states: KillRun['outputs'] = {};
    for (const o of outputs) {
      const now = existsSync(o) ? readFileSync(o, 'utf8') : undefined;
      states[path.relative(dir, o)] =
        now === undefined
          ? 'absent'
          : now === old(o)
            ? 'old'
            : now === fresh.get(o)
              ? 'new'
              : isWhole(o, now)
                ? 'other'
                : 'damaged';
    }
    const after = tempsIn(outputDirs);
    const temps = after.filter((t) => !before.has(t));
    const kr: KillRun = { signal, aim, delayMs, ...r, outputs: states, temps };
    results.push(kr);
    const what = `run ${i + 1} (${signal} ${aim === 'write' ? 'at the first temp file' : `after ${delayMs} ms`})`;
    // simulate writes report.json and the rest first, then removes transcripts it did not write.
    const report = target.outputDir && states[path.join(target.outputDir, 'report.json')];
    const rewrote = report === 'new' || report === 'other';
    for (const [o, s] of Object.entries(states)) {
      if (s === 'damaged') problems.push(`${what}: ${o} is damaged`);
      if (s === 'absent' && !(rewrote && path.basename(path.dirname(o)) === 'transcripts'))
        problems.push(`${what}: ${o} is missing`);
    }
    const handled = r.exitCode === 128 + NUMBERS[signal];
    const finished = r.exitCode === 0;
    const killed = r.killedBy === signal; // before the handlers were installed, or SIGKILL
    if (!handled && !finished && !killed)
      problems.push(`${what}: exit ${r.exitCode ?? r.killedBy}, stderr: ${r.stderr.trim()}`);
    if (/internal error|\n\s+at /.test(r.stderr)) problems.push(`${what}: a stack trace: ${r.stderr}`);
    if (temps.length > 0 && signal !== 'SIGKILL')
      problems.push(`${what}: temp files left: ${temps.join(', ')}`);
    // A run that wrote must have swept what an earlier SIGKILL left.
    const wrote = Object.values(states).every((st) => st === 'new' || st === 'other' || st === 'absent');
    const unswept = after.filter((t) => before.has(t));
    if (wrote && unswept.length > 0)
      problems.push(`${what}: stale temp files not swept: ${unswept.join(', ')}`);
  }
  // A last whole run sweeps whatever SIGKILL left.
  await run(bin, dir, args, outputDirs, { signal: 'SIGTERM', aim: 'anytime', delayMs: 1e9 });
  const left = tempsIn(outputDirs);
  if (left.length > 0) problems.push(`temp files left after a whole run: ${left.join(', ')}`);

  const count = (f: (r: KillRun) => boolean) => results.filter(f).length;
  const line =
    `kill loop (${target.name}, seed ${seed}): ${runs} runs of ~${wholeMs} ms (${workMs} ms after start-up); ` +
    `${count((r) => r.exitCode === 0)} finished first, ` +
    `${count((r) => r.exitCode !== null && r.exitCode > 128)} stopped by the handler (128+n), ` +
    `${count((r) => r.killedBy !== null)} killed outright, ` +
    `${count((r) => r.temps.length > 0)} left a temp file (SIGKILL mid-write, swept by the next run); ` +
    `outputs new ${count((r) => Object.values(r.outputs).every((s) => s === 'new'))}, ` +
    `old ${count((r) => Object.values(r.outputs).every((s) => s === 'old'))}, ` +
    `other whole ${count((r) => Object.values(r.outputs).includes('other'))}, ` +
    `transcripts removed with their conversation ${count((r) => Object.values(r.outputs).includes('absent'))}, ` +
    `damaged ${count((r) => Object.values(r.outputs).includes('damaged'))}`;
  return { runs: results, problems, line };
}
