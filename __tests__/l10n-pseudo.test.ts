// The pseudo-locale transform: longer, accented, wide, markup and placeholders intact, RTL marks.
import { describe, expect, it } from 'vitest';
import { PSEUDO_CHARACTERS, pseudoLocalize } from '../src/plan/pseudo.js';

const len = (s: string) => [...s].length;

describe('pseudoLocalize', () => {
  it('makes text about 40% longer', () => {
    for (const t of [
      'Track every habit',
      'Capture the moments that matter',
      'Streaks, reminders and stats',
      'See your progress',
    ]) {
      const ratio = len(pseudoLocalize(t)) / len(t);
      expect(ratio, t).toBeGreaterThanOrEqual(1.35);
      expect(ratio, t).toBeLessThanOrEqual(1.6);
    }
  });

  it('accents every ASCII letter and pads with wide letters inside fullwidth brackets', () => {
    const p = pseudoLocalize('Track every habit');
    expect(p).toBe('［Ţŕáçķŵɱ éṽéŕýŵɱ ĥáƀíţŵɱ］');
    expect(p).not.toMatch(/[A-Za-z]/);
  });

  it('keeps **accent** markup, placeholders and line breaks', () => {
    const p = pseudoLocalize('Track every **habit**\n%1$s and %@ for {name}, {{count}} days');
    expect(p).toContain('**ĥáƀíţŵɱ**');
    expect(p).toContain('%1$s');
    expect(p).toContain('%@');
    expect(p).toContain('{name}');
    expect(p).toContain('{{count}}');
    expect(p.split('\n')).toHaveLength(2);
  });

  it('leaves non-Latin letters as they are but still pads them', () => {
    expect(pseudoLocalize('習慣')).toBe('［習慣ŵ］');
  });

  it('pseudo-rtl wraps each word in a right-to-left override between right-to-left marks', () => {
    const p = pseudoLocalize('Track\nevery habit', true);
    expect(p.split('\n')).toHaveLength(2);
    const words = p.split(/\s+/);
    expect(words).toHaveLength(3);
    for (const w of words) expect(w).toMatch(/^\u200F\u202E[^\u202E\u202C]+\u202C\u200F$/);
    expect(p.replace(/[\u200F\u202E\u202C]/g, '')).toBe(pseudoLocalize('Track\nevery habit'));
  });

  it('lists every character it can add', () => {
    const p = pseudoLocalize(
      'The quick brown fox jumps over the lazy dog THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG',
      true,
    );
    const added = [...new Set([...p])].filter((c) => c !== ' ');
    for (const c of added) expect(PSEUDO_CHARACTERS).toContain(c);
  });
});
