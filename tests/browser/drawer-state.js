// Whether a sliding sidebar drawer is on screen, and whether focus is inside it.
selector => { const d = document.querySelector(selector);
  const r = d.getBoundingClientRect(), cs = getComputedStyle(d);
  return {visible: cs.visibility === 'visible' && r.right > 0 && r.left < innerWidth,
          focusInside: d.contains(document.activeElement)}; }
