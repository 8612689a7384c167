// Time from navigation start to the overview's figures drawn (the 'actionboard-drawn' mark
// app.js sets), and to the first contentful paint, over N fresh loads (cache disabled).
// Usage: node first_render.mjs URL RUNS NODE_DIR
import {createRequire} from 'node:module';
import path from 'node:path';

const [url, runs, nodeDir] = process.argv.slice(2);
const require = createRequire(path.resolve(nodeDir, 'package.json'));
const puppeteer = require('puppeteer-core');
const browser = await puppeteer.launch({executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true, args: ['--no-sandbox', '--disable-gpu']});
const drawn = [];
const fcp = [];
for (let i = 0; i < Number(runs); i++) {
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  await page.setViewport({width: 1366, height: 768});
  await page.goto(url, {waitUntil: 'networkidle0'});
  await page.waitForSelector('body[data-ready]');
  const times = await page.evaluate(() => ({
    drawn: performance.getEntriesByName('actionboard-drawn')[0].startTime,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN}));
  drawn.push(times.drawn);
  fcp.push(times.fcp);
  await page.close();
}
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`  figures drawn: median ${median(drawn).toFixed(0)} ms, min ${Math.min(...drawn).toFixed(0)}, max ${Math.max(...drawn).toFixed(0)}`);
console.log(`  first contentful paint: median ${median(fcp).toFixed(0)} ms`);
