// The browser dashboard: reads the URL, fetches what the page needs from the feed, draws it,
// and polls for changes. docs/browser.md describes the pages and their links.
import {FeedError, apiUrl, load} from './api.js';
import {h} from './dom.js';
import {NO_LEAD, RAGS, badge, disagreeMark, longDate, ragMeaning, reportedBadge, timestamp} from './format.js';
import {morph} from './morph.js';
import * as pages from './pages.js';

const KEPT = ['as_of', 'since', 'refresh']; // carried along by every link
const HISTORY_PAGES = ['changes', 'trend'];
// Pages that show the direction of travel (arrows), read from /api/v1/changes when there is one.
const WITH_ARROWS = ['overview', 'chapter', 'recommendation', 'recommendations', 'trend'];
const FILTERS = ['chapter', 'status', 'rag', 'lead', 'no_lead', 'reported_rag_agreement', 'q'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const state = {
  sequence: 0,      // the latest refresh; older answers are dropped
  rendered: '',     // the URL and data versions last drawn
  health: null,     // the last /healthz read
  unreachableSince: null,
  error: null,      // a refusal from the feed (a bad as_of) to show in the banner
  timer: 0,
};

const $ = (id) => document.getElementById(id);

function params() { return new URLSearchParams(window.location.search); }

// Every link keeps the reader's as-of date (and poll interval).
function link(path, extra) {
  const current = params();
  const query = new URLSearchParams();
  for (const name of KEPT) if (current.get(name)) query.set(name, current.get(name));
  for (const [name, value] of Object.entries(extra || {})) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function route(pathname) {
  if (pathname === '/' || pathname === '') return {page: 'overview'};
  if (pathname === '/deadlines') return {page: 'deadlines'};
  if (pathname === '/quality') return {page: 'quality'};
  if (pathname === '/recommendations') return {page: 'recommendations'};
  if (pathname === '/changes') return {page: 'changes'};
  if (pathname === '/trend') return {page: 'trend'};
  let match = /^\/chapters\/(\d{1,9})$/.exec(pathname);
  if (match) return {page: 'chapter', number: Number(match[1])};
  match = /^\/recommendations\/([^/]+)$/.exec(pathname);
  if (match) {
    try {
      return {page: 'recommendation', ref: decodeURIComponent(match[1])};
    } catch (ignored) { /* a malformed escape names no page */ }
  }
  return {page: 'missing'};
}

function dataUrl(where, asOf, query) {
  switch (where.page) {
    case 'chapter': return apiUrl(`/api/v1/chapters/${where.number}`, {as_of: asOf});
    case 'deadlines': return apiUrl('/api/v1/deadlines', {as_of: asOf});
    case 'quality': return apiUrl('/api/v1/quality', {as_of: asOf});
    case 'recommendation':
      return apiUrl(`/api/v1/recommendations/${encodeURIComponent(where.ref)}`, {as_of: asOf});
    case 'changes': return changesUrl(asOf, query);
    case 'trend': return apiUrl('/api/v1/trend', {});
    case 'recommendations': {
      const filters = {as_of: asOf};
      for (const name of FILTERS) filters[name] = query.get(name);
      return apiUrl('/api/v1/recommendations', filters);
    }
    default: return null;
  }
}

// The changes since the baseline: the last committee, or the reader's `since`.
function changesUrl(asOf, query) {
  return apiUrl('/api/v1/changes', {as_of: asOf, since: query.get('since')});
}

// "history unavailable: …" when the history cannot be used (null when it is fine or off).
function historyLine(health) {
  const history = health && health.history;
  if (!history) return null;
  if (history.status === 'unavailable') return `history unavailable: ${history.error || ''}`;
  if (history.status === 'not_recording') return `history not recording: ${history.error || ''}`;
  return null;
}

function historyAvailable(health) {
  const status = health && health.history && health.history.status;
  return status === 'ok' || status === 'not_recording';
}

// A request the page can do without: the history's, answered 503 when it is off.
function optional(url) {
  return load(url).catch((error) => {
    if (error instanceof FeedError) return {data: null, changed: true, error};
    throw error;
  });
}

function pollSeconds() {
  const value = Number(params().get('refresh'));
  return Number.isFinite(value) && value >= 1 && value <= 3600 ? value : 30;
}

// ---- Banners: the feed unreachable, the plan file refused, a date refused ----

function banners() {
  const out = [];
  const health = state.health;
  if (state.unreachableSince) {
    out.push(h('p', {class: 'banner error', 'data-banner': 'unreachable'},
      `Cannot reach actionboard since ${timestamp(state.unreachableSince.toISOString())}. `,
      health ? `Showing the plan as loaded at ${timestamp(health.loaded_at)}.` : ''));
  } else if (health && health.status === 'degraded') {
    out.push(h('p', {class: 'banner error', 'data-banner': 'degraded'},
      `Showing the plan as loaded at ${timestamp(health.loaded_at)}: ${health.last_reload_error || 'the plan file could not be read'}`));
  }
  // The wall's warning, by the same rule (--stale-days): /healthz says when.
  if (health && health.stale) {
    out.push(h('p', {class: 'banner warning', 'data-banner': 'stale'},
      `Data may be out of date: last updated ${timestamp(health.data_updated_at)} ` +
      `(more than ${health.stale_after_days} days ago)`));
  }
  if (state.error) out.push(h('p', {class: 'banner warning', 'data-banner': 'refused'}, state.error));
  return h('div', {id: 'banner', class: 'banners', 'aria-live': 'polite'}, out);
}

// ---- The frame around every page ----

function navigation(summary, where) {
  const item = (href, text, current, label) => h('li', {},
    h('a', {href: link(href), 'aria-current': current ? 'page' : null, 'aria-label': label, title: label}, text));
  return h('nav', {id: 'nav', 'aria-label': 'Pages'}, h('ul', {},
    item('/', 'Overview', where.page === 'overview'),
    h('li', {class: 'chapter-links'}, h('span', {class: 'label', 'aria-hidden': 'true'}, 'Chapters'),
      h('ul', {'aria-label': 'Chapters'}, summary.chapters.map((c) => item(`/chapters/${c.number}`, String(c.number),
        where.page === 'chapter' && where.number === c.number, `Chapter ${c.number}: ${c.title}`)))),
    item('/deadlines', 'Deadlines', where.page === 'deadlines'),
    item('/quality', 'Data quality', where.page === 'quality'),
    item('/recommendations', 'All recommendations', where.page === 'recommendations'),
    historyAvailable(state.health) ? item('/changes', 'Changes', where.page === 'changes') : null,
    historyAvailable(state.health) ? item('/trend', 'Trend', where.page === 'trend') : null));
}

// `reported`: the plan gives reported RAGs, so the key explains their badge and the mark too.
function legend(amberDays, reported) {
  return h('ul', {id: 'legend', class: 'legend', 'aria-label': 'RAG key'},
    RAGS.map((rag) => h('li', {}, badge(rag, amberDays), ' ', h('span', {'aria-hidden': 'true'}, ragMeaning(rag, amberDays)))),
    reported ? [
      h('li', {}, reportedBadge('green', amberDays, 'Reported by the officer'), ' ', h('span', {'aria-hidden': 'true'}, 'Reported')),
      h('li', {}, disagreeMark('Reported and computed RAG disagree'), ' ', h('span', {'aria-hidden': 'true'}, 'Disagrees'))] : null);
}

function footerLinks(view) {
  const links = [];
  if (view.json) links.push(h('a', {href: view.json}, 'This page as JSON'));
  if (view.csv) links.push(' \u00B7 ', h('a', {href: view.csv}, 'CSV for Excel'));
  links.push(' \u00B7 ', h('a', {href: '/api/v1/openapi.json'}, 'About the feed (OpenAPI)'));
  return h('p', {id: 'links', class: 'links'}, links);
}

function draw(summary, where, view, navigated) {
  const plan = summary.plan;
  morph($('plan-title'), h('p', {id: 'plan-title', class: 'plan-title'}, plan.title));
  morph($('plan-authority'), h('p', {id: 'plan-authority', class: 'authority'}, plan.authority));
  const asOf = $('as-of');
  if (document.activeElement !== asOf && asOf.value !== plan.as_of) asOf.value = plan.as_of;
  $('as-of-reset').hidden = !params().get('as_of');
  morph($('updated'), h('p', {id: 'updated', class: 'updated'}, `As of ${longDate(plan.as_of)}`,
    state.health ? ` \u00B7 Updated ${timestamp(state.health.data_updated_at)}` : ''));
  morph($('nav'), navigation(summary, where));
  morph($('legend'), legend(plan.amber_days, summary.recommendations.reported_rags > 0));
  morph($('links'), footerLinks(view));
  morph($('page-title'), h('h1', {id: 'page-title', tabindex: '-1'}, view.title));
  morph($('page'), h('div', {id: 'page', 'data-page': where.page}, view.nodes));
  document.title = `${view.title} \u00B7 ${plan.title}`;
  if (!document.body.dataset.ready) performance.mark('actionboard-drawn'); // bench/web
  document.body.dataset.ready = 'true';
  if (navigated) {
    window.scrollTo(0, 0);
    $('page-title').focus({preventScroll: true});
  }
}

// ---- Fetching and drawing ----

async function refresh(navigated) {
  const sequence = ++state.sequence;
  const query = params();
  const where = route(window.location.pathname);
  let asOf = query.get('as_of') || null;
  state.error = null;
  if (asOf && !DATE.test(asOf)) {
    state.error = `The date "${asOf}" is not a date written YYYY-MM-DD: showing the plan's own date.`;
    asOf = null;
  }
  const summaryUrl = apiUrl('/api/v1/summary', {as_of: asOf});
  const url = dataUrl(where, asOf, query);
  const historyPage = HISTORY_PAGES.includes(where.page);
  const arrows = WITH_ARROWS.includes(where.page);
  let results;
  try {
    results = await Promise.all([load('/healthz'), load(summaryUrl),
      url ? (historyPage ? optional(url) : load(url)) : null,
      arrows ? optional(changesUrl(asOf, query)) : null]);
  } catch (error) {
    if (sequence !== state.sequence) return;
    if (error instanceof FeedError && error.status === 400 && asOf) {
      state.error = `${error.message}`;
    } else if (error instanceof FeedError && error.status === 404) {
      const summary = (await load(apiUrl('/api/v1/summary', {})).catch(() => null))?.data;
      if (summary && sequence === state.sequence) {
        state.unreachableSince = null;
        draw(summary, where, pages.notFound({link}, error.message), navigated);
        state.rendered = window.location.href;
      }
    } else if (!(error instanceof FeedError)) {
      state.unreachableSince = state.unreachableSince || new Date();
    } else {
      state.error = error.message;
    }
    morph($('banner'), banners());
    return;
  }
  if (sequence !== state.sequence) return;
  state.unreachableSince = null;
  const [health, summary, data, changes] = results;
  state.health = health.data;
  const key = `${window.location.href}|${summary.data.plan.as_of}`;
  const changed = health.changed || summary.changed || (data && data.changed) || (changes && changes.changed);
  if (changed || navigated || key !== state.rendered) {
    const ctx = {summary: summary.data, data: data && data.data, link, dataUrl: url,
      changes: changes && changes.data, historyLine: historyLine(state.health),
      width: $('page').clientWidth || window.innerWidth,
      filters: Object.fromEntries([...FILTERS, 'sort', 'dir'].map((n) => [n, query.get(n)]))};
    let view;
    if (historyPage && data && !data.data) {
      // Off or unavailable: the feed's 503 says why, in one line.
      view = pages.historyUnavailable(ctx, where.page === 'changes' ? 'Changes' : 'Trend', data.error.message);
    } else switch (where.page) {
      case 'overview': view = pages.overview(ctx); break;
      case 'chapter': view = pages.chapter(ctx); break;
      case 'deadlines': view = pages.deadlines(ctx); break;
      case 'quality': view = pages.quality(ctx); break;
      case 'recommendation': view = pages.recommendation(ctx); break;
      case 'recommendations': view = pages.recommendations(ctx); break;
      case 'changes': view = pages.changes(ctx); break;
      case 'trend': view = pages.trend(ctx); break;
      default: view = pages.notFound(ctx, `There is no page ${window.location.pathname} here.`);
    }
    draw(summary.data, where, view, navigated);
    state.rendered = key;
  }
  morph($('banner'), banners());
}

function schedule() {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(async () => {
    await refresh(false).catch(() => {});
    schedule();
  }, pollSeconds() * 1000);
}

function go(url, replace) {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  refresh(!replace).catch(() => {});
  schedule();
}

// ---- Listening, by delegation (the page is rebuilt; its listeners are not) ----

document.addEventListener('click', (event) => {
  const sortButton = event.target.closest('button[data-sort]');
  if (sortButton) {
    const query = params();
    const key = sortButton.dataset.sort;
    const descending = (query.get('sort') || 'ref') === key && query.get('dir') !== 'desc';
    query.set('sort', key);
    if (descending) query.set('dir', 'desc'); else query.delete('dir');
    go(`${window.location.pathname}?${query}`, true);
    return;
  }
  const anchor = event.target.closest('a[href]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
      event.shiftKey || event.altKey || anchor.target) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/') ||
      url.pathname.startsWith('/web/') || url.hash) return;
  event.preventDefault();
  go(url.pathname + url.search, false);
});

let typing = 0;
function applyFilter(control) {
  const query = params();
  if (control.name === 'lead') query.delete('no_lead');
  if (control.name === 'lead' && control.value === NO_LEAD) {
    query.delete('lead');
    query.set('no_lead', 'true');
  } else if (control.value) {
    query.set(control.name, control.value);
  } else {
    query.delete(control.name);
  }
  const text = query.toString();
  go(text ? `${window.location.pathname}?${text}` : window.location.pathname, true);
}
document.addEventListener('change', (event) => {
  const control = event.target;
  if (control.matches('[data-filter]')) {
    applyFilter(control);
  } else if (control.id === 'as-of' && DATE.test(control.value)) {
    const query = params();
    query.set('as_of', control.value);
    go(`${window.location.pathname}?${query}`, false);
  }
});
document.addEventListener('input', (event) => {
  const control = event.target;
  if (control.matches('input[data-filter]')) {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => applyFilter(control), 250);
  }
});
document.addEventListener('submit', (event) => event.preventDefault());

$('as-of-reset').addEventListener('click', () => {
  const query = params();
  query.delete('as_of');
  const text = query.toString();
  go(text ? `${window.location.pathname}?${text}` : window.location.pathname, false);
});
window.addEventListener('popstate', () => refresh(true).catch(() => {}));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh(false).catch(() => {});
});

refresh(false).catch(() => {});
schedule();
