// report.html: a self-contained gallery of a run, written beside report.json in the output folder.
// It opens from disk with no server: images are linked by their paths relative to the folder, the
// style and script are inline (the script allowed by its hash in the page's CSP), and every piece
// of text is escaped, since findings quote user text (headlines, file names).
import type { Finding, ImageRecord, Report } from './types.js';
import { sha256 } from '../util/hash.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A relative path as a URL: each segment percent-encoded, so `#`, `?` or `%` in a name stay part of it. */
export function pathUrl(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? escapeHtml(url) : undefined);
const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** On an image's card the path is already shown, so a message that starts with it drops it. */
function cardMessage(f: Finding): string {
  const p = f.path;
  if (p && f.message.startsWith(p)) {
    const rest = f.message.slice(p.length).replace(/^:?\s+/, '');
    if (rest) return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return f.message;
}

function findingHtml(f: Finding, i: number, target?: string, onCard = false): string {
  const href = safeHref(f.source);
  const attrs = [
    `class="finding sev-${f.severity}"`,
    `data-severity="${f.severity}"`,
    `data-finding="${i}"`,
    f.path !== undefined ? `data-path="${escapeHtml(f.path)}"` : '',
    f.locale !== undefined ? `data-locale="${escapeHtml(f.locale)}"` : '',
    f.preset !== undefined ? `data-preset="${escapeHtml(f.preset)}"` : '',
    target ? `data-target="${target}" tabindex="0" role="button" title="Show the image"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const source = href
    ? `<a href="${href}" target="_blank" rel="noreferrer noopener">${escapeHtml(f.source)}</a>`
    : escapeHtml(f.source);
  return `<li ${attrs}><span class="badge ${f.severity}">${f.severity}</span> <code class="rule">${escapeHtml(f.rule)}</code> <span class="msg">${escapeHtml(onCard ? cardMessage(f) : f.message)}</span><span class="src">Source: ${source}, verified ${escapeHtml(f.verified)}</span></li>`;
}

function cardHtml(img: ImageRecord, n: number, findings: Array<{ f: Finding; i: number }>): string {
  const worst = findings.some((x) => x.f.severity === 'error') ? 'error' : findings.length ? 'warning' : 'none';
  const url = pathUrl(img.path);
  const caption = `${String(img.index).padStart(2, '0')} ${img.slide}`;
  const meta = `${img.width}x${img.height} · ${img.format.toUpperCase()} · ${kb(img.bytes)}${img.cached ? ' · cached' : ''}`;
  return `<figure class="card worst-${worst}" id="img-${n}" data-path="${escapeHtml(img.path)}" data-locale="${escapeHtml(img.locale)}" data-preset="${escapeHtml(img.preset)}" data-severities="${[...new Set(findings.map((x) => x.f.severity))].join(' ')}">
<button type="button" class="thumb" data-full="${escapeHtml(url)}" aria-label="Open ${escapeHtml(img.path)} full size"><img src="${escapeHtml(url)}" alt="${escapeHtml(`${img.locale} ${img.preset} ${caption}`)}" width="${img.width}" height="${img.height}" loading="lazy" decoding="async"></button>
<figcaption><strong>${escapeHtml(caption)}</strong><span class="meta">${escapeHtml(meta)}</span><a class="path" href="${escapeHtml(url)}">${escapeHtml(img.path)}</a></figcaption>
${findings.length ? `<ul class="card-findings">${findings.map(({ f, i }) => findingHtml(f, i, undefined, true)).join('')}</ul>` : ''}
</figure>`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#111827;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--err:#dc2626;--warn:#d97706;--hl:#2563eb}
@media (prefers-color-scheme:dark){:root{--bg:#0b0f17;--fg:#e5e7eb;--muted:#9ca3af;--card:#111827;--line:#1f2937}}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:2;background:var(--card);border-bottom:1px solid var(--line);padding:12px 20px;display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center}
h1{font-size:18px;margin:0}.summary span{margin-right:14px}.summary .e{color:var(--err);font-weight:600}.summary .w{color:var(--warn);font-weight:600}
.filters{display:flex;gap:10px;flex-wrap:wrap}.filters label{color:var(--muted)}select{font:inherit;padding:2px 6px}
main{padding:16px 20px}h2{font-size:16px;margin:24px 0 8px}h3{font-size:14px;margin:14px 0 8px;color:var(--muted);font-weight:600}
#findings{list-style:none;padding:0;margin:0 0 8px}.finding{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;padding:6px 10px;margin:6px 0}
.finding.sev-error{border-left-color:var(--err)}.finding[data-target]{cursor:pointer}.finding[data-target]:hover,.finding[data-target]:focus{outline:2px solid var(--hl)}
.finding .msg{display:block;word-break:break-word}.finding .src{display:block;color:var(--muted);font-size:12px;word-break:break-all}.finding .src a{color:inherit}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:0 6px;background:var(--warn)}.badge.error{background:var(--err)}
.rule{font-size:12px}.none{color:var(--muted)}
.grid{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.card{margin:0;width:220px;scroll-margin-top:120px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px;transition:box-shadow .2s}
.card.worst-error{border-color:var(--err)}.card.worst-warning{border-color:var(--warn)}
.card.highlight{outline:4px solid var(--hl);box-shadow:0 0 0 8px color-mix(in srgb,var(--hl) 25%,transparent)}
.thumb{display:block;width:100%;padding:0;border:0;background:repeating-conic-gradient(#8882 0 25%,transparent 0 50%) 50%/16px 16px;cursor:zoom-in}
.thumb img{display:block;width:100%;height:auto;max-height:420px;object-fit:contain}
figcaption{display:flex;flex-direction:column;margin-top:6px}.meta,.path{color:var(--muted);font-size:12px;word-break:break-all}
.card-findings{list-style:none;padding:0;margin:6px 0 0}.card-findings .finding{font-size:12px;padding:4px 6px}
.hidden{display:none!important}
dialog{max-width:96vw;max-height:96vh;padding:8px;border:0;border-radius:8px;background:var(--card);color:var(--fg)}dialog::backdrop{background:#000c}
dialog img{display:block;max-width:calc(96vw - 16px);max-height:calc(96vh - 70px);object-fit:contain}dialog p{margin:6px 0 0;display:flex;gap:12px;justify-content:space-between}
`;

const SCRIPT = `(() => {
  const $ = (s, r = document) => Array.from(r.querySelectorAll(s));
  const sev = document.getElementById('f-severity'), loc = document.getElementById('f-locale'), pre = document.getElementById('f-preset');
  function apply() {
    const s = sev.value, l = loc.value, p = pre.value;
    for (const c of $('.card')) {
      const sevs = c.dataset.severities.split(' ').filter(Boolean);
      const okS = s === 'all' || (s === 'clean' ? sevs.length === 0 : s === 'any' ? sevs.length > 0 : sevs.includes(s));
      c.classList.toggle('hidden', !(okS && (l === 'all' || c.dataset.locale === l) && (p === 'all' || c.dataset.preset === p)));
    }
    for (const f of $('.finding')) {
      const okS = s === 'all' || s === 'any' || f.dataset.severity === s;
      const okL = l === 'all' || f.dataset.locale === undefined || f.dataset.locale === l;
      const okP = p === 'all' || f.dataset.preset === undefined || f.dataset.preset === p;
      f.classList.toggle('hidden', s === 'clean' || !(okS && okL && okP));
    }
    for (const g of $('.set, .locale')) g.classList.toggle('hidden', $('.card:not(.hidden)', g).length === 0);
    const n = $('#findings .finding:not(.hidden)').length;
    document.getElementById('findings-none').classList.toggle('hidden', n > 0);
  }
  for (const el of [sev, loc, pre]) el.addEventListener('change', apply);
  function highlight(f) {
    for (const c of $('.card.highlight')) c.classList.remove('highlight');
    const ids = (f.dataset.target || '').split(' ').filter(Boolean);
    const cards = ids.map((id) => document.getElementById(id)).filter(Boolean);
    for (const c of cards) { c.classList.remove('hidden'); c.classList.add('highlight'); }
    for (const g of $('.set, .locale')) if ($('.card:not(.hidden)', g).length) g.classList.remove('hidden');
    if (cards[0]) { cards[0].scrollIntoView({ block: 'center', behavior: 'instant' }); cards[0].querySelector('.thumb').focus({ preventScroll: true }); }
  }
  for (const f of $('#findings .finding[data-target]')) {
    f.addEventListener('click', (e) => { if (!e.target.closest('a')) highlight(f); });
    f.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); highlight(f); } });
  }
  const dlg = document.getElementById('viewer'), full = dlg.querySelector('img'), cap = document.getElementById('viewer-caption'), open = document.getElementById('viewer-open');
  for (const t of $('.thumb')) t.addEventListener('click', () => {
    const card = t.closest('.card');
    full.src = t.dataset.full; full.alt = t.querySelector('img').alt;
    cap.textContent = card.dataset.path; open.href = t.dataset.full;
    dlg.showModal();
  });
  dlg.addEventListener('click', (e) => { if (e.target === dlg || e.target.closest('.close')) dlg.close(); });
  apply();
})();`;

const SCRIPT_HASH = `sha256-${sha256(SCRIPT, 'base64')}`;

/** The page for a report. `title` names the run (the app, the manifest). */
export function renderReportHtml(report: Report, opts: { title?: string } = {}): string {
  const { images, findings, summary } = report;
  const byPath = new Map<string, number>();
  images.forEach((img, n) => byPath.set(img.path, n));
  // Which cards a finding points at: its image, else every image of its set (locale + preset).
  const targets = findings.map((f) => {
    if (f.path !== undefined && byPath.has(f.path)) return [`img-${byPath.get(f.path)}`];
    if (f.locale === undefined && f.preset === undefined) return [];
    return images.flatMap((img, n) =>
      (f.locale === undefined || img.locale === f.locale) && (f.preset === undefined || img.preset === f.preset)
        ? [`img-${n}`]
        : [],
    );
  });
  const perImage = new Map<number, Array<{ f: Finding; i: number }>>();
  findings.forEach((f, i) => {
    if (f.path === undefined) return;
    const n = byPath.get(f.path);
    if (n === undefined) return;
    perImage.set(n, [...(perImage.get(n) ?? []), { f, i }]);
  });

  const locales = [...new Set(images.map((i) => i.locale).concat(findings.flatMap((f) => f.locale ?? [])))];
  const presets = [...new Set(images.map((i) => i.preset).concat(findings.flatMap((f) => f.preset ?? [])))];
  const option = (v: string) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`;

  const gallery = locales
    .filter((l) => images.some((i) => i.locale === l))
    .map((locale) => {
      const sets = presets
        .map((preset) => {
          const list = images
            .map((img, n) => ({ img, n }))
            .filter(({ img }) => img.locale === locale && img.preset === preset);
          if (!list.length) return '';
          list.sort((a, b) => a.img.index - b.img.index);
          return `<div class="set" data-locale="${escapeHtml(locale)}" data-preset="${escapeHtml(preset)}"><h3>${escapeHtml(preset)}</h3><div class="grid">${list.map(({ img, n }) => cardHtml(img, n, perImage.get(n) ?? [])).join('\n')}</div></div>`;
        })
        .join('\n');
      return `<section class="locale" data-locale="${escapeHtml(locale)}"><h2>${escapeHtml(locale)}</h2>${sets}</section>`;
    })
    .join('\n');

  const title = opts.title ? `storeshots report: ${opts.title}` : 'storeshots report';
  return `${pageHead(title, STYLE, SCRIPT_HASH)}<header>
<h1>${escapeHtml(title)}</h1>
<div class="summary"><span>${summary.images} image(s)</span><span>${summary.rendered} rendered</span><span>${summary.cached} cached</span><span class="${summary.errors ? 'e' : ''}">${summary.errors} error(s)</span><span class="${summary.warnings ? 'w' : ''}">${summary.warnings} warning(s)</span></div>
<div class="filters">
<label>Severity <select id="f-severity"><option value="all">all</option><option value="error">errors</option><option value="warning">warnings</option><option value="any">with findings</option><option value="clean">without findings</option></select></label>
<label>Locale <select id="f-locale"><option value="all">all</option>${locales.map(option).join('')}</select></label>
<label>Preset <select id="f-preset"><option value="all">all</option>${presets.map(option).join('')}</select></label>
</div>
</header>
<main>
<h2>Findings</h2>
<ol id="findings">${findings.map((f, i) => findingHtml(f, i, targets[i]!.join(' ') || undefined)).join('\n')}</ol>
<p id="findings-none" class="none">No findings${findings.length ? ' match the filters' : ': every image passed the store rules'}.</p>
<div id="gallery">${gallery || '<p class="none">No images in this run.</p>'}</div>
</main>
<dialog id="viewer" aria-label="Full-size image"><img alt=""><p><span id="viewer-caption"></span><span><a id="viewer-open" target="_blank" rel="noreferrer">Open file</a> <button type="button" class="close">Close</button></span></p></dialog>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The opening of a page that opens from disk: no network, no inline script but the one whose
 * hash is given (a Content-Security-Policy), no referrer. Shared by report.html and diff.html.
 */
export function pageHead(title: string, style: string, scriptHash: string): string {
  const csp = `default-src 'none'; img-src * data: blob:; style-src 'unsafe-inline'; script-src '${scriptHash}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
`;
}
