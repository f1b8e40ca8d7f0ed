/* Reform Casebook: comparing cases side by side (hooks/casebook/pages/compare.py). No
 * dependencies, works from file://.
 *
 * The compare page: the address is the choice (?cases=a,b, two to four cases). Ids read
 * from it are untrusted: only ids of this casebook's cases are used (the picker lists
 * them all), each once, four at most; anything else is left out and said so. Each chosen
 * case's data is a script beside the page (data/<id>.js, calling casebookCompareCase):
 * a script, not fetch(), which file:// refuses; only the chosen cases are loaded. The
 * table is made with DOM calls; the narrative and sources, sanitised at build time as on
 * the case page, are parsed inert (DOMParser) and copied element by element through an
 * allow-list, so nothing in them runs even if the file were changed.
 *
 * The explore page and the map: a "Compare" box on each case of their lists, and a
 * "Compare (n)" button (.cb-compare-tray, its words from the page) leading to the page.
 * Runs on every page; does nothing elsewhere. */
(function () {
  "use strict";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  // a case id (records/model.py)

  function toArray(list) { return Array.prototype.slice.call(list); }
  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  // {name} in an interface string, by a function (as explore.js: "$&" in a value stays text)
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return owns(values, name) ? String(values[name]) : whole; });
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // --- the tick boxes of the explore page and the map -------------------------------------
  function setupTicks() {
    var tray = document.querySelector(".cb-compare-tray");
    if (!tray || tray.getAttribute("data-ready")) return;
    tray.setAttribute("data-ready", "1");
    var items = toArray(document.querySelectorAll("#cb-explore li[data-id], .cb-map__list li[data-id], .cb-map__unplaced li[data-id]"));
    var max = Number(tray.getAttribute("data-max")) || 4, chosen = [];
    var link = tray.querySelector("a"), note = tray.querySelector(".cb-compare-tray__note");
    var boxes = items.filter(function (item) { return ID.test(item.getAttribute("data-id")); }).map(function (item) {
      var label = el("label", "cb-compare-tick"), box = el("input");
      box.type = "checkbox";
      box.value = item.getAttribute("data-id");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + tray.getAttribute("data-tick")));
      item.appendChild(label);
      return box;
    });

    function update() {
      link.textContent = fill(tray.getAttribute("data-template"), { count: chosen.length });
      link.setAttribute("href", tray.getAttribute("data-href") + (chosen.length ? "?cases=" + chosen.join(",") : ""));
      tray.hidden = chosen.length === 0;
      var full = chosen.length >= max;
      boxes.forEach(function (box) { box.disabled = full && !box.checked; });
      note.textContent = full ? tray.getAttribute("data-full") : "";
    }
    boxes.forEach(function (box) {
      if (box.checked && chosen.length < max) chosen.push(box.value);  // (kept by the browser on "back")
      box.addEventListener("change", function () {
        var at = chosen.indexOf(box.value);
        if (box.checked && at < 0 && chosen.length < max) chosen.push(box.value);
        else if (!box.checked && at >= 0) chosen.splice(at, 1);
        box.checked = chosen.indexOf(box.value) >= 0;
        update();
      });
    });
    update();
  }

  // --- sanitised HTML, copied through an allow-list ----------------------------------------
  var TAGS = new Set(("A ABBR B BLOCKQUOTE BR CITE CODE DD DEL DETAILS DIV DL DT EM H3 H4 H5 H6 HR I KBD LI " +
    "MARK OL P PRE Q S SMALL SPAN STRONG SUB SUMMARY SUP TABLE TBODY TD TFOOT TH THEAD TIME TR U UL").split(" "));
  var DROPPED = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|TEXTAREA|SELECT|BUTTON|FORM|IMG)$/i;
  var ATTRIBUTES = ["hreflang", "lang", "dir", "start", "datetime", "colspan", "rowspan"];
  var CLASSES = new Set(["cb-source__url", "cb-behind", "cb-behind__english"]);

  // A link kept: to another site (http, https, mailto) or a relative one, never a scheme
  // that runs (the browser drops tabs and line breaks in a scheme, so do we first).
  function safeHref(href) {
    var bare = href.replace(/[\u0000-\u0020\u007f]/g, "");
    return /^(https?:|mailto:)/i.test(bare) || !/^[^\/?#]*:/.test(bare);
  }

  function copyInto(from, to) {
    toArray(from.childNodes).forEach(function (node) {
      if (node.nodeType === 3) { to.appendChild(document.createTextNode(node.data)); return; }
      if (node.nodeType !== 1) return;
      var tag = node.tagName.toUpperCase();
      if (!TAGS.has(tag)) { if (!DROPPED.test(tag)) copyInto(node, to); return; }
      var copy = document.createElement(tag.toLowerCase());
      ATTRIBUTES.forEach(function (name) { if (node.hasAttribute(name)) copy.setAttribute(name, node.getAttribute(name)); });
      if (tag === "A" && node.hasAttribute("href") && safeHref(node.getAttribute("href"))) {
        copy.setAttribute("href", node.getAttribute("href"));
        if (/^\s*https?:/i.test(node.getAttribute("href"))) copy.setAttribute("rel", "nofollow noopener noreferrer");
      }
      toArray(node.classList).forEach(function (name) { if (CLASSES.has(name)) copy.classList.add(name); });
      copyInto(node, copy);
      to.appendChild(copy);
    });
  }

  function fragment(html) {
    var parsed = new DOMParser().parseFromString(String(html), "text/html");  // inert: nothing runs or loads
    var out = document.createDocumentFragment();
    copyInto(parsed.body, out);
    return out;
  }

  // --- the compare page ---------------------------------------------------------------------
  function setupCompare() {
    var root = document.getElementById("cb-compare");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var words = JSON.parse(root.getAttribute("data-words"));
    function say(key, values) { return values ? fill(words[key], values) : words[key]; }
    var max = Number(root.getAttribute("data-max")) || 4, dir = root.getAttribute("data-dir");
    var status = root.querySelector(".cb-compare__status"), note = root.querySelector(".cb-compare__note");
    var named = root.querySelector(".cb-compare__named"), view = root.querySelector(".cb-compare__view");
    var picker = root.querySelector(".cb-compare__picker"), find = picker.querySelector("input[name=find]");
    var full = root.querySelector(".cb-compare__full"), more = root.querySelector(".cb-compare__more");
    var boxes = toArray(picker.querySelectorAll("input[name=case]")).filter(function (box) { return ID.test(box.value); });
    var known = new Map(boxes.map(function (box) { return [box.value, box]; }));
    var fold = function (text) { return text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d"); };
    var titles = boxes.map(function (box) { return fold(box.parentNode.textContent); });
    var loaded = new Map(), failed = new Set(), requested = new Set(), chosen = [];
    var SHOWN = 12;  // titles listed at once: the others are a few keystrokes away

    window.casebookCompareCase = function (data) {
      if (data && typeof data.id === "string" && requested.has(data.id) && !loaded.has(data.id)) {
        loaded.set(data.id, data);
        draw();
      }
    };

    function fromAddress() {
      var ids = [], ignored = [];
      (new URLSearchParams(location.search).get("cases") || "").split(",").slice(0, 40).forEach(function (part) {
        var id = part.trim();
        if (!id || ids.indexOf(id) >= 0) return;  // a repeat is dropped
        if (known.has(id) && ids.length < max) ids.push(id);
        else ignored.push(Array.from(id).length > 80 ? Array.from(id).slice(0, 80).join("") + "…" : id);  // (80: the longest id)
      });
      return { ids: ids, ignored: ignored };
    }

    function toAddress() {
      var params = new URLSearchParams(location.search);
      if (chosen.length) params.set("cases", chosen.join(",")); else params.delete("cases");
      var query = params.toString().replace(/%2C/g, ",");
      try {
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      } catch (e) { /* some file:// setups refuse; the comparison still works */ }
    }

    function load(id) {
      if (requested.has(id)) return;
      requested.add(id);
      var script = document.createElement("script");
      script.src = dir + id + ".js";  // (a known id: letters, digits and hyphens)
      script.onerror = function () { failed.add(id); draw(); };
      document.head.appendChild(script);
    }

    function showPicker() {
      var query = fold(find.value).split(/\s+/).filter(Boolean), listed = 0, hidden = 0;
      boxes.forEach(function (box, i) {
        box.checked = chosen.indexOf(box.value) >= 0;
        box.disabled = !box.checked && chosen.length >= max;
        var match = query.every(function (word) { return titles[i].indexOf(word) >= 0; });
        var show = box.checked || (match && listed < SHOWN);
        if (match && !box.checked) { if (show) listed += 1; else hidden += 1; }
        box.closest("li").hidden = !show;
      });
      more.textContent = hidden ? say("more", { count: hidden }) : query.length && !listed ? say("no_match") : "";
      full.textContent = chosen.length >= max ? say("full") : "";
    }

    function draw() {
      chosen.forEach(load);
      showPicker();
      var ready = chosen.filter(function (id) { return loaded.has(id); });
      var waiting = chosen.some(function (id) { return !loaded.has(id) && !failed.has(id); });
      var failures = chosen.filter(function (id) { return failed.has(id); }).map(function (id) { return say("failed", { id: id }); });
      if (chosen.length < 2) status.textContent = say(chosen.length ? "one_more" : "choose");
      else status.textContent = waiting ? say("loading") : failures.join(" ");
      if (chosen.length < 2 || waiting || ready.length < 2) {
        view.hidden = named.hidden = true;
        view.textContent = "";
        return;
      }
      var cases = ready.map(function (id) { return loaded.get(id); });
      named.textContent = say("named", { titles: cases.map(function (c) { return c.title; }).join(say("separator")) });
      named.hidden = view.hidden = false;
      view.textContent = "";
      view.appendChild(table(cases));
    }

    function changed() {
      note.hidden = true;
      toAddress();
      draw();
    }

    function list(items, className) {
      var ul = el("ul", className);
      items.forEach(function (item) { ul.appendChild(item); });
      return ul;
    }

    function table(cases) {
      var scroll = el("div", "cb-compare__scroll");
      scroll.tabIndex = 0;  // a region that scrolls sideways is reached by the keyboard too
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", say("table"));
      var grid = el("table", "cb-compare__table"), head = grid.createTHead().insertRow(), body = grid.createTBody();
      var corner = el("th", "cb-compare__corner", say("field"));
      corner.scope = "col";
      head.appendChild(corner);
      cases.forEach(function (c) {
        var th = el("th", "cb-compare__case");
        th.scope = "col";
        var link = el("a", null, c.title);
        if (typeof c.url === "string" && safeHref(c.url)) link.setAttribute("href", c.url);
        th.appendChild(link);
        if (c.status) th.appendChild(el("small", "cb-compare__status-of", c.status));
        var remove = el("button", "cb-compare__remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", say("remove") + ": " + c.title);
        remove.addEventListener("click", function () {
          chosen = chosen.filter(function (id) { return id !== c.id; });
          changed();
        });
        th.appendChild(remove);
        head.appendChild(th);
      });

      // One row: its name, a cell per case (null: said missing), and the values compared
      // (rows of different values are marked, in words and colour).
      function row(name, cells, keys) {
        var tr = body.insertRow(), th = el("th", null, name);
        th.scope = "row";
        if (keys && new Set(keys.map(String)).size > 1) {
          tr.className = "cb-compare__differs";
          th.appendChild(el("span", "cb-compare__mark", say("differs")));
        }
        tr.appendChild(th);
        cells.forEach(function (cell) {
          var td = tr.insertCell();
          if (cell === null) { td.className = "cb-compare__missing"; td.textContent = say("missing"); } else td.appendChild(cell);
        });
      }
      function text(value) { return document.createTextNode(value); }

      row(say("summary"), cases.map(function (c) { return text(c.summary); }));
      ["country", "place", "level", "organization", "period"].forEach(function (name) {
        row(say("row_" + name), cases.map(function (c) { return text(c.rows[name][1]); }),
            cases.map(function (c) { return c.rows[name][0]; }));
      });
      var everywhere = function (key) { return cases.every(function (c) { return c.themes.some(function (t) { return t[0] === key; }); }); };
      row(say("row_themes"), cases.map(function (c) {
        return list(c.themes.map(function (t) { return el("li", everywhere(t[0]) ? "cb-compare__shared" : null, t[1]); }));
      }), cases.map(function (c) { return c.themes.map(function (t) { return t[0]; }).sort().join(" "); }));
      ["background", "reform", "results"].forEach(function (name) {
        row(say("row_" + name), cases.map(function (c) { return owns(c.html, name) ? fragment(c.html[name]) : null; }));
      });
      // Figures of a kind two cases or more report: a row each, in the order first met.
      var kinds = [];
      cases.forEach(function (c) {
        c.figures.forEach(function (f) {
          var holders = cases.filter(function (o) { return o.figures.some(function (g) { return g.kind === f.kind; }); });
          if (holders.length > 1 && kinds.indexOf(f.kind) < 0) kinds.push(f.kind);
        });
      });
      kinds.forEach(function (kind) {
        var found = cases.map(function (c) { return c.figures.filter(function (f) { return f.kind === kind; }); });
        var first = found.filter(function (f) { return f.length; })[0][0];
        row(first.label, found.map(function (f) {
          return f.length ? list(f.map(function (g) { return el("li", null, g.value); })) : null;
        }), found.map(function (f) { return f.map(function (g) { return g.value; }).join(" "); }));
      });
      row(say(kinds.length ? "other_figures" : "row_key_figures"), cases.map(function (c) {
        var own = c.figures.filter(function (f) { return kinds.indexOf(f.kind) < 0; });
        if (!own.length) return el("span", "cb-compare__none", say("no_figures"));
        return list(own.map(function (f) {
          var li = el("li");
          li.appendChild(el("strong", null, f.value));
          li.appendChild(text(" " + f.label));
          return li;
        }), "cb-compare__figures");
      }));
      row(say("row_sources"), cases.map(function (c) { return owns(c.html, "sources") ? fragment(c.html.sources) : null; }));
      scroll.appendChild(grid);
      return scroll;
    }

    picker.addEventListener("submit", function (event) { event.preventDefault(); });
    find.addEventListener("input", showPicker);
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var at = chosen.indexOf(box.value);
        if (box.checked && at < 0 && chosen.length < max) chosen.push(box.value);
        else if (!box.checked && at >= 0) chosen.splice(at, 1);
        changed();
      });
    });
    var start = fromAddress();
    chosen = start.ids;
    if (start.ignored.length) {
      var shown = start.ignored.slice(0, 5).join(", ") + (start.ignored.length > 5 ? ", …" : "");
      note.textContent = say("ignored", { ids: shown });
      note.hidden = false;
    }
    picker.hidden = false;
    toAddress();  // the address names the comparison shown
    draw();
  }

  function start() { setupTicks(); setupCompare(); }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
