// The pages, each built from the feed's JSON as a fresh DOM tree (app.js morphs it into the
// page). Pure: no fetching, no listening.
import {h, svg, hidden} from './dom.js';
import {timeline, trendChart} from './chart.js';
import {NO_LEAD, RAGS, STATUSES, arrow, badge, blocks, disagreeMark, disagrees, longDate, nextDue,
  oneLine, percentText, percentValue, plural, ragLetter, ragMeaning, reported, reportedNote,
  severity, shortDate, sinceDate} from './format.js';

function section(title, id, ...children) {
  return h('section', {'aria-labelledby': id}, h('h2', {id}, title), children);
}

function bar(compliant, total, label, direction) {
  const value = percentValue(compliant, total);
  return h('span', {class: 'bar-row'},
    svg('svg', {class: 'bar', viewBox: '0 0 100 4', preserveAspectRatio: 'none', role: 'img',
      'aria-label': label}, svg('rect', {class: 'bar-track', x: 0, y: 0, width: 100, height: 4}),
    svg('rect', {class: 'bar-fill', x: 0, y: 0, width: value.toFixed(2), height: 4})),
    h('strong', {class: 'percent'}, percentText(compliant, total)), direction || null);
}

function ragCounts(byRag, amberDays) {
  return h('ul', {class: 'rag-counts', 'aria-label': 'Recommendations by RAG'},
    RAGS.filter((rag) => byRag[rag]).map((rag) => h('li', {'data-rag': rag, 'data-count': byRag[rag]},
      h('span', {class: `rag rag-${rag}`, 'aria-hidden': 'true'}, ragLetter(rag)),
      ` ${byRag[rag]}`, hidden(` ${ragMeaning(rag, amberDays)}`))));
}

// ---- The history: direction of travel against the baseline (docs/history.md) ----

// What /api/v1/changes says, as the pages use it; null when there is no comparison.
function directions(ctx) {
  const c = ctx.changes;
  if (!c || !c.direction || !c.baseline) return null;
  const since = sinceDate(c.baseline.label_date, c.as_of);
  const chapters = new Map(c.direction.chapters.filter((ch) => ch.direction).map((ch) => [ch.number, ch]));
  const recs = new Map(c.direction.recommendations.filter((r) => r.direction).map((r) => [r.ref.toLowerCase(), r]));
  return {since, chapters, recs, overall: c.direction.overall, count: c.count, exceptions: c.exceptions};
}

function chapterArrow(dirs, number) {
  const chapter = dirs && dirs.chapters.get(number);
  return chapter ? arrow(chapter.direction, chapter.label) : null;
}

function recArrow(dirs, ref, amberDays) {
  const rec = dirs && dirs.recs.get(String(ref).toLowerCase());
  if (!rec) return null;
  const was = `was ${ragMeaning(rec.baseline_rag, amberDays).toLowerCase()} on ${dirs.since}`;
  return arrow(rec.direction, null, `${rec.direction === 'same' ? 'no change' : rec.direction}: ${was}`);
}

// "history unavailable: …" where the history's views would be (null when it is fine or off).
function historyNote(ctx) {
  return ctx.historyLine ? h('p', {class: 'history-status muted', 'data-history-status': ''}, ctx.historyLine) : null;
}

function statusLabel(status) {
  const found = STATUSES.find(([key]) => key === status);
  return found ? found[1] : status;
}

// A plan with reported RAGs (the officer's): only then are they, and the mark, shown.
function reportsRag(summary) { return summary.recommendations.reported_rags > 0; }

// ---- Overview ----

function figure(key, value, caption, tone, amberDays) {
  return h('li', {class: `figure${tone && value > 0 ? ` tone-${tone}` : ''}`, 'data-figure': key},
    h('strong', {class: 'number'}, String(value)),
    h('span', {class: 'caption'}, tone ? badge(tone, amberDays) : null, ' ', caption));
}

