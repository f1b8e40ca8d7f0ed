/* Reform Casebook: the case form's checks and its YAML, without a server.
 *
 * - check(schema, record): the record against docs/data/case.schema.json (the schema
 *   `casebook schema` writes from the model), for the keywords that schema uses;
 *   tests/test_contribute_check.py runs it in node against Python's jsonschema.
 * - problems(schema, record, vocabulary): what `casebook validate` would say, as
 *   {field, message} in the validator's own words (records/load.py's _problem, the
 *   model's validators): the schema's errors, then the model's rules the schema cannot
 *   say (real dates, a period's order, source ids, characters no record may hold).
 * Python's own words (repr, difflib) are in contribute-words.js, the YAML in
 * contribute-yaml.js. Used by contribute.js on the form's page, and by node in the tests
 * (module.exports). */
(function (root) {
  "use strict";

  // (node, in the tests, loads the files as modules; a page as scripts, words first)
  var words = typeof module === "object" && module && module.exports ? require("./contribute-words.js")
    : root.casebookContributeWords;
  var owns = words.owns, chars = words.chars, pyRepr = words.pyRepr, pyNumber = words.pyNumber, hex = words.hex, grouped = words.grouped,
    allowed = words.allowed, unknownKey = words.unknownKey, describe = words.describe,
    describeRepr = words.describeRepr, fieldName = words.fieldName, typeOf = words.typeOf;

  // --- JSON Schema -------------------------------------------------------------------------

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


  var api = {check: check, problems: problems, characterProblem: characterProblem};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  else root.casebookContributeCheck = api;
})(this);
