// Timing whole commands from outside the process: wall time, and the peak resident memory of the
// process as the operating system counts it (GNU time's wait4 figure when /usr/bin/time is there,
// else /proc/PID/status VmHWM read while it runs, on Linux).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)];
};

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/** How peak memory is measured on this machine. */
export const PEAK_METHOD = hasGnuTime
  ? 'GNU time (wait4 maxrss)'
  : existsSync('/proc/self/status')
    ? '/proc VmHWM, polled'
    : 'not measured';

function vmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Run a command once; resolves to { wall (s), peak (bytes or NaN), code, stderr }. Output goes to
 * /dev/null unless `stdout` is given; a run that exits with a code not in `ok` rejects.
 */
export function runOnce(cmd, args, { cwd, ok = [0, 1], env } = {}) {
  return new Promise((resolve, reject) => {
    const file = hasGnuTime ? GNU_TIME : cmd;
    const argv = hasGnuTime ? ['-f', '%M', '--', cmd, ...args] : args;
    const t = process.hrtime.bigint();
    const child = spawn(file, argv, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let peak = 0;
    const poll = hasGnuTime ? undefined : setInterval(() => (peak = Math.max(peak, vmHwm(child.pid))), 10);
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t) / 1e9;
      if (poll) clearInterval(poll);
      if (hasGnuTime) {
        const lines = stderr.trimEnd().split('\n');
        peak = Number(lines.pop()) * 1024;
        stderr = lines.join('\n');
      }
      if (!ok.includes(code))
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ wall, peak: peak || Number.NaN, code, stderr });
    });
  });
}

/** Medians of `runs` runs (after `warmup` runs not counted). */
export async function runMedian(cmd, args, { runs = 5, warmup = 1, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) await runOnce(cmd, args, opts);
  const walls = [];
  const peaks = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(cmd, args, opts);
    walls.push(r.wall);
    peaks.push(r.peak);
  }
  return { wall: median(walls), peak: median(peaks), walls, runs };
}

/**
 * Commands A and B in turn (A B A B ...), the ratio A/B taken pair by pair so a machine that speeds
 * up or slows down during the runs does not tilt it; returns the medians.
 */
export async function runPaired(a, b, { runs = 15, warmup = 2, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) {
    await runOnce(a[0], a.slice(1), opts);
    await runOnce(b[0], b.slice(1), opts);
  }
  const ratios = [];
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    const ra = await runOnce(a[0], a.slice(1), opts);
    const rb = await runOnce(b[0], b.slice(1), opts);
    as.push(ra.wall);
    bs.push(rb.wall);
    ratios.push(ra.wall / rb.wall);
  }
  return {
    ratio: median(ratios),
    a: median(as),
    b: median(bs),
    spread: [Math.min(...ratios), Math.max(...ratios)],
  };
}

/** A row of the bench table. */
export function row(figure, value, unit, target, ok, extra = {}) {
  return { figure, value, unit, target, ok, ...extra };
}
