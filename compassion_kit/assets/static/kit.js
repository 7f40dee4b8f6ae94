// Enhances the library filters (they work without this): says how many
// practices are shown after each change. No third-party code, no storage.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll(".kit-filters")) {
    const library = form.closest(".kit-library");
    const count = form.querySelector(".kit-filter-count");
    const update = () => {
      const cards = [...library.querySelectorAll(".kit-card-col")];
      const shown = cards.filter((card) => card.offsetParent !== null).length;
      count.textContent = shown === cards.length
        ? `Showing all ${shown} practices.`
        : `Showing ${shown} of ${cards.length} practices.`;
    };
    form.addEventListener("change", update);
    update();
  }
});
