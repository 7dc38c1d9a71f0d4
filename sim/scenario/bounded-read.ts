/**
 * Reading an input file safely: regular files only (a device such as /dev/zero, a named pipe or
 * a socket would hang or grow without bound), opened without blocking, and read with a byte cap
 * so a file that grows while it is read cannot exhaust memory either.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: 'missing' | 'directory' | 'not-regular' | 'too-large' | 'unreadable'; readonly detail: string; readonly size?: number };

/** The bytes of the regular file at `path`, at most `maxBytes` of them; otherwise why not. */
export function readRegularFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', detail: code };
    if (code === 'EISDIR') return { ok: false, reason: 'directory', detail: code };
    return { ok: false, reason: 'unreadable', detail: code };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'directory', detail: 'EISDIR' };
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', detail: kindOf(stats) };
    if (stats.size > maxBytes) return { ok: false, reason: 'too-large', detail: `${stats.size} bytes`, size: stats.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { ok: false, reason: 'too-large', detail: `more than ${maxBytes} bytes`, size: total };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'EISDIR') return { ok: false, reason: 'directory', detail: code };
    return { ok: false, reason: 'unreadable', detail: code };
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}