export function overview(ctx) {
  const s = ctx.summary;
  const r = s.recommendations;
  const amber = s.plan.amber_days;
  const figures = h('ul', {class: 'figures', 'aria-label': 'Key figures'},
    figure('total', r.total, 'Recommendations'),
    figure('compliant', r.compliant, `Compliant (${percentText(r.compliant, r.total)})`, 'blue', amber),
    figure('overdue', s.milestones.overdue, 'Overdue milestones', 'red', amber),
    figure('due_soon', s.milestones.due_soon, `Due within ${amber} days`, 'amber', amber),
    figure('no_timescale', s.quality.no_timescale, 'No timescale'),
    reportsRag(s) ? h('li', {class: 'figure', 'data-figure': 'rag_disagreements'},
      h('strong', {class: 'number'}, String(r.reported_rag_disagreements)),
      h('span', {class: 'caption'}, disagreeMark('Reported and computed RAG disagree'),
        ' Reported RAG disagrees')) : null);
  // A plan that answers no national report has no national/local split to show.
  const split = r.national === null || r.national === undefined ? null :
    h('p', {class: 'split', 'data-split': ''}, `Addressed to national bodies: ${r.national} \u00B7 to local bodies: ${r.local}`);
  const dirs = directions(ctx);
  const chapters = s.chapters.map((chapter) => h('li', {class: 'chapter', 'data-chapter': chapter.number},
    h('article', {'aria-labelledby': `chapter-${chapter.number}`},
      h('div', {class: 'chapter-head'},
        h('h3', {id: `chapter-${chapter.number}`},
          h('a', {href: ctx.link(`/chapters/${chapter.number}`)}, `${chapter.number}\u2002${chapter.title}`)),
        badge(chapter.worst_rag, amber, `Worst: ${ragMeaning(chapter.worst_rag, amber)}`)),
      h('p', {class: 'muted'}, `${plural(chapter.recommendations, 'recommendation', 'recommendations')} \u00B7 ${chapter.compliant} compliant`),
      bar(chapter.compliant, chapter.recommendations,
        `${percentText(chapter.compliant, chapter.recommendations)} of chapter ${chapter.number} compliant`,
        chapterArrow(dirs, chapter.number)),
      ragCounts(chapter.by_rag, amber),
      h('h4', {}, 'Local position'),
      chapter.local_position && chapter.local_position.length ?
        h('div', {class: 'position'}, blocks(chapter.local_position)) :
        h('p', {class: 'missing'}, 'No local position recorded.'))));
  // Since the last committee: the overall compliance's arrow and how many changes, with a link.
  const since = dirs ? h('p', {class: 'since', 'data-since': dirs.since},
    `Since ${dirs.since}: compliance ${percentText(dirs.overall.compliant, dirs.overall.recommendations)} `,
    arrow(dirs.overall.direction, dirs.overall.label), ' \u00B7 ',
    h('a', {href: ctx.link('/changes')}, `${plural(dirs.count, 'change', 'changes')}, ${plural(dirs.exceptions, 'exception', 'exceptions')}`)) : null;
  return {
    title: 'Overview',
    nodes: [figures, split, since, historyNote(ctx),
      section('Compliance by chapter', 'by-chapter', h('ol', {class: 'chapters'}, chapters))],
    json: '/api/v1/summary',
  };
}

// ---- Tables of recommendations ----

const COLUMNS = [
  ['ref', 'Ref'], ['text', 'Recommendation'], ['chapter', 'Ch.'], ['status', 'Status'],
  ['rag', 'RAG'], ['reported', 'Reported'], ['due', 'Next due'], ['lead', 'Lead']];

function leadText(item) {
  return item.leads && item.leads.length ? item.leads.join(', ') : 'No lead';
}

function recommendationRows(ctx, items, withChapter) {
  const amber = ctx.summary.plan.amber_days;
  const withReported = reportsRag(ctx.summary);
  const dirs = directions(ctx);
  return items.map((item) => h('tr', {'data-ref': item.ref, 'data-rag': item.rag,
    'data-agreement': withReported ? item.reported_rag_agreement : null},
    h('th', {scope: 'row', 'data-label': 'Ref'},
      h('a', {href: ctx.link(`/recommendations/${encodeURIComponent(item.ref)}`)}, item.ref)),
    h('td', {'data-label': 'Recommendation', class: 'text'}, oneLine(item.text)),
    withChapter ? h('td', {'data-label': 'Chapter'}, String(item.chapter)) : null,
    h('td', {'data-label': 'Status'}, item.status_label),
    h('td', {'data-label': 'RAG', class: 'rag-cell'}, badge(item.rag, amber, `Recommendation ${item.ref}: ${ragMeaning(item.rag, amber)}`),
      recArrow(dirs, item.ref, amber), h('span', {class: 'rag-words'}, ragMeaning(item.rag, amber))),
    withReported ? h('td', {'data-label': 'Reported', class: 'rag-cell'}, reported(item, amber)) : null,
    h('td', {'data-label': 'Next due'}, nextDue(item.next_milestone)),
    h('td', {'data-label': 'Lead'}, leadText(item))));
}

