// A regulator signs in, filters the aggregate report, and watches a dispensing the test records
// appear in the live feed; the checkpoint is checked for consistency with the one seen before.
import { config, emit, run, signIn, screenshot, nextLine } from './browser.mjs';

const tableRows = (page) => page.locator('[data-testid=aggregate] tbody tr').evaluateAll(
  (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));

await run(async (context) => {
  const page = await context.newPage();
  await signIn(page, '/regulator.html', config.token);
  await page.locator('[data-testid=aggregate]').waitFor();
  await page.locator('#consistency[data-status]').waitFor();
  emit('first', { consistency: await page.locator('#consistency').getAttribute('data-status') });

  await page.getByLabel('ATC code or prefix').fill(config.atcPrefix);
  await page.getByRole('checkbox', { name: 'Month' }).uncheck();
  await page.getByRole('checkbox', { name: 'Region' }).check();
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=aggregate] thead th')?.textContent === 'Region');
  emit('filtered', { rows: await tableRows(page), charts: await page.locator('#charts svg').count() });

  await page.locator('#feed-status[data-status=live]').waitFor();
  emit('ready');
  const { chain, seq } = JSON.parse(await nextLine());
  await page.locator(`#feed li[data-chain="${chain}"][data-seq="${seq}"]`).waitFor();
  emit('live', { items: await page.locator('#feed li').allTextContents(), alerts: await page.locator('#alerts li').allTextContents() });
  await screenshot(page, 'regulator.png');

  // A later visit compares the newest checkpoint with the one saved by the first.
  await page.waitForTimeout(config.sealWaitMs ?? 2500);
  await page.reload();
  await page.locator('#consistency[data-status]').waitFor();
  emit('again', { consistency: await page.locator('#consistency').getAttribute('data-status'), text: await page.locator('#consistency').textContent() });
});
