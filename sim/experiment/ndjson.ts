/**
 * Newline-delimited JSON files that grow one complete line at a time (`runs.ndjson`,
 * `sweep-points.ndjson`), and reading them back in constant memory. A run killed mid-write can
 * leave a torn last line (no newline): readers report it as incomplete, and `truncateFile` cuts
 * the file back to its last complete line before appending resumes.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Appends lines to a file, each written whole (writes repeat until every byte is out). */
export class LineAppender {
  private fd: number | null;

  /** Opens `path` for appending (creating its folder); `fresh` empties it first. */
  constructor(readonly path: string, fresh: boolean) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, fresh ? 'w' : 'a');
  }

  /** Appends `line` (which must hold no newline) and a newline. */
  write(line: string): void {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }

  /** Flushes to disk and closes (idempotent). */
  close(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}

export interface FileLine {
  /** 1-based line number. */
  number: number;
  text: string;
  /** Byte offset just after this line's newline (or after its last byte when torn). */
  end: number;
  /** False for a last line without its newline (a torn write). */
  complete: boolean;
}

/** The lines of `path` one by one, reading 64 KiB at a time; nothing when the file does not exist. */
export function* readLines(path: string): Generator<FileLine> {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 16);
    let pending: Buffer[] = [];
    let offset = 0;
    let number = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) break;
      let start = 0;
      for (let i = 0; i < read; i++) {
        if (chunk[i] !== 0x0a) continue;
        pending.push(Buffer.from(chunk.subarray(start, i)));
        number += 1;
        yield { number, text: Buffer.concat(pending).toString('utf8'), end: offset + i + 1, complete: true };
        pending = [];
        start = i + 1;
      }
      if (start < read) pending.push(Buffer.from(chunk.subarray(start, read)));
      offset += read;
    }
    if (pending.length > 0) yield { number: number + 1, text: Buffer.concat(pending).toString('utf8'), end: offset, complete: false };
  } finally {
    closeSync(fd);
  }
}

/** Cuts `path` to its first `bytes` bytes (nothing to do when it does not exist). */
export function truncateFile(path: string, bytes: number): void {
  if (existsSync(path)) truncateSync(path, bytes);
}
