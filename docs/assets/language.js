/* Reform Casebook: the language menu keeps what the reader chose. No dependencies,
 * works from file://. Each language link of Material's menu gets the page's query and
 * anchor: /vi/explore/?country=VN#x offers /zh/explore/?country=VN#x (the explore
 * filters, the pack's ?theme= or ?cases=, a case's section: their ids are the same in
 * every language). The explore page and the pack change the address as the reader
 * filters, so the links are brought up to date again just before they are used. A
 * language chosen in the menu is remembered (localStorage) for the reader's next arrival. */
(function () {
  "use strict";

  function sync() {
    var links = document.querySelectorAll(".md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var base = link.getAttribute("data-cb-href");
      if (base === null) {
        base = link.getAttribute("href").split("#")[0].split("?")[0];
        link.setAttribute("data-cb-href", base);
      }
      link.setAttribute("href", base + location.search + location.hash);
    }
  }

  // pointerdown comes before click, middle click and the context menu; focusin before
  // Enter on a link reached by the keyboard.
  ["pointerdown", "focusin", "mouseover", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".md-select")) sync();
    }, { capture: true, passive: true });
  });
  // A language chosen in the menu is the reader's: the English home page's script
  // (engine/theme/main.html) reads it and takes them there on their next arrival instead
  // of the language their browser prefers.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (!link) return;
    try { localStorage.setItem("casebook-language", link.getAttribute("hreflang")); } catch (e) { /* storage off */ }
  }, { capture: true });
  window.addEventListener("hashchange", sync);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(sync);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", sync);
  else sync();
})();
