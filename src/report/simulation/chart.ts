import type { ConversationResult, TranscriptLine } from '../../simulate/types.js';
import { failedExpectations, formatScore, labelWords } from './common.js';
import { escapeHtml as h, oneLine } from './escape.js';

/** Geometry of the sentiment chart, in SVG user units (it scales with the page). */
const W = 560;
const H = 200;
const LEFT = 46;
const RIGHT = 14;
const TOP = 12;
const BOTTOM = 30;

const LABEL_CLASS: Record<string, string> = {
  positive: 'pos',
  neutral: 'neu',
  negative: 'neg',
  very_negative: 'vneg',
};

const round = (n: number) => Math.round(n * 10) / 10;

const snippet = (text: string) => {
  const t = oneLine(text);
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
};

/**
 * The customer's sentiment over the turns, drawn at report time as inline SVG (no script): a line
 * through one point per customer turn on a −1…+1 scale, points coloured and titled by label, the
 * turn the customer asked for a person and the turns of failed expectations marked. A text
 * alternative (title and desc) says the same for screen readers; `idBase` keeps ids unique.
 */
export function sentimentChart(c: ConversationResult, idBase: string): string {
  const points = c.transcript.filter(
    (l): l is TranscriptLine & { sentiment: NonNullable<TranscriptLine['sentiment']> } =>
      l.from === 'customer' && l.sentiment !== undefined,
  );
  if (points.length === 0) return '<p class="muted">No customer turn to chart.</p>';
  const maxTurn = Math.max(...points.map((p) => p.turn), 1);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const x = (turn: number) =>
    round(maxTurn === 1 ? LEFT + plotW / 2 : LEFT + ((turn - 1) / (maxTurn - 1)) * plotW);
  const y = (score: number) => round(TOP + ((1 - Math.max(-1, Math.min(1, score))) / 2) * plotH);

  const parts: string[] = [];
  const titleId = `${idBase}-chart-title`;
  const descId = `${idBase}-chart-desc`;
  const description = points
    .map((p) => `turn ${p.turn}: ${formatScore(p.sentiment.score)} ${labelWords(p.sentiment.label)}`)
    .join('; ');
  parts.push(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${titleId} ${descId}" data-points="${points.length}">`,
    `<title id="${titleId}">Customer sentiment over ${points.length} turn${points.length === 1 ? '' : 's'}</title>`,
    `<desc id="${descId}">${h(description)}</desc>`,
    `<rect class="band-neg" x="${LEFT}" y="${y(0)}" width="${plotW}" height="${round(y(-1) - y(0))}" />`,
  );
  for (const v of [1, 0.5, 0, -0.5, -1]) {
    parts.push(
      `<line class="${v === 0 ? 'axis' : 'grid'}" x1="${LEFT}" x2="${W - RIGHT}" y1="${y(v)}" y2="${y(v)}" />`,
      `<text class="tick" x="${LEFT - 8}" y="${round(y(v) + 4)}" text-anchor="end">${v > 0 ? `+${v}` : v}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(maxTurn / 12));
  for (let t = 1; t <= maxTurn; t += step)
    parts.push(`<text class="tick" x="${x(t)}" y="${H - BOTTOM + 16}" text-anchor="middle">${t}</text>`);
  parts.push(
    `<text class="axis-label" x="${LEFT + plotW / 2}" y="${H - 3}" text-anchor="middle">customer turn</text>`,
  );

  const marker = (turn: number, cls: string, label: string) => {
    if (turn < 1 || turn > maxTurn) return;
    parts.push(
      `<line class="${cls}" x1="${x(turn)}" x2="${x(turn)}" y1="${TOP}" y2="${TOP + plotH}"><title>${h(label)}</title></line>`,
    );
  };
  if (c.humanAskedAt !== undefined)
    marker(c.humanAskedAt, 'mark-human', `turn ${c.humanAskedAt}: asked for a person`);
  for (const e of failedExpectations(c))
    if (e.turn !== undefined)
      marker(Math.min(e.turn, maxTurn), 'mark-fail', `turn ${e.turn}: ${e.name} failed`);

  if (points.length > 1)
    parts.push(
      `<polyline class="line" points="${points.map((p) => `${x(p.turn)},${y(p.sentiment.score)}`).join(' ')}" />`,
    );
  for (const p of points) {
    const cls = LABEL_CLASS[p.sentiment.label] ?? 'neu';
    parts.push(
      `<circle class="point ${cls}" cx="${x(p.turn)}" cy="${y(p.sentiment.score)}" r="5" data-turn="${p.turn}"><title>${h(
        `turn ${p.turn}: ${formatScore(p.sentiment.score)} ${labelWords(p.sentiment.label)}: “${snippet(p.text)}”`,
      )}</title></circle>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** A small horizontal bar for a ratio 0..1, beside the number it shows (hidden from screen readers). */
export function meter(ratio: number, cls = ''): string {
  const w = 96;
  const fill = Math.round(Math.max(0, Math.min(1, ratio)) * w);
  return `<svg class="meter ${cls}" viewBox="0 0 ${w} 10" width="${w}" height="10" aria-hidden="true" focusable="false"><rect class="meter-bg" width="${w}" height="10" rx="2" />${fill > 0 ? `<rect class="meter-fg" width="${fill}" height="10" rx="2" />` : ''}</svg>`;
}