function recommendationTable(ctx, items, options) {
  const {withChapter, sort, caption} = options;
  const headers = COLUMNS.filter(([key]) => (withChapter || key !== 'chapter') &&
    (reportsRag(ctx.summary) || key !== 'reported')).map(([key, label]) => {
    if (!sort) return h('th', {scope: 'col'}, label);
    const active = sort.key === key;
    return h('th', {scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none'},
      h('button', {type: 'button', class: 'sort', 'data-sort': key},
        label, h('span', {'aria-hidden': 'true', class: 'arrow'}, active ? (sort.descending ? ' \u25BC' : ' \u25B2') : '')));
  });
  return h('table', {class: 'recs'}, h('caption', {class: caption ? '' : 'visually-hidden'}, caption || 'Recommendations'),
    h('thead', {}, h('tr', {}, headers)),
    h('tbody', {}, recommendationRows(ctx, items, withChapter)));
}

// ---- Chapter ----

export function chapter(ctx) {
  const c = ctx.data;
  const amber = ctx.summary.plan.amber_days;
  const recs = c.totals.recommendations;
  return {
    title: `Chapter ${c.number} \u00B7 ${c.title}`,
    nodes: [
      h('div', {class: 'chapter-summary', 'data-chapter': c.number},
        h('p', {}, `${plural(recs.total, 'recommendation', 'recommendations')} \u00B7 ${recs.compliant} compliant`),
        bar(recs.compliant, recs.total, `${percentText(recs.compliant, recs.total)} of chapter ${c.number} compliant`,
          chapterArrow(directions(ctx), c.number)),
        ragCounts(recs.by_rag, amber),
        reportsRag(ctx.summary) ? h('p', {'data-disagreements': recs.reported_rag_disagreements},
          disagreeMark('Reported and computed RAG disagree'), ' ',
          `Reported RAG disagrees: ${recs.reported_rag_disagreements}`) : null),
      historyNote(ctx),
      c.key_points && c.key_points.length ? section('Key points', 'key-points', blocks(c.key_points)) : null,
      section('Local position', 'local-position', c.local_position && c.local_position.length ?
        blocks(c.local_position) : h('p', {class: 'missing'}, 'No local position recorded.')),
      section('Recommendations', 'chapter-recs', recommendationTable(ctx, c.recommendations,
        {withChapter: false, caption: `Recommendations of chapter ${c.number}`})),
    ],
    json: `/api/v1/chapters/${c.number}`,
  };
}

// ---- All recommendations: filters, sort, search ----

// Disagreements first (reported better, then worse), then the reported RAGs by RAG, then none;
// as the desktop table sorts them.
function reportedOrder(item) {
  if (item.reported_rag_agreement === 'reported_better') return 0;
  if (item.reported_rag_agreement === 'reported_worse') return 1;
  return item.reported_rag ? 2 + severity(item.reported_rag) : 2 + RAGS.length;
}

function sortItems(items, sort) {
  const order = new Map(items.map((item, index) => [item, index])); // the feed's: natural ref order
  const statusRank = (status) => STATUSES.findIndex(([key]) => key === status);
  const due = (item) => (item.next_milestone && item.next_milestone.due) || '9999-99-99';
  const key = {
    ref: (a, b) => order.get(a) - order.get(b),
    text: (a, b) => oneLine(a.text).localeCompare(oneLine(b.text)),
    chapter: (a, b) => a.chapter - b.chapter,
    status: (a, b) => statusRank(a.status) - statusRank(b.status),
    rag: (a, b) => severity(a.rag) - severity(b.rag),
    due: (a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : 0),
    lead: (a, b) => leadText(a).localeCompare(leadText(b)),
    reported: (a, b) => reportedOrder(a) - reportedOrder(b),
  }[sort.key] || ((a, b) => order.get(a) - order.get(b));
  const sorted = [...items].sort((a, b) => key(a, b) || order.get(a) - order.get(b));
  if (sort.descending) sorted.reverse();
  return sorted;
}

function select(name, label, value, options) {
  return h('div', {class: 'field'},
    h('label', {for: `filter-${name}`}, label),
    h('select', {id: `filter-${name}`, name, 'data-filter': name},
      options.map(([optionValue, text]) => h('option', {value: optionValue, selected: optionValue === value}, text))));
}

export function recommendations(ctx) {
  const s = ctx.summary;
  const amber = s.plan.amber_days;
  const f = ctx.filters;
  const sort = {key: f.sort || 'ref', descending: f.dir === 'desc'};
  const items = sortItems(ctx.data.recommendations, sort);
  const leads = s.leads.filter((lead) => lead.lead !== null).map((lead) => lead.lead)
    .sort((a, b) => a.localeCompare(b));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter recommendations'},
    select('chapter', 'Chapter', f.chapter || '', [['', 'All chapters'],
      ...s.chapters.map((c) => [String(c.number), `${c.number}\u2002${c.title}`])]),
    select('status', 'Status', f.status || '', [['', 'All statuses'], ...STATUSES]),
    select('rag', 'RAG', f.rag || '', [['', 'All RAG'],
      ...RAGS.map((rag) => [rag, `${ragLetter(rag)}\u2002${ragMeaning(rag, amber)}`])]),
    select('lead', 'Lead', f.no_lead === 'true' ? NO_LEAD : f.lead || '', [['', 'All leads'],
      ...(s.leads.some((lead) => lead.lead === null) ? [[NO_LEAD, 'No lead']] : []),
      ...leads.map((lead) => [lead, lead])]),
    reportsRag(s) ? select('reported_rag_agreement', 'Reported RAG', f.reported_rag_agreement || '', [
      ['', 'All'], ['disagree', 'Disagrees with the deadlines'],
      ['reported_better', 'Reported better than the deadlines'],
      ['reported_worse', 'Reported worse than the deadlines'], ['agree', 'Agrees'],
      ['not_compared', 'Not compared']]) : null,
    h('div', {class: 'field search'},
      h('label', {for: 'filter-q'}, 'Search'),
      h('input', {id: 'filter-q', type: 'search', name: 'q', 'data-filter': 'q', value: f.q || '',
        autocomplete: 'off', maxlength: 200})));
  return {
    title: 'All recommendations',
    nodes: [form,
      h('p', {class: 'count', role: 'status', 'data-count': items.length},
        `${items.length} of ${s.recommendations.total} recommendations`),
      recommendationTable(ctx, items, {withChapter: true, sort})],
    json: ctx.dataUrl,
    csv: ctx.dataUrl.replace('/api/v1/recommendations', '/api/v1/recommendations.csv'),
  };
}

