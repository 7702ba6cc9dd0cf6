/** Usage: tsx scripts/screenshot.ts <url> <out.png> [width] [height] — a headless Chromium screenshot. */
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from './chromium.js';

const [url, out, width = '1280', height = '800'] = process.argv.slice(2);
if (!url || !out) throw new Error('usage: tsx scripts/screenshot.ts <url> <out.png> [width] [height]');
assertChromium();
const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`wrote ${out}`);
