// A patient signs in, reads their report, downloads their verifiable export, sees it verified in
// the browser, then checks a copy with one byte changed and sees it rejected.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { config, emit, run, signIn, screenshot } from './browser.mjs';

async function verdictAfter(page, heading) {
  await page.waitForFunction((h) => document.querySelector('#verify-result h3')?.textContent.includes(h)
    && document.querySelector('[data-testid=verify-verdict]'), heading, { timeout: 60000 });
  const verdict = page.locator('[data-testid=verify-verdict]');
  const rows = page.locator('[data-testid=verify-entries] tbody tr');
  return {
    verdict: await verdict.getAttribute('data-verdict'),
    summary: await verdict.textContent(),
    entries: await rows.count(),
    failures: await rows.filter({ hasText: '✘' }).allTextContents(),
  };
}

await run(async (context) => {
  const page = await context.newPage();
  await signIn(page, '/patient.html', config.token);
  await page.locator('#timeline li').first().waitFor();
  await page.locator('[data-testid=report-graph]').waitFor();
  emit('report', {
    timeline: await page.locator('#timeline li').allTextContents(),
    graphNodes: await page.locator('[data-testid=report-graph] .node').count(),
    reads: await page.locator('#reads tbody tr').allTextContents(),
  });

  await page.getByRole('button', { name: 'Prepare my record' }).click();
  const built = await verdictAfter(page, 'just prepared');
  emit('verified', built);
  await screenshot(page, 'patient.png');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-export').click()]);
  const path = join(tmpdir(), `ddl-export-${process.pid}.json`);
  await download.saveAs(path);
  const original = await readFile(path);
  await rm(path);
  const downloaded = await verdictAfterUpload(page, 'downloaded.json', original);
  emit('downloaded', { ...downloaded, bytes: original.length, format: JSON.parse(original).format });

  // One byte changed: a digit of the first quantity inside an entry's canonical text.
  const tampered = Buffer.from(original);
  const at = tampered.indexOf('\\"quantity\\":') + '\\"quantity\\":'.length;
  if (at < 20) throw new Error('no quantity in the export to change');
  const digit = tampered[at];
  tampered[at] = digit === 0x39 ? 0x31 : digit + 1;
  const changed = [...tampered].filter((b, i) => b !== original[i]).length;
  emit('tampered', { ...(await verdictAfterUpload(page, 'tampered.json', tampered)), bytesChanged: changed });
  await screenshot(page, 'patient-tampered.png');
});

async function verdictAfterUpload(page, name, buffer) {
  await page.locator('#verify-file').setInputFiles({ name, mimeType: 'application/json', buffer });
  return verdictAfter(page, name);
}