// ---- Deadlines ----

function milestoneTable(ctx, items, caption, id) {
  const amber = ctx.summary.plan.amber_days;
  return h('table', {class: 'milestones', id},
    h('caption', {class: 'visually-hidden'}, caption),
    h('thead', {}, h('tr', {}, ['RAG', 'Due', 'Ref', 'Deadline', 'Lead', 'Action'].map((label) => h('th', {scope: 'col'}, label)))),
    h('tbody', {}, items.length ? items.map((m) => h('tr', {'data-ref': m.ref, 'data-rag': m.rag, 'data-due': m.due || ''},
      h('td', {'data-label': 'RAG', class: 'rag-cell'}, badge(m.rag, amber)),
      h('td', {'data-label': 'Due'}, m.due ? shortDate(m.due) : m.kind,
        m.days_until_due !== null && m.days_until_due !== undefined && m.days_until_due < 0 ?
          h('span', {class: 'late'}, ` (${plural(-m.days_until_due, 'day', 'days')} late)`) : null),
      h('th', {scope: 'row', 'data-label': 'Ref'},
        h('a', {href: ctx.link(`/recommendations/${encodeURIComponent(m.ref)}`)}, m.ref)),
      h('td', {'data-label': 'Deadline'}, m.part ? `(${m.part}) ` : '', m.text),
      h('td', {'data-label': 'Lead'}, m.lead || 'No lead'),
      h('td', {'data-label': 'Action', class: 'text'}, m.action || ''))) :
      h('tr', {}, h('td', {colspan: 6}, 'None.'))));
}

