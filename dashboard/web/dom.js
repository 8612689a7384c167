// Building the page: every piece of plan text goes in as a text node, never as HTML.
// h('a', {href: '/deadlines', class: 'x'}, 'text', child, [more]) makes an element.
const SVG = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    // No event handler attributes: the page listens by delegation (app.js).
    if (/^on/i.test(name)) throw new Error(`event attribute ${name} refused`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

export function svg(tag, attributes, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}

// Text that only screen readers read (the RAG meaning next to its letter, for instance).
export function hidden(text) {
  return h('span', {class: 'visually-hidden'}, text);
}
