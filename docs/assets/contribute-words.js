/* Reform Casebook: Python's words in the browser, for the case form's messages to read
 * exactly as `casebook validate` prints them: repr() of a value, difflib's "did you mean",
 * records/problems.py's allowed() and unknown_key(), records/load.py's _describe().
 * Loaded before contribute-check.js (and by it, in node). */
(function (root) {
  "use strict";

  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function chars(text) { return Array.from(text); }  // code points, as Python counts them

  // --- Python's words: repr(), difflib's close matches, "1,234" -------------------------

  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;  // "string", "boolean", "object"
  }

  function hex(code, width) { return code.toString(16).padStart(width, "0"); }

  function pyRepr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    chars(text).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
      else if (code < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
      else if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    });
    return out + quote;
  }

  function pyNumber(value) {
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
    var text = String(value);  // (Python: 1e+16, 1.5; JS: 10000000000000000, 1.5)
    return /e/.test(text) ? text : Number.isInteger(value) ? value.toExponential().replace(/e\+?/, "e+") : text;
  }

  function grouped(count) { return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  // difflib.SequenceMatcher(None, a, b).ratio(), with its "autojunk" for a long b.
  function ratio(a, b) {
    a = chars(a); b = chars(b);
    var b2j = {};
    b.forEach(function (ch, j) { (b2j[ch] = b2j[ch] || []).push(j); });
    if (b.length >= 200) {
      var most = Math.floor(b.length / 100) + 1;
      Object.keys(b2j).forEach(function (ch) { if (b2j[ch].length > most) delete b2j[ch]; });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, js = owns(b2j, a[i]) ? b2j[a[i]] : [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var matched = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        matched += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    var total = a.length + b.length;
    return total ? 2 * matched / total : 1;
  }

  // difflib.get_close_matches(word, options, n=1, cutoff=0.6)[0], or null
  function closeMatch(word, options) {
    var best = null, bestScore = -1;
    options.forEach(function (option) {
      var score = ratio(option, word);
      if (score >= 0.6 && (score > bestScore || (score === bestScore && option > best))) { best = option; bestScore = score; }
    });
    return best;
  }

  var MAX_LISTED = 30;

  // records/problems.py allowed(): "did you mean 'x'? expected one of: a, b, c"
  function allowed(values, given) {
    var text = "expected one of: " + values.slice(0, MAX_LISTED).join(", ");
    if (values.length > MAX_LISTED) text += ", … (" + grouped(values.length) + " in all)";
    if (typeof given === "string" && values.length <= 1000) {
      var close = closeMatch(given, values);
      if (close !== null) text = "did you mean '" + close + "'? " + text;
    }
    return text;
  }

  // records/problems.py unknown_key(): an unknown theme or level
  function unknownKey(kind, given, values, file, words) {
    var text = "unknown " + kind + " " + describeRepr(given) + "; ";
    var meant = typeof given === "string" && words ? words[given.trim().toLowerCase()] : undefined;
    var near = typeof given === "string" ? closeMatch(given, values) : null;
    if (meant) text += "use '" + meant + "' (the " + kind + " this casebook uses for a " + given.trim() + "). ";
    else if (near !== null) text += "did you mean '" + near + "'? ";
    return text + "expected one of: " + values.join(", ") + ". To propose a new " + kind + ", add it to " + file +
      " with its label in en, zh and vi in the same pull request (see CONTRIBUTING.md)";
  }

  function describeRepr(value) {
    if (typeof value === "string") return pyRepr(value);
    if (typeof value === "number") return pyNumber(value);
    if (typeof value === "boolean") return value ? "True" : "False";
    return value === null ? "None" : String(value);
  }

  // records/load.py _describe(): what YAML made of a value, in plain words
  function describe(value) {
    var type = typeOf(value);
    if (type === "object") return "a mapping";
    if (type === "array") return "a list";
    if (type === "null") return "nothing (empty value)";
    if (type === "boolean") return String(value) + " (a yes/no value: put the text in quotes)";
    if (type === "string") return "the text " + pyRepr(value);
    return "the number " + pyNumber(value);
  }

  // records/problems.py field_name(): ["figures", 0, "label", "en"] -> "figures[0].label.en"
  function fieldName(path) {
    return path.reduce(function (out, part) {
      return typeof part === "number" ? out + "[" + part + "]" : out ? out + "." + part : String(part);
    }, "");
  }


  var api = {owns: owns, chars: chars, pyRepr: pyRepr, pyNumber: pyNumber, hex: hex, grouped: grouped, ratio: ratio, closeMatch: closeMatch, allowed: allowed, unknownKey: unknownKey, describe: describe, describeRepr: describeRepr, fieldName: fieldName, typeOf: typeOf};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else root.casebookContributeWords = api;
})(this);
