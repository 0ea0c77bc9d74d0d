import { realpathSync } from 'node:fs';
import path from 'node:path';

/** The config keys under `simulate:` that name files or folders (simulation.md: --personas, --report, ...). */
export const CONFIG_PATH_KEYS = ['personas', 'report', 'record', 'replay'] as const;

/** The real path of `p`, or of its nearest existing folder with the rest appended (it may not exist yet). */
function realOrSelf(p: string): string {
  const rest: string[] = [];
  for (let dir = p; ; dir = path.dirname(dir)) {
    try {
      return path.join(realpathSync(dir), ...rest);
    } catch {
      if (path.dirname(dir) === dir) return p;
      rest.unshift(path.basename(dir));
    }
  }
}

/**
 * Why a path written in the config may not be used, or undefined when it may: it must be relative
 * and stay inside the project folder (`root`, the config's folder), also once symbolic links are
 * followed. A config is shared in a repository; it must not make tact read or write elsewhere.
 */
export function outsideProject(root: string, written: string): string | undefined {
  if (written.includes('\0')) return 'it holds a NUL character';
  if (path.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written) || written.startsWith('~'))
    return 'it is not relative to the project folder';
  const resolved = path.resolve(root, written);
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
  if (!inside(resolved, path.resolve(root))) return 'it leaves the project folder';
  if (!inside(realOrSelf(resolved), realOrSelf(path.resolve(root))))
    return 'it leads out of the project folder through a symbolic link';
  return undefined;
}

/** A path from the config, resolved inside the project folder; throws when it is not (see outsideProject). */
export function resolveInProject(root: string, written: string): string {
  const why = outsideProject(root, written);
  if (why) throw new Error(`${written}: ${why}`);
  return path.resolve(root, written);
}
