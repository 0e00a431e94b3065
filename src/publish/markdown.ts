// The words users read: the job summary, the sticky comment and the release PR body.
// Pure functions of the report and what the other steps produced.
import type { Finding, Report } from '../report/types.js';
import type { PublishedPreview } from '../github/previews.js';
import type { ArtifactRef } from './set.js';
import { getPreset } from '../store/presets.js';
import { ruleLink } from '../lint/links.js';
import { diffVerdict, formatShare, hasChanges, pictureKey, type DiffResult } from '../diff/index.js';

/** Text from a report (possibly a fork's) made safe for a table cell: no HTML, no pipes, no pings. */
export function cell(text: string | undefined): string {
  return (text ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/`/g, "'")
    .trim();
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function headline(r: Report): string {
  const { images, errors, warnings } = r.summary;
  return `${plural(images, 'image')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Images per (locale, preset): a row per locale, a column per preset. */
export function countsTable(r: Report): string {
  const locales = [...new Set(r.images.map((i) => i.locale))];
  const presets = [...new Set(r.images.map((i) => i.preset))];
  if (locales.length === 0) return '_No images._';
  const n = (l: string, p: string) => r.images.filter((i) => i.locale === l && i.preset === p).length;
  const bad = (l: string, p: string) =>
    r.findings.filter((f) => f.locale === l && f.preset === p && f.severity === 'error').length;
  const rows = locales.map(
    (l) => `| ${cell(l)} | ${presets.map((p) => `${n(l, p)}${bad(l, p) ? ` (${bad(l, p)} ❌)` : ''}`).join(' | ')} |`,
  );
  return [
    `| locale | ${presets.map(cell).join(' | ')} |`,
    `|---|${presets.map(() => '---:').join('|')}|`,
    ...rows,
  ].join('\n');
}

export function findingsTable(findings: Finding[], max = findings.length, rulesBase?: string): string {
  if (findings.length === 0) return 'No lint findings. ✅';
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const rows = sorted.slice(0, max).map((f) => {
    const where = f.path ?? [f.locale, f.preset, f.slide].filter(Boolean).join(' / ');
    return `| ${f.severity === 'error' ? '❌ error' : '⚠️ warning'} | [${cell(f.rule)}](${safeUrl(ruleLink(f, rulesBase))}) | ${cell(where)} | ${cell(f.message)} |`;
  });
  const more = findings.length > max ? `\n\n… and ${findings.length - max} more in report.json.` : '';
  return ['| severity | rule | image | message |', '|---|---|---|---|', ...rows].join('\n') + more;
}

function safeUrl(u: string): string {
  return /^https:\/\/[^\s()<>]+$/.test(u) ? u : '#';
}

function artifactLine(a: ArtifactRef | undefined): string | undefined {
  if (!a) return undefined;
  if (a.url) return `📦 Artifact: [${cell(a.name)}](${a.url})`;
  return `📦 Artifact: ${cell(a.name)}`;
}

/** What changed against the pull request's base, for the comment and the summary. */
export interface ChangesView {
  /** One line: which base was used (run, commit), or why there is none. */
  base: string;
  /** The comparison; absent when there was no base. */
  diff?: DiffResult;
  /** Published pictures (src/diff/preview.ts diffPictures) by their label, pictureKey(kind, entry). */
  pictures?: Map<string, string>;
  /** Link the pictures rather than show them (private repositories). */
  linkPictures?: boolean;
  /** The artifact that holds diff.html. */
  artifact?: ArtifactRef;
  /** diff.html's path inside the artifact. */
  diffHtml?: string;
}

/** Changed, added and removed images listed with a name; the rest is a count and diff.html. */
const MAX_LISTED = 50;

/** The verdict line, then each changed, added and removed image with its picture, then where the rest is. */
export function changesSection(v: ChangesView): string[] {
  const d = v.diff;
  if (!d) return [`ℹ️ ${v.base}`];
  const parts = [`🔍 **${diffVerdict(d)}**. ${v.base}`];
  const where = (e: { locale: string; preset: string; slide: string }) =>
    `**\`${cell(e.locale)}\`** · ${cell(presetLabel(e.preset))} · slide \`${cell(e.slide)}\``;
  const picture = (key: string, alt: string) => {
    const url = v.pictures?.get(key);
    if (!url) return '';
    return v.linkPictures ? ` · [${alt}](${url})` : `\n\n![${alt}](${url})`;
  };
  const items = [
    ...d.changed.map(
      (e) =>
        `${where(e)} · ${formatShare(e.score)} of the pixels changed${picture(pictureKey('changed', e), `before, after and difference of ${cell(e.locale)} ${cell(e.slide)}`.replace(/[[\]]/g, ''))}`,
    ),
    ...d.added.map(
      (e) =>
        `➕ ${where(e)} · added${picture(pictureKey('added', e), `${cell(e.locale)} ${cell(e.slide)} (added)`.replace(/[[\]]/g, ''))}`,
    ),
    ...d.removed.map(
      (e) =>
        `➖ ${where(e)} · removed${picture(pictureKey('removed', e), `${cell(e.locale)} ${cell(e.slide)} (removed)`.replace(/[[\]]/g, ''))}`,
    ),
  ];
  // The strips carry no labels of their own: say once which third is which.
  if (!v.linkPictures && d.changed.some((e) => v.pictures?.has(pictureKey('changed', e))))
    parts.push('Each changed image: **before** · **after** · **difference** (changed pixels highlighted).');
  parts.push(...items.slice(0, MAX_LISTED));
  if (hasChanges(d)) {
    const more = items.length > MAX_LISTED ? `… and ${items.length - MAX_LISTED} more. ` : '';
    const file = `\`${v.diffHtml ?? 'diff.html'}\``;
    const art = v.artifact
      ? v.artifact.url
        ? `[${cell(v.artifact.name)}](${v.artifact.url})`
        : cell(v.artifact.name)
      : undefined;
    parts.push(`${more}Every change, with a before/after slider: ${file}${art ? ` in the artifact ${art}` : ''}.`);
  }
  return parts;
}

export interface SummaryInput {
  report: Report;
  timings: Array<[string, number]>;
  artifact?: ArtifactRef;
  pullRequest?: { url: string; operation: string };
  comment?: { url: string };
  notes?: string[];
  /** docs/lint.md of the running copy: house rules link to their row there. */
  rulesBase?: string;
  /** What changed against the pull request's base. */
  changes?: ChangesView;
}

export function jobSummary(s: SummaryInput): string {
  const parts = [
    `## storeshots: ${headline(s.report)}`,
    ...(s.changes ? ['### Changes', ...changesSection(s.changes)] : []),
    countsTable(s.report),
    '### Findings',
    findingsTable(s.report.findings, 200, s.rulesBase),
  ];
  const links = [
    artifactLine(s.artifact),
    s.comment && `💬 [Preview comment](${s.comment.url})`,
    s.pullRequest && `🔀 [Release pull request](${s.pullRequest.url}) (${s.pullRequest.operation})`,
  ].filter(Boolean);
  if (links.length) parts.push(links.join('<br>\n'));
  if (s.timings.length) {
    parts.push(
      '### Timings',
      [
        '| stage | seconds |',
        '|---|---:|',
        ...s.timings.map(([k, ms]) => `| ${cell(k)} | ${(ms / 1000).toFixed(1)} |`),
      ].join('\n'),
    );
  }
  if (s.notes?.length) parts.push(s.notes.map((n) => `> ${n}`).join('\n>\n'));
  return `${parts.join('\n\n')}\n`;
}

export interface CommentInput {
  report: Report;
  header?: string;
  sha?: string;
  /** The commit's page: the short SHA links it. */
  commitUrl?: string;
  runUrl?: string;
  artifact?: ArtifactRef;
  previews?: PublishedPreview[];
  /** Show previews as links rather than images (private repositories). */
  linkPreviews?: boolean;
  notes?: string[];
  /** docs/lint.md of the running copy: house rules link to their row there. */
  rulesBase?: string;
  /** Findings listed before the rest fold away. */
  maxFindings?: number;
  /** What changed against the pull request's base: shown first; all contact sheets fold away. */
  changes?: ChangesView;
}

/** A preset's short name for people (`iPhone 6.9"`), the id when unknown. */
export function presetLabel(id: string): string {
  const [base, variant] = id.split('@');
  const label = getPreset(base!)?.label ?? base!;
  return variant ? `${label} (${variant})` : label;
}

const icon = (f: Finding) => (f.severity === 'error' ? '❌' : '⚠️');

/**
 * Findings as a list, not a table: it wraps on a phone instead of scrolling sideways. One item
 * per place (locale, preset, slide), its findings under it, so no path is repeated.
 */
export function findingsList(findings: Finding[], rulesBase?: string): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const where =
      [
        f.locale && `\`${cell(f.locale)}\``,
        f.preset && cell(presetLabel(f.preset)),
        f.slide && `slide \`${cell(f.slide)}\``,
      ]
        .filter(Boolean)
        .join(' · ') || (f.path ? `\`${cell(f.path)}\`` : 'the whole set');
    groups.set(where, [...(groups.get(where) ?? []), f]);
  }
  return [...groups]
    .map(([where, fs]) => {
      const worst = fs.some((f) => f.severity === 'error') ? '❌' : '⚠️';
      // The place is said once, above: a message that starts with the image's path drops it.
      const msg = (f: Finding) =>
        f.path && f.message.startsWith(`${f.path}: `) ? f.message.slice(f.path.length + 2) : f.message;
      const items = fs.map(
        (f) => `  - ${icon(f)} [${cell(f.rule)}](${safeUrl(ruleLink(f, rulesBase))}): ${cell(msg(f))}`,
      );
      return [`- ${worst} ${where}`, ...items].join('\n');
    })
    .join('\n');
}

/**
 * The sticky comment, in the order a reviewer reads it: a one-line verdict with the counts, the
 * findings (errors first, a phone's width), then one contact sheet per locale, labelled by
 * preset, open only where that locale has errors (or the first, when nothing failed).
 */
export function commentBody(c: CommentInput): string {
  const r = c.report;
  const max = c.maxFindings ?? 10;
  const locales = [...new Set(r.images.map((i) => i.locale))];
  const presets = [...new Set(r.images.map((i) => i.preset))];
  const title = `### 📱 storeshots preview${c.header ? ` · ${cell(c.header)}` : ''}`;
  const { errors, warnings, images } = r.summary;
  const status = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
  const verdict =
    errors > 0 ? 'not ready for the stores' : warnings > 0 ? 'ready, with warnings' : 'ready for the stores';
  const short = c.sha
    ? c.commitUrl
      ? ` · [\`${c.sha.slice(0, 7)}\`](${c.commitUrl})`
      : ` · \`${c.sha.slice(0, 7)}\``
    : '';
  const facts = `${status} **${verdict}**: ${plural(images, 'image')} (${plural(locales.length, 'locale')} × ${plural(presets.length, 'preset')}), ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${short}`;
  const parts = [title, facts];
  const links = [artifactLine(c.artifact), c.runUrl && `[Workflow run](${c.runUrl})`].filter(Boolean);
  const d = c.changes?.diff;
  if (d && !hasChanges(d)) {
    // Nothing moved: one line. Findings only when they fail the set; no pictures.
    parts[1] = `${status} **No visual change**: ${diffVerdict(d)}${short}. ${c.changes!.base} Lint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
    if (errors > 0)
      parts.push(findingsList(r.findings.filter((f) => f.severity === 'error').slice(0, max), c.rulesBase));
    if (links.length) parts.push(links.join(' · '));
    if (c.notes?.length) parts.push(c.notes.map((n) => `> ${n}`).join('\n>\n'));
    return `${parts.join('\n\n')}\n`;
  }
  if (c.changes) parts.push(...changesSection(c.changes));

  if (r.findings.length === 0) parts.push('No lint findings. ✅');
  else {
    const sorted = [...r.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    parts.push(findingsList(sorted.slice(0, max), c.rulesBase));
    if (sorted.length > max)
      parts.push(
        `<details><summary>${plural(sorted.length - max, 'more finding')}</summary>\n\n${findingsList(sorted.slice(max, 200), c.rulesBase)}${sorted.length > 200 ? `\n\n… and ${sorted.length - 200} more in report.json.` : ''}\n\n</details>`,
      );
  }

  const sheets = new Map((c.previews ?? []).map((p) => [p.label, p]));
  const anyErrors = errors > 0;
  locales.forEach((locale, i) => {
    const mine = r.images.filter((im) => im.locale === locale);
    const bad = r.findings.filter((f) => f.locale === locale && f.severity === 'error').length;
    const rows = [...new Set(mine.map((im) => im.preset))].map(
      (p) => `${cell(presetLabel(p))}: ${mine.filter((im) => im.preset === p).length}`,
    );
    const summary = `<b>${cell(locale)}</b> · ${rows.join(' · ')}${bad ? ` · ${bad} ❌` : ''}`;
    const p = sheets.get(locale);
    if (!p) {
      parts.push(
        `<details><summary>${summary}</summary>\n\nNo preview image${c.artifact ? ': the artifact has every image' : ''}.\n\n</details>`,
      );
      return;
    }
    // Beside a comparison every sheet folds away: the changes above are the review.
    const open = !d && (bad > 0 || (!anyErrors && i === 0));
    const alt = `${cell(locale)}: ${rows.join(', ')}`.replace(/[[\]]/g, '');
    const picture = c.linkPreviews ? `[${cell(locale)} contact sheet](${p.url})` : `![${alt}](${p.url})`;
    parts.push(`<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${picture}\n\n</details>`);
  });

  if (links.length) parts.push(links.join(' · '));
  if (c.notes?.length) parts.push(c.notes.map((n) => `> ${n}`).join('\n>\n'));
  return `${parts.join('\n\n')}\n`;
}

/** What the release branch changes in the base branch's fastlane tree (src/github/release-pr.ts TreeChanges). */
export interface ReleaseChanges {
  base: string;
  changed: string[];
  added: string[];
  removed: string[];
  unchanged: number;
}

/**
 * The release pull request's list of changes against its base branch's tree: a verdict line,
 * then one line per file (its locale, preset and slide where `place` knows them), at most `max`.
 */
export function releaseChangesSection(
  c: ReleaseChanges,
  place: (path: string) => { locale: string; preset: string; slide: string } | undefined = () => undefined,
  max = 50,
): string {
  const verdict = `**Against \`${cell(c.base)}\`** (byte for byte: what the stores will get): ${c.changed.length} changed · ${c.added.length} added · ${c.removed.length} removed · ${c.unchanged} unchanged`;
  const line = (icon: string, p: string) => {
    const at = place(p);
    const where = at ? `\`${cell(at.locale)}\` · ${cell(presetLabel(at.preset))} · slide \`${cell(at.slide)}\`: ` : '';
    return `- ${icon} ${where}\`${cell(p)}\``;
  };
  const items = [
    ...c.changed.map((p) => line('✏️', p)),
    ...c.added.map((p) => line('➕', p)),
    ...c.removed.map((p) => line('➖', p)),
  ];
  if (items.length === 0) return `${verdict}.`;
  const more = items.length > max ? `\n\n… and ${items.length - max} more.` : '';
  return `${verdict}.\n\n${items.slice(0, max).join('\n')}${more}`;
}

export function releasePrBody(
  r: Report,
  runUrl: string | undefined,
  ref: string,
  rulesBase?: string,
  changes?: string,
): string {
  return [
    `Store screenshots rendered by storeshots from \`${cell(ref)}\`${runUrl ? ` in [this run](${runUrl})` : ''}: ${headline(r)}.`,
    ...(changes ? [changes] : []),
    countsTable(r),
    r.findings.length ? findingsList(r.findings.slice(0, 50), rulesBase) : 'No lint findings. ✅',
    '_This branch is rewritten by storeshots on every release; edits to it are replaced. The pull request closes itself when the screenshots match the base branch._',
  ].join('\n\n');
}
