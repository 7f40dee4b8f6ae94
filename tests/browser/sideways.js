// What sticks out of the page sideways: elements past the viewport's width
// (unless inside a box that scrolls or clips), and boxes of the content that
// scroll sideways on their own.
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || cs.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || (r.right <= width + 1 && r.left >= -1)) continue;
    let inside = false;  // in a box of its own that scrolls or clips (a wide table, code)
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement)
      if (getComputedStyle(n).overflowX !== 'visible') { inside = true; break; }
    if (!inside) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
                          + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  // Nor may a box of the content scroll sideways on its own: tables stack or
  // wrap, code wraps (a visually hidden table head, 1 px wide, does not count).
  const scrollers = [...document.querySelectorAll('article *')].filter(e =>
    getComputedStyle(e).overflowX !== 'visible' && e.clientWidth > 1
    && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName.toLowerCase() + '.'
    + [...e.classList].join('.') + ' ' + e.scrollWidth + '>' + e.clientWidth);
  return {width, scroll: Math.max(document.documentElement.scrollWidth,
                                  document.body.scrollWidth), out: out.slice(0, 5),
          scrollers: scrollers.slice(0, 5)};
}
