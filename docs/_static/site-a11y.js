/* Beyond Empathy: Furo's sidebars open and close with the keyboard.

   On narrow screens Furo folds its two sidebars (the site navigation and "On
   this page") into drawers, opened by <label> icons for hidden checkboxes.
   A label is no tab stop and no button, so keyboard and screen reader users
   could not open them. Each visible toggle becomes a real button: Enter or
   Space opens its drawer and moves focus into it; Escape closes it and gives
   focus back. No storage, no requests. Checked by tests/test_browser.py. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const drawers = [
    ["__navigation", ".sidebar-drawer", "Site navigation"],
    ["__toc", ".toc-drawer", "Contents of this page"],
  ];
  for (const [boxId, selector, name] of drawers) {
    const box = document.getElementById(boxId);
    const drawer = document.querySelector(selector);
    if (!box || !drawer) continue;
    drawer.id = drawer.id || `kit${boxId}-drawer`;
    const buttons = [];
    for (const label of document.querySelectorAll(`label[for="${boxId}"]:not(.overlay)`)) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `${label.className} kit-drawer-toggle`;
      // The name in the page's language (docs/_templates/page.html puts it on the box).
      button.setAttribute("aria-label", box.dataset.kitName || name);
      button.setAttribute("aria-controls", drawer.id);
      button.append(...label.childNodes);
      label.replaceWith(button);
      buttons.push(button);
      button.addEventListener("click", () => {
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change"));
        if (box.checked) {
          const first = [...drawer.querySelectorAll("a[href], input, button")]
            .find((element) => element.getClientRects().length);
          if (first) first.focus();
        }
      });
    }
    const sync = () => {
      for (const button of buttons) button.setAttribute("aria-expanded", String(box.checked));
    };
    box.addEventListener("change", sync);
    sync();
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !box.checked) return;
      box.checked = false;
      sync();
      const back = buttons.find((button) => button.getClientRects().length);
      if (back && drawer.contains(document.activeElement)) back.focus();
    });
  }
});
