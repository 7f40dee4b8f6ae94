// How many elements of the page Tab can reach.
() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length).length
