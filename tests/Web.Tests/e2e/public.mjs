// The public page, anonymous: statistics with suppressed cells marked, the latest checkpoint
// checked in the browser; also shown on a phone-sized screen.
import { config, emit, run, screenshot } from './browser.mjs';

await run(async (context) => {
  const page = await context.newPage();
  await page.goto(config.base);
  await page.locator('[data-testid=checkpoint-signature]').waitFor();
  await page.locator('table.stats').first().waitFor();
  emit('public', {
    checkpointVerdict: await page.locator('[data-testid=checkpoint-signature]').textContent(),
    tables: await page.locator('table.stats').count(),
    suppressed: await page.locator('table.stats .suppressed').count(),
    published: await page.locator('table.stats td').evaluateAll((tds) => tds.filter((td) => /^\d+$/.test(td.textContent.trim())).length),
    title: await page.title(),
  });
  await screenshot(page, 'public.png');

  // Keyboard: the skip link is the first stop and takes focus to the main content.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.className);
  emit('keyboard', { firstTabStop: first });

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  emit('phone', { horizontalOverflow: overflow });
  await screenshot(page, 'public-phone.png');
});
