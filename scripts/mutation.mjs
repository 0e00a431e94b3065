#!/usr/bin/env node
// `npm run mutation [module...]`: StrykerJS over the modules of scripts/mutation-modules.mjs, one at
// a time (each with its own incremental file, so a rerun only tests what changed), then the score
// per module, the date it was measured and every surviving mutant judged equivalent (with its
// reason, from scripts/mutation-equivalent.json) written to TESTING.md. Not part of CI: slow.
// `npm run mutation -- --report` only rewrites TESTING.md from the last reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MODULES } from './mutation-modules.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const names = args.filter((a) => !a.startsWith('--'));
for (const n of names)
  if (!MODULES.some((m) => m.name === n))
    throw new Error(`unknown module ${n}; one of ${MODULES.map((m) => m.name).join(', ')}`);
const chosen = names.length ? MODULES.filter((m) => names.includes(m.name)) : MODULES;

if (!reportOnly) {
  // Node 24 from node_modules (npm scripts put it first on PATH); Stryker's runners inherit it.
  const env = { ...process.env, PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
  for (const m of chosen) {
    console.log(`\n== ${m.name}: ${m.mutate.join(' ')}`);
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/stryker'), ['run'], {
      cwd: ROOT,
      env: { ...env, STRYKER_MODULE: m.name },
      stdio: 'inherit',
    });
    if (r.status !== 0)
      console.error(`stryker failed for ${m.name} (exit ${r.status}); its previous report, if any, is kept`);
  }
}

/** Survivors judged equivalent, found by their code rather than by line number (a reformat or a
 * moved function would shift every line): an entry names the file, the mutator (and the replacement,
 * when given) and `code`, an excerpt of the unmutated source; a mutant matches when it starts inside
 * an occurrence of that excerpt. Whitespace in the excerpt matches any run of whitespace, line
 * breaks included, so an excerpt survives a reformat that only rewraps it. */
const equivalents = JSON.parse(readFileSync(path.join(ROOT, 'scripts/mutation-equivalent.json'), 'utf8'));
const excerptPattern = (code) =>
  new RegExp(
    code
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('\\s*'),
    'g',
  );
/** [start, end) offsets of every occurrence of the entry's excerpt in a source text. */
const occurrences = (code, source) =>
  [...source.matchAll(excerptPattern(code))].map((x) => [x.index, x.index + x[0].length]);
const offsetOf = (source, { line, column }) => {
  let at = 0;
  for (let l = 1; l < line; l++) at = source.indexOf('\n', at) + 1;
  return at + column - 1; // Stryker's lines and columns count from 1
};
const isEquivalent = (file, m, source) => {
  const at = offsetOf(source, m.location.start);
  return equivalents.find(
    (e) =>
      e.file === file &&
      e.mutator === m.mutatorName &&
      (e.replacement === undefined || e.replacement === m.replacement) &&
      occurrences(e.code, source).some(([s, t]) => s <= at && at < t),
  );
};
// An entry whose excerpt is no longer in its file explains nothing: the code moved or changed and the
// mutant has to be judged again.
const stale = equivalents.filter((e) => {
  const f = path.join(ROOT, e.file);
  return !existsSync(f) || occurrences(e.code, readFileSync(f, 'utf8')).length === 0;
});

