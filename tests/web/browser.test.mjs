// The browser dashboard in a real browser: Debian's Chromium, headless, driven by puppeteer-core,
// against a real actionboard serving on loopback. Run by ctest (web.browser) with
//   ACTIONBOARD_BIN, ACTIONBOARD_DATA (tests/data), ACTIONBOARD_PLAN (data/laming-2009.json),
//   ACTIONBOARD_NODE_DIR (where setup.sh installed the npm packages),
//   CHROME_PATH (default /usr/bin/chromium), ACTIONBOARD_WEB_SHOTS (optional: keep screenshots).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const require = createRequire(path.resolve(env.ACTIONBOARD_NODE_DIR, 'package.json'));
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const scale = Number(env.ACTIONBOARD_TEST_TIME_SCALE || 1);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'actionboard-web-'));
const shots = env.ACTIONBOARD_WEB_SHOTS || path.join(work, 'shots');
fs.mkdirSync(shots, {recursive: true});

const servers = [];
let browser;

// Starts `actionboard --mode headless --port 0` on a copy of a plan; resolves to its URL. Each
// server records its own history (NAME.sqlite3 in the scratch directory) unless `options` says
// otherwise: an array of history options (['--no-history'], ['--history', FILE]), or
// {history, modified (the file's modification time), args (more options)}.
async function serve(name, plan, options = {}) {
  if (Array.isArray(options)) options = {history: options};
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
  if (options.modified) fs.utimesSync(file, options.modified, options.modified);
  const historyArgs = options.history || ['--history', path.join(work, `${name}.sqlite3`)];
  const child = spawn(path.resolve(env.ACTIONBOARD_BIN),
    ['--mode', 'headless', '--port', '0', '--data', file, ...historyArgs, ...(options.args || [])],
    {stdio: ['ignore', 'pipe', 'pipe']});
  servers.push(child);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name}: no listening line`)), 10000 * scale);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => reject(new Error(`${name}: exited ${code}`)));
  });
  return {url, file};
}

async function feed(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  return response.json();
}

// A page with every console error and page error collected: a CSP refusal shows up there.
async function open(url, options = {}) {
  const page = await browser.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  await page.setViewport(options.viewport || {width: 1366, height: 768});
  await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: options.scheme || 'light'}]);
  await page.goto(url, {waitUntil: 'networkidle0'});
  await page.waitForSelector('body[data-ready]', {timeout: 10000 * scale});
  return page;
}

async function until(what, check, seconds = 10) {
  const end = Date.now() + seconds * 1000 * scale;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const laming = JSON.parse(fs.readFileSync(path.resolve(env.ACTIONBOARD_PLAN), 'utf8'));
const council = JSON.parse(fs.readFileSync(path.join(env.ACTIONBOARD_DATA, 'valid/council-refs.json'), 'utf8'));
let lamingUrl;
let councilUrl;

before(async () => {
  browser = await puppeteer.launch({
    executablePath: env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  lamingUrl = (await serve('laming', laming)).url;
  councilUrl = (await serve('council', council)).url;
});

after(async () => {
  if (browser) await browser.close();
  for (const child of servers) child.kill('SIGTERM');
  if (!env.ACTIONBOARD_WEB_SHOTS) fs.rmSync(work, {recursive: true, force: true});
});

// What the overview shows, read from the page.
function readOverview(page) {
  return page.evaluate(() => {
    const figures = {};
    for (const item of document.querySelectorAll('[data-figure]')) {
      figures[item.dataset.figure] = Number(item.querySelector('.number').textContent);
    }
    const chapters = [...document.querySelectorAll('li.chapter')].map((li) => ({
      number: Number(li.dataset.chapter),
      percent: li.querySelector('.percent').textContent,
      counts: li.querySelector('p.muted').textContent,
      worst: li.querySelector('.chapter-head .rag').dataset.rag,
      byRag: Object.fromEntries([...li.querySelectorAll('.rag-counts li')].map((c) => [c.dataset.rag, Number(c.dataset.count)])),
      position: li.querySelector('.position, .missing').textContent,
    }));
    return {figures, chapters, split: document.querySelector('[data-split]')?.textContent ?? null};
  });
}

// printf's %.0f, as the wall prints a percentage.
function percent(compliant, total) {
  const value = total ? (100 * compliant) / total : 0;
  let rounded = Math.round(value);
  if (Math.abs(value - Math.trunc(value)) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return `${rounded}%`;
}

async function checkFigures(base, query = '') {
  const summary = await feed(`${base}/api/v1/summary${query}`);
  const page = await open(`${base}/${query}`);
  const shown = await readOverview(page);
  assert.deepEqual(shown.figures, {
    total: summary.recommendations.total, compliant: summary.recommendations.compliant,
    overdue: summary.milestones.overdue, due_soon: summary.milestones.due_soon,
    no_timescale: summary.quality.no_timescale});
  assert.equal(shown.chapters.length, summary.chapters.length);
  for (const [i, chapter] of summary.chapters.entries()) {
    const seen = shown.chapters[i];
    assert.equal(seen.number, chapter.number);
    assert.equal(seen.percent, percent(chapter.compliant, chapter.recommendations), `chapter ${chapter.number}`);
    assert.match(seen.counts, new RegExp(`^${chapter.recommendations} recommendations? · ${chapter.compliant} compliant$`));
    assert.equal(seen.worst, chapter.worst_rag);
    assert.deepEqual(seen.byRag, Object.fromEntries(Object.entries(chapter.by_rag).filter(([, n]) => n > 0)));
    const position = chapter.local_position.map((b) => (typeof b === 'string' ? b : b.list.join(''))).join('');
    assert.equal(seen.position, position || 'No local position recorded.');
  }
  // National and local only where the plan has them.
  if (summary.recommendations.national === null) assert.equal(shown.split, null);
  else assert.match(shown.split, new RegExp(`national bodies: ${summary.recommendations.national} .* local bodies: ${summary.recommendations.local}`));

  // The RAG of every recommendation in the table, in the feed's order.
  const list = await feed(`${base}/api/v1/recommendations${query}`);
  await page.goto(`${base}/recommendations${query}`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('table.recs tbody tr');
  const rows = await page.$$eval('table.recs tbody tr', (trs) => trs.map((tr) => ({
    ref: tr.dataset.ref, rag: tr.querySelector('.rag').dataset.rag,
    letter: tr.querySelector('.rag [aria-hidden]').textContent})));
  const letters = {red: 'R', amber: 'A', green: 'G', blue: '\u2713', none: '\u2013'};
  assert.deepEqual(rows, list.recommendations.map((r) => ({ref: r.ref, rag: r.rag, letter: letters[r.rag]})));

  // The overdue list.
  const deadlines = await feed(`${base}/api/v1/deadlines${query}`);
  await page.goto(`${base}/deadlines${query}`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('#overdue-table');
  const overdue = await page.$$eval('#overdue-table tbody tr[data-ref]', (trs) => trs.map((tr) => [tr.dataset.ref, tr.dataset.due]));
  assert.deepEqual(overdue, deadlines.deadlines.filter((d) => d.rag === 'red').map((d) => [d.ref, d.due]));
  const monthTotal = await page.$$eval('.months > li', (lis) => lis.reduce((n, li) => n + Number(li.dataset.total), 0));
  assert.equal(monthTotal, deadlines.deadlines.filter((d) => d.kind === 'dated').length, 'the timeline counts every dated milestone');
  assert.deepEqual(page.problems, []);
  await page.close();
  return {summary, deadlines};
}

describe('figures equal the feed', () => {
  test('Laming plan', async () => {
    const {summary, deadlines} = await checkFigures(lamingUrl);
    assert.ok(summary.milestones.overdue > 0 && deadlines.count > 0, 'the plan has overdue milestones to compare');
  });
  test('Laming plan as of 2009-12-01', async () => { await checkFigures(lamingUrl, '?as_of=2009-12-01'); });
  test('council plan (string refs, no national fields)', async () => {
    const {summary} = await checkFigures(councilUrl);
    assert.equal(summary.recommendations.national, null);
  });
});

test('every link opens its page', async () => {
  const page = await open(`${lamingUrl}/`);
  const seen = new Set();
  const queue = ['/'];
  while (queue.length) {
    const next = queue.shift();
    await page.goto(`${lamingUrl}${next}`, {waitUntil: 'domcontentloaded'});
    await page.waitForSelector('body[data-ready]');
    const title = await page.$eval('h1', (h1) => h1.textContent);
    assert.notEqual(title, 'Not found', `${next} opened no page`);
    const status = await page.evaluate(() => document.readyState);
    assert.equal(status, 'complete');
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      if (!href.startsWith('/') || href.startsWith('/api/') || seen.has(href)) continue;
      seen.add(href);
      queue.push(href);
    }
  }
  assert.ok(seen.size >= 1 + 8 + 3 + 58, `only ${seen.size} pages linked`);
  // A click navigates in place (no reload) and the back button returns.
  await page.goto(`${lamingUrl}/`, {waitUntil: 'networkidle0'});
  await page.evaluate(() => { window.marker = 'kept'; });
  await page.click('li.chapter[data-chapter="3"] h3 a');
  await until('chapter 3', () => page.$eval('h1', (h1) => h1.textContent.startsWith('Chapter 3')));
  assert.equal(new URL(page.url()).pathname, '/chapters/3');
  assert.equal(await page.evaluate(() => window.marker), 'kept');
  await page.goBack();
  await until('overview again', () => page.$eval('h1', (h1) => h1.textContent === 'Overview'));
  // A page that does not exist: 404, and the page says so.
  const response = await page.goto(`${lamingUrl}/chapters/99`, {waitUntil: 'networkidle0'});
  assert.equal(response.status(), 404);
  await until('not found', () => page.$eval('h1', (h1) => h1.textContent === 'Not found'));
  assert.deepEqual(page.problems.filter((p) => !p.includes('404')), []);
  await page.close();
});

test('the as-of field recomputes the view as the feed does, and the link keeps the date', async () => {
  const page = await open(`${lamingUrl}/`);
  const before = await readOverview(page);
  await page.$eval('#as-of', (input) => {
    input.value = '2009-12-01';
    input.dispatchEvent(new Event('change', {bubbles: true}));
  });
  await until('the URL to carry as_of', () => page.url().includes('as_of=2009-12-01'));
  const later = await feed(`${lamingUrl}/api/v1/summary?as_of=2009-12-01`);
  await until('figures as of 2009-12-01', async () =>
    (await readOverview(page)).figures.overdue === later.milestones.overdue);
  const shown = await readOverview(page);
  assert.notEqual(shown.figures.overdue, before.figures.overdue, 'the date changed nothing: the check proves nothing');
  assert.equal(shown.figures.due_soon, later.milestones.due_soon);
  const hrefs = await page.$$eval('#page a[href], #nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 8 && hrefs.every((href) => href.includes('as_of=2009-12-01')), 'every link keeps the date');
  await page.close();
});

test('a reload of the plan file shows in the open page; an invalid plan shows the banner and keeps the figures', async () => {
  const plan = structuredClone(laming);
  const {url, file} = await serve('live', plan);
  const page = await open(`${url}/?refresh=1`, {viewport: {width: 1366, height: 500}});
  await page.evaluate(() => { window.marker = 'no reload'; window.scrollTo(0, 400); });
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the page did not scroll: the check proves nothing');
  const first = await readOverview(page);
  // An editor's save: three recommendations become compliant.
  const changed = plan.recommendations.filter((r) => r.status !== 'compliant').slice(0, 3);
  for (const rec of changed) { rec.status = 'compliant'; rec.status_reason = 'Done'; }
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(plan));
  fs.renameSync(`${file}.tmp`, file);
  const summary = await until('the feed to reload', async () => {
    const s = await feed(`${url}/api/v1/summary`);
    return s.recommendations.compliant === first.figures.compliant + 3 && s;
  });
  await until('the page to update', async () => (await readOverview(page)).figures.compliant === summary.recommendations.compliant);
  assert.equal(await page.evaluate(() => window.marker), 'no reload');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the scroll position was lost');
  // An invalid version: the banner, the figures kept.
  fs.writeFileSync(`${file}.tmp`, '{"format": "actionboard-plan/1",');
  fs.renameSync(`${file}.tmp`, file);
  const banner = await until('the degraded banner', () => page.$eval('#banner', (b) => b.textContent));
  assert.match(banner, /Showing the plan as loaded at \d+ \w+ \d{4}, \d\d:\d\d/);
  assert.equal((await readOverview(page)).figures.compliant, summary.recommendations.compliant);
  // The feed gone: the last good view stays, with a banner.
  servers.at(-1).kill('SIGTERM');
  const gone = await until('the unreachable banner', () => page.$eval('#banner', (b) =>
    b.querySelector('[data-banner="unreachable"]')?.textContent));
  assert.match(gone, /Cannot reach actionboard since/);
  assert.equal((await readOverview(page)).figures.compliant, summary.recommendations.compliant);
  await page.close();
});

test('data older than --stale-days shows the wall\'s warning; fresh data does not', async () => {
  const old = new Date(Date.now() - 20 * 24 * 3600 * 1000);
  const stale = await serve('stale', laming, {modified: old, args: ['--stale-days', '7']});
  const health = await feed(`${stale.url}/healthz`);
  assert.equal(health.stale, true);
  assert.equal(health.stale_after_days, 7);
  assert.equal(health.status, 'ok', 'stale data is not a degraded feed');
  const page = await open(`${stale.url}/`);
  const warning = await until('the stale banner', () => page.$eval('#banner', (b) =>
    b.querySelector('[data-banner="stale"]')?.textContent));
  assert.match(warning, /^Data may be out of date: last updated \d+ \w+ \d{4}, \d\d:\d\d \(more than 7 days ago\)$/);
  assert.deepEqual(page.problems, []);
  await page.close();

  const fresh = await serve('fresh', laming, {args: ['--stale-days', '7']});
  assert.equal((await feed(`${fresh.url}/healthz`)).stale, false);
  const freshPage = await open(`${fresh.url}/`);
  await until('the overview', () => freshPage.$eval('#page-title', (t) => t.textContent));
  assert.equal(await freshPage.$('[data-banner="stale"]'), null);
  await freshPage.close();
});

test('the lead filter can choose "No lead": the link keeps no_lead=true, the rows are the feed\'s', async () => {
  const {url} = await serve('no-lead', laming);
  const want = await feed(`${url}/api/v1/recommendations?no_lead=true`);
  assert.ok(want.count > 0 && want.count < laming.recommendations.length,
    'the plan needs some milestones with no lead, and not all, for this to prove anything');
  const page = await open(`${url}/recommendations`);
  await page.waitForSelector('#filter-lead');
  const options = await page.$$eval('#filter-lead option', (all) => all.map((o) => o.textContent));
  assert.deepEqual(options.slice(0, 2), ['All leads', 'No lead']);
  await page.select('#filter-lead', ':none');
  await until('the filtered rows', async () => page.url().includes('no_lead=true') &&
    (await page.$eval('[data-count]', (c) => Number(c.dataset.count))) === want.count);
  assert.ok(!page.url().includes('lead=%3Anone'), 'the sentinel leaked into the link');
  // The link alone opens the same filter.
  const again = await open(page.url());
  await until('the filter from the link', async () =>
    (await again.$eval('#filter-lead', (s) => s.value)) === ':none' &&
    (await again.$eval('[data-count]', (c) => Number(c.dataset.count))) === want.count);
  assert.deepEqual(page.problems, []);
  await page.close();
  await again.close();
});

const PAGES = ['/', '/chapters/2', '/deadlines', '/quality', '/recommendations/2', '/recommendations?chapter=2&sort=rag'];

test('axe-core finds no WCAG 2.1 AA violation on any page, in both themes', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const where of PAGES) {
      for (const base of [lamingUrl, councilUrl]) {
        const target = base === councilUrl ? where.replace('/recommendations/2', '/recommendations/1.10') : where;
        const page = await open(`${base}${target}`, {scheme});
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}));
        const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
        assert.deepEqual(violations, [], `${scheme} ${target}`);
        assert.ok(result.passes.length > 10, 'axe checked little: the check proves nothing');
        assert.deepEqual(page.problems, [], `${scheme} ${target}`);
        await page.close();
      }
    }
  }
});

test('keyboard: a skip link, visible focus, links reached with Tab', async () => {
  const page = await open(`${lamingUrl}/`);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({text: document.activeElement.textContent,
    outline: getComputedStyle(document.activeElement).outlineStyle}));
  assert.equal(first.text, 'Skip to content');
  assert.notEqual(first.outline, 'none', 'no visible focus');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const chapter = await page.evaluate(() => document.activeElement.closest('li.chapter h3') !== null);
    if (chapter) break;
  }
  await page.keyboard.press('Enter');
  await until('a chapter by keyboard', () => page.$eval('h1', (h1) => h1.textContent.startsWith('Chapter')));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'page-title', 'focus moves to the new page');
  await page.close();
});

test('plan text with <script> and <img onerror> shows those characters and runs nothing', async () => {
  const plan = structuredClone(council);
  const script = '<script>window.hacked = 1</script>';
  const img = '<img src=x onerror="window.hacked = 2">';
  plan.plan.title = `Plan ${script}`;
  plan.chapters[0].title = `Chapter ${img}`;
  plan.chapters[0].local_position = [`Position ${img}`];
  plan.recommendations[0].text = [`Text ${script}`, {list: [`Item ${img}`]}];
  plan.recommendations[0].milestones[0].lead = `Lead ${img}`;
  const {url} = await serve('xss', plan);
  const ref = plan.recommendations[0].ref;
  for (const where of ['/', `/chapters/${plan.chapters[0].number}`, `/recommendations/${encodeURIComponent(ref)}`,
    '/recommendations', '/deadlines']) {
    const page = await open(`${url}${where}`);
    const seen = await page.evaluate(() => ({
      text: document.body.innerText, images: document.querySelectorAll('main img, header img').length,
      scripts: [...document.scripts].filter((s) => !s.src).length, hacked: window.hacked, title: document.title}));
    assert.equal(seen.hacked, undefined, where);
    assert.equal(seen.images, 0, where);
    assert.equal(seen.scripts, 0, where);
    assert.ok(seen.text.includes(script), `${where}: the <script> text is not shown`);
    if (where !== '/deadlines') assert.ok(seen.text.includes(img), `${where}: the <img> text is not shown`);
    assert.deepEqual(page.problems, [], where);
    await page.close();
  }
});

test('headers: CSP without inline script, nosniff, Referrer-Policy, Vary: Accept on /', async () => {
  const html = await fetch(`${lamingUrl}/`, {headers: {Accept: 'text/html,*/*;q=0.8'}});
  assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
  const csp = html.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(html.headers.get('referrer-policy'), 'no-referrer');
  assert.match(html.headers.get('vary'), /\bAccept\b/);
  assert.doesNotMatch(await html.text(), /<script(?![^>]*\bsrc=)[^>]*>/, 'an inline script in the page');
  const json = await fetch(`${lamingUrl}/`, {headers: {Accept: '*/*'}});
  assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
});

const SIZES = [[390, 844], [1366, 768], [3840, 2160]];

// Horizontal scrolling, text wider than its box, boxes out of the window: the first five found.
function layoutProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) out.push(`page ${root.scrollWidth} px wide in ${window.innerWidth}`);
    for (const element of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || element.closest('svg')) continue;
      // Text for screen readers only (clipped to nothing) is not on screen.
      let clipped = false;
      for (let up = element; up && !clipped; up = up.parentElement) clipped = getComputedStyle(up).clipPath !== 'none';
      if (clipped) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // Text wider than its box, or a box out of the window.
      if (style.overflowX === 'visible' && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        out.push(`${element.tagName}.${element.className} overflows: ${element.scrollWidth} > ${element.clientWidth}`);
      }
      if (box.right > window.innerWidth + 1 || box.left < -1) out.push(`${element.tagName}.${element.className} outside the window`);
      for (const node of element.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const text = range.getBoundingClientRect();
        if (text.left < box.left - 1 || text.right > box.right + 1) {
          out.push(`text "${node.data.slice(0, 30)}" outside its ${element.tagName}`);
        }
        // No ordinary word broken across two lines ("Recommendation / s"): a word of up to
        // 16 letters is drawn in one piece (a break after a hyphen is a line break, not a broken word).
        for (const word of node.data.matchAll(/[\p{L}\p{N}'’%]{2,16}/gu)) {
          const piece = document.createRange();
          piece.setStart(node, word.index);
          piece.setEnd(node, word.index + word[0].length);
          const lines = new Set([...piece.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(`the word "${word[0]}" is broken across lines in ${element.tagName}.${element.className}`);
        }
      }
    }
    return out.slice(0, 5);
  });
}

test('no horizontal scrolling and no text outside its box, from a phone to a 4K TV', async () => {
  for (const [width, height] of SIZES) {
    for (const where of PAGES) {
      const page = await open(`${lamingUrl}${where}`, {viewport: {width, height}});
      const problems = await layoutProblems(page);
      assert.deepEqual(problems, [], `${width}x${height} ${where}`);
      const name = `${where === '/' ? 'overview' : where.slice(1).replace(/[/?&=]/g, '-')}-${width}x${height}.png`;
      await page.screenshot({path: path.join(shots, name)});
      assert.ok(fs.statSync(path.join(shots, name)).size > 5000, `${name} is blank`);
      await page.close();
    }
  }
});

// ---- The reported RAG (issue 11): the officer's RAG beside the computed one ----

test('reported RAG: beside the computed one, disagreements marked, counted and filterable', async () => {
  // tests/data/valid/reported-rag.json: refs 1 (reported green, overdue), 2 (reported red, on
  // track) and 7 (reported amber, on track) disagree; 3 and 4 agree; 5 cannot be compared; 6
  // reports nothing.
  const plan = JSON.parse(fs.readFileSync(path.join(env.ACTIONBOARD_DATA, 'valid/reported-rag.json'), 'utf8'));
  const {url} = await serve('reported', plan);
  const summary = await feed(`${url}/api/v1/summary`);
  assert.equal(summary.recommendations.reported_rag_disagreements, 3);

  // The overview counts them, with the mark.
  const page = await open(`${url}/`);
  const overview = await readOverview(page);
  assert.equal(overview.figures.rag_disagreements, 3);
  assert.equal(await page.$$eval('[data-figure="rag_disagreements"] .disagree', (marks) => marks.length), 1);
  assert.equal(await page.$$eval('#legend .rag-reported, #legend .disagree', (keys) => keys.length), 2);

  // A chapter: a Reported column; rec 1 outlined green with the mark, rec 3 outlined amber alone.
  await page.goto(`${url}/chapters/1`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('table.recs tbody tr');
  const headers = await page.$$eval('table.recs thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(headers.includes('Reported'), headers.join(', '));
  const readRows = () => page.$$eval('table.recs tbody tr', (trs) => trs.map((tr) => ({
    ref: tr.dataset.ref, agreement: tr.dataset.agreement,
    reported: tr.querySelector('.rag-reported')?.dataset.reportedRag ?? null,
    letter: tr.querySelector('.rag-reported [aria-hidden]')?.textContent ?? null,
    mark: tr.querySelector('.disagree') !== null})));
  assert.deepEqual(await readRows(), [
    {ref: '1', agreement: 'reported_better', reported: 'green', letter: 'G', mark: true},
    {ref: '2', agreement: 'reported_worse', reported: 'red', letter: 'R', mark: true},
    {ref: '3', agreement: 'agree', reported: 'amber', letter: 'A', mark: false}]);
  assert.equal(await page.$eval('[data-disagreements]', (p) => p.dataset.disagreements), '2');
  // Outlined, not filled: the computed badge has a background, the reported one none.
  const fills = await page.$eval('tr[data-ref="1"]', (tr) => ({
    computed: getComputedStyle(tr.querySelector('.rag:not(.rag-reported)')).backgroundColor,
    reported: getComputedStyle(tr.querySelector('.rag-reported')).backgroundColor,
    border: getComputedStyle(tr.querySelector('.rag-reported')).borderTopStyle}));
  assert.notEqual(fills.computed, 'rgba(0, 0, 0, 0)');
  assert.equal(fills.reported, 'rgba(0, 0, 0, 0)');
  assert.equal(fills.border, 'solid');

  // The table: filtered by the feed's reported_rag_agreement, sorted disagreements first.
  await page.goto(`${url}/recommendations`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('#filter-reported_rag_agreement');
  await page.select('#filter-reported_rag_agreement', 'disagree');
  await until('the filter in the address', () => page.url().includes('reported_rag_agreement=disagree'));
  await until('three rows', async () => (await readRows()).length === 3);
  assert.deepEqual((await readRows()).map((row) => row.ref), ['1', '2', '7']);
  assert.ok((await readRows()).every((row) => row.mark));
  await page.goto(`${url}/recommendations?sort=reported`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('table.recs tbody tr');
  assert.deepEqual((await readRows()).map((row) => row.ref), ['1', '2', '7', '3', '5', '4', '6']);

  // One recommendation: both badges, the mark and the sentence.
  await page.goto(`${url}/recommendations/1`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('[data-reported-note]');
  assert.equal(await page.$eval('[data-reported-note]', (p) => p.textContent), 'Reported green, but the deadlines say red');
  assert.equal(await page.$$eval('.facts .rag-reported, .facts .disagree', (els) => els.length), 2);
  await page.goto(`${url}/recommendations/3`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('[data-reported-note]');
  assert.equal(await page.$eval('[data-reported-note]', (p) => p.textContent), 'Reported amber');
  assert.equal(await page.$$eval('.facts .disagree', (els) => els.length), 0);

  // Printed, the letters stay: the reported badge dashed, the mark a boxed "!".
  await page.emulateMediaType('print');
  await page.goto(`${url}/chapters/1`, {waitUntil: 'networkidle0'});
  await page.waitForSelector('table.recs tbody tr');
  const printed = await page.$eval('tr[data-ref="1"]', (tr) => {
    const reported = tr.querySelector('.rag-reported');
    const mark = tr.querySelector('.disagree');
    return {letter: reported.querySelector('[aria-hidden]').textContent, display: getComputedStyle(reported).display,
      border: getComputedStyle(reported).borderTopStyle, mark: mark.querySelector('[aria-hidden]').textContent,
      markDisplay: getComputedStyle(mark).display, markClip: getComputedStyle(mark).clipPath};
  });
  assert.deepEqual(printed, {letter: 'G', display: 'inline-flex', border: 'dashed', mark: '!', markDisplay: 'inline-flex', markClip: 'none'});
  assert.deepEqual(page.problems, []);
  await page.close();

  // Accessible in both themes, and nothing outside its box from a phone to a 4K TV.
  for (const where of ['/', '/chapters/1', '/recommendations?sort=reported', '/recommendations/1']) {
    for (const scheme of ['light', 'dark']) {
      const checked = await open(`${url}${where}`, {scheme});
      await checked.evaluate(axeSource);
      const result = await checked.evaluate(() => window.axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}));
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), [], `${scheme} ${where}`);
      await checked.close();
    }
    for (const [width, height] of SIZES) {
      const sized = await open(`${url}${where}`, {viewport: {width, height}});
      assert.deepEqual(await layoutProblems(sized), [], `${width}x${height} ${where}`);
      const name = `reported-${where === '/' ? 'overview' : where.slice(1).replace(/[/?&=]/g, '-')}-${width}x${height}.png`;
      await sized.screenshot({path: path.join(shots, name)});
      await sized.close();
    }
  }
});

test('a plan without reported RAGs shows no reported column, filter, mark or count', async () => {
  for (const where of ['/', '/chapters/2', '/recommendations', '/recommendations/2']) {
    const page = await open(`${lamingUrl}${where}`);
    const seen = await page.evaluate(() => ({
      reported: document.querySelectorAll('.rag-reported, .disagree, [data-reported-note], [data-disagreements]').length,
      figure: document.querySelector('[data-figure="rag_disagreements"]') !== null,
      filter: document.querySelector('#filter-reported_rag_agreement') !== null,
      header: [...document.querySelectorAll('th')].some((th) => th.textContent === 'Reported'),
      rows: document.querySelectorAll('tr[data-agreement]').length}));
    assert.deepEqual(seen, {reported: 0, figure: false, filter: false, header: false, rows: 0}, where);
    await page.close();
  }
});

// ---- The history (docs/history.md): arrows, the Changes page and the SVG trend ----
// The hand-made Laming test versions (tests/data/history, marked as test data): v1.3 to v1.7
// imported, each at its reporting date, and v1.7 on show (as of 1 December 2009), so "since the
// last committee" is 29 September and the trend spans five meetings.

describe('history', () => {
  const laming17 = path.join(env.ACTIONBOARD_DATA, 'history/laming/laming-v1.7-test.json');
  let url;
  let changes;
  let trend;
  before(async () => {
    const db = path.join(work, 'laming-history.sqlite3');
    const versions = ['laming-v1.3-test.json', 'laming-v1.4-test.json'].map((f) => path.join(env.ACTIONBOARD_DATA, 'history/laming', f));
    const imported = spawnSync(path.resolve(env.ACTIONBOARD_BIN), ['--history', db, '--history-import', ...versions,
      path.resolve(env.ACTIONBOARD_PLAN), path.join(env.ACTIONBOARD_DATA, 'history/laming/laming-v1.6-test.json'), laming17],
    {encoding: 'utf8'});
    assert.equal(imported.status, 0, imported.stderr);
    url = (await serve('laming-v1.7', fs.readFileSync(laming17, 'utf8'), ['--history', db])).url;
    // The history thread reads the file (the plan on show is its latest version), then the feed
    // answers for it.
    changes = await until('the history', async () => {
      const response = await fetch(`${url}/api/v1/changes`, {headers: {Accept: 'application/json'}});
      if (response.status !== 200) return null;
      const body = await response.json();
      return body.current && body.current.recorded && body.direction ? body : null;
    });
    trend = await feed(`${url}/api/v1/trend`);
  });

  test('arrows beside each chapter\'s compliance and each recommendation\'s RAG, as the feed says', async () => {
    assert.equal(changes.baseline.label_date, '2009-09-29');
    const page = await open(`${url}/`);
    const cards = await page.$$eval('li.chapter', (lis) => lis.map((li) => ({
      number: Number(li.dataset.chapter),
      direction: li.querySelector('.bar-row .dir')?.dataset.direction ?? null,
      arrow: li.querySelector('.bar-row .dir .dir-arrow')?.textContent ?? null,
      label: li.querySelector('.bar-row .dir .dir-label')?.textContent ?? null,
      colour: li.querySelector('.bar-row .dir .dir-arrow') ? getComputedStyle(li.querySelector('.bar-row .dir .dir-arrow')).color : null,
    })));
    const glyphs = {better: '\u25B2', worse: '\u25BC', same: '\u25BA'};
    assert.equal(cards.length, changes.direction.chapters.length);
    for (const chapter of changes.direction.chapters) {
      const card = cards.find((c) => c.number === chapter.number);
      assert.deepEqual({direction: card.direction, arrow: card.arrow, label: card.label},
        {direction: chapter.direction, arrow: glyphs[chapter.direction], label: chapter.label}, `chapter ${chapter.number}`);
    }
    assert.equal(cards.find((c) => c.number === 3).label, '+22 since 29 Sep');
    // Colour repeats the shape: better and worse differ, same is muted.
    const colours = new Set(cards.map((c) => `${c.direction}:${c.colour}`));
    assert.ok([...colours].some((c) => c.startsWith('better:')) && [...colours].some((c) => c.startsWith('same:')));
    const since = await page.$eval('[data-since]', (p) => p.textContent);
    assert.match(since, /^Since 29 Sep: compliance 10% ▲.*\+3 since 29 Sep · 14 changes, 11 exceptions$/);
    // Every recommendation's RAG in the table, with its arrow (none for one new since then).
    await page.goto(`${url}/recommendations`, {waitUntil: 'networkidle0'});
    await page.waitForSelector('table.recs tbody tr');
    const rows = await page.$$eval('table.recs tbody tr', (trs) => trs.map((tr) => [tr.dataset.ref,
      tr.querySelector('.rag-cell .dir')?.dataset.direction ?? null]));
    assert.deepEqual(rows, changes.direction.recommendations.map((r) => [r.ref, r.direction]));
    assert.ok(rows.some(([, d]) => d === 'worse') && rows.some(([, d]) => d === 'better'));
    // Chapter 3 and recommendation 46 (worse: its September milestone is now overdue).
    await page.goto(`${url}/chapters/3`, {waitUntil: 'networkidle0'});
    await page.waitForSelector('.chapter-summary .dir');
    assert.equal(await page.$eval('.chapter-summary .dir', (d) => d.dataset.direction), 'better');
    await page.goto(`${url}/recommendations/46`, {waitUntil: 'networkidle0'});
    await page.waitForSelector('.facts .dir');
    const r46 = changes.direction.recommendations.find((r) => r.ref === '46');
    assert.deepEqual([r46.direction, r46.baseline_rag, r46.rag], ['worse', 'amber', 'red']);
    assert.deepEqual(await page.$eval('.facts .dir', (d) => [d.dataset.direction, d.querySelector('.dir-label').textContent]),
      ['worse', 'was due within 30 days on 29 Sep']);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('the Changes page lists every change in the feed\'s order, exceptions first and marked', async () => {
    const page = await open(`${url}/changes`);
    assert.equal(await page.$eval('h1', (h1) => h1.textContent), 'Changes since 29 Sep');
    const rows = await page.$$eval('table.changes tbody tr', (trs) => trs.map((tr) => ({
      kind: tr.dataset.kind, ref: tr.dataset.ref, exception: tr.dataset.exception === 'true',
      mark: tr.querySelector('.mark .dir')?.dataset.direction ?? null,
      text: tr.querySelector('td.text').textContent, seen: tr.lastElementChild.textContent})));
    assert.equal(rows.length, changes.count);
    assert.equal(rows.length, 14);
    rows.forEach((row, i) => {
      const change = changes.changes[i];
      assert.deepEqual({kind: row.kind, ref: row.ref, exception: row.exception, text: row.text},
        {kind: change.kind, ref: change.ref, exception: change.exception, text: change.summary});
      if (change.exception) assert.equal(row.mark, 'worse', change.summary);
      assert.equal(change.first_seen, '2009-12-01T12:00:00Z'); // v1.7, imported
      assert.equal(row.seen, '1 Dec');
    });
    assert.equal(rows.filter((r) => r.exception).length, 11);
    assert.ok(rows.slice(0, 11).every((r) => r.exception), 'exceptions first');
    const slip = rows.find((r) => r.kind === 'slipped');
    assert.equal(slip.text, '6 · “October 2009” slipped: 31 Oct → 28 Feb 2010 (now “February 2010”), moved 3 times');
    assert.equal(rows.at(-1).mark, 'better'); // 14 newly compliant
    assert.match(await page.$eval('p.since', (p) => p.textContent), /^14 changes since 29 Sep, 11 exceptions first/);
    // Since another day, as the feed's since= (the link keeps it).
    await page.goto(`${url}/changes?since=2009-07-07`, {waitUntil: 'networkidle0'});
    await until('since 7 Jul', () => page.$eval('h1', (h1) => h1.textContent === 'Changes since 7 Jul'));
    const since = await feed(`${url}/api/v1/changes?since=2009-07-07`);
    assert.equal(await page.$$eval('table.changes tbody tr', (trs) => trs.length), since.count);
    assert.ok((await page.$$eval('#nav a', (as) => as.map((a) => a.getAttribute('href')))).every((h) => h.includes('since=2009-07-07')));
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('the trend is an SVG: a point per version for both series, the meetings, the baseline ringed', async () => {
    const page = await open(`${url}/trend`);
    const chart = await page.$eval('svg.trend-chart', (s) => ({
      compliance: [...s.querySelectorAll('circle.trend-point-compliance')].map((c) => ({
        value: Number(c.dataset.value), version: c.dataset.version, x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy'))})),
      overdue: [...s.querySelectorAll('rect.trend-point-overdue')].map((r) => Number(r.dataset.value)),
      meetings: [...s.querySelectorAll('line.trend-meeting')].map((l) => l.dataset.meeting),
      baseline: [...s.querySelectorAll('circle.trend-baseline')].map((c) => c.dataset.version),
      lines: [...s.querySelectorAll('polyline')].map((p) => p.getAttribute('points').split(' ').length),
      box: s.getBoundingClientRect().width,
    }));
    assert.equal(trend.count, 5);
    assert.deepEqual(chart.compliance.map((c) => c.value), trend.points.map((p) => p.compliance_percent));
    assert.deepEqual(chart.overdue, trend.points.map((p) => p.overdue));
    assert.deepEqual(chart.compliance.map((c) => c.version), trend.points.map((p) => String(p.id)));
    assert.deepEqual(chart.meetings, ['2009-04-28', '2009-06-02', '2009-07-07', '2009-09-29', '2009-12-08']);
    assert.deepEqual(chart.baseline, [String(trend.baseline), String(trend.baseline)]);
    assert.deepEqual(chart.lines, [5, 5]);
    for (let i = 1; i < chart.compliance.length; i++) {
      assert.ok(chart.compliance[i].x > chart.compliance[i - 1].x, 'points in time order');
      assert.ok(chart.compliance[i].y <= chart.compliance[i - 1].y, 'compliance rose, so the line rises');
    }
    assert.ok(chart.box > 600, `the chart is ${chart.box} px wide`);
    const table = await page.$$eval('table.trend-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.overdue)));
    assert.deepEqual(table, trend.points.map((p) => p.overdue));
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('axe-core and the layout checks on the history\'s pages, phone to TV', async () => {
    for (const scheme of ['light', 'dark']) {
      for (const where of ['/', '/changes', '/trend', '/chapters/3']) {
        const page = await open(`${url}${where}`, {scheme});
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}));
        const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
        assert.deepEqual(violations, [], `${scheme} ${where}`);
        await page.close();
      }
    }
    for (const [width, height] of SIZES) {
      for (const where of ['/', '/changes', '/trend']) {
        const page = await open(`${url}${where}`, {viewport: {width, height}});
        const problems = await layoutProblems(page);
        assert.deepEqual(problems, [], `${width}x${height} ${where}`);
        const name = `history-${where === '/' ? 'overview' : where.slice(1)}-${width}x${height}.png`;
        await page.screenshot({path: path.join(shots, name)});
        await page.close();
      }
    }
  });

  test('history off or unavailable: the pages say so in one line, the nav has no history links', async () => {
    const off = (await serve('no-history', laming, ['--no-history'])).url;
    let page = await open(`${off}/changes`);
    assert.equal(await page.$eval('[data-history-status]', (p) => p.textContent), 'history off (--no-history)');
    await page.goto(`${off}/`, {waitUntil: 'networkidle0'});
    await page.waitForSelector('body[data-ready]');
    assert.deepEqual(await page.$$eval('#nav a[href="/changes"], #nav a[href="/trend"]', (as) => as.length), 0);
    assert.equal(await page.$$eval('[data-history-status], .dir', (e) => e.length), 0);
    await page.close();
    const nowhere = path.join(work, 'no-such-directory', 'history.sqlite3');
    const broken = (await serve('broken-history', laming, ['--history', nowhere])).url;
    page = await open(`${broken}/`);
    const line = await until('the unavailable line', () => page.$eval('[data-history-status]', (p) => p.textContent).catch(() => null));
    assert.match(line, /^history unavailable: cannot use .*no-such-directory.*history\.sqlite3/);
    await page.goto(`${broken}/trend`, {waitUntil: 'networkidle0'});
    await until('the trend page to say why', () => page.$eval('[data-history-status]', (p) => p.textContent).catch(() => null));
    assert.match(await page.$eval('[data-history-status]', (p) => p.textContent), /^history unavailable: /);
    assert.deepEqual(page.problems.filter((p) => !p.includes('503')), []);
    await page.close();
  });
});
