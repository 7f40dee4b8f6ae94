// The library as a person sees it: the cards on screen (in order, with where
// they are), the count beside the Filter control, and the empty-state message.
(selector) => {
  const library = document.querySelector(selector || ".kit-library-filtered");
  const seen = (element) => !!element && element.checkVisibility({ visibilityProperty: true });
  const cards = [...library.querySelectorAll(".kit-card-col")].filter(seen);
  const count = library.querySelector(".kit-filter-count");
  const empty = library.querySelector(".kit-filter-empty");
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  };
  return {
    titles: cards.map((card) => card.querySelector(".kit-card-title").textContent.trim()),
    first: cards.length ? box(cards[0]) : null,
    count: count.textContent.trim(),
    countBox: seen(count) ? box(count) : null,
    empty: seen(empty),
    clear: seen(library.querySelector(".kit-filter-clear")),
    groupsShown: seen(library.querySelector(".kit-filters fieldset")),
  };
}
