import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import type { CoverageReport } from '../../src/coverage/coverage-model';
import { startReferenceServer } from '../../src/server';

/**
 * The reports as a person sees them: run the suite against a target with a fault (so some tests fail
 * and an undocumented status shows up), serve the reports folder over loopback HTTP, open the HTML
 * report and coverage.html in Debian's chromium and check that the test count, a failed test's
 * attachments (with the coverage matrix among them) and the matrix itself render. Screenshots go to
 * reports/screenshots/ (a CI artifact).
 */

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT, 'reports', 'screenshots');
const FAULT = 'show-all-418';

test('the HTML report and coverage.html render: counts, a failed test with attachments, the matrix', async () => {
  test.skip(
    !fs.existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
  test.setTimeout(8 * 60_000);
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-renders-'));
  const target = await startReferenceServer({ fault: FAULT, log: () => undefined });
  let browser: Browser | undefined;
  const site = await serveStatic(reportsDir);
  try {
    const run = await runSuite({ baseUrl: target.url, accessToken: target.adminToken, reportsDir, timeoutMs: 5 * 60_000 });
    expect(run.timedOut, 'the suite run finished in time').toBe(false);
    const coverage = JSON.parse(fs.readFileSync(path.join(reportsDir, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(coverage.summary.contractFailures, `the faulty target (${FAULT}) failed some tests`).toBeGreaterThan(0);
    const total = coverage.summary.tests.total;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const offsite: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(site.url) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) offsite.push(req.url());
    });

    // 1. The report's front page shows the run's counts.
    await page.goto(`${site.url}/html/index.html`);
    const all = page.locator('.subnav-item', { hasText: 'All' });
    await expect(all).toContainText(String(total));
    await expect(page.locator('.subnav-item', { hasText: 'Failed' })).toContainText(String(coverage.summary.tests.failed));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'html-report-index.png'), fullPage: false });

    // 2. A failed test shows its error and its attachments, coverage.html among them.
    await page.goto(`${site.url}/html/index.html#?q=s:failed`);
    const failedTitle =
      coverage.failures
        .find((f) => f.kind === 'contract')
        ?.title.split(' › ')
        .pop() ?? '';
    await page.getByText(failedTitle, { exact: false }).first().click();
    await expect(page.getByText('contract-observations').first()).toBeVisible();
    const coverageLink = page.getByRole('link', { name: 'coverage.html' }).first();
    await expect(coverageLink).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'html-report-failed-test.png'), fullPage: true });

    // 3. The attachment link opens the matrix (from the report's data folder).
    const href = await coverageLink.getAttribute('href');
    expect(href, 'the coverage.html attachment links into the report').toMatch(/data\/[0-9a-f]+\.html$/);
    await page.goto(new URL(href ?? '', `${site.url}/html/index.html`).toString());
    await expectMatrix(page, coverage);

    // 4. The copy next to index.html and the one in the reports folder render the same matrix.
    for (const address of ['/html/coverage.html', '/coverage.html']) {
      await page.goto(`${site.url}${address}`);
      await expectMatrix(page, coverage);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-matrix.png'), fullPage: false });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-full.png'), fullPage: true });
    expect(offsite, 'the reports load nothing from outside the served folder').toEqual([]);
  } finally {
    await browser?.close();
    await site.close();
    await target.close();
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
});

async function expectMatrix(page: import('@playwright/test').Page, coverage: CoverageReport): Promise<void> {
  const rows = page.locator('#status-matrix tbody tr');
  await expect(rows).toHaveCount(6);
  for (const op of coverage.operations) {
    const row = rows.filter({ has: page.locator('th', { hasText: new RegExp(`^${op.operationId}$`) }) });
    await expect(row.locator('td.validated')).toHaveCount(op.cells.filter((c) => c.state === 'validated').length);
    await expect(row.locator('td.failed')).toHaveCount(op.cells.filter((c) => c.state === 'failed').length);
    await expect(row.locator('td.undocumented span')).toHaveCount(op.undocumented.length);
  }
  // The fault's undocumented status is visible as such.
  await expect(page.locator('#status-matrix td.undocumented')).toContainText('418');
  await expect(page.locator('#summary')).toContainText(`contract failures: ${coverage.summary.contractFailures}`);
  await expect(page.locator('#rule-matrix tbody tr')).toHaveCount(coverage.rules.length);
}

/** A minimal static file server on loopback for one folder (the HTML report needs http://, not file://). */
async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.png': 'image/png',
    '.md': 'text/markdown',
    '.svg': 'image/svg+xml',
  };
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, path.normalize(urlPath));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
