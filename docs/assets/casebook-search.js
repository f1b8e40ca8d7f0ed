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
const FOLDED_ONLY = 0.3;     // a word typed with marks that a page holds only without them
const PHRASE = 2;            // a phrase of the query a page holds, over its words' weights
const PHRASE_DF = 0.25;      // a phrase is looked up when a word of it is in at most this share
const PHRASE_DF_MIN = 50;    // ... of the pages, or in at most this many
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

function asTyped(text) {    // lower case with its marks (pages/words.py as_typed)
  return text.normalize("NFKC").toLowerCase().normalize("NFC");
}

function isWord(word) {     // the "s" of "women's" is no word
  return [...word].length > 1 || /^\p{Nd}$/u.test(word);
}

function grams(run) {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/* The query's words as typed, each with its index terms; a word typed with marks also
   its form as typed (`exact`), which pages holding it exactly match first. */
function queryWords(query) {
  const words = [];
  for (const m of query.normalize("NFC").matchAll(TOKEN)) {
    const typed = asTyped(m[0]), folded = fold(m[0]);
    if (m[1]) words.push({ shown: m[0], han: true, folded, terms: grams(folded) });
    else if (isWord(folded)) {
      words.push({ shown: m[0], han: false, folded, terms: [folded], exact: typed !== folded ? typed : null });
    }
  }
  return words;
}

/* Terms that rank, not filter (site/search/terms.py query_extras): words next to each
   other ("binh duong") and three Han characters in a row; and two words that a page
   writes as one. */
function phrases(words) {
  const out = [];
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (!word.han && next && !next.han) out.push({ term: `${word.folded} ${next.folded}`, words: [i, i + 1] });
    if (word.han) {
      const chars = [...word.folded];
      for (let j = 0; j + 3 <= chars.length; j++) out.push({ term: chars.slice(j, j + 3).join(""), words: [i] });
    }
  });
  return out;
}

