/** Opening a file in the user's browser, where the platform has a way to (never in CI). */
import { spawn } from 'node:child_process';

/** Starts the platform's opener on `path` and returns whether there was one to start. */
export function openInBrowser(path: string): boolean {
  if (process.env.CI === 'true') return false;
  const opener =
    process.platform === 'darwin'
      ? ['open', path]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', path]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', path]
          : null;
  if (!opener) return false;
  try {
    const child = spawn(opener[0]!, opener.slice(1), { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
