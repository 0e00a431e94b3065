// report.json: the shape of docs/interfaces.md#reportjson, atomic writes of report.json and report.html, and merging shards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, writeReport } from '../src/report/index.js';
import type { Finding, ImageRecord } from '../src/report/types.js';

const out = mkdtempSync(path.join(tmpdir(), 'storeshots-report-json-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const img = (p: string, cached = false): ImageRecord => ({
  path: p,
  locale: 'en-US',
  preset: 'appstore.iphone_6_9',
  slide: 'home',
  index: 1,
  width: 1320,
  height: 2868,
  format: 'png',
  bytes: 812345,
  sha256: 'f'.repeat(64),
  cached,
});
const finding = (rule: string, severity: 'error' | 'warning', p?: string): Finding => ({
  rule,
  severity,
  message: `${rule} on ${p ?? 'the set'}`,
  path: p,
  locale: 'en-US',
  preset: 'appstore.iphone_6_9',
  source: 'https://developer.apple.com/x',
  verified: '2026-10-10',
});

describe('report.json', () => {
  it('has version, images, findings and a summary counting rendered, cached, errors and warnings', () => {
    const r = buildReport(
      [img('a.png'), img('b.png', true)],
      [finding('appstore.size', 'error', 'a.png'), finding('appstore.required-slot', 'warning')],
    );
    expect(r).toMatchObject({ version: 1, summary: { images: 2, rendered: 1, cached: 1, errors: 1, warnings: 1 } });
  });

  it('is written with report.html beside it, and no temporary file is left behind', () => {
    const r = buildReport(
      [img('en-US/appstore.iphone_6_9/01-home.png')],
      [finding('appstore.size', 'error', 'en-US/appstore.iphone_6_9/01-home.png')],
    );
    const file = writeReport(out, r, { title: 'Habitual' });
    expect(file).toBe(path.join(out, 'report.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(r);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('storeshots report: Habitual');
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json']);
  });
});
