// A pharmacist signs in, loads the pharmacy's key file, looks up a prescription, claims it,
// dispenses part of it, is refused when dispensing more than is left, and sees the live feed.
import { config, emit, run, signIn, screenshot } from './browser.mjs';

async function outcome(page, before) {
  // Each action replaces the message: wait until it is no longer the one before.
  await page.waitForFunction((b) => { const m = document.querySelector('#desk-message'); return !m.hidden && m.textContent !== b; }, before);
  const m = page.locator('#desk-message');
  return { text: await m.textContent(), code: await m.getAttribute('data-code'), kind: await m.getAttribute('class') };
}

await run(async (context) => {
  const page = await context.newPage();
  await signIn(page, '/pharmacy.html', config.token);
  await page.locator('#feed-status[data-status=live]').waitFor();
  await page.getByLabel('Your pharmacy\'s private key file').setInputFiles(config.keyFile);
  await page.locator('#key-status.ok').waitFor();

  await page.getByLabel('Prescription id').fill(config.prescription);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.locator('#rx-title').waitFor();

  let last = '';
  await page.getByRole('button', { name: 'Claim this prescription' }).click();
  const claimed = await outcome(page, last);
  last = claimed.text;
  emit('claimed', claimed);

  const form = page.locator('form.dispense[data-item="0"]');
  await form.getByLabel(/Quantity to hand over/).fill(String(config.partial));
  await form.getByRole('button', { name: 'Dispense', exact: true }).click();
  const partial = await outcome(page, last);
  last = partial.text;
  await page.waitForFunction((q) => document.querySelector('[data-testid=remaining-0]')?.textContent.startsWith(String(q)), config.expectedRemaining);
  emit('dispensed', { ...partial, remaining: await page.locator('[data-testid=remaining-0]').textContent(), status: await page.locator('[data-testid=rx-status]').textContent() });

  await form.getByLabel(/Quantity to hand over/).fill(String(config.tooMuch));
  await form.getByRole('button', { name: 'Dispense', exact: true }).click();
  const refused = await outcome(page, last);
  emit('refused', { ...refused, remaining: await page.locator('[data-testid=remaining-0]').textContent() });

  await page.locator(`#feed li[data-chain="${config.prescription}"][data-type="prescription.dispensed"]`).first().waitFor();
  emit('feed', { items: await page.locator('#feed li').allTextContents() });
  await screenshot(page, 'pharmacy.png');
});
