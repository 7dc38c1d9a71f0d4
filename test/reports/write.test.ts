import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectResultKind, readResults } from '../../reports/read.js';
import { writeReport } from '../../reports/write.js';
import { runCli } from '../../sim/cli/main.js';
import { compareFixture, experimentDir, mcFixture, sweepFixture, tempDir, writeRunDir } from './helpers.js';

const temp = tempDir();
const runDir = writeRunDir(join(temp, 'run'));

async function gbsim(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { status, stdout, stderr };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('writeReport', () => {
  it.each([
    ['a run', () => runDir, 'run'],
    ['mc', () => experimentDir(temp, 'mc.json', mcFixture()), 'mc'],
    ['compare', () => experimentDir(temp, 'compare.json', compareFixture()), 'compare'],
    ['sweep', () => experimentDir(temp, 'sweep.json', sweepFixture(2)), 'sweep'],
  ] as const)('recognises %s and writes one self-contained report.html', async (_label, makeDir, kind) => {
    const dir = makeDir();
    expect(detectResultKind(dir)).toBe(kind);
    const written = await writeReport(dir);
    expect(written).toEqual({ kind, files: ['report.html'] });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // Offline: no external resource is referenced.
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<section id="summary"');
    expect(html).toContain('<section id="provenance"');
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="charts"'));
    expect(html.indexOf('id="charts"')).toBeLessThan(html.indexOf('id="parameters"'));
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('writes every chart as SVG and PNG under charts/ when asked', async () => {
    const dir = experimentDir(join(temp, 'images'), 'mc.json', mcFixture());
    const written = await writeReport(dir, { svg: true, png: true });
    const names = ['survival', 'survivors-count', 'shakeout', 'final-shares'];
    expect(written.files).toEqual(['report.html', ...names.flatMap((name) => [`charts/${name}.svg`, `charts/${name}.png`])]);
    for (const name of names) {
      expect(readFileSync(join(dir, 'charts', `${name}.svg`), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
      const png = readFileSync(join(dir, 'charts', `${name}.png`));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.length).toBeGreaterThan(5_000);
    }
  });

  it('shows the provenance: gbsim version, seed, scenario name and hash, and the run date from manifest.json', async () => {
    await writeReport(runDir);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { gbsimVersion: string; seed: number; scenario: { hash: string } };
    expect(html).toContain(`<dt>gbsim version</dt><dd>${summary.gbsimVersion}</dd>`);
    expect(html).toContain(`<dt>Seed</dt><dd>${summary.seed}</dd>`);
    expect(html).toContain(`<dd>${summary.scenario.hash}</dd>`);
    expect(html).toContain('<dt>Scenario</dt><dd>china-2020 (scenarios/china-2020.yaml)</dd>');
    expect(html).toContain('<dt>Run date</dt><dd>2026-01-02T03:04:05.000Z</dd>');
  });

  it('refuses a directory without results, naming the files it looked for', async () => {
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    await expect(writeReport(empty)).rejects.toThrow(/holds no gbsim results: expected summary\.json .*mc\.json, compare\.json, sweep\.json, sensitivity\.json, calibration\.json or fit\.json/);
    expect(existsSync(join(empty, 'report.html'))).toBe(false);
  });

  it('refuses a run directory with a table missing, and a result file of the wrong kind', async () => {
    const partial = join(temp, 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'summary.json'), readFileSync(join(runDir, 'summary.json')));
    expect(() => readResults(partial)).toThrow('weekly.csv, market.csv, events.csv are missing');
    const wrong = experimentDir(join(temp, 'wrong'), 'mc.json', compareFixture());
    expect(() => readResults(wrong)).toThrow('expected "kind": "mc" (got "compare")');
  });
});

describe('gbsim report', () => {
  it('writes report.html and says where, with the scenario parameters when the scenario file is unchanged', async () => {
    const { status, stdout, stderr } = await gbsim('report', runDir);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe(`wrote ${runDir}/report.html\n`);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<caption>Settings</caption>');
    expect(html).toContain('players (10), side by side');
  });

  it('says why the parameters are missing when the scenario has changed since the run', async () => {
    const changed = writeRunDir(join(temp, 'changed'));
    const summaryPath = join(changed, 'summary.json');
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as { scenario: { hash: string } };
    summary.scenario.hash = '0'.repeat(64);
    writeFileSync(summaryPath, JSON.stringify(summary));
    expect((await gbsim('report', changed)).status).toBe(0);
    expect(readFileSync(join(changed, 'report.html'), 'utf8')).toContain('Parameters not shown: scenarios/china-2020.yaml has changed since these results were made');
  });

  it('exits 2 with a message for a directory without results', async () => {
    const { status, stderr } = await gbsim('report', join(temp, 'no-such-dir'));
    expect(status).toBe(2);
    expect(stderr).toContain('no such directory');
  });

  it('writes the report with gbsim run --report, and refuses --report without --out', async () => {
    const out = join(temp, 'run-report');
    const { status, stdout } = await gbsim('run', 'scenarios/teaching/base.yaml', '--out', out, '--report');
    expect(status).toBe(0);
    expect(stdout).toContain(`wrote ${out}/report.html`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const refused = await gbsim('run', 'scenarios/teaching/base.yaml', '--report');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--report needs --out DIR');
  });
});
