#!/usr/bin/env node
// Make the screenshots of report.html in docs/img/: the example's personas and two stricter ones
// (fixtures/sim-report-demo) that fail, simulated with the scripted player, rendered by Debian's
// Chromium through playwright-core. Run after `npm run build`: node scripts/screenshot-report.js
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-shot-'));
const out = path.join(tmp, 'report');
try {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'bin/tact.js'),
      'simulate',
      'flows',
      '--personas',
      'fixtures/sim-report-demo/personas',
      '--runs',
      '3',
      '--report',
      out,
      '--quiet',
    ],
    { cwd: root, stdio: 'ignore' },
  );
} catch (err) {
  if (err.status !== 1) throw err; // the demo personas fail on purpose
}
const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 1400 },
  deviceScaleFactor: 1,
});
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
  await page.screenshot({
    path: path.join(root, 'docs/img/sim-report.png'),
    clip: { x: 0, y: 0, width: 1280, height: 1400 },
  });
  await page
    .locator('article.conv.fail')
    .first()
    .screenshot({ path: path.join(root, 'docs/img/sim-report-conversation.png') });
} finally {
  await context.close();
  rmSync(tmp, { recursive: true, force: true });
}
