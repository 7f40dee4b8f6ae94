// Each handout link of the page: its words, width and height (CSS px).
() => [...document.querySelectorAll('a.kit-pdf-link')].map(a => {
  const r = a.getBoundingClientRect();
  return [a.textContent.trim(), r.width, r.height];
})
