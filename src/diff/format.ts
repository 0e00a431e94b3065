// Numbers of a diff as people read them.

/** A score as a percentage for people: `0.54%`, `1.1%`, `100%`, `0.001%`. */
export function formatShare(score: number): string {
  const p = score * 100;
  const t = p === 0 ? '0' : p >= 10 ? p.toFixed(1) : p.toPrecision(2);
  return `${t.includes('.') && !t.includes('e') ? t.replace(/\.?0+$/, '') : t}%`;
}