// reports/ is git-ignored, so a checkout holds the reports of the modules run in it only. A module
// without a report keeps what TESTING.md already says of it: its row (counted in the total) and its
// listed survivors, until a run measures it again.
const testingFile = path.join(ROOT, 'TESTING.md');
const previous = (() => {
  const t = readFileSync(testingFile, 'utf8');
  const a = t.indexOf('<!-- mutation:start');
  const b = t.indexOf('<!-- mutation:end -->');
  return a < 0 || b < 0 ? '' : t.slice(a, b);
})();
const previousRows = new Map(
  previous
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.includes('not measured yet'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => MODULES.some((m) => m.name === c[1]))
    .map((c) => [c[1], c]),
);
const section = (title) => {
  const a = previous.indexOf(title);
  if (a < 0) return [];
  const rest = previous.slice(a + title.length);
  const b = rest.search(/\n### /);
  return (b < 0 ? rest : rest.slice(0, b)).split('\n');
};
/** Whether a module's mutate patterns (globs, `!` exclusions, `file:from-to` line ranges) take in a line of a file. */
const globRe = (g) =>
  new RegExp(
    `^${g
      .split('**/')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('(?:.*/)?')}$`,
  );
const covers = (m, file, line) => {
  const hit = (p) => {
    const [, g, from, to] = /^(.*?)(?::(\d+)-(\d+))?$/.exec(p);
    return globRe(g).test(file) && (from === undefined || (line >= Number(from) && line <= Number(to)));
  };
  return (
    m.mutate.some((p) => !p.startsWith('!') && hit(p)) && !m.mutate.some((p) => p.startsWith('!') && hit(p.slice(1)))
  );
};
const locationOf = (l) => {
  const x = /^- ([^:\s]+):(\d+):\d+ /.exec(l);
  return x && { file: x[1], line: Number(x[2]) };
};

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = [];
const judged = [];
const open = [];
const reportOf = (name) => path.join(ROOT, 'reports/mutation', `${name}.json`);
for (const m of MODULES) {
  const file = reportOf(m.name);
  // A part of a module that was measured whole: its mutants are that module's, counted (and listed) there.
  const inParent = m.partOf !== undefined && (existsSync(reportOf(m.partOf)) || previousRows.has(m.partOf));
  if (!existsSync(file)) {
    const c = previousRows.get(m.name);
    if (!c) {
      rows.push({ name: m.name, missing: true });
      continue;
    }
    const ignored = /\((\d+) static mutants left out\)/.exec(c[2])?.[1];
    rows.push({
      name: m.name,
      mutate:
        m.mutate.join(', ') +
        (ignored ? ` (${ignored} static mutants left out)` : '') +
        (inParent ? ` (part of ${m.partOf}: not in the total)` : ''),
      date: c[3],
      detected: Number(c[5]),
      undetected: Number(c[6]),
      explained: Number(c[7]),
      equivalent: Number(c[8]),
      inParent,
      carried: true,
    });
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let detected = 0;
  let undetected = 0;
  let equivalent = 0;
  let explained = 0;
  let ignored = 0;
  for (const [f, data] of Object.entries(report.files)) {
    for (const mu of data.mutants) {
      if (DETECTED.has(mu.status)) detected++;
      else if (mu.status === 'Ignored') ignored++;
      else if (UNDETECTED.has(mu.status)) {
        undetected++;
        const eq = isEquivalent(f, mu, data.source);
        const where = `${f}:${mu.location.start.line}:${mu.location.start.column} ${mu.mutatorName} \`${String(
          mu.replacement ?? '',
        )
          .replace(/\s+/g, ' ')
          .slice(0, 70)}\``;
        if (eq) {
          // "not equivalent: …" entries explain a survivor without excusing it from the score.
          if (!eq.reason.startsWith('not equivalent')) equivalent++;
          explained++;
          if (!inParent) judged.push(`- ${where}: ${eq.reason}`);
        } else if (!inParent) open.push({ module: m.name, line: `- ${where} (${mu.status})` });
      }
    }
  }
  const date = statSync(file).mtime.toISOString().slice(0, 10);
  const files =
    m.mutate.join(', ') +
    (ignored ? ` (${ignored} static mutants left out)` : '') +
    (inParent ? ` (part of ${m.partOf}: not in the total)` : '');
  rows.push({ name: m.name, mutate: files, detected, undetected, equivalent, explained, date, inParent });
}

// The survivors TESTING.md lists for modules kept from it: an explained one stays when a kept module
// takes in its line and no module run here does; an unexplained one stays under its module's heading.
const fresh = MODULES.filter((m) => existsSync(reportOf(m.name)));
const kept = MODULES.filter((m) => rows.some((r) => r.name === m.name && r.carried && !r.inParent));
for (const l of section('### Survivors explained (equivalent, or checked by hand)')) {
  const at = locationOf(l);
  if (at && kept.some((m) => covers(m, at.file, at.line)) && !fresh.some((m) => covers(m, at.file, at.line)))
    judged.push(l);
}
let heading;
for (const l of section('### Survivors not yet explained')) {
  const h = /^\*\*(.+)\*\* \(\d+\)$/.exec(l);
  if (h) heading = h[1];
  else if (locationOf(l) && kept.some((m) => m.name === heading)) open.push({ module: heading, line: l });
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const measured = rows.filter((r) => !r.missing);
const tot = measured
  .filter((r) => !r.inParent)
  .reduce((a, r) => ({ d: a.d + r.detected, u: a.u + r.undetected, e: a.e + r.equivalent, x: a.x + r.explained }), {
    d: 0,
    u: 0,
    e: 0,
    x: 0,
  });
const lines = [
  '<!-- mutation:start (written by npm run mutation) -->',
  '| module | files | measured | mutants | detected | survived or not covered | of which explained below | of which equivalent | score | score without equivalents |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    r.missing
      ? `| ${r.name} | ${MODULES.find((m) => m.name === r.name).mutate.join(', ')} | not measured yet | | | | | | | |`
      : `| ${r.name} | ${r.mutate} | ${r.date} | ${r.detected + r.undetected} | ${r.detected} | ${r.undetected} | ${r.explained} | ${r.equivalent} | ${pct(r.detected, r.detected + r.undetected)} | ${pct(r.detected, r.detected + r.undetected - r.equivalent)} |`,
  ),
  `| **all measured** | | | ${tot.d + tot.u} | ${tot.d} | ${tot.u} | ${tot.x} | ${tot.e} | **${pct(tot.d, tot.d + tot.u)}** | ${pct(tot.d, tot.d + tot.u - tot.e)} |`,
  '',
  'Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it.',
  'Explained but not equivalent (reasons starting "not equivalent") are real gaps or runner misreports checked by hand; they stay in the score.',
  '',
  '### Survivors explained (equivalent, or checked by hand)',
  '',
  ...(judged.length ? judged : ['(none)']),
  '',
  '### Survivors not yet explained',
  '',
  ...(open.length
    ? Object.entries(Object.groupBy(open, (o) => o.module)).flatMap(([mod, xs]) => [
        `**${mod}** (${xs.length})`,
        '',
        ...xs.map((x) => x.line),
        '',
      ])
    : ['(none)']),
  ...(stale.length
    ? [
        '',
        '### Equivalent entries whose code is gone (judge again)',
        '',
        ...stale.map((e) => `- ${e.file} ${e.mutator} \`${e.code}\``),
      ]
    : []),
  '<!-- mutation:end -->',
];

const text = readFileSync(testingFile, 'utf8');
const start = text.indexOf('<!-- mutation:start');
const end = text.indexOf('<!-- mutation:end -->');
if (start < 0 || end < 0) throw new Error('TESTING.md has no <!-- mutation:start --> ... <!-- mutation:end --> block');
writeFileSync(testingFile, text.slice(0, start) + lines.join('\n') + text.slice(end + '<!-- mutation:end -->'.length));
console.log(
  `TESTING.md: ${pct(tot.d, tot.d + tot.u)} over ${measured.length} module(s); ${open.length} unexplained survivor(s); ${stale.length} stale equivalent entr${stale.length === 1 ? 'y' : 'ies'}`,
);
