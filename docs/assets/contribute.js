/* Reform Casebook: the case form (contribute/). Builds the form from contribute/data.js
 * (the schema, the vocabularies and the words of the page's language), checks the record
 * as it is typed (contribute-check.js: the validator's own messages), shows the YAML
 * (contribute-yaml.js) and
 * sends it where the contributor clicks: GitHub's new-file page, or a downloaded file.
 * The draft stays in this browser (localStorage) until it is cleared. Everything typed is
 * shown with textContent and DOM APIs, never as markup. Works from file:// too. */
(function () {
  "use strict";
  var form = document.getElementById("cb-contribute");
  var data = window.casebookContributeData, checks = window.casebookContributeCheck;
  var writer = window.casebookContributeYaml;
  if (!form || !data || !checks || !writer) return;
  var S = data.strings, STORE = "casebook-contribute-draft", LISTS = ["sources", "figures", "milestones"];
  var hints = Object.assign({}, data.hints, {id: S.form_id_hint});

  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return owns(values, name) ? String(values[name]) : whole; });
  }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes.text;
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // --- the draft -------------------------------------------------------------------------

  function fresh() {
    return {lang: data.lang, values: {}, themes: [], edited: {}, counts: {sources: 1, figures: 0, milestones: 0}};
  }
  function load() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(STORE) || "null");
      if (kept && typeof kept === "object" && kept.values && kept.counts) return kept;
    } catch (err) { /* no storage (private window) or a draft of another shape: start afresh */ }
    return fresh();
  }
  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(draft)); } catch (err) { /* full or refused */ }
  }
  var draft = load(), touched = {}, showAll = false;

  // the contributor's language first; English too, which the casebook requires
  function shownLanguages() { return draft.lang === "en" ? ["en"] : [draft.lang, "en"]; }
  function optional(label) { return fill(S.form_optional, {field: label}); }
  function langName(code) { return S["form_lang_" + code] || code; }

  function slug(text, max) {
    var out = (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    while (out.length > max) out = out.replace(/-?[^-]*$/, "");
    return out;
  }
  // What an id is until the contributor writes their own: the case's from its place and
  // title, a source's from its outlet and year.
  function derived(key) {
    var v = draft.values, m = /^sources\[(\d+)\]\.id$/.exec(key);
    if (key === "id") return slug([v["place.locality.en"], v["text.en.title"]].join(" "), 60);
    if (!m) return "";
    var at = "sources[" + m[1] + "].", date = (v[at + "date"] || "").trim().slice(0, 4);
    var made = slug((v[at + "outlet"] || "") + (/^\d{4}$/.test(date) ? " " + date : ""), 40);
    return made || (hasContent(at) ? "source-" + (Number(m[1]) + 1) : "");
  }
  function hasContent(prefix) {
    return Object.keys(draft.values).some(function (key) {
      return key.indexOf(prefix) === 0 && !/\.(id|language)$/.test(key) && String(draft.values[key]).trim();
    });
  }
  function value(key) {
    if ((key === "id" || /^sources\[\d+\]\.id$/.test(key)) && !draft.edited[key]) return derived(key);
    return owns(draft.values, key) ? draft.values[key] : "";
  }

  // --- the record --------------------------------------------------------------------------

  function parts(key) {
    return key.split(/\.|(?=\[)/).map(function (p) { return /^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p; });
  }
  function put(target, path, item) {
    var node = target;
    path.slice(0, -1).forEach(function (part, i) {
      if (node[part] === undefined) node[part] = typeof path[i + 1] === "number" ? [] : {};
      node = node[part];
    });
    node[path[path.length - 1]] = item;
  }
  function record() {
    var out = {}, langs = shownLanguages(), keys = Object.keys(draft.values).concat(["id"]);
    for (var i = 0; i < draft.counts.sources; i++) keys.push("sources[" + i + "].id");
    keys.forEach(function (key) {
      var path = parts(key), text = String(value(key)).normalize("NFC").trim();
      if (!text) return;
      if (path.some(function (p) { return data.languages.indexOf(p) >= 0 && langs.indexOf(p) < 0; })) return;
      if (typeof path[1] === "number" && path[1] >= draft.counts[path[0]]) return;  // (a removed item's leftovers)
      if (path[0] === "sources" && /\.(id|language)$/.test(key) && !hasContent("sources[" + path[1] + "].")) return;
      var number = path[path.length - 1] === "value" && /^\d{1,15}(\.\d{1,8})?$/.test(text);
      put(out, path, number ? Number(text) : text);
    });
    if (draft.themes.length) out.themes = draft.themes.slice();
    out.text = out.text || {};
    langs.forEach(function (code) {
      if (code === "en" || out.text[code]) out.text[code] = Object.assign({status: "draft"}, out.text[code]);
    });
    LISTS.forEach(function (name) {  // trailing empty items are not written (a hole in the middle is a mistake to show)
      if (!out[name]) return;
      var items = Array.from(out[name], function (item) { return item || {}; });
      while (items.length && !Object.keys(items[items.length - 1]).length) items.pop();
      if (items.length) out[name] = items; else delete out[name];
    });
    return out;
  }

  // --- the form --------------------------------------------------------------------------

  var inputs = {};  // field path -> its input, for messages

  function hintFor(key) {
    var general = key.replace(/\[\d+\]/g, "[]").replace(/^text\.(en|zh|vi)\./, "text.").replace(/\.(en|zh|vi)$/, "");
    return hints[general] || "";
  }
  function field(key, label, kind, options) {
    var id = "cb-f-" + key.replace(/[^a-zA-Z0-9]+/g, "-"), input;
    if (kind === "select") {
      input = el("select", {id: id});
      options.forEach(function (pair) { input.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    } else {
      input = el(kind === "area" ? "textarea" : "input", kind === "area" ? {id: id, rows: "5"} : {id: id, type: "text"});
    }
    if (kind === "select" && value(key) === "") input.selectedIndex = 0;  // its first choice: the model's default
    else input.value = value(key);
    if (kind === "select" && value(key) !== "" && input.value !== value(key)) {  // a draft's value the list lacks: kept, shown, reported
      input.appendChild(el("option", {value: value(key), text: value(key)}));
      input.value = value(key);
    }
    input.setAttribute("data-key", key);
    var hint = hintFor(key), error = el("p", {class: "cb-contribute__error", id: id + "-error", hidden: ""});
    input.setAttribute("aria-describedby", id + "-error" + (hint ? " " + id + "-hint" : ""));
    inputs[key] = input;
    return el("div", {class: "cb-contribute__field", "data-field": key}, [
      el("label", {for: id, text: label}), hint ? el("small", {id: id + "-hint", text: hint}) : null, input, error]);
  }
  function localText(key, label, kind) {
    return shownLanguages().map(function (code) {
      return field(key + "." + code, fill(S.form_in, {field: label, language: langName(code)}), kind);
    });
  }
  function group(legend, children, key) {
    var box = el("fieldset", key ? {"data-field": key} : {}, [el("legend", {text: legend})].concat(children));
    if (key) box.appendChild(el("p", {class: "cb-contribute__error", hidden: ""}));
    return box;
  }
  function button(text, action, extra) {
    return el("button", Object.assign({type: "button", class: "md-button", "data-action": action, text: text}, extra || {}));
  }
  function sourceIds() {
    var ids = [];
    for (var i = 0; i < draft.counts.sources; i++) { var id = value("sources[" + i + "].id"); if (id) ids.push([id, id]); }
    return [["", S.form_choose]].concat(ids);
  }
  function listItem(name, index) {
    var at = name + "[" + index + "].", number = {number: index + 1}, children;
    if (name === "sources") {
      children = [field(at + "id", S.form_source_id, "text"), field(at + "title", S.form_source_title, "text"),
        field(at + "outlet", S.form_outlet, "text"), field(at + "original_outlet", optional(S.form_original_outlet), "text"),
        field(at + "date", optional(S.form_date), "text"), field(at + "url", S.form_url, "text"),
        field(at + "author", optional(S.form_author), "text"),
        field(at + "editor", optional(S.form_editor), "text"),
        field(at + "translator", optional(S.form_translator), "text"),
        field(at + "language", S.form_article_language, "select", data.languages.map(function (c) { return [c, langName(c)]; }))];
      if (!owns(draft.values, at + "language")) inputs[at + "language"].value = draft.lang;
    } else if (name === "figures") {
      children = [field(at + "value", S.form_value, "text"),
        field(at + "qualifier", S.form_qualifier, "select", ["exact", "about", "over", "under"].map(function (q) { return [q, S["qualifier_" + q]]; }))]
        .concat(localText(at + "label", S.form_label, "text"), localText(at + "unit", optional(S.form_unit), "text"),
                [field(at + "source", S.form_from_source, "select", sourceIds())]);
    } else {
      children = [field(at + "date", S.form_date, "text")].concat(localText(at + "label", S.form_event, "text"),
        [field(at + "source", S.form_from_source, "select", sourceIds())]);
    }
    children.push(button(S.form_remove, "remove", {"data-list": name, "data-index": String(index)}));
    var title = name === "sources" ? S.form_source : name === "figures" ? S.form_figure : S.form_milestone;
    return group(fill(title, number), children, name + "[" + index + "]");
  }

  var problemsBox, previewBox, pullLink, pullNote, uploadLink;

  function build() {
    inputs = {};
    while (form.firstChild) form.removeChild(form.firstChild);
    var langs = data.languages.map(function (c) { return [c, langName(c)]; });
    var themes = data.themes.concat(draft.themes.filter(function (k) {  // a draft's theme the vocabulary lacks
      return !data.themes.some(function (pair) { return pair[0] === k; });
    }).map(function (k) { return [k, k]; }));
    var themeBoxes = themes.map(function (pair) {
      var box = el("input", {type: "checkbox", value: pair[0], "data-theme": pair[0]});
      box.checked = draft.themes.indexOf(pair[0]) >= 0;
      return el("label", {class: "cb-contribute__theme"}, [box, document.createTextNode(" " + pair[1])]);
    });
    var text = shownLanguages().map(function (code) {
      var at = "text." + code + ".";
      return group(fill(S.form_text, {language: langName(code)}), [el("p", {class: "cb-contribute__hint", text: S.form_text_hint}),
        field(at + "title", S.form_title_field, "text"), field(at + "summary", S.form_summary, "area"),
        field(at + "background", S.background, "area"), field(at + "reform", S.reform, "area"),
        field(at + "results", optional(S.results), "area")], "text." + code);
    });
    var lists = LISTS.map(function (name) {
      var items = [];
      for (var i = 0; i < draft.counts[name]; i++) items.push(listItem(name, i));
      var add = {sources: S.form_add_source, figures: S.form_add_figure, milestones: S.form_add_milestone}[name];
      var legend = {sources: S.sources, figures: optional(S.form_figures),
                    milestones: optional(S.form_milestones)}[name];
      return group(legend, items.concat([button(add, "add", {"data-list": name})]), name);
    });
    var language = el("div", {class: "cb-contribute__field"}, [el("label", {for: "cb-f-lang", text: S.form_language}),
      el("small", {text: S.form_language_hint}), el("select", {id: "cb-f-lang", "data-lang-choice": ""})]);
    langs.forEach(function (pair) { language.lastChild.appendChild(el("option", {value: pair[0], text: pair[1]})); });
    language.lastChild.value = draft.lang;
    var facts = group(S.form_case, [field("id", S.form_id, "text"),
      field("country", S.country, "select", [["", S.form_choose]].concat(data.countries)),
      field("level", S.level, "select", [["", S.form_choose]].concat(data.levels)),
      group(S.themes, themeBoxes, "themes"),
      group(S.period, [el("p", {class: "cb-contribute__hint", text: S.form_date_hint}),
        field("period.start", S.form_start, "text"), field("period.end", S.form_end, "text"),
        field("period.as_of", S.form_as_of, "text")], "period"),
      group(S.place, localText("place.region", S.form_region, "text").concat(
        localText("place.locality", S.form_locality, "text")), "place"),
      group(S.organization, localText("organization", S.organization, "text"), "organization")]);
    problemsBox = el("div", {class: "cb-contribute__problems", role: "status", "aria-live": "polite"});
    previewBox = el("code", {});
    pullLink = el("a", {class: "md-button md-button--primary", "data-action": "pull-request", text: S.form_pull_request});
    pullNote = el("p", {class: "cb-contribute__hint"});
    uploadLink = el("a", {class: "md-button", hidden: "", text: S.form_upload});
    var send = el("div", {class: "cb-contribute__send"}, [
      repo ? pullLink : null, uploadLink, button(S.form_download, "download"),
      button(S.form_clear, "clear", {class: "md-button cb-contribute__clear"})]);
    [language, facts].concat(text, lists, [problemsBox, el("h2", {text: S.form_preview}), el("pre", {class: "cb-contribute__preview"}, [previewBox]),
      send, pullNote]).forEach(function (node) { form.appendChild(node); });
    update();
  }

  // --- checking, the preview and the ways out -------------------------------------------

  var repo = form.getAttribute("data-repo"), branch = form.getAttribute("data-branch") || "main";

  function update() {
    ["id"].concat(Object.keys(inputs).filter(function (k) { return /^sources\[\d+\]\.id$/.test(k); })).forEach(function (key) {
      if (inputs[key] && !draft.edited[key] && document.activeElement !== inputs[key]) inputs[key].value = value(key);
    });
    var current = record(), yaml = writer.toYaml(current);
    var found = checks.problems(data.schema, current, data.words);
    var size = new Blob([yaml]).size;
    if (size > 256 * 1024) found.push({field: "", message: "file is " + size.toLocaleString("en") + " bytes; a case may be at most 262,144"});
    previewBox.textContent = yaml;
    showProblems(found);
    var id = typeof current.id === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(current.id) ? current.id : "case";
    form.setAttribute("data-file", id + ".yaml");
    form.setAttribute("data-problems", String(found.length));
    var url = repo ? repo + "/new/" + encodeURIComponent(branch) + "/cases?filename=" + encodeURIComponent(id + ".yaml") +
      "&value=" + encodeURIComponent(yaml) : "";
    var tooLong = url.length > data.maxUrl, ready = repo && !found.length && !tooLong;
    if (ready) pullLink.setAttribute("href", url); else pullLink.removeAttribute("href");
    pullLink.setAttribute("aria-disabled", ready ? "false" : "true");
    pullLink.hidden = !repo || tooLong;
    uploadLink.hidden = !(repo && tooLong);
    if (repo) uploadLink.setAttribute("href", repo + "/upload/" + encodeURIComponent(branch) + "/cases");
    pullNote.textContent = !repo ? "" : tooLong ? S.form_too_long : found.length ? S.form_fix_first : S.form_pull_request_hint;
    return {record: current, yaml: yaml, problems: found};
  }

  function holder(fieldPath) {  // the input or group a message belongs to: the field, else its nearest parent
    var path = fieldPath;
    while (path) {
      var node = form.querySelector('[data-field="' + path.replace(/["\\]/g, "\\$&") + '"]');
      if (node) return node;
      path = path.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
    }
    return null;
  }

  function showProblems(found) {
    Array.prototype.forEach.call(form.querySelectorAll(".cb-contribute__error"), function (p) { p.hidden = true; p.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (n) { n.removeAttribute("aria-invalid"); });
    while (problemsBox.firstChild) problemsBox.removeChild(problemsBox.firstChild);
    if (!found.length) { problemsBox.appendChild(el("p", {class: "cb-contribute__valid", text: S.form_valid})); return; }
    problemsBox.appendChild(el("p", {text: found.length === 1 ? S.form_problems_one : fill(S.form_problems, {count: found.length})}));
    var list = el("ul", {});
    found.forEach(function (problem) {
      var node = holder(problem.field), label = node && node.querySelector("label, legend");
      var item = el("li", {"data-field": problem.field}, [el("code", {text: problem.field || "(file)"}),
        document.createTextNode(" " + (label ? "(" + label.textContent + ") " : "")), el("span", {text: problem.message})]);
      list.appendChild(item);
      var key = node && node.getAttribute("data-field");
      if (node && (showAll || touched[key] || Object.keys(touched).some(function (k) { return k.indexOf(key + ".") === 0 || k.indexOf(key + "[") === 0; }))) {
        var error = node.querySelector(":scope > .cb-contribute__error");
        error.hidden = false;
        error.textContent = (error.textContent ? error.textContent + " " : "") + problem.message;
        var input = node.querySelector(":scope > input, :scope > select, :scope > textarea");
        if (input) input.setAttribute("aria-invalid", "true");
      }
    });
    problemsBox.appendChild(list);
  }

  form.addEventListener("input", function (event) {
    var target = event.target, key = target.getAttribute("data-key");
    if (target.hasAttribute("data-lang-choice")) return;
    if (target.hasAttribute("data-theme")) {
      draft.themes = Array.prototype.filter.call(form.querySelectorAll("[data-theme]"), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      touched.themes = true;
    } else if (key) {
      draft.values[key] = target.value;
      if (key === "id" || /^sources\[\d+\]\.id$/.test(key)) draft.edited[key] = target.value !== "";
      touched[key] = true;
      if (/^sources\[\d+\]\.(id|outlet|date)$/.test(key)) refreshSourceChoices();
    }
    save();
    update();
  });
  form.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-lang-choice")) { draft.lang = event.target.value; save(); build(); }
  });
  function refreshSourceChoices() {
    Object.keys(inputs).filter(function (k) { return /^(figures|milestones)\[\d+\]\.source$/.test(k); }).forEach(function (key) {
      var select = inputs[key], keep = draft.values[key] || "";
      while (select.firstChild) select.removeChild(select.firstChild);
      sourceIds().concat(keep && !sourceIds().some(function (p) { return p[0] === keep; }) ? [[keep, keep]] : []).forEach(function (pair) {
        select.appendChild(el("option", {value: pair[0], text: pair[1]}));
      });
      select.value = keep;
    });
  }

  function removeItem(name, index) {
    var moved = {}, edited = {}, pattern = new RegExp("^" + name + "\\[(\\d+)\\]");
    [[draft.values, moved], [draft.edited, edited]].forEach(function (pair) {
      Object.keys(pair[0]).forEach(function (key) {
        var m = pattern.exec(key);
        if (!m) { pair[1][key] = pair[0][key]; return; }
        var at = Number(m[1]);
        if (at !== index) pair[1][key.replace(pattern, name + "[" + (at > index ? at - 1 : at) + "]")] = pair[0][key];
      });
    });
    draft.values = moved;
    draft.edited = edited;
    draft.counts[name] -= 1;
  }

  var clearArmed = false;
  form.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target) return;
    var action = target.getAttribute("data-action");
    if (action !== "clear" && clearArmed) { clearArmed = false; }
    if (action === "add") { draft.counts[target.getAttribute("data-list")] += 1; save(); build(); }
    else if (action === "remove") { removeItem(target.getAttribute("data-list"), Number(target.getAttribute("data-index"))); save(); build(); }
    else if (action === "download") download();
    else if (action === "pull-request" && target.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      showAll = true;
      update();
      var first = form.querySelector("[aria-invalid]");
      if (first) first.focus();
    } else if (action === "clear") {
      if (!clearArmed) { clearArmed = true; target.textContent = S.form_clear_again; return; }
      clearArmed = false;
      try { window.localStorage.removeItem(STORE); } catch (err) { /* nothing kept */ }
      draft = fresh(); touched = {}; showAll = false;
      build();
    }
  });
  form.addEventListener("focusout", function (event) {
    var key = event.target.getAttribute && event.target.getAttribute("data-key");
    if (key && !touched[key]) { touched[key] = true; update(); }
  });

  function download() {
    var now = update(), link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([now.yaml], {type: "application/x-yaml;charset=utf-8"}));
    link.download = form.getAttribute("data-file");
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  form.hidden = false;
  build();
})();
