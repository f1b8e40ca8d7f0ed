/* Reform Casebook: the case form's checks and its YAML, without a server.
 *
 * - check(schema, record): the record against docs/data/case.schema.json (the schema
 *   `casebook schema` writes from the model), for the keywords that schema uses;
 *   tests/test_contribute_check.py runs it in node against Python's jsonschema.
 * - problems(schema, record, vocabulary): what `casebook validate` would say, as
 *   {field, message} in the validator's own words (records/load.py's _problem, the
 *   model's validators): the schema's errors, then the model's rules the schema cannot
 *   say (real dates, a period's order, source ids, characters no record may hold).
 * - toYaml(record): the record laid out as `casebook new` writes it (the template's key
 *   order), every string double-quoted with its control and bidi characters escaped.
 *
 * Used by contribute.js on the form's page, and by node in the tests (module.exports). */
(function (root) {
  "use strict";

  function owns(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function chars(text) { return Array.from(text); }  // code points, as Python counts them

  // --- JSON Schema -------------------------------------------------------------------------

  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;  // "string", "boolean", "object"
  }

  function hasType(value, type) {
    var actual = typeOf(value);
    return actual === type || (type === "number" && actual === "integer");
  }

  // Python's re.search: "$" also matches before a final line break; \d is any decimal digit.
  var patterns = {};
  function pythonPattern(source) {
    if (!owns(patterns, source)) {
      patterns[source] = new RegExp(source.replace(/\\d/g, "\\p{Nd}").replace(/\$$/, "(?=\\n?$)"), "u");
    }
    return patterns[source];
  }

  function resolve(schema, rootSchema) {
    while (schema && schema.$ref) {
      var parts = schema.$ref.replace(/^#\//, "").split("/");
      schema = parts.reduce(function (node, part) { return node[part]; }, rootSchema);
    }
    return schema;
  }

  // Every error of `value` under `schema`, as {path, keyword, params}: one per keyword as
  // jsonschema yields them (anyOf carries the errors of each branch in `branches`).
  function validate(schema, value, path, rootSchema, errors) {
    schema = resolve(schema, rootSchema);
    function fail(keyword, params) {
      params = params || {};
      params.value = value;
      errors.push({path: path, keyword: keyword, params: params});
    }
    if (schema.anyOf) {
      var branches = schema.anyOf.map(function (sub) { return validate(sub, value, path, rootSchema, []); });
      if (!branches.some(function (found) { return found.length === 0; })) fail("anyOf", {branches: branches});
    }
    if (schema.not && validate(schema.not, value, path, rootSchema, []).length === 0) fail("not");
    if (schema.type) {
      var types = [].concat(schema.type);
      if (!types.some(function (type) { return hasType(value, type); })) {
        fail("type", {expected: types[0]});
      }
    }
    if (schema.enum && !schema.enum.some(function (option) { return option === value; })) {
      fail("enum", {options: schema.enum, value: value});
    }
    if (typeof value === "string") {
      if (schema.pattern !== undefined && !pythonPattern(schema.pattern).test(value)) fail("pattern", {value: value});
      var length = chars(value).length;
      if (schema.maxLength !== undefined && length > schema.maxLength) fail("maxLength", {limit: schema.maxLength});
      if (schema.minLength !== undefined && length < schema.minLength) fail("minLength", {limit: schema.minLength});
    }
    if (typeof value === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) fail("minimum", {limit: schema.minimum});
      if (schema.maximum !== undefined && value > schema.maximum) fail("maximum", {limit: schema.maximum});
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) fail("minItems", {limit: schema.minItems});
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        fail("maxItems", {limit: schema.maxItems, length: value.length});
      }
      if (schema.items) {
        value.forEach(function (item, index) { validate(schema.items, item, path.concat([index]), rootSchema, errors); });
      }
    }
    if (typeOf(value) === "object") {
      var properties = schema.properties || {};
      (schema.required || []).forEach(function (key) { if (!owns(value, key)) fail("required", {key: key}); });
      var extra = [];
      Object.keys(value).forEach(function (key) {
        var matched = false;
        if (owns(properties, key)) {
          matched = true;
          validate(properties[key], value[key], path.concat([key]), rootSchema, errors);
        }
        Object.keys(schema.patternProperties || {}).forEach(function (source) {
          if (pythonPattern(source).test(key)) {
            matched = true;
            validate(schema.patternProperties[source], value[key], path.concat([key]), rootSchema, errors);
          }
        });
        if (!matched) extra.push(key);
      });
      if (schema.additionalProperties === false && extra.length) {
        fail("additionalProperties", {keys: extra, allowed: Object.keys(properties)});
      }
    }
    return errors;
  }

  function check(schema, record) { return validate(schema, record, [], schema, []); }

  // --- Python's words: repr(), difflib's close matches, "1,234" -------------------------

  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

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

  // --- the validator's message for each schema error (records/load.py _problem) ---------

  var DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
  var URL_PATTERN = "^https?://";
  var EXPECTED = {string: "text", number: "a number", integer: "a whole number", boolean: "true or false",
                  array: 'a list (one item per line, each starting with "- ")'};

  function typeMessage(expected, value) {
    if (expected === "string" && typeof value === "number") {
      // YAML reads 2015 or 1.5 as a number; text fields (dates above all) need quotes
      return "expected text, got the number " + pyNumber(value) + ': put it in quotes, e.g. "' + pyNumber(value) + '"';
    }
    if ((expected === "number" || expected === "integer") && typeof value === "string") {
      return "expected " + EXPECTED[expected] + ", got the text " + pyRepr(value) + ": write the number without quotes";
    }
    if (expected === "object") return "expected a mapping (indented `key: value` lines), got " + describe(value);
    return "expected " + EXPECTED[expected] + ", got " + describe(value);
  }

  function message(error, schema, vocabulary) {
    var p = error.params, path = error.path, last = path[path.length - 1];
    switch (error.keyword) {
      case "required": return [path.concat([p.key]), "required field is missing"];
      case "type": return [path, typeMessage(p.expected, p.value)];
      case "minItems": return [path, "expected at least " + p.limit + " item(s), got none"];
      case "maxItems": return [path, "expected at most " + p.limit + " items, got " + grouped(p.length)];
      case "maxLength": return [path, "String should have at most " + p.limit + " characters"];
      case "minLength": return [path, "String should have at least " + p.limit + " characters"];
      case "minimum": return [path, "Input should be greater than or equal to " + pyNumber(p.limit)];
      case "maximum": return [path, "Input should be less than or equal to " + pyNumber(p.limit)];
      case "not": return [path, reservedMessage(p.value)];
      case "additionalProperties":  // one a key, as pydantic says it
        return p.keys.map(function (key) {
          return [path.concat([key]), "unknown field " + pyRepr(key) + "; " + allowed(p.allowed, key)];
        });
      case "pattern": return [path, patternMessage(schemaAt(schema, path), p.value)];
      case "enum":
        if (path.length === 1 && last === "level") {
          return [path, unknownKey("level", p.value, p.options, "cases/vocabulary/levels.yaml", vocabulary.levelWords)];
        }
        if (path[0] === "themes" && path.length === 2) {
          return [path, unknownKey("theme", p.value, p.options, "cases/vocabulary/themes.yaml", vocabulary.themeWords)];
        }
        if (path.length === 1 && last === "country") {
          return [path, "expected an ISO 3166-1 alpha-2 code such as CN, VN or LA, got " + describeRepr(p.value)];
        }
        return [path, "unknown value " + describeRepr(p.value) + "; " + allowed(p.options.map(String), p.value)];
      default: return [path, error.keyword];
    }
  }

  function schemaAt(schema, path) {
    var node = schema;
    path.forEach(function (part) {
      node = resolve(node, schema);
      if (node.anyOf) node = resolve(node.anyOf[0], schema);
      node = typeof part === "number" ? resolve(node.items, schema) : resolve((node.properties || {})[part], schema);
    });
    node = resolve(node, schema);
    return node && node.anyOf ? resolve(node.anyOf[0], schema) : node;
  }

  function patternMessage(node, value) {
    if (node.pattern === DATE_PATTERN) return 'expected a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", got ' + pyRepr(value);
    if (node.pattern === URL_PATTERN) return "expected a full http:// or https:// address, got " + pyRepr(value);
    return "expected lowercase letters, digits and hyphens (e.g. ruili-centre), got " + pyRepr(value);
  }

  // The case id's own message (model.py _case_id), which names why the name is reserved.
  function reservedMessage(value) {
    var why = value.toLowerCase() === "index" ? "the case list's own page" : "a name Windows reserves for a device";
    return pyRepr(value) + " cannot be a case id: it is " + why + ", so the site or its offline copy " +
      "would break; add the place or the subject (e.g. con-cuong-savings-groups)";
  }

  // An error as the validator reports it: anyOf [X, null] is X's (pydantic checks an
  // optional field as its type), and a type error hides the rest at that place.
  function leafErrors(errors) {
    var out = [];
    errors.forEach(function (error) {
      if (error.keyword === "anyOf") {
        out = out.concat(leafErrors(error.params.branches[0]));
      } else {
        out.push(error);
      }
    });
    var mistyped = out.filter(function (e) { return e.keyword === "type"; }).map(function (e) { return fieldName(e.path); });
    return out.filter(function (e) { return e.keyword === "type" || mistyped.indexOf(fieldName(e.path)) < 0; });
  }

  // --- the model's rules that the schema cannot say (records/model.py, records/text.py) ---

  var BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  var BLANK = /^[\u115f\u1160\u3164\uffa0\u2800\s\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Mn}]*$/u;
  var NARRATIVE = ["background", "reform", "results"];
  var MAX_CHARS = 30000;

  function upperHex(code) { return hex(code, 4).toUpperCase(); }

  // records/text.py character_problem()
  function characterProblem(text) {
    var list = chars(text);
    for (var i = 0; i < list.length; i++) {
      var ch = list[i], code = ch.codePointAt(0);
      if (ch === "\n" || ch === "\t") continue;
      if (/\p{Cc}/u.test(ch) || ch === "\u2028" || ch === "\u2029") {
        return "control character U+" + upperHex(code) + " is not allowed (also not written as an escape " +
          "such as \\x1b); delete it";
      }
      if (BIDI.test(ch)) {
        return "bidirectional control character U+" + upperHex(code) + " is not allowed: it makes text read " +
          "differently from how it is stored; delete it";
      }
    }
    if (text && BLANK.test(text) && !/^\s+$/.test(text)) {
      return "holds only invisible characters (such as zero-width spaces); write the text or delete the field";
    }
    return null;
  }

  function strings(value, path, out) {
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) value.forEach(function (item, i) { strings(item, path.concat([i]), out); });
    else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) { strings(value[key], path.concat([key]), out); });
    }
    return out;
  }

  var DATE = /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/;

  // model.py _partial_date(), for a value the pattern let through
  function dateProblem(value, thisYear) {
    if (!DATE.test(value)) return null;
    var parts = value.split("-").map(Number);
    var year = parts[0], month = parts.length > 1 ? parts[1] : 1, day = parts.length > 2 ? parts[2] : 1;
    var problem = null;
    if (year < 1) problem = "year " + year + " is out of range";
    else if (month < 1 || month > 12) problem = "month must be in 1..12";
    else {
      var days = new Date(Date.UTC(2000, month, 0)).getUTCDate();  // (2000: a leap year)
      var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      if (month === 2 && !leap) days = 28;
      if (day < 1 || day > days) problem = "day is out of range for month";
    }
    if (problem) return pyRepr(value) + " is not a real date (" + problem + ")";
    if (year < 1900 || year > thisYear + 1) return "year " + year + " is outside 1900-" + (thisYear + 1);
    return null;
  }

  function modelProblems(record, thisYear) {
    var found = [];
    function add(path, text) { found.push({field: fieldName(path), message: text}); }
    strings(record, [], []).forEach(function (pair) {
      var path = pair[0], value = pair[1], problem = characterProblem(value), last = path[path.length - 1];
      if (problem) add(path, problem);
      var trimmed = value.trim();
      if (!problem && (path[0] === "period" && path.length === 2 || (path[0] === "sources" || path[0] === "milestones") &&
          last === "date")) {
        var bad = dateProblem(trimmed, thisYear);
        if (bad) add(path, bad);
      }
      if (path[0] === "sources" && last === "url" && /^https?:\/\//.test(trimmed)) {
        var rest = trimmed.replace(/^https?:\/\//, "");
        if (!/^[^/?#]/.test(rest) || trimmed.indexOf(" ") >= 0) {
          add(path, "expected a full http:// or https:// address, got " + pyRepr(trimmed));
        }
      }
      if (path[0] === "text" && NARRATIVE.indexOf(last) >= 0 && chars(trimmed).length > MAX_CHARS) {
        add(path, "text is " + grouped(chars(trimmed).length) + " characters long; a section may be at most " +
          grouped(MAX_CHARS));
      }
    });
    var period = record.period;
    // (pydantic checks the period as a whole only when each of its dates is right)
    var datesRight = period && typeof period === "object" && !Array.isArray(period) &&
      Object.keys(period).every(function (key) {
        var value = period[key];
        return ["start", "end", "as_of"].indexOf(key) >= 0 && (value === null || typeof value === "string" &&
          DATE.test(value.trim()) && !dateProblem(value.trim(), thisYear) && !characterProblem(value));
      });
    if (datesRight) {
      if (!(period.start || period.end || period.as_of)) add(["period"], "give at least one of start, end, as_of");
      else if (typeof period.start === "string" && typeof period.end === "string" &&
               period.end < period.start.slice(0, period.end.length)) {
        add(["period"], "end " + period.end + " is before start " + period.start);
      }
    }
    if (Array.isArray(record.themes) && new Set(record.themes).size !== record.themes.length) {
      add(["themes"], "a theme is listed twice");
    }
    return found.concat(referenceProblems(record));
  }

  // model.py reference_problems(): source ids once each; figures and milestones name one
  function referenceProblems(record) {
    var found = [], sources = Array.isArray(record.sources) ? record.sources : [];
    var ids = sources.filter(function (s) { return s && typeof s.id === "string"; }).map(function (s) { return s.id; });
    var seen = {};
    sources.forEach(function (source, index) {
      if (!source || typeof source.id !== "string") return;
      if (owns(seen, source.id)) {
        found.push({field: fieldName(["sources", index, "id"]), message: "source id " + pyRepr(source.id) + " is used twice in this case"});
      }
      seen[source.id] = true;
    });
    ["figures", "milestones"].forEach(function (key) {
      (Array.isArray(record[key]) ? record[key] : []).forEach(function (item, index) {
        var ref = item && item.source;
        if (typeof ref === "string" && ids.indexOf(ref) < 0) {
          found.push({field: fieldName([key, index, "source"]),
                      message: pyRepr(ref) + " is not the id of a source of this case; " + allowed(ids, ref)});
        }
      });
    });
    return found;
  }

  // Everything `casebook validate` would say of `record`, as [{field, message}], each once.
  function problems(schema, record, vocabulary, thisYear) {
    var found = [];
    leafErrors(check(schema, record)).forEach(function (error) {
      var said = message(error, schema, vocabulary || {});
      (Array.isArray(said[0][0]) ? said : [said]).forEach(function (one) {
        found.push({field: fieldName(one[0]), message: one[1]});
      });
    });
    found = found.concat(modelProblems(record, thisYear || new Date().getFullYear()));
    var seen = {};
    return found.filter(function (p) {
      var key = p.field + "\n" + p.message;
      if (owns(seen, key)) return false;
      seen[key] = true;
      return true;
    });
  }

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

  var api = {check: check, problems: problems, toYaml: toYaml, quote: quote, pyRepr: pyRepr, ratio: ratio,
             fieldName: fieldName, characterProblem: characterProblem};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else root.casebookContributeCheck = api;
})(this);