export function deadlines(ctx) {
  const d = ctx.data;
  const amber = d.amber_days;
  const overdue = d.deadlines.filter((m) => m.rag === 'red');
  const soon = d.deadlines.filter((m) => m.rag === 'amber');
  return {
    title: 'Deadlines',
    nodes: [
      timeline(d.deadlines, d.as_of, amber),
      section(`Overdue (${overdue.length})`, 'overdue', milestoneTable(ctx, overdue, 'Overdue milestones', 'overdue-table')),
      section(`Due within ${amber} days (${soon.length})`, 'due-soon', milestoneTable(ctx, soon, `Milestones due within ${amber} days`, 'due-soon-table')),
      section(`All local milestones (${d.count})`, 'all-milestones', milestoneTable(ctx, d.deadlines, 'All local milestones', 'all-table')),
    ],
    json: ctx.dataUrl,
  };
}

// ---- Data quality ----

export function quality(ctx) {
  const q = ctx.data;
  const link = (finding) => h('a', {href: ctx.link(`/recommendations/${encodeURIComponent(finding.ref)}`)},
    `${finding.ref}${finding.part || ''}`);
  const groups = {position: [], unreadable: [], noDeadline: [], noResponse: [], noLead: []};
  for (const finding of q.findings) {
    if (finding.kind === 'no_local_position') {
      groups.position.push(h('li', {}, h('a', {href: ctx.link(`/chapters/${finding.chapter}`)}, `Chapter ${finding.chapter}`)));
    } else if (finding.kind === 'no_lead') {
      groups.noLead.push(h('li', {}, link(finding), ` (${finding.detail})`));
    } else if (finding.detail === 'local actions with no deadline') {
      groups.noDeadline.push(h('li', {}, link(finding)));
    } else if (finding.detail === 'no local response') {
      groups.noResponse.push(h('li', {}, link(finding)));
    } else {
      groups.unreadable.push(h('li', {}, link(finding), ` \u201C${finding.detail}\u201D`));
    }
  }
  const list = (title, items) => items.length ?
    [h('h3', {}, title), h('ul', {class: 'findings'}, items)] : null;
  const positions = q.totals.no_local_position > 0;
  const timescale = q.totals.no_timescale + q.totals.no_local_position;
  return {
    title: 'Data quality',
    nodes: [
      h('section', {class: 'panel', 'aria-labelledby': 'no-timescale', 'data-quality': 'no_timescale'},
        h('h2', {id: 'no-timescale'}, h('strong', {class: 'number'}, String(timescale)),
          positions ? ' with no timescale or local position' : ' with no timescale'),
        list('Chapters with no local position recorded', groups.position),
        list('Deadlines that cannot be read', groups.unreadable),
        list('Recommendations with local actions and no deadline', groups.noDeadline),
        list('Recommendations with no local response', groups.noResponse)),
      h('section', {class: 'panel', 'aria-labelledby': 'no-lead', 'data-quality': 'no_lead'},
        h('h2', {id: 'no-lead'}, h('strong', {class: 'number'}, String(q.totals.no_lead)),
          ' milestones with no named lead'),
        list('Recommendation (deadline)', groups.noLead)),
    ],
    json: ctx.dataUrl,
  };
}

// ---- One recommendation ----

