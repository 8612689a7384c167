// Words and numbers as the wall writes them (dashboard/ui/theme.cpp, views.cpp).
import {h, hidden} from './dom.js';

export const RAGS = ['red', 'amber', 'green', 'blue', 'none'];
const LETTERS = {red: 'R', amber: 'A', green: 'G', blue: '\u2713', none: '\u2013'};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
export const STATUSES = [
  ['compliant', 'Compliant'], ['in_progress', 'In progress'],
  ['awaiting_national', 'Awaiting national'], ['not_started', 'Not started']];

export function ragLetter(rag) { return LETTERS[rag] || LETTERS.none; }

// Direction of travel against the baseline (docs/history.md): the shape carries the meaning,
// the colour only repeats it.
const ARROWS = {better: '\u25B2', worse: '\u25BC', same: '\u25BA'};
const DIRECTION_WORDS = {better: 'better', worse: 'worse', same: 'no change'};

// An arrow for `direction` ("better", "worse", "same"), with `label` shown beside it
// ("+9 since 7 Jul"), or, without a label, `spoken` for screen readers and as a tooltip.
export function arrow(direction, label, spoken) {
  if (!direction || !ARROWS[direction]) return null;
  const words = spoken || `${DIRECTION_WORDS[direction]}${label ? `: ${label}` : ''}`;
  return h('span', {class: `dir dir-${direction}`, 'data-direction': direction, title: words},
    h('span', {class: 'dir-arrow', 'aria-hidden': 'true'}, ARROWS[direction]),
    label ? [hidden(`${DIRECTION_WORDS[direction]}: `), h('span', {class: 'dir-label'}, label)] : hidden(words));
}

export function ragMeaning(rag, amberDays) {
  switch (rag) {
    case 'red': return 'Overdue';
    case 'amber': return `Due within ${amberDays} days`;
    case 'green': return 'On track';
    case 'blue': return 'Complete';
    default: return 'No due date';
  }
}

export function severity(rag) { return {red: 0, amber: 1, green: 2, blue: 3, none: 4}[rag] ?? 4; }

// A RAG badge: its letter, and its meaning for screen readers and as a tooltip. Never colour
// alone.
export function badge(rag, amberDays, label) {
  const meaning = ragMeaning(rag, amberDays);
  return h('span', {class: `rag rag-${rag}`, 'data-rag': rag, title: label || meaning},
    h('span', {'aria-hidden': 'true'}, ragLetter(rag)), hidden(label || meaning));
}

// The RAG an officer reported (the plan's reported_rag): an outlined badge, told from the
// computed RAG's filled one by its shape, with its letter.
export function reportedBadge(rag, amberDays, label) {
  const text = label || `Reported: ${ragMeaning(rag, amberDays)}`;
  return h('span', {class: `rag rag-reported rag-${rag}`, 'data-reported-rag': rag, title: text},
    h('span', {'aria-hidden': 'true'}, ragLetter(rag)), hidden(text));
}

// A reported RAG that disagrees with the computed one: a warning triangle with "!" (docs/rag.md).
export function disagreeMark(label) {
  return h('span', {class: 'disagree', 'data-disagree': '', title: label},
    h('span', {'aria-hidden': 'true'}, '!'), hidden(label));
}

export function disagrees(agreement) {
  return agreement === 'reported_better' || agreement === 'reported_worse';
}

// As the wall writes it (reported_rag_note): "Reported green, but the deadlines say red".
export function reportedNote(item) {
  if (!item.reported_rag) return '';
  return `Reported ${item.reported_rag}` +
    (disagrees(item.reported_rag_agreement) ? `, but the deadlines say ${item.rag}` : '');
}

// A recommendation's reported RAG and, when it disagrees, the mark; nothing when none.
export function reported(item, amberDays) {
  if (!item.reported_rag) return null;
  const note = `Recommendation ${item.ref}: ${reportedNote(item)}`;
  return [reportedBadge(item.reported_rag, amberDays, note),
    disagrees(item.reported_rag_agreement) ? [' ', disagreeMark(note)] : null];
}

// As printf's %.0f: halves go to the even neighbour (12.5 -> 12), as on the wall.
export function percentText(compliant, total) {
  if (!total) return '0%';
  const value = (100 * compliant) / total;
  let rounded = Math.round(value);
  if (Math.abs(value - Math.trunc(value)) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return `${rounded}%`;
}

export function percentValue(compliant, total) { return total ? (100 * compliant) / total : 0; }

export function plural(count, one, many) { return `${count} ${count === 1 ? one : many}`; }

function parts(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return {y, m, d};
}
// "7 July 2009"
export function longDate(iso) {
  if (!iso) return '';
  const {y, m, d} = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
// "7 Jul", or "7 Jul 2009" when the year is not `asOf`'s: how the history names a day.
export function sinceDate(iso, asOf) {
  if (!iso) return '';
  const {y, m, d} = parts(iso);
  const sameYear = asOf && parts(asOf).y === y;
  return `${d} ${MONTHS[m - 1].slice(0, 3)}${sameYear ? '' : ` ${y}`}`;
}
// "7 Jul 2009"
export function shortDate(iso) {
  if (!iso) return '';
  const {y, m, d} = parts(iso);
  return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`;
}
export function monthLabel(index) {
  return `${MONTHS[index % 12].slice(0, 3)} ${String(Math.floor(index / 12)).slice(2)}`;
}
export function monthIndex(iso) {
  const {y, m} = parts(iso);
  return y * 12 + m - 1;
}
// A UTC timestamp shown in the reader's own time: "7 Jul 2009, 10:11".
export function timestamp(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getDate()} ${MONTHS[date.getMonth()].slice(0, 3)} ${date.getFullYear()}, ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Text blocks as the plan holds them: paragraphs and bullet lists.
export function blocks(list, className) {
  const out = [];
  for (const block of list || []) {
    if (typeof block === 'string') out.push(h('p', {class: className}, block));
    else if (block && Array.isArray(block.list)) {
      out.push(h('ul', {class: className}, block.list.map((item) => h('li', {}, item))));
    }
  }
  return out;
}

// The blocks on one line, for tables.
export function oneLine(list) {
  const words = [];
  for (const block of list || []) {
    if (typeof block === 'string') words.push(block);
    else if (block && Array.isArray(block.list)) words.push(block.list.join('; '));
  }
  return words.join(' ');
}

// What the wall's tables show as "next due": the date, or the kind of an undated milestone.
export function nextDue(milestone) {
  if (!milestone) return '\u2013';
  return milestone.due ? shortDate(milestone.due) : milestone.kind;
}

// The lead filter's "No lead" choice; the page's link keeps it as no_lead=true (the feed's own).
export const NO_LEAD = ':none';
