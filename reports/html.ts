import { approximate, isIntegerText } from './decimal.js';
import { approxDecimal, shortDecimal } from './number-format.js';

/** Small helpers for the self-contained HTML pages (no scripts, no external resources). */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A chart: its inline SVG in a figure the browser test can find. */
export function figure(name: string, svg: string, caption = ''): string {
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${svg}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}

const STYLE = `
  body { font: 14px/1.45 sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05rem; }
  table { border-collapse: collapse; margin: .6rem 0; } th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f5f5f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  code, pre { font-family: monospace; font-size: 12px; }
  pre { background: #f7f7f7; padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  .status { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-weight: 600; color: white; }
  .refuted { background: #c62828; } .verified { background: #2e7d32; } .sampled { background: #558b2f; } .inconclusive { background: #6d6d6d; }
  .met { background: #2e7d32; } .unmet { background: #c62828; }
  .approx { border-bottom: 1px dotted #888; cursor: help; }
  .warning { background: #fff3cd; border: 1px solid #f0d060; padding: .4rem .6rem; }
  figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%; height: auto; } figcaption { color: #555; font-size: 12px; }
  .charts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

export function statusBadge(status: string): string {
  return `<span class="status ${escapeHtml(status)}">${escapeHtml(status.toUpperCase())}</span>`;
}

/** A margin: a short decimal, the exact value in its title (tooltip) and, abbreviated, beside it. */
export function marginValue(text: string, max = 48): string {
  const approx = approxDecimal(text);
  if (approx === text) return `<code>${escapeHtml(text)}</code>`;
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `<span class="approx" title="exact: ${escapeHtml(text)}">${escapeHtml(approx)}</span> <small>(exact <code title="${escapeHtml(text)}">${escapeHtml(shown)}</code>)</small>`;
}

/** An exact value ("p/q"), abbreviated when long (the full value in its title), with its decimal approximation. */
export function exactValue(text: string, max = 48): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const value = approximate(text);
  // Beyond the doubles' range (10⁴⁰⁰, 10⁻⁴⁰⁰) a double shows Infinity or 0: the decimal is then formed from the exact value.
  const inRange = value !== null && Number.isFinite(value) && value !== 0;
  const decimal = value !== null && !isIntegerText(text) ? ` ≈ ${inRange ? value.toPrecision(6) : shortDecimal(text, 6)}` : '';
  return `<code title="${escapeHtml(text)}">${escapeHtml(shown)}</code>${decimal}`;
}
