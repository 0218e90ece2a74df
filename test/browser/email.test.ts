/**
 * Every shipped reminder in a real browser: responsive at 375 px, the desktop
 * layout at 600 px, and accessible (axe-core). The emails are the renderer's raw
 * HTML with each template's fixture, loaded with page.setContent.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../src/project/renderer.js';
import { loadFixture, shippedCases } from '../helpers.js';
import { CHROMIUM, launchChromium, reportSkip, screenshotPath, type Browser } from './chromium.js';
import { axeViolations, documentLang, layout, payButtons, pageWidths, smallText } from './in-page.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MIN_FONT_PX = 14;
const MIN_TARGET_PX = 44;

// Read at run time: every stage of stages.json in every locale folder of templates/.
const cases = shippedCases();

reportSkip('browser tests of the rendered emails');

describe.skipIf(!CHROMIUM)('rendered emails in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let renderer: Renderer;

  beforeAll(async () => {
    [renderer, browser] = await Promise.all([createRenderer(), launchChromium()]);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function load(stage: string, locale: string, width: number): Promise<{ payUrl: string }> {
    const data = loadFixture(locale, stage);
    const email = renderer.render({ stage, locale, data });
    await page.setViewportSize({ width, height: 800 });
    await page.setContent(email.html, { waitUntil: 'load' });
    return { payUrl: data.payUrl };
  }

  describe.each(cases)('$stage ($locale)', ({ stage, locale }) => {
    it('375 px: no horizontal scroll', async () => {
      await load(stage, locale, 375);
      await page.screenshot({ path: screenshotPath(`email-${locale}-${stage}-375.png`), fullPage: true });
      const widths = await page.evaluate(pageWidths);
      expect(widths.scrollWidth, `scrollWidth ${widths.scrollWidth} > clientWidth ${widths.clientWidth}`).toBeLessThanOrEqual(widths.clientWidth);
    });

    it(`375 px: every visible text is at least ${MIN_FONT_PX} px`, async () => {
      await load(stage, locale, 375);
      expect(await page.evaluate(smallText, MIN_FONT_PX), 'text smaller than the minimum').toEqual([]);
    });

    it(`375 px: the pay button is at least ${MIN_TARGET_PX} px tall and in view without scrolling sideways`, async () => {
      const { payUrl } = await load(stage, locale, 375);
      const buttons = await page.evaluate(payButtons, payUrl);
      expect(buttons.length, 'an mj-button linking to payUrl').toBeGreaterThan(0);
      for (const button of buttons) {
        expect(button.visible, `${button.text} is visible`).toBe(true);
        expect(button.height, `${button.text} height`).toBeGreaterThanOrEqual(MIN_TARGET_PX);
        expect(button.left, `${button.text} left edge`).toBeGreaterThanOrEqual(0);
        expect(button.right, `${button.text} right edge`).toBeLessThanOrEqual(button.viewport);
      }
    });

    it('600 px: the desktop layout, sections 600 px wide and columns at their full width', async () => {
      await load(stage, locale, 600);
      await page.screenshot({ path: screenshotPath(`email-${locale}-${stage}-600.png`), fullPage: true });
      const laidOut = await page.evaluate(layout);
      expect(laidOut.desktop).toBe(true);
      expect(laidOut.scrollWidth).toBeLessThanOrEqual(laidOut.viewport);
      expect(laidOut.sections.length).toBeGreaterThan(0);
      for (const width of laidOut.sections) expect(width).toBeCloseTo(Math.min(600, laidOut.viewport), 0);
      expect(laidOut.columns.length).toBeGreaterThan(0);
      for (const column of laidOut.columns) expect(Math.abs(column.width - column.expected), column.className).toBeLessThanOrEqual(1);
    });

    it('axe-core: no serious or critical violations at 375 and 600 px, and lang is the locale', async () => {
      for (const width of [375, 600]) {
        await load(stage, locale, width);
        expect(await page.evaluate(documentLang)).toBe(locale);
        await page.addScriptTag({ path: AXE });
        const serious = (await page.evaluate(axeViolations)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious, `axe at ${width} px`).toEqual([]);
      }
    });
  });
});
