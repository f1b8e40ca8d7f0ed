/* Reform Casebook's search worker.
 *
 * It speaks Material for MkDocs' search worker protocol (Material 9.8:
 * integrations/search/worker/message: SETUP 0 -> READY 1, QUERY 2 -> RESULT 3), so
 * Material's search dialog, its keys, its result count and its `?h=` highlighting on
 * the page stay as they are. Instead of lunr over the whole index it reads the parts
 * of our index a query needs (hooks/casebook/site/search/parts.py): the term parts of
 * the query's terms, then the document parts of the results it shows.
 *
 * fold() and the term rules follow hooks/casebook/site/search/terms.py rule for rule
 * (tests/test_search_index.py runs both on the same strings).
 *
 * Parts are scripts that call casebookPart(): importScripts loads them in a worker and,
 * inside Material's iframe shim (from file://, where nothing fetches JSON), too.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_RESULTS = 20;      // what Material lists (it shows ten, then more on scrolling)
const PREFIX_TERMS = 24;     // a last word still being typed: at most this many completions
const PREFIX_PARTS = 2;      // ... found in at most this many term parts
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const TOKEN = new RegExp(`([${HAN}]+)|((?:(?![${HAN}])[\\p{L}\\p{N}])+)`, "gu");

const parts = new Map();
let index = null;            // the manifest's config.casebook
let base = "";               // URL of the language's search/ folder

self.casebookPart = (name, data) => { parts.set(name, data) };

function fold(text) {
  return text.normalize("NFKC").toLowerCase().normalize("NFD")
    .replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

function isWord(word) {     // the "s" of "women's" is no word
  return [...word].length > 1 || /^\p{Nd}$/u.test(word);
}

function grams(run) {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/* The query's words as typed, each with its index terms. */
function queryWords(query) {
  const words = [];
  for (const m of query.normalize("NFC").matchAll(TOKEN)) {
    const folded = fold(m[0]);
    if (m[1]) words.push({ shown: m[0], han: true, folded, terms: grams(folded) });
    else if (isWord(folded)) words.push({ shown: m[0], han: false, folded, terms: [folded] });
  }
  return words;
}

function siteRoot() {
  /* Inside the iframe shim the worker is a script element of the page's document */
  if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent) {
    return new URL("..", document.querySelector("script[src]").src);
  }
  return new URL("..", self.location.href);  // this file is assets/casebook-search.js
}

async function load(names) {
  const missing = [...new Set(names)].filter(name => !parts.has(name));
  if (missing.length) {
    await importScripts(...missing.map(name =>
      `${base}${name[0]}/${name.slice(1)}.js?v=${index.version}`));
  }
}

function termPart(term) {    // the last part whose first term is not after it
  const keys = index.keys;
  let lo = 0, hi = keys.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keys[mid] <= term) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function postings(flat) {    // [df, dId, w, dId, w, ...] -> Map(id -> w)
  const out = new Map();
  let id = 0;
  for (let i = 1; i < flat.length; i += 2) {
    id += flat[i];
    out.set(id, flat[i + 1]);
  }
  return out;
}

const esc = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/* Mark in `text` the words that matched (folded alike) and the Chinese the query holds. */
function highlight(text, match) {
  let out = "", last = 0, first = -1;
  const found = [];
  for (const m of text.matchAll(TOKEN)) {
    out += esc(text.slice(last, m.index));
    last = m.index + m[0].length;
    let marked;
    if (m[1]) {
      marked = markHan(m[0], match.han);
    } else {
      const f = fold(m[0]);
      const hit = match.words.has(f) || (match.prefix && f.startsWith(match.prefix));
      if (hit) found.push([f, m[0]]);
      marked = hit ? `<mark>${esc(m[0])}</mark>` : esc(m[0]);
    }
    if (first < 0 && marked.includes("<mark>")) first = m.index;
    out += marked;
  }
  return { html: out + esc(text.slice(last)), first, found };
}

function markHan(run, queries) {
  const chars = [...run], on = new Array(chars.length).fill(false);
  const mark = piece => {
    const p = [...piece];
    for (let i = 0; i + p.length <= chars.length; i++) {
      if (p.every((c, j) => chars[i + j] === c)) for (let j = 0; j < p.length; j++) on[i + j] = true;
    }
  };
  for (const q of queries) {
    if (run.includes(q)) mark(q); else grams(q).filter(g => g.length > 1 || queries.length === 1).forEach(mark);
  }
  let out = "";
  chars.forEach((c, i) => {
    if (on[i] && !on[i - 1]) out += "<mark>";
    out += esc(c);
    if (on[i] && !on[i + 1]) out += "</mark>";
  });
  return out;
}

/* The snippet, starting near its first match when that is far in. */
function snippet(text, match) {
  let result = highlight(text, match);
  const lead = /[\u3400-\u9fff]/.test(text) ? 40 : 90;
  if (result.first > lead * 1.5) {
    let start = result.first - lead;
    const space = text.lastIndexOf(" ", start + 10);
    if (space > start - 30 && space >= 0) start = space + 1;
    result = highlight(text.slice(start), match);
    result.html = "…" + result.html;
  }
  return result;
}

