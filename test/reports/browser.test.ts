import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONJECTURES, Registry } from '../../conjectures/registry.js';
import { writeSweepArtifacts } from '../../harness/explain/artifacts.js';
import { config, sweep } from '../support/sweep-fixtures.js';

/**
 * The reports in a real browser (Debian's chromium through playwright-core;
 * `.ci/run` installs it). Screenshots go to test-output/screenshots.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const title = available
  ? `reports in headless Chromium (${CHROMIUM})`
  : `reports in headless Chromium — SKIPPED: no browser at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH)`;
const SHOTS = new URL('../../test-output/screenshots/', import.meta.url).pathname;

describe.skipIf(!available)(title, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const c = config(`{ name: "browser", conjectures: ["componentwise-dominance", "token-balance", "v-dominance", "delta-argmax-ge-argmin"],
      grid: { l0: [1, 4, 12], lA: [1, 2], lB: [2, 3, 4], B: [60], lambdaA: [1], lambdaB: [1, 2], init: ["canonical"], steps: 20 } }`);
    const run = await sweep({ config: c });
    dir = run.outDir;
    await writeSweepArtifacts(dir, run.summary, new Registry(CONJECTURES), ['html']);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page, collecting console errors and uncaught page errors. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    return { page, errors };
  }

  /** Every chart figure holds a visible SVG with drawn marks. */
  async function chartsRendered(page: Page): Promise<{ name: string; width: number; height: number; marks: number }[]> {
    return page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          name: f.getAttribute('data-chart') ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark text, .role-mark rect').length : 0,
        };
      }),
    );
  }

  it('renders every chart of index.html, without console errors', async () => {
    const { page, errors } = await open(join(dir, 'index.html'));
    const charts = await chartsRendered(page);
    expect(charts.length).toBeGreaterThanOrEqual(8);
    for (const c of charts) {
      expect(c.width, c.name).toBeGreaterThan(50);
      expect(c.height, c.name).toBeGreaterThan(50);
      expect(c.marks, c.name).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'sweep-index.png'), fullPage: true });
  });

  it('renders every chart of a counterexample page, without console errors', async () => {
    const { page, errors } = await open(join(dir, 'counterexamples', 'componentwise-dominance', 'index.html'));
    const charts = await chartsRendered(page);
    expect(charts.map((c) => c.name)).toEqual(['spreads', 'delta-heatmap', 'admissions', 'evictions-by-stage', 'states-at-failure']);
    for (const c of charts) {
      expect(c.width, c.name).toBeGreaterThan(50);
      expect(c.marks, c.name).toBeGreaterThan(0);
    }
    expect(await page.textContent('h1')).toContain('componentwise-dominance');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'counterexample.png'), fullPage: true });
  });
});
