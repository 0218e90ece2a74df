/**
 * Chromium for the browser tests: Debian's package (installed by .ci/run), driven
 * by playwright-core, which downloads no browser of its own. The tests run when a
 * Chromium is found and are skipped, saying so, when none is.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { ROOT } from '../helpers.js';

const CANDIDATES = [process.env['DUNMAIL_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable to use, or undefined when there is none on this machine. */
export const CHROMIUM: string | undefined = CANDIDATES.find((file): file is string => Boolean(file && existsSync(file)));

/** Says plainly why the browser tests do not run; call it where the suite is declared. */
export function reportSkip(suite: string): void {
  if (CHROMIUM) return;
  console.log(
    `${suite}: skipped, no Chromium found (looked for ${CANDIDATES.filter(Boolean).join(', ')}). ` +
      'Install it (apt-get install chromium) or set DUNMAIL_CHROMIUM to its path; .ci/run installs it.',
  );
}

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

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile. Every request leaves the machine only
 * if `allow` says so: by default none does (the fixtures' logos are not fetched).
 */
export async function launchChromium(options: { allow?: (url: string) => boolean } = {}): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dunmail-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 375, height: 800 },
  });
  const allow = options.allow ?? (() => false);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith('data:') || url.startsWith('about:') || allow(url) ? route.continue() : route.abort('blockedbyclient');
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go: test-results/screenshots/ (ignored by git, kept by CI as an artifact). */
export function screenshotPath(name: string): string {
  const dir = path.join(ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
