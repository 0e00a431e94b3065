// diff.html: the changed, added and removed images of a diff, written into the --out folder with
// its copies of the images. Each changed image shows before/after under a slider (drag to wipe),
// with buttons for before, after and the diff highlight; filters by status, locale and preset.
// Like report.html it opens from disk: relative image paths, inline style, and the one inline
// script allowed by its hash in the page's CSP; every piece of text is escaped.
import { escapeHtml, pageHead, pathUrl } from '../report/html.js';
import type { ChangedEntry, DiffEntry, DiffResult } from './types.js';
import { formatShare as pct } from './format.js';
import { sha256 } from '../util/hash.js';

const attrs = (e: DiffEntry, status: string) =>
  `data-status="${status}" data-locale="${escapeHtml(e.locale)}" data-preset="${escapeHtml(e.preset)}" data-slide="${escapeHtml(e.slide)}" data-path="${escapeHtml(e.path)}"`;
const caption = (e: DiffEntry) =>
  `${escapeHtml(e.locale)} · ${escapeHtml(e.preset)} · ${String(e.index).padStart(2, '0')} ${escapeHtml(e.slide)}`;
const link = (rel: string | undefined, text: string) =>
  rel ? `<a href="${escapeHtml(pathUrl(rel))}">${text}</a>` : '';
const img = (rel: string | undefined, cls: string, alt: string, extra = '') =>
  rel
    ? `<img class="${cls}" src="${escapeHtml(pathUrl(rel))}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"${extra}>`
    : '';

function changedCard(e: ChangedEntry, n: number): string {
  const who = `${e.locale} ${e.preset} ${e.slide}`;
  // The before image keeps its own size relative to the after image when the sizes differ.
  const bw = e.baseWidth ? ` style="width:${((e.baseWidth / e.width) * 100).toFixed(3)}%"` : '';
  const sizes = e.baseWidth ? ` · was ${e.baseWidth}x${e.baseHeight}` : '';
  return `<figure class="card" id="c-${n}" ${attrs(e, 'changed')} data-mode="slider">
<div class="compare" style="aspect-ratio:${e.width}/${e.height};--pos:50%">
${img(e.after, 'after', `after: ${who}`)}
${img(e.before, 'before', `before: ${who}`, bw)}
${img(e.diff, 'diff', `changed pixels: ${who}`)}
<div class="line" aria-hidden="true"></div>
<input class="slider" type="range" min="0" max="100" value="50" step="0.5" aria-label="Before (left) and after (right) of ${escapeHtml(who)}">
</div>
<div class="modes" role="group" aria-label="Show">${['slider', 'before', 'after', 'diff'].map((m) => `<button type="button" data-mode="${m}" aria-pressed="${m === 'slider'}">${m}</button>`).join('')}</div>
<figcaption><strong>${caption(e)}</strong><span class="meta">${pct(e.score)} of pixels changed (${e.pixels} px) in ${e.regions.length} area(s) · ${e.width}x${e.height}${sizes}</span>
<span class="path">${escapeHtml(e.path)}${e.basePath ? ` (was ${escapeHtml(e.basePath)})` : ''}</span>
<span class="links">${[link(e.before, 'before'), link(e.after, 'after'), link(e.diff, 'diff'), link(e.sideBySide, 'side by side')].filter(Boolean).join(' · ')}</span></figcaption>
</figure>`;
}

