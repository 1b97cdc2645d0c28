// Starts Debian's Chromium through playwright-core (which downloads no browser of its own), with a
// fresh profile that is removed again at the end, and reports to the .NET test as JSON lines on
// stdout: {"event": …}. Page errors and console errors are reported too, so the test can insist
// on none.
import { chromium } from 'playwright-core';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const config = JSON.parse(await readFile(process.argv[2], 'utf8'));

export function emit(event, data = {}) {
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
}

const stdinLines = createInterface({ input: process.stdin });
const waiting = [];
const queued = [];
stdinLines.on('line', (line) => (waiting.length ? waiting.shift()(line) : queued.push(line)));

/** The next line the .NET test writes to our stdin (it acts on the ledger while we watch). */
export function nextLine() {
  return queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve));
}

/** Runs `scenario(context)` in a fresh Chromium profile; exits 0 when it returns, 1 when it throws. */
export async function run(scenario) {
  const profile = await mkdtemp(join(tmpdir(), 'ddl-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: config.chromium ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(30000);
    context.on('page', watch);
    for (const page of context.pages()) watch(page);
    await scenario(context);
    emit('done');
  } catch (error) {
    // What the page showed when it went wrong, so a failure can be understood from the test log.
    const shown = [];
    for (const [i, page] of (context?.pages() ?? []).entries()) {
      const file = join(tmpdir(), `ddl-e2e-failure-${process.pid}-${i}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      shown.push({ url: page.url(), screenshot: file, text: (await page.locator('main').innerText().catch(() => '')).slice(0, 3000) });
    }
    emit('failed', { message: String(error?.stack ?? error), shown });
    process.exitCode = 1;
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
    stdinLines.close();
  }
}

function watch(page) {
  page.on('pageerror', (error) => emit('pageerror', { message: String(error) }));
  page.on('console', (message) => { if (message.type() === 'error') emit('consoleerror', { message: message.text() }); });
}

/** Opens a page of the ledger and signs in with a pasted token (the dev sign-in). */
export async function signIn(page, path, token) {
  await page.goto(new URL(path, config.base).href);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#signed-in').waitFor({ state: 'visible' });
}

export const screenshot = (page, name, options = {}) =>
  page.screenshot({ path: join(config.screenshots, name), fullPage: true, ...options });
