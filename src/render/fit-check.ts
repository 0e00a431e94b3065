// What `validate` learns from laying the text out the way `render` does (same fonts, set facts
// and breaks; widths from fontkit, since validate loads no native code): a word that no line can hold even hyphenated is an error naming the
// locale, slide and word (it would be cut off at the canvas edge), and a slide whose text sets
// the whole set's type size below what the others would take is a warning naming it.
import type { Job } from '../plan/types.js';
import { RenderError, type Problem } from '../util/errors.js';
import { loadBreakData } from './breaks.js';
import { layoutSlide, slideSetFacts } from './slide-layout.js';
import { createPureMeasurer } from './measure-pure.js';

const round = (n: number) => Math.round(n * 10) / 10;

export async function textFitProblems(all: Job[]): Promise<Problem[]> {
  await loadBreakData(new Set(all.map((j) => j.locale)));
  const tm = createPureMeasurer();
  const bySet = new Map<string, Job[]>();
  for (const j of all) bySet.get(j.set)?.push(j) ?? bySet.set(j.set, [j]);
  const problems: Problem[] = [];
  for (const [set, jobs] of bySet) {
    let facts: ReturnType<typeof slideSetFacts>;
    try {
      facts = slideSetFacts(jobs, tm);
    } catch (e) {
      // A font that cannot be found or opened stays render's error (exit 3), as in the glyph check.
      if (e instanceof RenderError) continue;
      throw e;
    }
    for (const s of facts.shrunk ?? []) {
      const pct = Math.round((s.without / s.size - 1) * 100);
      problems.push({
        severity: 'warning',
        field: s.kind,
        message: `${set}: slide "${s.slide}" sets the ${s.kind} of every slide in the set at ${round(s.size)} px; without it they would be ${round(s.without)} px (${pct}% larger). Shorten that ${s.kind} or give it more lines`,
        at: s.at,
      });
    }
    for (const job of jobs) {
      for (const b of layoutSlide({ job, facts, measurer: tm }).blocks) {
        if (b.unbreakable.length === 0) continue;
        const words = b.unbreakable.map((w) => `"${w}"`).join(', ');
        problems.push({
          severity: 'error',
          field: b.kind === 'app-name' ? 'app.name' : b.kind,
          message: `${job.locale}, slide "${job.slide}" (${job.presetId}): the ${b.kind} word ${words} does not fit the ${Math.round(b.box.width)} px column even hyphenated at ${round(b.font.size)} px (the smallest allowed is ${round(b.minFontSize)} px); it would be cut off. Shorten or split it, or lower ${b.kind}.min-size`,
          at: job.source.slide,
        });
      }
    }
  }
  return problems;
}
