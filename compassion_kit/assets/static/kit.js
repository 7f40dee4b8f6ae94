// Beyond Empathy: the library filters, enhanced. They work without this file
// (radio buttons, a reset button and CSS rules hide the cards); this adds:
// - the choice kept in the address (?aud=client&len=short), so it can be
//   shared, bookmarked and survives Back;
// - the count "Showing 5 of 29" beside the Filter control, read out politely
//   (its words come from the page, in the page's language: data-kit-all and
//   data-kit-some on the count, with {shown} and {total} in them);
// - a message with a way out when nothing matches;
// - on wide screens the filters stay open (CSS shows them; this keeps the
//   disclosure's state true for screen readers).
// Loaded only on pages with filters. No storage, no requests.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const wide = window.matchMedia("(min-width: 63em)");
  for (const library of document.querySelectorAll(".kit-library-filtered")) {
    const form = library.querySelector("form.kit-filters");
    const panel = form.querySelector("details.kit-filter-panel");
    const count = library.querySelector(".kit-filter-count");
    const empty = library.querySelector(".kit-filter-empty");
    const cards = [...library.querySelectorAll(".kit-card-col")];
    const names = [...new Set([...form.querySelectorAll("input[type=radio]")].map((i) => i.name))];

    const fromAddress = () => {
      const params = new URLSearchParams(window.location.search);
      for (const name of names) {
        const wanted = params.get(name) || "";
        const radio = [...form.elements[name]].find((input) => input.value === wanted);
        if (radio) radio.checked = true;
      }
    };
    const toAddress = () => {
      const params = new URLSearchParams(window.location.search);
      for (const name of names) {
        const value = form.elements[name].value;
        if (value) params.set(name, value); else params.delete(name);
      }
      const query = params.toString();
      const address = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    };
    const update = () => {
      const shown = cards.filter((card) => getComputedStyle(card).display !== "none").length;
      const words = shown === cards.length ? count.dataset.kitAll : count.dataset.kitSome;
      count.textContent = words.replace("{shown}", shown).replace("{total}", cards.length);
      empty.hidden = shown !== 0;
    };

    fromAddress();
    update();
    form.addEventListener("change", () => { toAddress(); update(); });
    form.addEventListener("reset", () => setTimeout(() => { toAddress(); update(); }, 0));

    const summary = panel.querySelector("summary");
    const fit = () => {
      if (wide.matches) panel.open = true;
      summary.tabIndex = wide.matches ? -1 : 0;  // no tab stop that does nothing
    };
    fit();
    wide.addEventListener("change", fit);
    summary.addEventListener("click", (event) => {
      if (wide.matches) event.preventDefault();  // always open on wide screens
    });
  }
});
