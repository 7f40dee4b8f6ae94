// An init script: records every focus stop as it happens (the browser has
// scrolled the element into view by then), so the walk needs no round trip
// per stop. A focusout to nowhere means Tab has left the page.
window.__kitStops = [];
window.__kitIds = new WeakMap();
const kitDescribe = el => {
  if (!window.__kitIds.has(el)) window.__kitIds.set(el, window.__kitStops.length);
  const path = [];
  for (let n = el; n && n.nodeType === 1 && path.length < 3; n = n.parentElement)
    path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
                 + [...n.classList].slice(0, 2).map(c => '.' + c).join(''));
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  // A focus indicator: an outline or a box shadow, on the element or on a
  // pseudo-element that draws it (sphinx-design's stretched card links).
  const styles = [[getComputedStyle(el), false], [getComputedStyle(el, '::after'), true],
                  [getComputedStyle(el, '::before'), true]];
  const ring = styles.some(([cs, pseudo]) => (!pseudo || cs.content !== 'none') && (
      (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
       && cs.outlineColor !== 'rgba(0, 0, 0, 0)')
      || (cs.boxShadow && cs.boxShadow !== 'none')));
  // On screen and not hidden under something else: hit-test a few points.
  const rects = [...el.getClientRects()].filter(r => r.width >= 2 && r.height >= 2);
  const after = getComputedStyle(el, '::after');
  if (after.content !== 'none' && after.position === 'absolute' && el.offsetParent)
    rects.push(el.offsetParent.getBoundingClientRect());
  const points = [[.5, .5], [.15, .5], [.85, .5], [.5, .2], [.5, .8]];
  const seen = rects.some(r => points.some(([fx, fy]) => {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit));
  }));
  const main = document.getElementById('furo-main-content');
  return {id: window.__kitIds.get(el), where: path.join(' > '),
          label: label.replace(/\s+/g, ' ').slice(0, 40), href: el.getAttribute('href'),
          ring, seen, inOrAfterMain: !!main && (main.contains(el)
            || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))};
};
document.addEventListener('focusin', e => window.__kitStops.push(kitDescribe(e.target)), true);
document.addEventListener('focusout', e => {
  if (!e.relatedTarget) window.__kitStops.push({left: true});
}, true);