export function recommendation(ctx) {
  const r = ctx.data;
  const amber = ctx.summary.plan.amber_days;
  const dirs = directions(ctx);
  const rec = dirs && dirs.recs.get(String(r.ref).toLowerCase());
  const facts = h('p', {class: 'facts'},
    badge(r.rag, amber), ' ', reported(r, amber), r.reported_rag ? ' ' : null,
    h('span', {class: 'rag-words'}, ragMeaning(r.rag, amber)),
    rec ? [' ', arrow(rec.direction, `was ${ragMeaning(rec.baseline_rag, amber).toLowerCase()} on ${dirs.since}`)] : null,
    ` \u00B7 ${r.status_label} \u00B7 `,
    h('a', {href: ctx.link(`/chapters/${r.chapter}`)}, `Chapter ${r.chapter} ${r.chapter_title}`),
    r.addressed_to ? ` \u00B7 addressed to ${r.addressed_to} bodies` : '');
  const parts = r.parts.map((part) => h('div', {class: 'part'},
    h('h3', {}, `(${part.label})`), blocks(part.text),
    part.government_response.length ? [h('h4', {}, 'Government response'), blocks(part.government_response)] : null,
    part.government_deadline ? h('p', {}, `Government deadline: ${part.government_deadline}`) : null,
    part.local_response.length ? [h('h4', {}, 'Local response'), blocks(part.local_response)] : null));
  const milestones = r.milestones.length ? h('table', {class: 'milestones'},
    h('caption', {class: 'visually-hidden'}, `Milestones of recommendation ${r.ref}`),
    h('thead', {}, h('tr', {}, ['RAG', 'Due', 'Deadline', 'Lead', 'Action'].map((label) => h('th', {scope: 'col'}, label)))),
    h('tbody', {}, r.milestones.map((m) => h('tr', {'data-rag': m.rag},
      h('td', {'data-label': 'RAG', class: 'rag-cell'}, badge(m.rag, amber)),
      h('td', {'data-label': 'Due'}, m.due ? shortDate(m.due) : m.kind),
      h('td', {'data-label': 'Deadline'}, m.part ? `(${m.part}) ` : '', m.text),
      h('td', {'data-label': 'Lead'}, m.lead || 'No lead'),
      h('td', {'data-label': 'Action', class: 'text'}, m.action || ''))))) :
    h('p', {class: 'missing'}, 'No local milestones.');
  return {
    title: `Recommendation ${r.ref}`,
    nodes: [
      facts,
      r.reported_rag ? h('p', {class: disagrees(r.reported_rag_agreement) ? 'reported-note disagreement' : 'reported-note',
        'data-reported-note': ''}, reportedNote(r)) : null,
      r.status_reason ? h('p', {class: 'muted'}, `Status: ${r.status_reason}`) : null,
      section('Recommendation', 'rec-text', blocks(r.text), parts),
      r.bodies.length ? section('Bodies', 'rec-bodies', h('ul', {}, r.bodies.map((body) => h('li', {}, body)))) : null,
      r.government_response.length || r.government_deadline ?
        section('Government response', 'rec-government', blocks(r.government_response),
          r.government_deadline ? h('p', {}, `Deadline: ${r.government_deadline}`) : null) : null,
      section('Local response', 'rec-local',
        r.local_response_see ? h('p', {class: 'muted'}, 'Shared with recommendation ',
          h('a', {href: ctx.link(`/recommendations/${encodeURIComponent(r.local_response_see)}`)}, r.local_response_see)) : null,
        r.local_response.length ? blocks(r.local_response) : h('p', {class: 'missing'}, 'No local response recorded.')),
      section('Milestones', 'rec-milestones', milestones),
      r.findings.length ? section('Data-quality findings', 'rec-findings', h('ul', {class: 'findings'},
        r.findings.map((f) => h('li', {}, `${f.kind === 'no_lead' ? 'No lead' : 'No timescale'}${f.part ? ` (${f.part})` : ''}: ${f.detail}`)))) : null,
    ],
    json: `/api/v1/recommendations/${encodeURIComponent(r.ref)}`,
  };
}

// ---- Changes since the baseline ----

// Exceptions are marked ▼, improvements ▲ (as on the wall).
const BETTER_KINDS = new Set(['newly_compliant', 'milestone_completed']);
// compliant > in progress = awaiting national > not started
const STATUS_RANK = {compliant: 3, in_progress: 2, awaiting_national: 2, not_started: 1};

// "2j · “October 2009” is overdue (due 31 Oct)", its subject ("2j") linked to the recommendation.
function linkedSummary(ctx, change) {
  const end = change.summary.indexOf(' \u00B7 ');
  if (end <= 0) return change.summary;
  return [h('a', {href: ctx.link(`/recommendations/${encodeURIComponent(change.ref)}`)}, change.summary.slice(0, end)),
    change.summary.slice(end)];
}

