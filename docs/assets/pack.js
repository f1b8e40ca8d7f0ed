/* Reform Casebook: printing. A case page's "print / save as PDF" button (hidden until
 * this script shows it), and the training pack's picker (packs/). No dependencies, no network,
 * works from file://. The page holds every case; this script shows only the chosen ones
 * (by theme or one by one) and keeps the choice in the address (?theme=KEY or
 * ?cases=id1,id2; both: the cases of that list in that theme), which `casebook handout`
 * prints to PDF. Without it the form stays hidden and every case is shown and printed.
 * A large casebook's pack holds no case (the form's data-parts): each chosen case is loaded
 * from its script (parts/<id>.js, which calls casebookPackCase with the case as nodes, built
 * here with DOM calls: nothing is parsed as markup), and none is chosen until the reader
 * chooses. A script, not fetch(): it loads from file:// too.
 * Runs on every page; does nothing where there is no picker. */
(function () {
  "use strict";

  function toArray(list) { return Array.prototype.slice.call(list); }

  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // {name} in an interface string, each at once, by a function: String.replace would read
  // "$&" or "$1" in an inserted label as a pattern, and a label holding "{count}" would be
  // filled again by the next call.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return owns(values, name) ? String(values[name]) : whole; });
  }

  var SVG = "http://www.w3.org/2000/svg";
  var NEVER = /^(script|iframe|object|embed|frame|frameset|base|meta|link)$/i;

  // A loaded case's node: [tag, [[name, value], ...], child, ...] or a text.
  function build(node, inSvg) {
    if (typeof node === "string") return document.createTextNode(node);
    var tag = String(node[0]), svg = inSvg || tag === "svg";
    if (NEVER.test(tag)) return document.createTextNode("");
    var element = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
    (node[1] || []).forEach(function (pair) {
      if (!/^on/i.test(String(pair[0]))) element.setAttribute(String(pair[0]), String(pair[1]));
    });
    for (var i = 2; i < node.length; i++) element.appendChild(build(node[i], svg));
    return element;
  }

  function themesOf(box) {
    return (box.getAttribute("data-themes") || "").split(" ").filter(Boolean);
  }

  function setup() {
    toArray(document.querySelectorAll(".cb-print")).forEach(function (box) {
      if (box.getAttribute("data-ready")) return;
      box.setAttribute("data-ready", "1");
      box.querySelector("button").addEventListener("click", function () { window.print(); });
      box.hidden = false;
    });
    var form = document.querySelector("form.cb-pack-picker");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var select = form.querySelector("select[name=theme]");
    var boxes = toArray(form.querySelectorAll("input[name=case]"));
    var status = form.querySelector("[aria-live]");
    var button = form.querySelector("[data-action=print]");
    var intro = document.querySelector(".cb-pack-intro");
    var toc = document.querySelector(".cb-pack-toc");
    var choice = document.querySelector(".cb-pack-choice");
    var pageTitle = document.title;
    var total = boxes.length;
    var partsBase = form.getAttribute("data-parts");  // set: each case is loaded when chosen
    var slots = Object.create(null), loading = 0;
    toArray(document.querySelectorAll(".cb-pack-slot")).forEach(function (slot) {
      slots[slot.getAttribute("data-case")] = slot;
    });

    // Each case's part of the page: its heading and every following sibling up to the
    // next case's heading (a sibling that holds a case heading is never hidden).
    var parts = Object.create(null);  // by case id (data: never Object's own names)
    // the contents' links by their href, read as text (a case id is never made into a selector)
    var tocLinks = new Map();
    if (toc) toArray(toc.querySelectorAll("a[href]")).forEach(function (a) { tocLinks.set(a.getAttribute("href"), a); });
    boxes.forEach(function (box) {
      var heading = document.getElementById(box.value);
      var elements = [];
      for (var node = heading; node; node = node.nextElementSibling) {
        if (node !== heading && (node.matches("h2.cb-pack-case") || node.querySelector("h2.cb-pack-case"))) break;
        elements.push(node);
      }
      // its entry in the page's contents
      var items = [];
      var link = tocLinks.get("#" + box.value);
      if (link && link.closest("li")) items.push(link.closest("li"));
      if (partsBase) {  // its slot, filled when it is loaded
        var slot = slots[box.value] || null;
        parts[box.value] = {heading: null, elements: slot ? [slot] : [], items: items, slot: slot, state: ""};
        return;
      }
      parts[box.value] = {heading: heading, elements: heading ? elements : [], items: items};
    });

    function load(id) {
      var part = parts[id];
      if (!part.slot || part.state) return;
      part.state = "loading";
      loading += 1;
      var script = document.createElement("script");
      script.src = partsBase + encodeURIComponent(id) + ".js";
      script.onerror = function () { part.state = "failed"; loading -= 1; update(false); };
      document.head.appendChild(script);
    }

    // Called by each case's script: only a case of this page, asked for, and once.
    window.casebookPackCase = function (id, nodes) {
      if (typeof id !== "string" || !owns(parts, id) || parts[id].state !== "loading" || !Array.isArray(nodes)) return;
      var part = parts[id];
      nodes.forEach(function (node) { part.slot.appendChild(build(node, false)); });
      part.heading = part.slot.querySelector("h2.cb-pack-case");
      part.state = "loaded";
      loading -= 1;
      update(false);
    };

    function inTheme(box, theme) { return !theme || themesOf(box).indexOf(theme) >= 0; }

    function chosen() { return boxes.filter(function (box) { return box.checked; }); }

    // What the theme menu shows: "" (all themes) when every case is chosen, the theme
    // chosen last while its cases are exactly the ones ticked, or nothing (null) for a
    // choice of one's own. (Another theme with the same cases is not guessed at.)
    function menuValue(current) {
      var ticked = chosen();
      if (ticked.length === total) return "";
      if (current && boxes.every(function (box) { return box.checked === inTheme(box, current); })) return current;
      return null;
    }

    function writeAddress() {
      var ticked = chosen(), theme = select.value, query = "";
      if (ticked.length !== total && (ticked.length || !partsBase)) {
        query = theme ? "theme=" + encodeURIComponent(theme)
          : "cases=" + ticked.map(function (box) { return encodeURIComponent(box.value); }).join(",");
      }
      try {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      } catch (e) { /* from file:// some browsers refuse; the choice still works */ }
    }

    function update(write) {
      // No chosen case with a dated source: the intro says so (data-undated), no guess.
      var ticked = chosen(), first = null, newest = "", label = form.getAttribute("data-undated") || "";
      boxes.forEach(function (box) {
        var part = parts[box.value], show = box.checked;
        if (show && partsBase) load(box.value);
        part.elements.forEach(function (element) { element.hidden = !show; });
        part.items.forEach(function (item) { item.hidden = !show; });
        if (part.heading) {
          part.heading.classList.remove("cb-pack-first");
          if (show && !first) first = part.heading;
        }
        var date = box.getAttribute("data-newest") || "";
        if (show && date > newest) {  // "2018" < "2018-09": a plain string comparison
          newest = date;
          label = box.getAttribute("data-newest-label") || date;
        }
      });
      if (first) first.classList.add("cb-pack-first");
      if (toc) toc.hidden = !ticked.length;
      if (intro) {
        intro.textContent = !ticked.length ? form.getAttribute("data-none")
          : fill(form.getAttribute(ticked.length === 1 ? "data-intro-one" : "data-intro"), { count: ticked.length, date: label });
      }
      // What was chosen, named on paper and in the title (a saved PDF's file name).
      var theme = menuValue(select.value), named = "";
      if (ticked.length && theme) {
        named = fill(form.getAttribute("data-choice-theme"), { theme: select.options[select.selectedIndex].textContent });
      } else if (ticked.length && theme === null) {
        named = fill(form.getAttribute("data-status"), { count: ticked.length, total: total });
      }
      if (choice) choice.textContent = named || form.getAttribute("data-choice-all");
      document.title = named ? named.replace(/[.。]$/, "") + " · " + pageTitle : pageTitle;
      status.textContent = !ticked.length ? form.getAttribute("data-none")
        : loading ? form.getAttribute("data-loading")
        : fill(form.getAttribute("data-status"), { count: ticked.length, total: total });
      button.disabled = !ticked.length || loading > 0;  // what is printed is what was chosen
      if (theme === null) select.selectedIndex = -1;
      else select.value = theme;
      if (write) writeAddress();
    }

    // The choice in the address: ?theme= and/or ?cases= (neither: every case). Only a theme
    // of the menu and the ids of the page's cases count; anything else typed there is
    // ignored, so what is named on paper and in the title comes from the page, never from
    // the address.
    var params = new URLSearchParams(location.search);
    var theme = params.get("theme") || "";
    if (!toArray(select.options).some(function (o) { return o.value === theme; })) theme = "";
    var ids = boxes.map(function (box) { return box.value; });
    var listed = (params.get("cases") || "").split(",").filter(function (id) { return ids.indexOf(id) >= 0; });
    if (!listed.length) listed = null;  // none of the page's cases: as if no list was given
    boxes.forEach(function (box) {  // (a pack that loads its cases: none until chosen)
      box.checked = (!partsBase || theme || listed) && inTheme(box, theme) && (!listed || listed.indexOf(box.value) >= 0);
    });
    if (theme) select.value = theme;

    select.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = inTheme(box, select.value); });
      update(true);
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { update(true); });
    });
    button.addEventListener("click", function () { window.print(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update(false);
  }

  // Material's instant navigation swaps pages without a reload: listen for it too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
