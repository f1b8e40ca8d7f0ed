/* Reform Casebook: glossary terms on case pages as toggletips. No dependencies, works
 * from file://.
 *
 * The build marks the first use of each term as a link to its glossary entry, with the
 * definition in data-definition (hooks/casebook/site/tooltips.py). This makes each one a
 * button (role, aria-expanded) that shows the definition in a bubble next to it on a
 * tap, a click, Enter or Space, with a link to the entry; Escape, a tap elsewhere or on
 * the bubble, or moving the focus on closes it. The bubble is a status region, so a screen reader reads
 * the definition out as it appears; it follows the term, so Tab goes on to its link.
 * Only text is ever set (textContent): a definition never becomes markup. */
(function () {
  "use strict";

  var GAP = 8; // px between the bubble and the screen's edge or the term

  function tipOf(term) {
    var next = term.nextElementSibling;
    return next && next.classList.contains("cb-term__tip") ? next : null;
  }

  function enhance() {
    var terms = document.querySelectorAll("a.cb-term[data-definition]");
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (tipOf(term)) continue;
      term.setAttribute("role", "button");
      term.setAttribute("aria-expanded", "false");
      var tip = document.createElement("span");
      tip.className = "cb-term__tip";
      tip.setAttribute("role", "status");
      term.parentNode.insertBefore(tip, term.nextSibling);
    }
  }

  function openTerms() {
    return document.querySelectorAll('a.cb-term[aria-expanded="true"]');
  }

  function close(term) {
    var tip = tipOf(term);
    term.setAttribute("aria-expanded", "false");
    if (tip) tip.textContent = "";
  }

  function closeAll(except) {
    var open = openTerms();
    for (var i = 0; i < open.length; i++) if (open[i] !== except) close(open[i]);
  }

  function show(term) {
    closeAll(term);
    var tip = tipOf(term);
    if (!tip) return;
    var text = document.createElement("span");
    text.textContent = term.getAttribute("data-definition") + " ";
    var link = document.createElement("a");
    link.href = term.getAttribute("href");
    link.textContent = term.getAttribute("data-more") || "";
    tip.textContent = "";
    tip.appendChild(text);
    tip.appendChild(link);
    term.setAttribute("aria-expanded", "true");
    place(term, tip);
  }

  function toggle(term) {
    if (term.getAttribute("aria-expanded") === "true") close(term);
    else show(term);
  }

  /* Under the term's last line (above it if there is no room below), inside the screen:
   * with left and top at 0 the bubble shows where its containing block starts. */
  function place(term, tip) {
    tip.style.left = "0px";
    tip.style.top = "0px";
    var origin = tip.getBoundingClientRect();
    var lines = term.getClientRects();
    var line = lines[lines.length - 1] || term.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var left = Math.max(GAP, Math.min(line.left, room - tip.offsetWidth - GAP));
    var top = line.bottom + 4;
    if (top + tip.offsetHeight > window.innerHeight && line.top - tip.offsetHeight - 4 > 0) {
      top = lines[0].top - tip.offsetHeight - 4;
    }
    tip.style.left = (left - origin.left) + "px";
    tip.style.top = (top - origin.top) + "px";
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.cb-term[aria-expanded]");
    if (term) {
      // a new tab or window (middle click, Ctrl, Cmd, Shift) still opens the glossary entry
      if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      toggle(term);
      return;
    }
    var tip = event.target.closest && event.target.closest(".cb-term__tip");
    if (!tip) closeAll(null);
    // a tap on the bubble itself (not its link) closes it: it may cover the next term;
    // not when the click ended a selection of its text
    else if (!event.target.closest("a") && !String(window.getSelection ? window.getSelection() : "")) {
      if (tip.previousElementSibling) close(tip.previousElementSibling);
    }
  });

  document.addEventListener("keydown", function (event) {
    var term = event.target.closest && event.target.closest("a.cb-term[aria-expanded]");
    if (term && (event.key === " " || event.key === "Spacebar")) {  // a button's key (Enter clicks a link)
      event.preventDefault();
      toggle(term);
    } else if (event.key === "Escape" || event.key === "Esc") {
      var open = openTerms();
      for (var i = 0; i < open.length; i++) {
        var tip = tipOf(open[i]);
        var inside = tip && (tip.contains(document.activeElement) || open[i] === document.activeElement);
        close(open[i]);
        if (inside) open[i].focus();
      }
    }
  });

  // The focus moving on (Tab past the bubble's link) closes it; a tap or click elsewhere
  // is the click handler's (it moves no focus on every browser).
  document.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (!to) return;
    var open = openTerms();
    for (var i = 0; i < open.length; i++) {
      var tip = tipOf(open[i]);
      if (to !== open[i] && !(tip && tip.contains(to))) close(open[i]);
    }
  });

  window.addEventListener("resize", function () {
    var open = openTerms();
    for (var i = 0; i < open.length; i++) if (tipOf(open[i])) place(open[i], tipOf(open[i]));
  });

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhance);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
