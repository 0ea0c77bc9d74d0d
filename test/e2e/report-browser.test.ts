import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSimHtml } from '../../src/report/simulation/index.js';
import type { SimReport } from '../../src/simulate/summary.js';
import {
  EXAMPLE,
  HOSTILE,
  hostile,
  kitchenSinkReport,
  simulateProject,
} from '../report/simulation/fixtures.js';

// Debian's Chromium, driven by playwright-core (which downloads no browser of its own). `.ci/run`
// installs it when it is missing; without it these tests show as skipped, with the reason.
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SKIPPED = HAS_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`;

// The flags this machine's Chromium needs: no sandbox as root, and none of the background
// connections a closed network refuses.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-browser-'));
let context: BrowserContext | undefined;
let server: Server | undefined;
let port = 0;
/** Every request the loopback server saw: any is a request the page should not have made. */
const requests: string[] = [];

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('x');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  console: string[];
  dialogs: string[];
}

/** Write `html` to a file and open it over file://, recording console messages and dialogs. */
async function open(name: string, html: string): Promise<Opened> {
  const file = path.join(tmp, `${name}.html`);
  writeFileSync(file, html);
  const page = await context!.newPage();
  const seen: Opened = { page, console: [], dialogs: [] };
  page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return seen;
}

/** What a script in the page would have set, had one run. */
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

describe(`report.html in headless Chromium${SKIPPED}`, () => {
  let example: SimReport;
  beforeAll(async () => {
    if (HAS_CHROMIUM) example = await simulateProject(EXAMPLE);
  });

  it.skipIf(!HAS_CHROMIUM)(
    'renders each sentiment chart with a point per turn, at a visible size',
    async () => {
      const { page, console } = await open('example', formatSimHtml(example));
      expect(await page.title()).toBe('Simulation report: acme-support');
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(example.conversations.length);
      for (const [i, c] of example.conversations.entries()) {
        const chart = charts.nth(i);
        const box = (await chart.boundingBox())!;
        expect(box.width).toBeGreaterThan(300);
        expect(box.height).toBeGreaterThan(100);
        const points = chart.locator('circle.point');
        expect(await points.count()).toBe(c.turns);
        for (let j = 0; j < c.turns; j++) {
          const p = (await points.nth(j).boundingBox())!;
          expect(p.width).toBeGreaterThan(5);
          expect(p.x).toBeGreaterThanOrEqual(box.x);
          expect(p.x + p.width).toBeLessThanOrEqual(box.x + box.width + 1);
        }
      }
      // The one style sheet applies (its hash is in the policy): the verdict has its colours, and the
      // page logged no policy violation of its own.
      const verdict = await page.locator('.verdict').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(verdict).toBe('rgb(218, 251, 225)');
      expect(console).toEqual([]);
      await page.close();
    },
  );

  it.skipIf(!HAS_CHROMIUM)('runs no script that a persona, a model or a flow wrote', async () => {
    const fixture = await simulateProject(HOSTILE);
    const payload = `<script>window.__pwned='payload';document.title='pwned';alert('x')</script><img src="http://127.0.0.1:${port}/img.png" onerror="window.__pwned='img'"><iframe src="http://127.0.0.1:${port}/frame"></iframe>]]>--><!--[x](http://127.0.0.1:${port}/link)`;
    for (const [name, report] of [
      ['fixture', fixture],
      ['every-field', hostile(await kitchenSinkReport(), { payload })],
    ] as const) {
      const before = requests.length;
      const { page, dialogs } = await open(name, formatSimHtml(report));
      expect(await pwned(page)).toBeUndefined();
      expect(await page.title()).toBe(`Simulation report: ${report.bot.name}`);
      expect(dialogs).toEqual([]);
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      // The text is there, shown as text.
      expect(await page.locator('h1').textContent()).toBe(report.bot.name);
      expect(await page.locator('body').textContent()).toContain("<script>window.__pwned='");
      expect(await page.locator('svg.chart').count()).toBe(
        report.conversations.filter((c) => c.turns > 0).length,
      );
      expect(requests.slice(before)).toEqual([]);
      await page.close();
    }
  });

  it.skipIf(!HAS_CHROMIUM)(
    'enforces its Content-Security-Policy: a script, a request or a style that got in is blocked',
    async () => {
      const html = formatSimHtml(example);
      // As if escaping had failed: markup straight into the body.
      const injected = [
        `<script>window.__pwned='inline';document.title='pwned'</script>`,
        `<img src="http://127.0.0.1:${port}/tampered.png">`,
        `<link rel="stylesheet" href="http://127.0.0.1:${port}/tampered.css">`,
        `<p id="styled" style="display:none">styled</p>`,
        `<img src="x" onerror="window.__pwned='handler'">`,
      ].join('');
      const tampered = html.replace('<main class="wrap">', `<main class="wrap">${injected}`);
      expect(tampered).not.toBe(html);

      const before = requests.length;
      const { page, console } = await open('tampered', tampered);
      await page.waitForTimeout(200);
      expect(await pwned(page)).toBeUndefined();
      expect(await page.title()).toBe('Simulation report: acme-support');
      expect(await page.locator('#styled').isVisible()).toBe(true);
      expect(requests.slice(before)).toEqual([]);
      const violations = console.filter((m) => /Content Security Policy/.test(m));
      expect(violations.length).toBeGreaterThanOrEqual(3);
      expect(violations.some((m) => /script-src|default-src/.test(m) && /inline script/i.test(m))).toBe(true);
      expect(violations.some((m) => m.includes(`http://127.0.0.1:${port}/tampered.png`))).toBe(true);
      await page.close();

      // The same page without the policy runs the script and makes the requests: the checks above
      // would see it if the policy were missing or weak.
      const open2 = await open(
        'no-policy',
        tampered.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
      );
      await open2.page.waitForTimeout(200);
      expect(await pwned(open2.page)).not.toBeUndefined();
      expect(await open2.page.title()).toBe('pwned');
      expect(requests.slice(before)).toContain('/tampered.png');
      await open2.page.close();
    },
  );
});