function joined(words) {
  return words.slice(1).flatMap((word, i) => (!word.han && !words[i].han)
    ? [{ term: words[i].folded + word.folded, words: [i, i + 1] }] : []);
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
      const hit = match.exact.has(asTyped(m[0])) || match.words.has(f) || (match.prefix && f.startsWith(match.prefix));
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

function lookup(term) {
  const part = parts.get(`t${termPart(term)}`);
  /* own keys only: a part is a plain object and the word "constructor" is a query too */
  const flat = part && Object.prototype.hasOwnProperty.call(part, term) ? part[term] : undefined;
  return flat ? { df: flat[0], idf: Math.log(1 + index.count / flat[0]), docs: postings(flat) } : null;
}

/* A last word that is no term of its own matches its completions (it may be half typed) */
function completions(word, names) {
  const merged = new Map();
  let count = 0, df = 0;
  for (const name of names) {
    for (const [term, flat] of Object.entries(parts.get(name))) {
      if (count >= PREFIX_TERMS || !term.startsWith(word.folded) || term.includes(" ")) continue;
      count++;
      df = Math.max(df, flat[0]);
      for (const [id, w] of postings(flat)) merged.set(id, Math.max(merged.get(id) || 0, w));
    }
  }
  return merged.size ? { idf: Math.log(1 + index.count / df), docs: merged } : null;
}

/* Which characters of a Chinese word the pairs (or the one character) a page holds cover */
function covered(word, has) {
  const on = [...word.folded].map(() => word.terms.length === 1 && has.has(word.terms[0]));
  word.terms.forEach((t, j) => { if (t.length > 1 && has.has(t)) on[j] = on[j + 1] = true; });
  return on;
}

/* Each page that holds any word: how much of the query it holds (`cover`, each word
   weighing its rarity), which words typed with marks it holds as typed, and its score
   (the weights of its terms; its phrases of the query weigh more). */
function scorePages(words, found, extras) {
  const pages = new Map();
  const page = id => pages.get(id) || pages.set(id, { score: 0, has: new Set(), exact: new Set(),
    joined: new Set() }).get(id);
  const wordIdf = words.map((word, i) => {
    const idfs = word.terms.map(t => found.get(t)).filter(Boolean).map(f => f.idf);
    const join = extras.joins.filter(j => j.words.includes(i) && found.get(j.term));
    if (!idfs.length && join.length) return found.get(join[0].term).idf;
    return idfs.length ? idfs.reduce((a, b) => a + b, 0) / idfs.length : 0;
  });
  words.forEach((word, i) => {
    const exact = word.exact && found.get(word.exact);
    if (exact) {
      for (const [id, w] of exact.docs) { const p = page(id); p.exact.add(i); p.score += exact.idf * w; }
    }
    for (const term of word.terms) {
      const hit = found.get(term);
      if (!hit) continue;
      for (const [id, w] of hit.docs) {
        const p = page(id);
        p.has.add(term);
        if (!p.exact.has(i)) p.score += hit.idf * w * (word.exact ? FOLDED_ONLY : 1);
      }
    }
  });
  for (const join of extras.joins) {
    const hit = found.get(join.term);
    if (hit) for (const [id, w] of hit.docs) { const p = page(id); p.joined.add(join); p.score += hit.idf * w; }
  }
  for (const phrase of extras.phrases) {
    const hit = found.get(phrase.term);
    if (hit) for (const [id, w] of hit.docs) { const p = page(id); p.score += PHRASE * hit.idf * w; }
  }
  const total = wordIdf.reduce((a, b) => a + b, 0);
  for (const p of pages.values()) {
    p.held = words.map((word, i) => p.joined.size && [...p.joined].some(j => j.words.includes(i)) ? 1
      : word.han ? covered(word, p.has).filter(Boolean).length / [...word.folded].length
        : Number(p.has.has(word.folded) || p.exact.has(i)));
    p.cover = total ? p.held.reduce((sum, held, i) => sum + held * wordIdf[i], 0) / total : 0;
  }
  return pages;
}

async function search(query) {
  const words = queryWords(query);
  if (!words.length || !index) return { items: [] };
  const extras = { phrases: [], joins: [] };
  const terms = [...new Set([...words.flatMap(w => w.terms), ...words.flatMap(w => w.exact ? [w.exact] : [])])];
  const lastWord = words[words.length - 1];
  const prefixParts = [];
  if (!lastWord.han) {       // it may be half typed: its completions may be in the next part
    const from = termPart(lastWord.folded), to = termPart(lastWord.folded + "\uffff");
    for (let i = from; i <= Math.min(to, from + PREFIX_PARTS - 1); i++) prefixParts.push(`t${i}`);
  }
  await load([...terms.map(t => `t${termPart(t)}`), ...prefixParts]);

  const found = new Map();
  for (const term of terms) {
    const hit = lookup(term);
    if (hit) found.set(term, hit);
  }
  let prefix = null;
  if (!lastWord.han && !found.has(lastWord.folded)) {
    const hit = completions(lastWord, prefixParts);
    if (hit) { prefix = lastWord.folded; found.set(prefix, hit); }
  }
  /* Then, in one more read: the query's phrases that hold a rarer word or pair (of
     common words only, they would cost parts and tell little), and two words written as
     one ("micro-credit", "micro credit": "microcredit") next to a word no page holds */
  const rare = term => (found.get(term) || { df: Infinity }).df <= Math.max(PHRASE_DF_MIN, PHRASE_DF * index.count);
  extras.phrases = phrases(words).filter(p => words[p.words[0]].han
    ? rare(p.term.slice(0, 2)) || rare(p.term.slice(1)) : p.words.some(i => rare(words[i].folded)));
  extras.joins = joined(words).filter(j => j.words.some(i => !words[i].han && !found.has(words[i].folded)));
  const more = [...extras.phrases, ...extras.joins].map(p => p.term);
  await load(more.map(t => `t${termPart(t)}`));
  for (const term of more) {
    const hit = lookup(term);
    if (hit) found.set(term, hit);
  }

  /* The pages holding the most of the query (its rarer words weighing more) come first;
     among them those holding the words typed with marks as typed, then the best scores
     (the query's words together, as a phrase, weigh more than apart). A term lists only
     its heaviest pages, so in a large casebook no page may hold every word: the pages
     holding most of them are still found. */
  const pages = scorePages(words, found, extras);
  const tier = p => Math.round(p.cover * 20);
  const ranked = [...pages].filter(([, p]) => p.cover > 0)
    .sort(([, a], [, b]) => tier(b) - tier(a) || b.exact.size - a.exact.size || b.score - a.score);
  const beyond = ranked.length > MAX_RESULTS;
  ranked.length = Math.min(ranked.length, MAX_RESULTS);

  await load(ranked.map(([id]) => `d${Math.floor(id / index.per)}`));
  const items = ranked.map(([id, p], rank) => {
    const [location, title, text] = parts.get(`d${Math.floor(id / index.per)}`)[id % index.per];
    /* marks only what matched: a word typed with marks, as typed where the page has it */
    const match = {
      words: new Set([...words.filter((w, i) => !w.han && p.held[i] && !p.exact.has(i)).map(w => w.folded),
        ...[...p.joined].map(j => j.term)]),
      exact: new Set(words.filter((w, i) => p.exact.has(i)).map(w => w.exact)),
      prefix,
      han: words.filter(w => w.han).map(w => w.folded),
    };
    const head = highlight(title, match), body = snippet(text, match);
    return [{ location, title: head.html, text: body.html, score: MAX_RESULTS - rank,
      terms: shownTerms(words, p, head.found.concat(body.found), prefix) }];
  });
  return { items, more: beyond };
}

/* ?h= on the target page: the words as they are written there ("Hội" for "hoi"); and
   what Material lists as missing: a word the page lacks; of Chinese typed without
   spaces, only the characters no found pair covers */
function shownTerms(words, page, forms, prefix) {
  const shown = Object.create(null);  /* keyed by the words of the page */
  const last = words[words.length - 1];
  words.forEach((word, i) => {
    if (word.han) {
      const chars = [...word.folded], on = covered(word, page.has);
      let run = "";
      chars.forEach((c, j) => {
        run += c;
        if (j + 1 === chars.length || on[j + 1] !== on[j]) { shown[run] = on[j]; run = ""; }
      });
      return;
    }
    const own = forms.filter(([f]) => f === word.folded || (prefix && word === last && f.startsWith(prefix)))
      .map(([, original]) => original);
    if (page.held[i] && own.length) own.forEach(form => { shown[form] = true });
    else shown[word.shown] = page.held[i] > 0;
  });
  return shown;
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
