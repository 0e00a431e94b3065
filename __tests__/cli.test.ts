import { describe, expect, it } from 'vitest';
import { EXAMPLE, runBin, runCli } from './helpers/cli.js';

describe('storeshots CLI', () => {
  it('validates the example project', async () => {
    const r = await runCli(['validate', '-c', EXAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 locale\(s\) x 3 preset\(s\): 36 image\(s\)/);
  });

  it('the shipped bin lists every preset as JSON', () => {
    const r = runBin(['presets', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; size: string }>;
    expect(list.find((p) => p.id === 'appstore.iphone_6_9')?.size).toBe('1320x2868');
    expect(list).toHaveLength(18);
  });
});