async function search(query) {
  const words = queryWords(query);
  if (!words.length || !index) return { items: [] };
  const terms = [...new Set(words.flatMap(w => w.terms))];
  const lastWord = words[words.length - 1];
  const needed = terms.map(t => `t${termPart(t)}`);
  let prefixParts = [];
  if (!lastWord.han) {       // it may be half typed: its completions may be in the next part
    const from = termPart(lastWord.folded), to = termPart(lastWord.folded + "\uffff");
    for (let i = from; i <= Math.min(to, from + PREFIX_PARTS - 1); i++) prefixParts.push(`t${i}`);
  }
  await load([...needed, ...prefixParts]);

  /* Each term's postings; a last word that is no term of its own matches its completions */
  const N = index.count;
  const byTerm = new Map();
  for (const term of terms) {
    const part = parts.get(`t${termPart(term)}`);
    /* own keys only: a part is a plain object and the word "constructor" is a query too */
    const flat = Object.prototype.hasOwnProperty.call(part, term) ? part[term] : undefined;
    if (flat) byTerm.set(term, { idf: Math.log(1 + N / flat[0]), docs: postings(flat) });
  }
  let prefix = null;
  if (!lastWord.han && !byTerm.has(lastWord.folded)) {
    const merged = new Map();
    let count = 0, df = 0;
    for (const name of prefixParts) {
      for (const [term, flat] of Object.entries(parts.get(name))) {
        if (count >= PREFIX_TERMS || !term.startsWith(lastWord.folded)) continue;
        count++;
        df = Math.max(df, flat[0]);
        for (const [id, w] of postings(flat)) merged.set(id, Math.max(merged.get(id) || 0, w));
      }
    }
    if (merged.size) {
      prefix = lastWord.folded;
      byTerm.set(lastWord.folded, { idf: Math.log(1 + N / df), docs: merged });
    }
  }

  /* Score: the words a document matches first, then the weights of its terms */
  const scores = new Map();
  words.forEach((word, w) => {
    for (const term of word.terms) {
      const found = byTerm.get(term);
      if (!found) continue;
      for (const [id, weight] of found.docs) {
        const s = scores.get(id) || { score: 0, terms: new Set(), words: 0 };
        s.score += found.idf * weight;
        s.terms.add(term);
        scores.set(id, s);
      }
    }
  });
  for (const s of scores.values()) {
    s.words = words.filter(word => word.terms.every(t => s.terms.has(t))).length;
  }
  /* The pages that match the most words, best scores first. A term lists only its
     heaviest pages, so in a large casebook no page may be listed under every pair of
     characters of a Chinese phrase: then the pages holding the most of its pairs (at
     least half) are the results, rather than none. */
  const best = Math.max(0, ...[...scores.values()].map(s => s.words));
  const most = Math.max(0, ...[...scores.values()].map(s => s.terms.size));
  const enough = best > 0 ? (([, s]) => s.words === best)
    : (([, s]) => s.terms.size === most && 2 * most >= terms.length);
  const ranked = [...scores].filter(enough)
    .sort(([, a], [, b]) => b.score - a.score)
    .slice(0, MAX_RESULTS);

  await load(ranked.map(([id]) => `d${Math.floor(id / index.per)}`));
  const match = {
    words: new Set(words.filter(w => !w.han).map(w => w.folded)),
    prefix,
    han: words.filter(w => w.han).map(w => w.folded),
  };
  const items = ranked.map(([id, s], rank) => {
    const [location, title, text] = parts.get(`d${Math.floor(id / index.per)}`)[id % index.per];
    const head = highlight(title, match), body = snippet(text, match);
    /* ?h= on the target page: the words as they are written there ("Hội" for "hoi") */
    const shown = Object.create(null);  /* keyed by the words of the page */
    for (const word of words) {
      const matched = word.terms.every(t => s.terms.has(t));
      const forms = [...head.found, ...body.found]
        .filter(([f]) => f === word.folded || (prefix && word === lastWord && f.startsWith(prefix)))
        .map(([, original]) => original);
      if (matched && forms.length) forms.forEach(form => { shown[form] = true });
      else shown[word.shown] = matched;
    }
    return [{ location, title: head.html, text: body.html, score: MAX_RESULTS - rank, terms: shown }];
  });
  return { items };
}

async function handle(message) {
  switch (message.type) {
    case SETUP: {
      index = message.data.config.casebook;
      base = `${new URL(index.base, siteRoot())}`;
      return { type: READY };
    }
    case QUERY:
      try {
        return { type: RESULT, data: await search(message.data) };
      } catch (err) {
        console.warn("casebook search:", err);
        return { type: RESULT, data: { items: [] } };
      }
    default:
      throw new TypeError("Invalid message type");
  }
}

/* One message at a time, in order; a query is skipped when a newer one waits */
let latest = 0, queue = Promise.resolve();
addEventListener("message", ev => {
  const message = ev.data, n = ++latest;
  queue = queue.then(async () => {
    if (message.type === QUERY && n !== latest) return;
    postMessage(await handle(message));
  });
});
