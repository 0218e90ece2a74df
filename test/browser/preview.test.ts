/**
 * The preview in Chromium, as a copywriter uses it: open the sequence, open a
 * template, save the file, and watch the page update itself with the new copy and
 * the new lint message, without a reload.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/server.js';
import { ROOT } from '../helpers.js';
import { removeTempProjects, tempProject } from '../preview/helpers.js';
import { CHROMIUM, launchChromium, reportSkip, screenshotPath, type Browser } from './chromium.js';
import { overflowing } from './in-page.js';

reportSkip('browser tests of dunmail preview');

describe.skipIf(!CHROMIUM)('dunmail preview in Chromium', () => {
  let browser: Browser;
  let server: PreviewServer;
  let page: Page;
  let templates: string;

  beforeAll(async () => {
    const project = tempProject();
    templates = project.templates;
    server = await startPreview({ templates, cwd: project.dir, port: 0, debounceMs: 30 });
    browser = await launchChromium({ allow: (url) => url.startsWith(server.url) });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempProjects();
  });

  it('shows the sequence, opens a template, and updates it live when the file is saved', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(server.url);
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    expect(await page.locator('h1').textContent()).toBe('Reminder sequence');
    expect(await page.locator('.timeline .stage-id').allTextContents()).toEqual(
      (JSON.parse(readFileSync(path.join(templates, 'stages.json'), 'utf8')) as { stages: { id: string }[] }).stages.map((s) => s.id),
    );

    await page.getByRole('link', { name: 'due-today · en', exact: true }).click();
    await page.waitForURL(`${server.url}template/en/due-today`);
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    const mobile = page.frameLocator('iframe[data-fit="mobile"]');
    const desktop = page.frameLocator('iframe[data-fit="desktop"]');
    expect(await mobile.locator('body').textContent()).toContain('Just a quick note');
    expect(await page.locator('iframe[data-fit="mobile"]').getAttribute('width')).toBe('375');
    expect(await page.locator('iframe[data-fit="desktop"]').getAttribute('width')).toBe('640');
    expect(await page.locator('.message[data-rule="urgent-when-late"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('preview-due-today.png') });

    // The same page stays loaded: a reload would lose this marker.
    await page.evaluate(() => Object.assign(globalThis, { stayed: true }));
    const file = path.join(templates, 'en/due-today.mjml.njk');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Just a quick note', 'URGENT: just a quick note'));

    await page
      .locator('.message[data-rule="urgent-when-late"]')
      .waitFor({ timeout: 5000 })
      .catch(async (error: unknown) => {
        // Say what the page shows instead: a problem panel, or the live status.
        const shown = [await page.locator('#live').textContent(), ...(await page.locator('.problem').allTextContents())];
        throw new Error(`${String(error)}\nthe page shows: ${shown.join('\n')}`);
      });
    expect(await mobile.locator('body').textContent()).toContain('URGENT: just a quick note');
    expect(await desktop.locator('body').textContent()).toContain('URGENT: just a quick note');
    const message = page.locator('.message[data-rule="urgent-when-late"]');
    expect(await message.locator('.where').textContent()).toMatch(/^\d+:\d+-\d+:\d+$/);
    expect(await message.locator('.rule a').getAttribute('href')).toBe('https://github.com/dunmail/dunmail/blob/main/docs/rules/urgent-when-late.md');
    expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.locator('#live').textContent()).toMatch(/^updated /);

    await page.screenshot({ path: screenshotPath('preview-due-today-urgent.png') });
    expect(errors).toEqual([]);
  });

  it('fits a 375 px phone without horizontal scroll: the index, and a template page with the desktop frame scaled down', async () => {
    const phone = await browser.context.newPage();
    try {
      await phone.setViewportSize({ width: 375, height: 800 });
      const widest = () => phone.evaluate(overflowing);

      await phone.goto(server.url);
      await phone.locator('.timeline').waitFor();
      const index = await widest();
      expect(index.scrollWidth, index.over.join('\n')).toBeLessThanOrEqual(375);

      await phone.goto(`${server.url}template/en/overdue-late`);
      await expect.poll(() => phone.locator('#live').textContent()).toBe('live');
      const desktop = phone.locator('iframe[data-fit="desktop"]');
      // Scaled, not cut: the whole 640 px email still shows, smaller.
      await expect.poll(async () => (await desktop.boundingBox())?.width ?? 0).toBeLessThan(375);
      const template = await widest();
      expect(template.scrollWidth, template.over.join('\n')).toBeLessThanOrEqual(375);
      expect(await desktop.getAttribute('width')).toBe('640');
      expect(await phone.frameLocator('iframe[data-fit="desktop"]').locator('body').textContent()).toContain('overdue');
      await phone.screenshot({ path: screenshotPath('preview-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('switches the data: another fixture, then pasted JSON with its errors shown inline', async () => {
    await page.goto(`${server.url}template/en/overdue-early`);
    await page.locator('#fixture').selectOption('en/overdue-late');
    await page.getByRole('button', { name: 'Use fixture' }).click();
    await page.waitForURL(/fixture=en%2Foverdue-late/);
    expect(await page.locator('.title').textContent()).toContain('data: fixtures/en/overdue-late.json');

    await page.locator('summary', { hasText: 'Paste JSON' }).click();
    await page.locator('#data').fill('{ "customer": <img src=x onerror=alert(1)> }');
    await page.getByRole('button', { name: 'Render with this data' }).click();
    const problem = page.locator('.problem', { hasText: 'The data is not valid' });
    await problem.waitFor();
    expect(await problem.locator('.place').textContent()).toBe('pasted JSON:1:15');
    expect(await page.locator('.problem img').count()).toBe(0);
    // The pasted text is kept for the next edit.
    expect(await page.locator('#data').inputValue()).toBe('{ "customer": <img src=x onerror=alert(1)> }');
  });

  it('keeps pasted data through a live update', async () => {
    const fixture = JSON.parse(readFileSync(path.join(templates, 'fixtures/en/overdue-early.json'), 'utf8')) as { customer: { firstName: string } };
    fixture.customer.firstName = 'Pasted Person';
    await page.goto(`${server.url}template/en/overdue-early`);
    await page.locator('summary', { hasText: 'Paste JSON' }).click();
    await page.locator('#data').fill(JSON.stringify(fixture, null, 2));
    await page.getByRole('button', { name: 'Render with this data' }).click();
    const mobile = page.frameLocator('iframe[data-fit="mobile"]');
    await expect.poll(() => mobile.locator('body').textContent()).toContain('Hello Pasted Person,');
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');

    const file = path.join(templates, 'en/overdue-early.mjml.njk');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Thank you for your help.', 'Thanks a lot for your help.'));
    await expect.poll(() => mobile.locator('body').textContent(), { timeout: 5000 }).toContain('Thanks a lot for your help.');
    expect(await mobile.locator('body').textContent()).toContain('Hello Pasted Person,');

    await page.setViewportSize({ width: 1440, height: 900 });
    const shot = screenshotPath('preview-pasted.png');
    await page.screenshot({ path: shot });
    // `DUNMAIL_UPDATE_DOCS=1 npx vitest run test/browser` refreshes the README's picture.
    if (process.env['DUNMAIL_UPDATE_DOCS'] === '1') copyFileSync(screenshotPath('preview-due-today-urgent.png'), path.join(ROOT, 'docs', 'preview.png'));
  });
});
