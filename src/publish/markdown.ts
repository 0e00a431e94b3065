// The words users read: the job summary, the sticky comment and the release PR body.
// Pure functions of the report and what the other steps produced.
import type { Finding, Report } from '../report/types.js';
import type { PublishedPreview } from '../github/previews.js';
import type { ArtifactRef } from './set.js';

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
  const bad = (l: string, p: string) => r.findings.filter((f) => f.locale === l && f.preset === p && f.severity === 'error').length;
  const rows = locales.map((l) => `| ${cell(l)} | ${presets.map((p) => `${n(l, p)}${bad(l, p) ? ` (${bad(l, p)} ❌)` : ''}`).join(' | ')} |`);
  return [`| locale | ${presets.map(cell).join(' | ')} |`, `|---|${presets.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

export function findingsTable(findings: Finding[], max = findings.length): string {
  if (findings.length === 0) return 'No lint findings. ✅';
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const rows = sorted.slice(0, max).map((f) => {
    const where = f.path ?? [f.locale, f.preset, f.slide].filter(Boolean).join(' / ');
    return `| ${f.severity === 'error' ? '❌ error' : '⚠️ warning'} | [${cell(f.rule)}](${safeUrl(f.source)}) | ${cell(where)} | ${cell(f.message)} |`;
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

export interface SummaryInput {
  report: Report;
  timings: Array<[string, number]>;
  artifact?: ArtifactRef;
  pullRequest?: { url: string; operation: string };
  comment?: { url: string };
  notes?: string[];
}

export function jobSummary(s: SummaryInput): string {
  const parts = [
    `## storeshots: ${headline(s.report)}`,
    countsTable(s.report),
    '### Findings',
    findingsTable(s.report.findings, 200),
  ];
  const links = [artifactLine(s.artifact), s.comment && `💬 [Preview comment](${s.comment.url})`, s.pullRequest && `🔀 [Release pull request](${s.pullRequest.url}) (${s.pullRequest.operation})`].filter(Boolean);
  if (links.length) parts.push(links.join('<br>\n'));
  if (s.timings.length) {
    parts.push('### Timings', ['| stage | seconds |', '|---|---:|', ...s.timings.map(([k, ms]) => `| ${cell(k)} | ${(ms / 1000).toFixed(1)} |`)].join('\n'));
  }
  if (s.notes?.length) parts.push(s.notes.map((n) => `> ${n}`).join('\n>\n'));
  return `${parts.join('\n\n')}\n`;
}

export interface CommentInput {
  report: Report;
  header?: string;
  sha?: string;
  runUrl?: string;
  artifact?: ArtifactRef;
  previews?: PublishedPreview[];
  /** Show previews as links rather than images (private repositories). */
  linkPreviews?: boolean;
  notes?: string[];
}

export function commentBody(c: CommentInput): string {
  const r = c.report;
  const locales = new Set(r.images.map((i) => i.locale)).size;
  const presets = new Set(r.images.map((i) => i.preset)).size;
  const title = `### 📱 storeshots preview${c.header ? ` · ${cell(c.header)}` : ''}`;
  const status = r.summary.errors > 0 ? '❌' : r.summary.warnings > 0 ? '⚠️' : '✅';
  const facts = `${status} **${headline(r)}** · ${plural(locales, 'locale')} × ${plural(presets, 'preset')}${c.sha ? ` · ${c.sha.slice(0, 7)}` : ''}`;
  const parts = [title, facts];
  for (const p of c.previews ?? []) {
    parts.push(c.linkPreviews ? `**${cell(p.label)}**: [contact sheet](${p.url})` : `<details open><summary><b>${cell(p.label)}</b></summary>\n\n![${cell(p.label)}](${p.url})\n\n</details>`);
  }
  parts.push(countsTable(r));
  if (r.findings.length) parts.push(`<details${r.summary.errors ? ' open' : ''}><summary>Findings (${r.findings.length})</summary>\n\n${findingsTable(r.findings, 50)}\n\n</details>`);
  else parts.push('No lint findings. ✅');
  const links = [artifactLine(c.artifact), c.runUrl && `[Workflow run](${c.runUrl})`].filter(Boolean);
  if (links.length) parts.push(links.join(' · '));
  if (c.notes?.length) parts.push(c.notes.map((n) => `> ${n}`).join('\n>\n'));
  return `${parts.join('\n\n')}\n`;
}

export function releasePrBody(r: Report, runUrl: string | undefined, ref: string): string {
  return [
    `Store screenshots rendered by storeshots from \`${cell(ref)}\`${runUrl ? ` in [this run](${runUrl})` : ''}: ${headline(r)}.`,
    countsTable(r),
    r.findings.length ? findingsTable(r.findings, 50) : 'No lint findings. ✅',
    '_This branch is rewritten by storeshots on every release; edits to it are replaced. The pull request closes itself when the screenshots match the base branch._',
  ].join('\n\n');
}
