// The deadlines timeline as the wall draws it: Earlier | the months around the as-of date |
// Later, each column with a bar stacked by RAG and the counts as lettered badges.
import {h, svg, hidden} from './dom.js';
import {RAGS, ragLetter, ragMeaning, monthIndex, monthLabel} from './format.js';

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
