/**
 * An error the user can act on: printed as one line (no stack trace unless --debug) and mapped to
 * an exit code by the CLI's top-level handler. Exit 2 means "could not do the job" (cli.md).
 */
export class TactError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 130 = 2,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TactError';
  }
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENXIO: 'nothing is reading from it',
  EBUSY: 'it is busy',
  EIO: 'an input/output error',
  EMFILE: 'too many open files',
};

/** A file-system error in words ("permission denied"), for one-line messages. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code && FS_REASONS[code]) ?? code ?? (err as Error)?.message ?? String(err);
}
