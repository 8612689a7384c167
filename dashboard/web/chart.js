// The deadlines timeline as the wall draws it: Earlier | the months around the as-of date |
// Later, each column with a bar stacked by RAG and the counts as lettered badges.
import {h, svg, hidden} from './dom.js';
import {RAGS, ragLetter, ragMeaning, monthIndex, monthLabel, sinceDate} from './format.js';

const MONTHS_SHOWN = 12;

export function timeline(deadlines, asOf, amberDays) {
  const now = monthIndex(asOf);
  const first = now - Math.floor(MONTHS_SHOWN / 4);
  const last = first + MONTHS_SHOWN - 1;
  const columns = Array.from({length: MONTHS_SHOWN + 2}, () => ({red: 0, amber: 0, green: 0, blue: 0, none: 0}));
  for (const item of deadlines) {
    if (item.kind !== 'dated' || !item.due) continue;
    const month = monthIndex(item.due);
    const column = month < first ? 0 : month > last ? MONTHS_SHOWN + 1 : month - first + 1;
    columns[column][item.rag] += 1;
  }
  const tallest = Math.max(1, ...columns.map((c) => RAGS.reduce((sum, rag) => sum + c[rag], 0)));
  const items = columns.map((counts, c) => {
    const isNow = c > 0 && c <= MONTHS_SHOWN && first + c - 1 === now;
    const name = c === 0 ? 'Earlier' : c === MONTHS_SHOWN + 1 ? 'Later' : monthLabel(first + c - 1);
    let y = tallest;
    const rects = [];
    for (const rag of RAGS) {
      if (!counts[rag]) continue;
      y -= counts[rag];
      rects.push(svg('rect', {x: 0, y, width: 10, height: counts[rag], class: `bar-${rag}`}));
    }
    const total = RAGS.reduce((sum, rag) => sum + counts[rag], 0);
    return h('li', {class: isNow ? 'month now' : 'month', 'data-month': name, 'data-total': total},
      svg('svg', {class: 'stack', viewBox: `0 0 10 ${tallest}`, preserveAspectRatio: 'none',
        'aria-hidden': 'true', focusable: 'false'}, rects),
      h('span', {class: 'month-name'}, name, isNow ? hidden(' (the as-of month)') : null,
        isNow ? h('span', {'aria-hidden': 'true'}, ' \u25CF') : null),
      h('ul', {class: 'counts'}, RAGS.filter((rag) => counts[rag]).map((rag) =>
        h('li', {'data-rag': rag, 'data-count': counts[rag]},
          h('span', {class: `rag rag-${rag}`, 'aria-hidden': 'true'}, ragLetter(rag)),
          ` ${counts[rag]}`, hidden(` ${ragMeaning(rag, amberDays)}`)))));
  });
  return h('figure', {class: 'timeline'},
    h('figcaption', {}, h('h2', {id: 'timeline-title'}, 'Local milestones by month')),
    h('ol', {class: 'months', 'aria-labelledby': 'timeline-title'}, items));
}

// The trend (docs/history.md): compliance % (left axis) and overdue milestones (right axis), one
// point per recorded version at the time it was recorded, the committee meetings as ticks with
// their dates, the baseline ringed. Drawn in the page's own pixels (`width`, the page's width
// when it was built), so that its text is the page's size on a phone and on a TV.
const DAY = 86400000;

function days(iso) { return Date.parse(iso) / DAY; }

