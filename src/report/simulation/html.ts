import { createHash } from 'node:crypto';
import { TOOL_NAME, TOOL_VERSION } from '../../meta.js';
import type { SimReport } from '../../simulate/summary.js';
import { type ConversationResult, OUTCOMES, type TranscriptLine } from '../../simulate/types.js';
import { meter, sentimentChart } from './chart.js';
import {
  actionWords,
  conversationSlug,
  endWords,
  failedExpectations,
  failuresByLine,
  formatScore,
  labelWords,
  pct,
  plural,
  statusWord,
  transcriptPath,
} from './common.js';
import { escapeHtml as h } from './escape.js';

/**
 * The page's only style sheet. The Content-Security-Policy allows exactly this text (by its
 * SHA-256) and nothing else: no script, no other style, no image, font, frame or connection.
 */
const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--pass:#116329;--pass-bg:#dafbe1;--fail:#a40e26;--fail-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;--info:#0550ae;--info-bg:#ddf4ff;--accent:#0969da}
*{box-sizing:border-box}
html{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
body{margin:0}
a{color:var(--accent)}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.skip-link{position:absolute;left:-9999px}
.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header.top{background:var(--soft);border-bottom:1px solid var(--line)}
.wrap{max-width:1120px;margin:0 auto;padding:0 1.5rem}
header.top .wrap{padding-top:1.5rem;padding-bottom:1.25rem}
.eyebrow{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.04em;text-transform:uppercase}
h1{margin:.15rem 0 .35rem;font-size:1.75rem;line-height:1.25}
h2{margin:2.25rem 0 .75rem;font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{margin:0;font-size:1.1rem}
h4{margin:1rem 0 .4rem;font-size:.95rem}
.meta{margin:0;color:var(--muted)}
.verdict{margin:1rem 0 0;padding:.6rem .9rem;border-radius:6px;font-weight:600;border:1px solid}
.verdict.pass{background:var(--pass-bg);color:var(--pass);border-color:#aceebb}
.verdict.fail{background:var(--fail-bg);color:var(--fail);border-color:#ffcecb}
.privacy{margin:.6rem 0 0;color:var(--muted);font-size:.9rem}
.privacy.shown{color:var(--warn);font-weight:600}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(7.4rem,1fr));gap:.6rem;margin:0 0 1.25rem}
.tiles div{border:1px solid var(--line);border-radius:6px;padding:.55rem .7rem}
.tiles dt{color:var(--muted);font-size:.85rem}
.tiles dd{margin:0;font-size:1.45rem;font-weight:600;font-variant-numeric:tabular-nums}
.tiles dd small{display:block;font-size:.78rem;font-weight:400;color:var(--muted)}
.tiles .bad dd{color:var(--fail)}
.tiles .good dd{color:var(--pass)}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem;font-variant-numeric:tabular-nums}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding-bottom:.35rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);font-size:.85rem;color:var(--muted);font-weight:600;border-bottom:1px solid #afb8c1}
td.num,th.num{text-align:right}
table.narrow{width:auto;min-width:min(100%,34rem)}
.nowrap,tbody th{white-space:nowrap}
td.rate{white-space:nowrap}
tbody th{font-weight:600}
code{font:.88em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);border-radius:4px;padding:.05em .3em;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap;border:1px solid transparent}
.badge.pass{background:var(--pass-bg);color:var(--pass);border-color:#aceebb}
.badge.fail,.badge.error{background:var(--fail-bg);color:var(--fail);border-color:#ffcecb}
.badge.none{background:var(--soft);color:var(--muted);border-color:var(--line)}
.flag{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .45rem;border-radius:4px;font-size:.78rem;font-weight:600;white-space:nowrap}
.flag.warn{background:var(--warn-bg);color:var(--warn)}
.flag.bad{background:var(--fail-bg);color:var(--fail)}
.flag.info{background:var(--info-bg);color:var(--info)}
.flag.plain{background:var(--soft);color:var(--muted);font-weight:400}
.meter{vertical-align:middle;margin-right:.4rem}
.meter-bg{fill:#e6eaef}
.meter-fg{fill:#1a7f37}
.meter.low .meter-fg{fill:#cf222e}
.meter.mid .meter-fg{fill:#bf8700}
.meter.neutral .meter-fg{fill:#0969da}
.steps{margin:.25rem 0 1rem;padding-left:1.2rem}
.steps li{margin:.15rem 0}
.routes{columns:3 18rem;margin:.25rem 0 1rem;padding-left:1.2rem;font-size:.9rem}
.failures{padding-left:1.2rem}
.failures li{margin:.35rem 0}
.conv{border:1px solid var(--line);border-radius:8px;margin:1.25rem 0;padding:1rem 1.1rem}
.conv.fail{border-left:5px solid #cf222e}
.conv.pass{border-left:5px solid #1a7f37}
.conv-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem}
.facts{margin:.35rem 0 0;color:var(--muted);font-size:.92rem}
.goal{margin:.35rem 0 0}
.conv-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}
figure{margin:.5rem 0 0}
figcaption{color:var(--muted);font-size:.82rem}
.chart{width:100%;max-width:560px;height:auto;display:block}
.chart .band-neg{fill:#fff1f0}
.chart .grid{stroke:#e6eaef;stroke-width:1}
.chart .axis{stroke:#8c959f;stroke-width:1}
.chart .tick,.chart .axis-label{fill:#59636e;font-size:12px}
.chart .line{fill:none;stroke:#0969da;stroke-width:2}
.chart .point{stroke:#fff;stroke-width:1.5}
.chart .pos{fill:#1a7f37}
.chart .neu{fill:#6e7781}
.chart .neg{fill:#bc4c00}
.chart .vneg{fill:#cf222e}
.chart .mark-human{stroke:#0969da;stroke-width:1.5;stroke-dasharray:4 3}
.chart .mark-fail{stroke:#cf222e;stroke-width:2;stroke-dasharray:6 3}
.key{display:inline-block;width:.7em;height:.7em;border-radius:50%;vertical-align:baseline;margin-right:.25rem}
.key.pos{background:#1a7f37}.key.neu{background:#6e7781}.key.neg{background:#bc4c00}.key.vneg{background:#cf222e}
.key.human{border-radius:0;width:1em;height:0;border-top:2px dashed #0969da}
.key.failmark{border-radius:0;width:1em;height:0;border-top:2px dashed #cf222e}
.transcript{table-layout:fixed}
.transcript .c-turn{width:3.6rem}.transcript .c-who{width:6.2rem}.transcript .c-step{width:11.5rem}.transcript .c-notes{width:15.5rem}
.transcript td.msg{overflow-wrap:anywhere}
.transcript td.notes{overflow-wrap:anywhere}
.transcript td.notes .flag{white-space:normal}
.transcript tr.customer td,.transcript tr.customer th{background:#f5f9ff}
.transcript tr.customer td.msg{font-weight:500}
.transcript td.turn,.transcript th.turn{text-align:right;color:var(--muted)}
.transcript td.who{white-space:nowrap}
.transcript td.step code{overflow-wrap:normal}
.transcript tr.customer td.who{font-weight:600;color:var(--info)}
.transcript tr.fail-row td{background:var(--fail-bg);color:var(--fail);border-bottom:1px solid #ffcecb}
.transcript td.empty{color:var(--muted);font-style:italic}
.masked{background:#eaeef2;border-radius:3px;padding:0 .2em;font-style:italic;color:#424a53}
.back{font-size:.85rem;margin:.25rem 0 0}
footer{margin:3rem 0 2rem;color:var(--muted);font-size:.85rem}
@media (max-width:800px){.conv-grid{grid-template-columns:1fr}.transcript .c-step,.transcript .c-notes{width:auto}.transcript{table-layout:auto}}
.legend{display:inline-block;white-space:nowrap;margin-right:.6rem}
@media print{
html{font-size:10pt}
header.top{background:none;border-bottom:2px solid var(--fg)}
.wrap{max-width:none;padding:0}
.skip-link,.back{display:none}
a{color:inherit;text-decoration:none}
.conv{break-inside:auto;border-width:1px 1px 1px 4px}
.conv-head,h2,h3,h4{break-after:avoid}
tr,figure,.tiles div{break-inside:avoid}
.conv-grid{grid-template-columns:1fr 1fr}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
table{font-size:9pt}
.nowrap,tbody th,td.rate{white-space:normal}
.meter{width:3.5em;height:auto}
.transcript .c-step{width:9rem}.transcript .c-notes{width:11rem}
}
@page{margin:14mm 12mm}
`.trim();

const CSS_HASH = createHash('sha256').update(CSS, 'utf8').digest('base64');

/**
 * The page's policy: nothing may load or run but the one style sheet above. `default-src 'none'`
 * covers scripts (inline ones too), images, fonts, frames, media and connections; `style-src` with
 * the sheet's hash admits that `<style>` element alone (no `style` attributes, no other sheet);
 * `base-uri` and `form-action` close what `default-src` does not.
 */
export const SIM_REPORT_CSP = `default-src 'none'; style-src 'sha256-${CSS_HASH}'; base-uri 'none'; form-action 'none'`;

const LEGEND = [
  ['pos', 'positive'],
  ['neu', 'neutral'],
  ['neg', 'negative'],
  ['vneg', 'very negative'],
  ['human', 'asked for a person'],
  ['failmark', 'failed expectation'],
]
  .map(([cls, label]) => `<span class="legend"><span class="key ${cls}"></span>${label}</span>`)
  .join(' ');

const MASK = /\[hidden: ([a-z0-9_-]+)\]/g;
/** Escaped text, with `[hidden: name]` marked so a reader sees what was masked. */
const text = (s: string) => h(s).replace(MASK, '<span class="masked">[hidden: $1]</span>');

const anchor = (id: string) => `c-${conversationSlug(id)}`;

const rateClass = (ratio: number) => (ratio >= 0.999 ? '' : ratio >= 0.5 ? 'mid' : 'low');

const status = (c: ConversationResult) =>
  c.outcome === 'error'
    ? '<span class="badge error">✗ error</span>'
    : c.passed
      ? '<span class="badge pass">✓ passed</span>'
      : '<span class="badge fail">✗ failed</span>';

/**
 * `report.html`: one self-contained page, readable with no script and no network: the verdict, the
 * summary, pass rates per persona and per mood, coverage with the steps never visited, and each
 * conversation with its expectations, its sentiment chart (inline SVG), and its transcript (the
 * step of each bot message, the flags, each failed expectation at its turn). Every text from the
 * report is escaped; a strict Content-Security-Policy stops anything that would slip through.
 */
export function formatSimHtml(report: SimReport): string {
  const s = report.summary;
  const title = `Simulation report: ${report.bot.name}`;
  const body = [
    `<a class="skip-link" href="#conversations">Skip to the conversations</a>`,
    header(report),
    '<main class="wrap">',
    summarySection(report),
    failuresSection(report),
    personasSection(report),
    moodsSection(report),
    coverageSection(report),
    conversationsSection(report),
    `<footer>Written by ${h(TOOL_NAME)} ${h(TOOL_VERSION)} from report.json (${plural(s.conversations, 'conversation')}). This page runs no script and loads nothing.</footer>`,
    '</main>',
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(SIM_REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(report: SimReport): string {
  const s = report.summary;
  const st = report.settings;
  const engine = report.engine.model ? `${report.engine.name} (${report.engine.model})` : report.engine.name;
  const meta = [
    `engine ${h(engine)}`,
    ...(report.engine.judge ? [`judge ${h(report.engine.judge)}`] : []),
    `${plural(report.personas.length, 'persona')} × ${plural(st.runs, 'run')}`,
    `seed ${st.seed}`,
    `at most ${st.maxTurns} turns`,
    ...(st.shards?.length
      ? [
          `shard${st.shards.length === 1 ? '' : 's'} ${st.shards.map((x) => `${x.index}/${x.total}`).join(', ')}`,
        ]
      : []),
    `bot <code>${h(report.bot.hash.slice(0, 19))}…</code>`,
  ];
  const verdict =
    s.conversations === 0
      ? '<p class="verdict fail">No conversation ran.</p>'
      : s.failed === 0
        ? `<p class="verdict pass">✓ All ${plural(s.conversations, 'conversation')} passed.</p>`
        : `<p class="verdict fail">✗ ${s.failed} of ${plural(s.conversations, 'conversation')} failed${s.errors ? ` (${s.errors} could not run)` : ''}.</p>`;
  const privacy = st.showPersonal
    ? '<p class="privacy shown">This report shows personal data (--show-personal). Do not share it.</p>'
    : '<p class="privacy">Data marked personal in the flows is masked: <span class="masked">[hidden: name]</span>.</p>';
  return `<header class="top"><div class="wrap"><p class="eyebrow">tact simulate</p><h1>${h(report.bot.name)}</h1><p class="meta">${meta.join(' · ')}</p>${verdict}${privacy}</div></header>`;
}

function summarySection(report: SimReport): string {
  const s = report.summary;
  const tile = (label: string, value: string, cls = '') =>
    `<div${cls ? ` class="${cls}"` : ''}><dt>${label}</dt><dd>${value}</dd></div>`;
  const tiles = [
    tile('Conversations', String(s.conversations)),
    tile('Passed', String(s.passed), s.passed > 0 ? 'good' : ''),
    tile('Failed', `${s.failed}<small>${s.errors} could not run</small>`, s.failed > 0 ? 'bad' : ''),
    tile('Pass rate', pct(s.passRate), s.failed > 0 ? 'bad' : 'good'),
    tile('Turns', `${s.turns.mean}<small>mean; ${s.turns.max} at most</small>`),
    tile('Fallbacks', String(s.fallbacks)),
    tile('Tone mismatches', String(s.toneMismatches), s.toneMismatches > 0 ? 'bad' : ''),
    tile('Repeated asks', String(s.repeatedAsks)),
    ...(s.notRun > 0 ? [tile('Not run (stopped)', String(s.notRun), 'bad')] : []),
  ];
  const rows = OUTCOMES.map((o) => {
    const n = s.outcomes[o];
    const share = s.conversations ? n / s.conversations : 0;
    return `<tr><th scope="row">${o}</th><td class="num">${n}</td><td>${meter(share, 'neutral')}${pct(share)}</td></tr>`;
  });
  return [
    '<section aria-labelledby="summary"><h2 id="summary">Summary</h2>',
    `<dl class="tiles">${tiles.join('')}</dl>`,
    '<h3>Outcomes</h3>',
    '<table class="narrow"><caption>How the conversations ended</caption><thead><tr><th scope="col">Outcome</th><th scope="col" class="num">Conversations</th><th scope="col">Share</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function failuresSection(report: SimReport): string {
  const failed = report.conversations.filter((c) => !c.passed);
  if (failed.length === 0) return '';
  const items = failed.map((c) => {
    const why =
      c.outcome === 'error'
        ? `could not run: ${text(c.error ?? 'unknown')}`
        : failedExpectations(c)
            .map(
              (e) =>
                `<code>${h(e.name)}</code>${e.turn !== undefined ? ` at turn ${e.turn}` : ''}: ${text(e.message)}`,
            )
            .join('; ');
    return `<li><a href="#${anchor(c.id)}">${h(c.id)}</a> <span class="muted">(${h(c.mood)})</span>: ${why}</li>`;
  });
  return `<section aria-labelledby="failures"><h2 id="failures">Failures</h2><ol class="failures">${items.join('')}</ol></section>`;
}

function personasSection(report: SimReport): string {
  const rows = report.personas.map((p) => {
    const outcomes = OUTCOMES.filter((o) => p.outcomes[o] > 0)
      .map((o) => `${o} ${p.outcomes[o]}`)
      .join(', ');
    const failures = Object.entries(p.failures)
      .map(([name, n]) => `<span class="flag bad">${h(name)} ×${n}</span>`)
      .join('');
    const rate = p.conversations
      ? `${meter(p.passRate, rateClass(p.passRate))}${pct(p.passRate)}`
      : '<span class="muted">not run</span>';
    return `<tr><th scope="row">${h(p.id)}</th><td>${h(p.mood)}</td><td>${text(p.goal)}</td><td class="num">${p.passed}/${p.conversations}</td><td class="rate">${rate}</td><td class="nowrap">${h(outcomes) || '<span class="muted">—</span>'}</td><td>${failures || '<span class="muted">—</span>'}</td></tr>`;
  });
  return [
    '<section aria-labelledby="personas"><h2 id="personas">Pass rate by persona</h2>',
    '<table><thead><tr><th scope="col">Persona</th><th scope="col">Mood</th><th scope="col">Goal</th><th scope="col" class="num">Passed</th><th scope="col">Pass rate</th><th scope="col">Outcomes</th><th scope="col">Failed expectations</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

function moodsSection(report: SimReport): string {
  const rows = report.moods.map(
    (m) =>
      `<tr><th scope="row">${h(m.mood)}</th><td class="num">${m.conversations}</td><td class="num">${m.passed}</td><td class="rate">${meter(m.passRate, rateClass(m.passRate))}${pct(m.passRate)}</td></tr>`,
  );
  return [
    '<section aria-labelledby="moods"><h2 id="moods">Pass rate by mood</h2>',
    '<table class="narrow"><thead><tr><th scope="col">Mood</th><th scope="col" class="num">Conversations</th><th scope="col" class="num">Passed</th><th scope="col">Pass rate</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

/** Qualified ids (`flow/step`) grouped by flow. */
function byFlow(ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of ids) {
    const slash = id.indexOf('/');
    const flow = slash > 0 ? id.slice(0, slash) : '';
    out.set(flow, [...(out.get(flow) ?? []), slash > 0 ? id.slice(slash + 1) : id]);
  }
  return out;
}

function coverageSection(report: SimReport): string {
  const c = report.coverage;
  const out = [
    '<section aria-labelledby="coverage"><h2 id="coverage">Coverage</h2>',
    '<table class="narrow"><thead><tr><th scope="col">Of the bot’s</th><th scope="col" class="num">Reached</th><th scope="col" class="num">Total</th><th scope="col">Share</th></tr></thead><tbody>',
    `<tr><th scope="row">steps visited</th><td class="num">${c.steps.visited}</td><td class="num">${c.steps.total}</td><td>${meter(c.steps.ratio, 'neutral')}${pct(c.steps.ratio)}</td></tr>`,
    `<tr><th scope="row">routes taken</th><td class="num">${c.routes.taken}</td><td class="num">${c.routes.total}</td><td>${meter(c.routes.ratio, 'neutral')}${pct(c.routes.ratio)}</td></tr>`,
    '</tbody></table>',
  ];
  out.push(`<h3>Steps never visited (${c.unvisited.length})</h3>`);
  if (c.unvisited.length === 0) out.push('<p>Every step was visited.</p>');
  else {
    const items = [...byFlow(c.unvisited)].map(
      ([flow, steps]) =>
        `<li>${flow ? `<strong>${h(flow)}</strong>: ` : ''}${steps.map((st) => `<code>${h(st)}</code>`).join(', ')}</li>`,
    );
    out.push(`<ul class="steps">${items.join('')}</ul>`);
  }
  out.push(`<h3>Routes never taken (${c.untaken.length})</h3>`);
  if (c.untaken.length === 0) out.push('<p>Every route was taken.</p>');
  else out.push(`<ul class="routes">${c.untaken.map((r) => `<li><code>${h(r)}</code></li>`).join('')}</ul>`);
  out.push('</section>');
  return out.join('\n');
}

function conversationsSection(report: SimReport): string {
  const rows = report.conversations.map(
    (c) =>
      `<tr><th scope="row"><a href="#${anchor(c.id)}">${h(c.id)}</a></th><td>${h(c.mood)}</td><td>${h(c.outcome)}</td><td class="num">${c.turns}</td><td class="num">${c.fallbacks}</td><td>${status(c)}</td></tr>`,
  );
  return [
    '<section aria-labelledby="conversations"><h2 id="conversations">Conversations</h2>',
    report.conversations.length === 0
      ? '<p>No conversation ran.</p>'
      : `<table><thead><tr><th scope="col">Conversation</th><th scope="col">Mood</th><th scope="col">Outcome</th><th scope="col" class="num">Turns</th><th scope="col" class="num">Fallbacks</th><th scope="col">Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    ...report.conversations.map((c) => conversation(report, c)),
    '</section>',
  ].join('\n');
}

function conversation(report: SimReport, c: ConversationResult): string {
  const id = anchor(c.id);
  const persona = report.personas.find((p) => p.id === c.persona);
  const end = endWords(c);
  const facts = [
    h(c.mood),
    `${h(end.text)}${end.error ? `: ${text(end.error)}` : ''}`,
    plural(c.turns, 'turn'),
    plural(c.fallbacks, 'fallback'),
    ...(c.humanAskedAt !== undefined ? [`asked for a person at turn ${c.humanAskedAt}`] : []),
    ...(c.handoff
      ? [
          `handoff at <code>${h(c.handoff.step)}</code>${c.handoff.queue ? ` to <code>${h(c.handoff.queue)}</code>` : ''}: ${text(c.handoff.reason)}`,
        ]
      : []),
    ...(c.judge ? [`empathy ${c.judge.score} of 5`] : []),
    `seed ${c.seed}`,
  ];
  const out = [
    `<article class="conv ${c.passed ? 'pass' : 'fail'}" id="${id}" aria-labelledby="${id}-h">`,
    `<div class="conv-head">${status(c)}<h3 id="${id}-h">${h(c.id)}</h3></div>`,
    `<p class="facts">${facts.join(' · ')}</p>`,
  ];
  if (persona?.goal) out.push(`<p class="goal"><strong>Goal:</strong> ${text(persona.goal)}</p>`);
  if (c.judge?.reasons.length)
    out.push(`<p class="goal"><strong>The judge:</strong> ${c.judge.reasons.map(text).join(' · ')}</p>`);
  out.push('<div class="conv-grid"><div>', `<h4>Expectations</h4>${expectations(c)}`, '</div>');
  out.push(
    `<figure><h4 id="${id}-s">Sentiment</h4>${sentimentChart(c, id)}<figcaption>One point per customer turn, from −1 (very negative) to +1 (positive). ${LEGEND}</figcaption></figure>`,
    '</div>',
  );
  out.push(`<h4>Transcript</h4>${transcript(c)}`);
  out.push(
    `<p class="back"><a href="#conversations">Back to the conversations</a> · <code>${h(transcriptPath(c.id))}</code></p>`,
    '</article>',
  );
  return out.join('\n');
}

function expectations(c: ConversationResult): string {
  if (c.expectations.length === 0) return '<p class="muted">None.</p>';
  const rows = c.expectations.map((e) => {
    const word = statusWord(e);
    const badge =
      word === 'passed'
        ? '<span class="badge pass">✓ passed</span>'
        : word === 'failed'
          ? '<span class="badge fail">✗ failed</span>'
          : '<span class="badge none">– not checked</span>';
    return `<tr><th scope="row"><code>${h(e.name)}</code></th><td>${badge}</td><td>${text(e.message)}${e.turn !== undefined && e.passed === false ? ` <span class="muted">(turn ${e.turn})</span>` : ''}</td></tr>`;
  });
  return `<table><thead><tr><th scope="col">Expectation</th><th scope="col">Result</th><th scope="col">What happened</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function notes(line: TranscriptLine): string {
  const out: string[] = [];
  if (line.sentiment) {
    const bad = line.sentiment.label === 'very_negative' || line.sentiment.label === 'negative';
    out.push(
      `<span class="flag ${bad ? 'bad' : 'plain'}">sentiment ${formatScore(line.sentiment.score)} ${h(labelWords(line.sentiment.label))}</span>`,
    );
  }
  if (line.intent && line.intent.name !== 'none')
    out.push(
      `<span class="flag plain">intent <code>${h(line.intent.name)}</code> ${line.intent.score.toFixed(2)}</span>`,
    );
  if (line.wantsHuman) out.push('<span class="flag info">asked for a person</span>');
  if (line.fallback) out.push('<span class="flag warn">fallback</span>');
  if (line.toneMismatch) out.push('<span class="flag bad">tone mismatch</span>');
  if (line.repeatedAsk) out.push('<span class="flag warn">repeated ask</span>');
  if (line.from === 'bot' && line.tone && line.tone !== 'neutral' && line.text)
    out.push(`<span class="flag plain">tone ${h(line.tone)}</span>`);
  if (line.action) out.push(`<span class="flag plain">${text(actionWords(line.action))}</span>`);
  return out.join(' ');
}

function transcript(c: ConversationResult): string {
  const failures = failuresByLine(c);
  const rows: string[] = [];
  const failRows = (i: number) => {
    for (const e of failures.get(i) ?? [])
      rows.push(
        `<tr class="fail-row"><td colspan="5"><strong>✗ ${h(e.name)} failed${e.turn !== undefined ? ` at turn ${e.turn}` : ''}:</strong> ${text(e.message)}</td></tr>`,
      );
  };
  failRows(-1);
  c.transcript.forEach((line, i) => {
    const who = line.from === 'bot' ? 'Bot' : 'Customer';
    const msg = line.text ? text(line.text) : '—';
    const step = line.from === 'bot' ? `<code>${h(line.step).replace('/', '/<wbr>')}</code>` : '';
    rows.push(
      `<tr class="${line.from === 'bot' ? 'bot' : 'customer'}"><td class="turn">${line.turn}</td><td class="who">${who}</td><td class="msg${line.text ? '' : ' empty'}">${msg}</td><td class="step">${step}</td><td class="notes">${notes(line)}</td></tr>`,
    );
    failRows(i);
  });
  if (c.transcript.length === 0) return '<p class="muted">Nothing was said.</p>';
  return `<table class="transcript"><colgroup><col class="c-turn"><col class="c-who"><col class="c-msg"><col class="c-step"><col class="c-notes"></colgroup><thead><tr><th scope="col" class="turn">Turn</th><th scope="col">Who</th><th scope="col">Message</th><th scope="col" class="step">Step</th><th scope="col">Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
