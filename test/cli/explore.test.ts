import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLORER_CSP } from '../../reports/explorer/page.js';
import { runCli } from '../../sim/cli/main.js';
import { ROOT, tempFolder } from '../scenario/helpers.js';

const workspace = tempFolder();

async function gbsim(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

describe('gbsim explore', () => {
  it('writes one self-contained page with the scenario, its lesson, the model worker and a CSP that forbids the network, and refuses to overwrite it without --force', async () => {
    const out = join(workspace.dir, 'war.html');
    const made = await gbsim('explore', join(ROOT, 'scenarios/teaching/subsidy-war.yaml'), '--out', out, '--no-open');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('1 scenario');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`content="${EXPLORER_CSP}"`);
    expect(EXPLORER_CSP).toContain("default-src 'none'");
    expect(EXPLORER_CSP).toContain("connect-src 'none'");
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\b|<(?:img|iframe)[^>]*\ssrc="?https?:/);
    const data = JSON.parse(/<script type="application\/json" id="gbsim-explorer-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { scenarios: Array<{ key: string; lookFor: string; explorables: unknown[] }> };
    expect(data.scenarios.map((s) => s.key)).toEqual(['subsidy-war']);
    expect(data.scenarios[0]!.lookFor).toMatch(/^Red's share climbing/);
    expect(data.scenarios[0]!.explorables.length).toBeGreaterThan(3);
    const again = await gbsim('explore', join(ROOT, 'scenarios/teaching/subsidy-war.yaml'), '--out', out, '--no-open');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
  });

  it('reports every problem of a bad scenario with its place, exits 2 and writes no page', async () => {
    const out = join(workspace.dir, 'bad.html');
    const result = await gbsim('explore', join(ROOT, 'scenarios/invalid/explore-bad-path.yaml'), '--out', out, '--no-open');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('6:5');
    expect(result.stderr).toContain('9:5');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });
});