export function changes(ctx) {
  const c = ctx.data;
  const dirs = directions({changes: c});
  const title = dirs ? `Changes since ${dirs.since}` : 'Changes';
  if (!dirs) {
    return {title, nodes: [h('p', {class: 'missing', 'data-why-none': ''}, `No changes to show: ${c.why_none || 'no baseline'}`)],
      json: ctx.dataUrl};
  }
  const summary = h('p', {class: 'since', 'data-count': c.count, 'data-exceptions': c.exceptions},
    c.count ? `${plural(c.count, 'change', 'changes')} since ${dirs.since}${c.exceptions ? `, ${plural(c.exceptions, 'exception', 'exceptions')} first` : ''} \u00B7 ` :
      `No changes since ${dirs.since} \u00B7 `,
    `compliance ${percentText(dirs.overall.compliant, dirs.overall.recommendations)} `, arrow(dirs.overall.direction, dirs.overall.label));
  const baseline = h('p', {class: 'muted'}, `Compared with plan ${c.baseline.plan_version} as recorded on ${shortDate(c.baseline.recorded_day)}` +
    (c.baseline.chosen_by === 'meeting' ? `, the version the committee of ${longDate(c.baseline.meeting)} saw` : '') +
    `, at ${longDate(c.as_of)}.`);
  const rows = c.changes.map((change, index) => {
    const better = BETTER_KINDS.has(change.kind) ||
      (change.kind === 'status_changed' && STATUS_RANK[change.status_to] > STATUS_RANK[change.status_from]);
    const mark = change.exception ? arrow('worse', null, 'exception: worse') : better ? arrow('better', null, 'better') : null;
    return h('tr', {'data-kind': change.kind, 'data-ref': change.ref, 'data-exception': String(change.exception), 'data-position': index + 1,
      class: change.exception ? 'exception' : null},
      h('td', {'data-label': 'Mark', class: 'mark'}, mark),
      h('td', {'data-label': 'What changed', class: 'text'}, linkedSummary(ctx, change)),
      h('td', {'data-label': 'First seen'}, sinceDate(change.first_seen.slice(0, 10), c.as_of)));
  });
  const table = c.changes.length ? h('table', {class: 'changes'},
    h('caption', {class: 'visually-hidden'}, `Changes since ${dirs.since}, exceptions first`),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Mark')),
      h('th', {scope: 'col'}, 'What changed'), h('th', {scope: 'col'}, 'First seen'))),
    h('tbody', {}, rows)) : null;
  return {title, nodes: [summary, baseline, table, h('p', {}, h('a', {href: ctx.link('/trend')}, 'The trend'))], json: ctx.dataUrl};
}

// ---- Trend ----

export function trend(ctx) {
  const t = ctx.data;
  const asOf = ctx.summary.plan.as_of;
  const dirs = directions(ctx);
  if (!t.points.length) {
    return {title: 'Trend', nodes: [h('p', {class: 'missing'}, 'No versions recorded yet: the trend starts with the next one.')], json: '/api/v1/trend'};
  }
  const last = t.points[t.points.length - 1];
  const summary = h('p', {class: 'since'}, `Compliance ${percentText(last.compliant, last.recommendations)}`,
    dirs ? [' ', arrow(dirs.overall.direction, dirs.overall.label)] : null,
    ` \u00B7 overdue milestones ${last.overdue} \u00B7 ${plural(t.count, 'version', 'versions')} recorded`);
  const rows = t.points.map((p) => h('tr', {'data-version': p.id === null ? '' : p.id, 'data-compliance': p.compliance_percent, 'data-overdue': p.overdue},
    h('td', {'data-label': 'Version'}, p.id === null ? 'on show (not recorded)' : String(p.id)),
    h('td', {'data-label': 'Plan'}, p.plan_version),
    h('td', {'data-label': 'Reporting date'}, shortDate(p.as_of)),
    h('td', {'data-label': 'Compliance'}, `${percentText(p.compliant, p.recommendations)} (${p.compliant} of ${p.recommendations})`),
    h('td', {'data-label': 'Overdue'}, String(p.overdue))));
  return {
    title: 'Trend',
    nodes: [summary, trendChart(t, asOf, ctx.width),
      section('Every recorded version', 'trend-versions', h('table', {class: 'trend-table'},
        h('caption', {class: 'visually-hidden'}, 'Compliance and overdue milestones at each recorded version'),
        h('thead', {}, h('tr', {}, ['Version', 'Plan', 'Reporting date', 'Compliance', 'Overdue milestones'].map((label) => h('th', {scope: 'col'}, label)))),
        h('tbody', {}, rows)))],
    json: '/api/v1/trend',
  };
}

// A history page when the history is off or cannot be used: the feed's 503, in one line.
export function historyUnavailable(ctx, title, message) {
  return {title, nodes: [h('p', {class: 'history-status muted', 'data-history-status': ''}, message)]};
}

export function notFound(ctx, message) {
  return {
    title: 'Not found',
    nodes: [h('p', {}, message), h('p', {}, h('a', {href: ctx.link('/')}, 'Go to the overview'))],
  };
}

export {longDate};
