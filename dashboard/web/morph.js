// Updates a live DOM tree in place to match a freshly built one: a poll that brings a new
// version changes only the text and attributes that differ, so nothing flashes, the scroll
// position stays, and the control being typed in keeps its value and focus.
export function morph(from, to) {
  if (from.nodeType !== to.nodeType || from.nodeName !== to.nodeName) {
    from.replaceWith(to);
    return;
  }
  if (from.nodeType === Node.TEXT_NODE) {
    if (from.data !== to.data) from.data = to.data;
    return;
  }
  if (from.nodeType !== Node.ELEMENT_NODE) return;
  for (const attribute of [...from.attributes]) {
    if (!to.hasAttribute(attribute.name)) from.removeAttribute(attribute.name);
  }
  for (const attribute of [...to.attributes]) {
    if (from.getAttribute(attribute.name) !== attribute.value) {
      from.setAttribute(attribute.name, attribute.value);
    }
  }
  const active = from === document.activeElement;
  if ((from.nodeName === 'INPUT' || from.nodeName === 'SELECT') && !active) {
    // A select's value follows its options' selected attributes, set below.
    if (from.nodeName === 'INPUT' && from.value !== to.value) from.value = to.value;
  }
  const old = [...from.childNodes];
  const fresh = [...to.childNodes];
  for (let i = 0; i < fresh.length; i++) {
    if (i < old.length) morph(old[i], fresh[i]);
    else from.appendChild(fresh[i]);
  }
  for (let i = fresh.length; i < old.length; i++) old[i].remove();
  if (from.nodeName === 'SELECT' && !active) {
    const chosen = [...from.options].findIndex((option) => option.hasAttribute('selected'));
    from.selectedIndex = chosen < 0 ? 0 : chosen;
  }
}
