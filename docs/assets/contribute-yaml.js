/* Reform Casebook: the case form's YAML, laid out as `casebook new` writes it (the
 * template's key order), every string double-quoted with its control, bidi and invisible
 * characters escaped, so the file says exactly what was typed and nothing else. */
(function (root) {
  "use strict";

  // (node, in the tests, loads the files as modules; a page as scripts, words first)
  var words = typeof module === "object" && module && module.exports ? require("./contribute-words.js")
    : root.casebookContributeWords;
  var owns = words.owns, pyNumber = words.pyNumber, hex = words.hex;

  // --- YAML, as `casebook new` lays it out ---------------------------------------------

  // What a double-quoted YAML string writes as an escape: line breaks, tabs, every control
  // character, the separators and bidi controls, byte-order marks and invisible marks
  // (they would hide in a diff); a lone surrogate cannot be UTF-8 at all.
  var ESCAPED = /[\\"\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/g;
  var NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"};

  function quote(text) {
    text = String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m) {
      return m.length === 2 ? m[0] + "\ufffd" : "\ufffd";
    }).normalize("NFC");
    return '"' + text.replace(ESCAPED, function (ch) {
      if (owns(NAMED, ch)) return NAMED[ch];
      var code = ch.charCodeAt(0);
      return code <= 0xff ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
    }) + '"';
  }

  function scalar(value) {
    if (value === null || typeof value === "boolean") return String(value);
    return typeof value === "number" ? pyNumber(value) : quote(value);
  }

  // The template's order of every mapping (records/templates/case.yaml); a key the form
  // does not know (none, unless a draft was edited) goes last, in its own order.
  var ORDER = {
    "": ["id", "country", "level", "themes", "period", "place", "organization", "coordinates", "figures",
         "milestones", "sources", "text"],
    period: ["start", "end", "as_of"], place: ["region", "locality"], local: ["en", "zh", "vi"],
    coordinates: ["lat", "lon"], figures: ["value", "qualifier", "unit", "label", "source"],
    milestones: ["date", "label", "source"],
    sources: ["id", "title", "outlet", "original_outlet", "date", "author", "editor", "translator", "url", "language"],
    text: ["en", "zh", "vi"],
    narrative: ["status", "title", "summary", "background", "reform", "results", "translated_from"]
  };

  function orderOf(path) {
    var top = path[0], last = path[path.length - 1];
    if (!path.length) return ORDER[""];
    if (top === "text") return path.length === 1 ? ORDER.text : ORDER.narrative;
    if (top === "figures" || top === "milestones" || top === "sources") {
      return path.length === 2 ? ORDER[top] : ORDER.local;
    }
    if (top === "place") return path.length === 1 ? ORDER.place : ORDER.local;
    if (top === "period" || top === "coordinates") return ORDER[top];
    return last === "organization" || top === "organization" ? ORDER.local : [];
  }

  function keysOf(value, path) {
    var known = orderOf(path);
    var keys = known.filter(function (key) { return owns(value, key); });
    return keys.concat(Object.keys(value).filter(function (key) { return keys.indexOf(key) < 0; }));
  }

  // A list in a list (no record has one; a draft edited by hand might): YAML's flow style.
  function flow(value) {
    if (Array.isArray(value)) return "[" + value.map(flow).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).map(function (key) { return quote(key) + ": " + flow(value[key]); }).join(", ") + "}";
    }
    return value === null ? "null" : typeof value === "boolean" ? String(value) : scalar(value);
  }

  function plainKey(key) { return /^[a-z_][a-z0-9_]*$/.test(key) ? key : quote(key); }

  function block(value, path, indent, lines) {
    keysOf(value, path).forEach(function (key) {
      var item = value[key], head = indent + plainKey(key) + ":";
      if (Array.isArray(item) && !item.length) {
        lines.push(head + " []");
      } else if (item && typeof item === "object" && !Array.isArray(item) && !Object.keys(item).length) {
        lines.push(head + " {}");
      } else if (Array.isArray(item)) {
        lines.push(head);
        item.forEach(function (element) {
          if (element && typeof element === "object") {
            var inner = Array.isArray(element) ? [indent + "    " + flow(element)] : [];
            if (!Array.isArray(element)) block(element, path.concat([key, 0]), indent + "    ", inner);
            inner[0] = indent + "  - " + inner[0].slice(indent.length + 4);
            lines.push.apply(lines, inner);
          } else {
            lines.push(indent + "  - " + scalar(element));
          }
        });
      } else if (item && typeof item === "object") {
        lines.push(head);
        block(item, path.concat([key]), indent + "  ", lines);
      } else {
        lines.push(head + " " + scalar(item));
      }
    });
    return lines;
  }

  var SCHEMA_LINE = "# yaml-language-server: $schema=../docs/data/case.schema.json";

  function toYaml(record) {
    var parts = [SCHEMA_LINE];
    keysOf(record, []).forEach(function (key) {
      var one = {};
      one[key] = record[key];
      parts.push("", block(one, [], "", []).join("\n"));  // (a blank line between blocks, as there)
    });
    return parts.join("\n") + "\n";
  }


  var api = {toYaml: toYaml, quote: quote};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else root.casebookContributeYaml = api;
})(this);
