// Lint findings as GitHub annotations where the problem is written: a text finding on the
// offending locale's headline (or subtitle) line, in the manifest or the strings file it came
// from; an image finding on its slide; a set-level finding (counts, required slots) on the
// manifest's `presets:` line (its preset's entry when the finding names one).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Job, Plan } from '../plan/types.js';
import type { Finding } from '../report/types.js';
import type { Position } from '../manifest/types.js';
import { ruleLink } from './links.js';
import { annotationFile } from '../outcome.js';

export interface Annotation {
  severity: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** The manifest's YAML with positions, read once per annotation pass. */
class ManifestIndex {
  private doc?: Document;
  private lines = new LineCounter();
  constructor(readonly file: string) {
    try {
      this.doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: this.lines });
    } catch {
      this.doc = undefined;
    }
  }

  private pos(node: Node | null | undefined): Position | undefined {
    const at = node?.range?.[0];
    if (at === undefined) return undefined;
    const { line, col } = this.lines.linePos(at);
    return { file: this.file, line, column: col };
  }

  /** The position of a top-level key (the key itself, e.g. `presets:`). */
  key(name: string): Position | undefined {
    const root = this.doc?.contents;
    if (!isMap(root)) return undefined;
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === name);
    return pair ? this.pos(pair.key as Node) : undefined;
  }

  /** `slides[i].<kind>` for the slide with this id, at the locale's entry when it has one. */
  text(slide: string, kind: 'headline' | 'subtitle', locale: string): Position | undefined {
    const root = this.doc?.contents;
    if (!isMap(root)) return undefined;
    let holder: Node | undefined;
    const slides = root.get('slides', true);
    if (isSeq(slides)) holder = slides.items.find((s) => isMap(s) && s.get('id') === slide) as Node | undefined;
    if (!holder && slide === 'feature-graphic') holder = root.get('feature-graphic', true) as Node | undefined;
    if (!isMap(holder)) return undefined;
    const value = holder.get(kind, true);
    if (isMap(value)) {
      const pair = value.items.find((p) => isScalar(p.key) && p.key.value === locale);
      if (pair) return this.pos(pair.key as Node);
    }
    const pair = holder.items.find((p) => isScalar(p.key) && p.key.value === kind);
    return pair ? this.pos(pair.key as Node) : undefined;
  }
}

function textKind(f: Finding): 'headline' | 'subtitle' {
  return /\bsubtitle\b/.test(f.message) && !/\bheadline\b/.test(f.message) ? 'subtitle' : 'headline';
}

function positionOf(f: Finding, jobs: Job[], index: ManifestIndex | undefined): Position | undefined {
  const match = (j: Job) =>
    (!f.locale || j.locale === f.locale) && (!f.preset || j.preset === f.preset || j.presetId === f.preset);
  if (f.slide) {
    const job = jobs.find((j) => match(j) && j.slide === f.slide);
    if (job && f.rule.startsWith('text.')) {
      const kind = textKind(f);
      // Text read from a strings file: its line there; inline text: the locale's line in the manifest.
      const fromStrings = job[kind]?.source;
      if (fromStrings) return fromStrings;
      const inline = index?.text(job.slide, kind, job.locale);
      if (inline) return inline;
    }
    if (job) return job.source.slide;
  }
  if (f.preset) {
    const job = jobs.find(match);
    if (job) return job.source.preset;
  }
  // A finding about the whole set (required slots, a listing's total): the presets: line.
  return index?.key('presets');
}

/**
 * @param cwd folder the plan's positions are relative to
 * @param workspace the repository root annotations are relative to
 * @param rulesBase docs/lint.md of the running copy, for house rules' links
 */
export function findingAnnotations(
  findings: Finding[],
  plan: Plan | undefined,
  cwd: string,
  workspace: string,
  rulesBase?: string,
): Annotation[] {
  const jobs = plan?.all ?? [];
  const manifest = plan ? annotationFile(plan.manifestFile, workspace, workspace) : undefined;
  const index = plan && findings.length ? new ManifestIndex(plan.manifestFile) : undefined;
  return findings.map((f) => {
    const where = [f.locale, f.preset, f.slide].filter(Boolean).join(' / ');
    const pos = positionOf(f, jobs, index);
    const file = pos ? annotationFile(pos.file, cwd, workspace) : manifest;
    return {
      severity: f.severity,
      title: `storeshots ${f.rule}${where ? ` (${where})` : ''}`,
      message: `${f.message}\nRule: ${ruleLink(f, rulesBase)} (verified ${f.verified})`,
      file,
      startLine: pos?.line ?? (plan ? 1 : undefined),
      startColumn: pos?.column,
    };
  });
}