export function trendChart(trend, asOf, width) {
  const w = Math.max(300, Math.min(Math.round(width || 1000), 2400));
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const text = rem * 0.85;
  const height = Math.round(Math.max(14 * rem, Math.min(w * 0.45, 30 * rem)));
  const left = text * 3.2, right = text * 2.6, top = text, bottom = text * 3.6;
  const plot = {x: left, y: top, w: w - left - right, h: height - top - bottom};
  const points = trend.points;
  const overdueTop = Math.max(4, Math.ceil(Math.max(...points.map((p) => p.overdue)) / 4) * 4);
  let t0 = days(points[0].recorded_at);
  let t1 = Math.max(days(points[points.length - 1].recorded_at), days(`${asOf}T12:00:00Z`));
  const next = trend.meetings.find((m) => m > asOf); // the next committee
  if (next) t1 = Math.max(t1, days(`${next}T12:00:00Z`));
  if (t1 - t0 < 1) t1 = t0 + 1;
  const x = (d) => plot.x + ((d - t0) / (t1 - t0)) * plot.w;
  const yPercent = (v) => plot.y + plot.h - (v / 100) * plot.h;
  const yOverdue = (v) => plot.y + plot.h - (v / overdueTop) * plot.h;
  const parts = [];
  for (let k = 0; k <= 4; k++) {
    const y = plot.y + plot.h - (k / 4) * plot.h;
    parts.push(svg('line', {class: 'trend-grid', x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y}));
    parts.push(svg('text', {class: 'trend-axis', x: plot.x - text * 0.4, y: y + text * 0.35, 'text-anchor': 'end'}, `${k * 25}%`));
    parts.push(svg('text', {class: 'trend-axis', x: plot.x + plot.w + text * 0.4, y: y + text * 0.35}, String((overdueTop * k) / 4)));
  }
  // Meetings: a tick and the date, on one of two rows so that close dates do not touch.
  const rowEnd = [-Infinity, -Infinity];
  for (const meeting of trend.meetings) {
    const at = days(`${meeting}T12:00:00Z`);
    if (at < t0 - 0.5 || at > t1 + 0.5) continue;
    const mx = x(at);
    const name = sinceDate(meeting, asOf);
    const half = name.length * text * 0.3;
    const row = mx - half > rowEnd[0] + text * 0.5 ? 0 : mx - half > rowEnd[1] + text * 0.5 ? 1 : -1;
    parts.push(svg('line', {class: 'trend-meeting', x1: mx, x2: mx, y1: plot.y, y2: plot.y + plot.h, 'data-meeting': meeting}));
    if (row < 0) continue;
    rowEnd[row] = mx + half;
    parts.push(svg('text', {class: 'trend-axis', x: mx, y: plot.y + plot.h + text * (1.4 + row * 1.2), 'text-anchor': 'middle'}, name));
  }
  const at = points.map((p) => x(days(p.recorded_at)));
  parts.push(svg('polyline', {class: 'trend-overdue', points: points.map((p, i) => `${at[i].toFixed(1)},${yOverdue(p.overdue).toFixed(1)}`).join(' ')}));
  parts.push(svg('polyline', {class: 'trend-compliance', points: points.map((p, i) => `${at[i].toFixed(1)},${yPercent(p.compliance_percent).toFixed(1)}`).join(' ')}));
  const r = text * 0.3;
  points.forEach((p, i) => {
    const id = p.id === null ? '' : p.id;
    parts.push(svg('rect', {class: 'trend-point-overdue', x: at[i] - r, y: yOverdue(p.overdue) - r, width: 2 * r, height: 2 * r,
      'data-series': 'overdue', 'data-value': p.overdue, 'data-version': id}));
    parts.push(svg('circle', {class: 'trend-point-compliance', cx: at[i], cy: yPercent(p.compliance_percent), r: r * 1.15,
      'data-series': 'compliance', 'data-value': p.compliance_percent, 'data-version': id}));
    if (trend.baseline !== null && p.id === trend.baseline) {
      parts.push(svg('circle', {class: 'trend-baseline', cx: at[i], cy: yPercent(p.compliance_percent), r: r * 2.4, 'data-version': id}));
      parts.push(svg('circle', {class: 'trend-baseline', cx: at[i], cy: yOverdue(p.overdue), r: r * 2.4, 'data-version': id}));
    }
  });
  const last = points[points.length - 1];
  const summary = `Compliance from ${points[0].compliance_percent}% to ${last.compliance_percent}%, ` +
    `overdue milestones from ${points[0].overdue} to ${last.overdue}, over ${points.length} recorded versions`;
  const key = (cls, words) => h('li', {}, h('span', {class: `key ${cls}`, 'aria-hidden': 'true'}), words);
  return h('figure', {class: 'trend'},
    svg('svg', {class: 'trend-chart', viewBox: `0 0 ${w} ${height}`, role: 'img', 'aria-label': summary,
      'data-points': points.length}, parts),
    h('figcaption', {}, h('ul', {class: 'legend trend-legend'},
      key('key-compliance', 'Compliance % (left axis)'), key('key-overdue', 'Overdue milestones (right axis)'),
      key('key-meeting', 'Committee meeting'), trend.baseline !== null ? key('key-baseline', 'The baseline') : null)));
}
