/* Reform Casebook: filters of the explore page. No dependencies, works from file://.
 * State lives in the address (?words=&country=&level=&theme=a,b&from=&to=&status=&sort=),
 * so a filtered view can be bookmarked or shared. The words are ?words=, not ?q=: ?q= is
 * Material's search deep link, which opens the search over the page (an old ?q= link is
 * moved to ?words= in the page's head, before Material reads it: theme/main.html). Each facet value shows how many cases
 * it would give with the other filters as they are. Words are looked for in the whole
 * case: explore/text.js (the page's language, loaded on the first keystroke) holds each
 * case's words; until it is there, the title, summary, place and organization on the
 * page are searched. The map page, opened with the same address, shows the same cases.
 * Runs on every page; does nothing elsewhere. */
(function () {
  "use strict";
  var FIELDS = ["q", "country", "level", "theme", "from", "to", "status", "sort"];
  var FACETS = ["country", "level", "status", "theme", "years", "q"];
  // a filter's name in the address, where it differs from the form's
  function param(name) { return name === "q" ? "words" : name; }

  // The word filter follows the search's rules (docs/assets/casebook-search.js; one
  // folding, pages/words.py, which tests/test_search_index.py runs against both): words
  // are runs of letters and digits; one typed with marks matches the words written so,
  // one typed without marks every word that folds alike ("binh duong": Bình Dương); the
  // last word may be half typed. Chinese: a substring of the text, spaces aside.
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  var TOKEN = new RegExp("([" + HAN + "]+)|((?:(?![" + HAN + "])[\\p{L}\\p{N}])+)", "gu");
  function asTyped(text) { return text.normalize("NFKC").toLowerCase().normalize("NFC"); }
  function fold(text) { return asTyped(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d"); }

  function queryWords(q, lang) {
    if (!q) return [];
    if (lang === "zh") { var han = asTyped(q).replace(/\s+/g, ""); return han ? [{ zh: han }] : []; }
    return Array.from(asTyped(q).matchAll(TOKEN)).filter(function (m) {  // the "s" of "women's" is no word
      return m[1] || Array.from(m[2]).length > 1 || /^\p{Nd}$/u.test(m[2]);
    }).map(function (m) { return { typed: m[0], folded: fold(m[0]) }; });
  }

  // A case's words, as written and folded (kept: each keystroke looks them up again)
  var textWordsSeen = new Map();
  function textWords(text) {
    if (!textWordsSeen.has(text)) {
      var typed = asTyped(text).match(TOKEN) || [];
      textWordsSeen.set(text, { typed: typed, folded: typed.map(fold) });
    }
    return textWordsSeen.get(text);
  }

  function holdsWords(text, words, lang) {
    if (lang === "zh") return words.every(function (w) { return text.indexOf(w.zh) >= 0; });
    var own = textWords(text);
    return words.every(function (w, i) {
      var marked = w.typed !== w.folded, key = marked ? w.typed : w.folded, last = i === words.length - 1;
      return (marked ? own.typed : own.folded).some(function (x) { return x === key || (last && x.indexOf(key) === 0); });
    });
  }

  function toArray(list) { return Array.prototype.slice.call(list); }

  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // {name} in an interface string, each at once, by a function: String.replace would read
  // "$&" or "$1" in an inserted value as a pattern, and a value holding "{to}" would be
  // filled again by the next call.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return owns(values, name) ? String(values[name]) : whole; });
  }

  // A cell a spreadsheet would read as a formula (=HYPERLINK(...), +, -, @, or a tab or line
  // break before one) gets a leading apostrophe, exactly as the open-data CSVs' cells
  // (hooks/casebook/pages/open_data.py, cell()); then it is quoted as Python's csv module
  // quotes. tests/test_script_data.py runs both on the same cells.
  function csvCell(text) {
    text = /^[=+\-@\t\r\n]/.test(text) ? "'" + text : text;
    return /[",\r\n]/.test(text) ? '"' + text.split('"').join('""') + '"' : text;
  }
  // node (the test above) loads this file for csvCell alone; a page has no `module`
  if (typeof module === "object" && module && module.exports) { module.exports = { csvCell: csvCell, fold: fold, queryWords: queryWords, holdsWords: holdsWords }; return; }

  // The facets a case (its data attributes d) fails under the filters s, words the
  // query's folded words, fullText the words of whole cases once loaded (an empty list:
  // the case is shown). The explore page and the map (showing an explore view) share it.
  function failures(d, s, words, fullText, lang) {
    var failed = [];
    if (s.country && d.country !== s.country) failed.push("country");
    if (s.level && d.level !== s.level) failed.push("level");
    if (s.status && d.status !== s.status) failed.push("status");
    var themes = d.themes.split(" ");
    if (s.theme.length && !s.theme.some(function (k) { return themes.indexOf(k) >= 0; })) failed.push("theme");
    if (s.from === "unknown") {  // cases whose sources state no date
      if (d.years !== "unknown") failed.push("years");
    } else if (s.from || s.to) {
      var from = Number(s.from || 0), to = Number(s.to || 9999);
      if (!d.years.split(" ").map(Number).some(function (y) { return y >= from && y <= to; })) failed.push("years");
    }
    if (words.length) {
      var own = d.text || "";  // (the map's cases have no words of their own: fullText has them)
      // (own keys only: a case id may be "constructor")
      var text = fullText && owns(fullText, d.id) ? fullText[d.id] + " " + own : own;
      if (!holdsWords(text, words, lang)) failed.push("q");
    }
    return failed;
  }


  // The words of every case, from explore/text.js: a script, not fetch(), which file://
  // refuses. Calls done() once they are there.
  function loadText(src, done) {
    if (window.casebookExploreText) { done(window.casebookExploreText); return; }
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { done(window.casebookExploreText || {}); };
    document.head.appendChild(script);
  }

  function setup() {
    var form = document.getElementById("cb-explore-filters");
    var list = document.getElementById("cb-explore");
    if (!form || !list || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var lang = form.getAttribute("data-lang") || "en";
    var count = document.querySelector(".cb-explore__count");
    var note = document.querySelector(".cb-explore__note");
    var csv = document.querySelector(".cb-explore__csv");
    var onMap = document.querySelector(".cb-explore__map a");
    var items = toArray(list.querySelectorAll(".cb-explore__item"));
    var order = items.slice();
    var themeBoxes = toArray(form.querySelectorAll("input[name=theme]"));
    var fullText = null, loading = false;

    function needText() {
      if (fullText || loading) return;
      loading = true;
      loadText(form.getAttribute("data-text-script"), function (words) { fullText = words; apply(false); });
    }

    function state() {
      var s = {};
      FIELDS.forEach(function (name) {
        if (name === "theme") s.theme = themeBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        else s[name] = (form.elements[name].value || "").trim();
      });
      return s;
    }

    function showCounts(counts) {
      ["country", "level", "status"].forEach(function (name) {
        toArray(form.elements[name].options).forEach(function (option) {
          var label = option.getAttribute("data-label");
          if (label) option.textContent = label + " (" + (counts[name][option.value] || 0) + ")";
        });
      });
      themeBoxes.forEach(function (box) {
        var span = box.parentNode.querySelector("[data-label]");
        span.textContent = span.getAttribute("data-label") + " (" + (counts.theme[box.value] || 0) + ")";
      });
    }

    function sortItems(how) {
      var sorted = order.slice();
      if (how === "title") {
        var collator = new Intl.Collator(lang === "zh" ? "zh-u-co-pinyin" : lang);
        sorted.sort(function (a, b) { return collator.compare(a.querySelector("strong").textContent, b.querySelector("strong").textContent); });
      } else if (how === "year") {
        var last = function (el) { var y = el.dataset.years.split(" ").map(Number).filter(Boolean); return y.length ? Math.max.apply(null, y) : -1; };
        sorted.sort(function (a, b) { return last(b) - last(a); });
      }
      sorted.forEach(function (el) { list.appendChild(el); });
    }

    function apply(push) {
      var s = state();
      note.textContent = "";
      if (s.from && s.to && s.from !== "unknown" && Number(s.from) > Number(s.to)) {  // corrected, and said so
        form.elements.from.value = s.to; form.elements.to.value = s.from;
        note.textContent = fill(note.getAttribute("data-swapped"), { from: s.to, to: s.from });
        s = state();
      }
      var words = queryWords(s.q, lang);
      if (words.length) needText();
      // counted by keys from the data: objects without a prototype, where a theme named
      // "constructor" starts at nothing, not at Object's function
      var counts = { country: Object.create(null), level: Object.create(null),
                     status: Object.create(null), theme: Object.create(null) }, shown = 0;
      items.forEach(function (item) {
        var failed = failures(item.dataset, s, words, fullText, lang), d = item.dataset;
        item.hidden = failed.length > 0;
        if (!failed.length) shown += 1;
        // a value's count: the cases it would show, the other filters as they are
        ["country", "level", "status"].forEach(function (name) {
          if (!failed.length || (failed.length === 1 && failed[0] === name)) counts[name][d[name]] = (counts[name][d[name]] || 0) + 1;
        });
        if (!failed.length || (failed.length === 1 && failed[0] === "theme")) {
          d.themes.split(" ").forEach(function (k) { counts.theme[k] = (counts.theme[k] || 0) + 1; });
        }
      });
      showCounts(counts);
      sortItems(s.sort);
      count.textContent = shown ? fill(count.dataset.template, { count: shown, total: count.dataset.total })
        : count.dataset.none;
      csv.hidden = !shown;
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var value = name === "theme" ? s.theme.join(",") : s[name];
        if (value) params.set(param(name), value);
      });
      var query = params.toString().replace(/%2C/g, ",");
      if (onMap) onMap.search = query;  // the map shows the same cases (setupMap)
      if (push) {
        try {
          history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
        } catch (e) { /* some file:// setups refuse; the filters still work */ }
      }
    }

    // The form's own names of the values (country, level, status, year, theme), by value:
    // the CSV says "Viet Nam" and "Health" in the reader's language, not VN and health.
    function names(name) {
      var out = Object.create(null);
      if (name === "theme") {
        themeBoxes.forEach(function (b) { out[b.value] = b.parentNode.querySelector("[data-label]").getAttribute("data-label"); });
      } else {
        toArray(form.elements[name].options).forEach(function (o) { if (o.value) out[o.value] = o.getAttribute("data-label") || o.textContent; });
      }
      return out;
    }

    // What was chosen, in the reader's words, for the file's name: "Viet Nam, Health, vay, 2016–2023".
    function chosen(s) {
      var parts = [], n;
      ["country", "level", "status"].forEach(function (name) { if (s[name]) parts.push(names(name)[s[name]] || s[name]); });
      n = names("theme");
      s.theme.forEach(function (k) { if (n[k]) parts.push(n[k]); });
      if (s.q) parts.push(s.q);
      if (s.from || s.to) {
        n = names("from");
        parts.push(s.from === "unknown" ? n.unknown : (s.from || "") + "–" + (s.to || ""));
      }
      // no character a file system refuses, and a name of reasonable length
      return parts.join(csv.querySelector("button").getAttribute("data-separator"))
        .replace(/[\/\\:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 100);
    }

    csv.querySelector("button").addEventListener("click", function () {
      var button = this, rows = [button.getAttribute("data-head")];
      var country = names("country"), level = names("level"), theme = names("theme");
      toArray(list.querySelectorAll(".cb-explore__item:not([hidden])")).forEach(function (item) {
        var d = item.dataset, link = item.querySelector("a");
        rows.push([d.id, link.textContent.trim(), country[d.country] || d.country, level[d.level] || d.level,
                   d.themes.split(" ").map(function (k) { return theme[k] || k; }).join("; "),
                   d.years.split(" ").join("; "), link.href].map(csvCell).join(","));
      });
      var what = chosen(state());
      var blob = new Blob(["\ufeff" + rows.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = what ? fill(button.getAttribute("data-file-chosen"), { chosen: what }) : button.getAttribute("data-file");
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      if (!params.has(param(name))) return;
      if (name === "theme") {
        var chosen = params.get("theme").split(",");
        themeBoxes.forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });
      } else form.elements[name].value = params.get(param(name));
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    if (params.get(param("q"))) needText();
    apply(false);
  }

  // The map opened from an explore view (its filters in the address): only the markers,
  // labels and list entries of the cases chosen, and a line saying so with the ways back.
  function setupMap() {
    var figure = document.querySelector(".cb-map__figure[data-text-script]");
    var note = document.querySelector(".cb-map__filtered");
    if (!figure || !note || figure.getAttribute("data-ready")) return;
    figure.setAttribute("data-ready", "1");
    var params = new URLSearchParams(location.search), s = {};
    FIELDS.forEach(function (name) {
      var value = (params.get(param(name)) || "").trim();
      s[name] = name === "theme" ? value.split(",").filter(Boolean) : value;
    });
    if (!FIELDS.some(function (name) { return name !== "sort" && s[name].length; })) return;
    if (s.from && s.to && s.from !== "unknown" && Number(s.from) > Number(s.to)) {  // as explore corrects it
      var from = s.from; s.from = s.to; s.to = from;
    }
    var lang = document.documentElement.lang || "en";
    var words = queryWords(s.q, lang);
    var cases = toArray(document.querySelectorAll(".cb-map__list li[data-id], .cb-map__unplaced li[data-id]"));
    function show(fullText) {
      var shown = 0;
      cases.forEach(function (item) {
        item.hidden = failures(item.dataset, s, words, fullText, lang).length > 0;
        if (!item.hidden) shown += 1;
      });
      var on = new Set();
      cases.forEach(function (item) { if (!item.hidden) on.add(item.getAttribute("data-id")); });
      toArray(document.querySelectorAll(".cb-map__list > li[data-group]")).forEach(function (group) {
        group.hidden = !group.querySelector("li[data-id]:not([hidden])");
      });
      // every zoom level's markers and labels, by the cases each stands for (read as text,
      // never made into a selector)
      toArray(document.querySelectorAll(".cb-map [data-cases]")).forEach(function (el) {
        var off = !el.getAttribute("data-cases").split(" ").some(function (id) { return on.has(id); });
        el.classList.toggle("cb-map__off", off);
      });
      note.querySelector("span").textContent = fill(note.getAttribute("data-template"), { count: shown, total: cases.length });
      note.querySelector(".cb-map__change").search = location.search;
      note.hidden = false;
      var svg = document.querySelector("svg.cb-map");  // map.js frames the cases shown
      if (svg) svg.dispatchEvent(new CustomEvent("cb-map:frame"));
    }

    if (words.length) loadText(figure.getAttribute("data-text-script"), show);
    else show(null);
  }

  function start() { setup(); setupMap(); }

  // Material's instant navigation swaps pages without a reload: listen for it too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