function singleCard(e: DiffEntry, status: 'added' | 'removed', n: number): string {
  const rel = status === 'added' ? e.after : e.before;
  return `<figure class="card ${status}" id="${status[0]}-${n}" ${attrs(e, status)}>
<div class="single" style="aspect-ratio:${e.width || 1}/${e.height || 1}">${img(rel, 'only', `${status}: ${e.locale} ${e.preset} ${e.slide}`)}</div>
<figcaption><strong>${caption(e)}</strong><span class="meta"><span class="badge ${status}">${status}</span> ${e.width}x${e.height}</span><span class="path">${escapeHtml(e.path)}</span><span class="links">${link(rel, 'open')}</span></figcaption>
</figure>`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#111827;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--hl:#2563eb;--add:#16a34a;--rem:#dc2626;--chg:#d97706}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--card:#111827;--line:#1f2937}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:3;background:var(--card);border-bottom:1px solid var(--line);padding:12px 20px;display:flex;flex-wrap:wrap;gap:10px 24px;align-items:center}
h1{font-size:18px;margin:0}#verdict{font-weight:600}.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:center}.filters label{color:var(--muted)}select{font:inherit;padding:2px 6px}
main{padding:16px 20px}h2{font-size:16px;margin:22px 0 10px}.none,.note{color:var(--muted)}
.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.card{margin:0;width:300px;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--chg);border-radius:8px;padding:8px}
.card.added{border-top-color:var(--add)}.card.removed{border-top-color:var(--rem)}
.compare,.single{position:relative;width:100%;overflow:hidden;background:repeating-conic-gradient(#8882 0 25%,transparent 0 50%) 50%/16px 16px}
.compare img,.single img{position:absolute;left:0;top:0;width:100%;height:auto;display:block}
.compare .before{clip-path:inset(0 calc(100% - var(--pos)) 0 0)}
.compare .diff{visibility:hidden}
.compare .line{position:absolute;top:0;bottom:0;left:var(--pos);width:2px;margin-left:-1px;background:#fff;box-shadow:0 0 0 1px #0008;pointer-events:none}
.compare .slider{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:ew-resize}
/* visibility, not display: hidden pictures stay decoded, so a toggle shows them at once */
.card[data-mode=before] .before{clip-path:none}.card[data-mode=after] .before{visibility:hidden}
.card[data-mode=diff] .diff{visibility:visible}.card[data-mode=diff] .before{visibility:hidden}
.card:not([data-mode=slider]) .line,.card:not([data-mode=slider]) .slider{display:none}
.modes{display:flex;gap:4px;margin-top:6px}.modes button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:transparent;color:inherit;cursor:pointer}
.modes button[aria-pressed=true]{background:var(--hl);border-color:var(--hl);color:#fff}
figcaption{display:flex;flex-direction:column;margin-top:6px;gap:2px}.meta,.path,.links{color:var(--muted);font-size:12px;word-break:break-all}.links a{color:inherit}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:0 6px}.badge.added{background:var(--add)}.badge.removed{background:var(--rem)}
details{margin-top:20px}details li{font-size:12px;color:var(--muted)}
.hidden{display:none!important}
`;

const SCRIPT = `(() => {
  const $ = (s, r = document) => Array.from(r.querySelectorAll(s));
  const st = document.getElementById('f-status'), loc = document.getElementById('f-locale'), pre = document.getElementById('f-preset');
  function apply() {
    for (const c of $('.card')) c.classList.toggle('hidden', !((st.value === 'all' || c.dataset.status === st.value) && (loc.value === 'all' || c.dataset.locale === loc.value) && (pre.value === 'all' || c.dataset.preset === pre.value)));
    for (const s of $('section.group')) s.classList.toggle('hidden', $('.card:not(.hidden)', s).length === 0);
    document.getElementById('none-shown').classList.toggle('hidden', $('.card:not(.hidden)').length > 0);
  }
  for (const el of [st, loc, pre]) el.addEventListener('change', apply);
  function setMode(card, mode) {
    card.dataset.mode = mode;
    for (const b of $('.modes button', card)) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
  }
  for (const b of $('.card .modes button')) b.addEventListener('click', () => setMode(b.closest('.card'), b.dataset.mode));
  for (const b of $('#all-modes button')) b.addEventListener('click', () => { for (const c of $('.card[data-status=changed]')) setMode(c, b.dataset.mode); });
  for (const s of $('.compare .slider')) s.addEventListener('input', () => s.closest('.compare').style.setProperty('--pos', s.value + '%'));
  apply();
})();`;

const SCRIPT_HASH = `sha256-${sha256(SCRIPT, 'base64')}`;

export function renderDiffHtml(r: DiffResult, opts: { base?: string; head?: string; title?: string } = {}): string {
  const all: DiffEntry[] = [...r.changed, ...r.added, ...r.removed];
  const locales = [...new Set(all.map((e) => e.locale))].sort();
  const presets = [...new Set(all.map((e) => e.preset))].sort();
  const option = (v: string) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`;
  const verdict = `${r.changed.length} changed · ${r.added.length} added · ${r.removed.length} removed · ${r.unchanged} unchanged`;
  const group = (id: string, title: string, cards: string[]) =>
    cards.length
      ? `<section class="group" id="${id}"><h2>${title}</h2><div class="grid">${cards.join('\n')}</div></section>`
      : '';
  const noise = r.belowThreshold.length
    ? `<details id="below-threshold"><summary>${r.belowThreshold.length} image(s) differ only below the threshold (${pct(r.threshold)} of pixels) and count as unchanged</summary><ul>${r.belowThreshold
        .map((e) => `<li>${escapeHtml(e.path)}: ${pct(e.score)} (${e.pixels} px)</li>`)
        .join('')}</ul></details>`
    : '';
  const title = opts.title ? `storeshots diff: ${opts.title}` : 'storeshots diff';
  const sides =
    opts.base && opts.head
      ? `<p class="note">Before: <code>${escapeHtml(opts.base)}</code> · after: <code>${escapeHtml(opts.head)}</code></p>`
      : '';
  return `${pageHead(title, STYLE, SCRIPT_HASH)}<header>
<h1>${escapeHtml(title)}</h1>
<div id="verdict">${escapeHtml(verdict)}</div>
<div class="filters">
<label>Status <select id="f-status"><option value="all">all</option><option value="changed">changed</option><option value="added">added</option><option value="removed">removed</option></select></label>
<label>Locale <select id="f-locale"><option value="all">all</option>${locales.map(option).join('')}</select></label>
<label>Preset <select id="f-preset"><option value="all">all</option>${presets.map(option).join('')}</select></label>
<span id="all-modes" class="modes" role="group" aria-label="Show every changed image as">${['slider', 'before', 'after', 'diff'].map((m) => `<button type="button" data-mode="${m}">${m}</button>`).join('')}</span>
</div>
</header>
<main>
${sides}
${group('changed', 'Changed', r.changed.map(changedCard))}
${group(
  'added',
  'Added',
  r.added.map((e, n) => singleCard(e, 'added', n)),
)}
${group(
  'removed',
  'Removed',
  r.removed.map((e, n) => singleCard(e, 'removed', n)),
)}
<p id="none-shown" class="none">${all.length ? 'No image matches the filters.' : 'Nothing changed.'}</p>
<p class="note">${r.unchanged} unchanged image(s) are not shown.</p>
${noise}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
