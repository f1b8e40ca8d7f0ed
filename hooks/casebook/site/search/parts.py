"""Write a language's index as a small manifest and many small parts.

    search/search_index.json   the manifest: Material's search config (its page
                               highlighter reads it) and in it ours: the first term of
                               every term part, the number of documents, a version
    search/search_index.js     the same, as the script Material loads from file://
    search/t/<n>.js            term parts: terms in sorted order, cut every SHARD_BYTES
    search/d/<n>.js            document parts: location, title and snippet of
                               DOCS_PER_PART documents, read only for the results shown

Every part is a script that calls ``casebookPart(name, data)``: the worker loads it
with importScripts, over http and, inside Material's iframe shim, from file:// (where
nothing can fetch JSON). A term's postings are ``[df, id, weight, id, weight, ...]``
(ids as differences from the previous one), at most POSTINGS_CAP of them (its heaviest):
what a query reads does not grow with the number of cases.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import shutil
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .documents import FIELD_WEIGHT, SearchDoc
from .terms import term_counts

SHARD_BYTES = 12_000
POSTINGS_CAP = 300
DOCS_PER_PART = 4
PHRASES_ABOVE = FIELD_WEIGHT["narrative"]  # fields whose phrases are terms (terms.py)
TERM_DIR, DOC_DIR = "t", "d"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_LOG = [0.0] + [1 + math.log(count) for count in range(1, 100)]


def term_weights(doc: SearchDoc) -> dict[str, int]:
    """A document's weight for each of its terms: the weights of the fields it is in,
    each growing with the log of its count there, times the page's kind weight."""
    weights: dict[str, float] = defaultdict(float)
    for field_weight, text in doc.fields:
        for term, count in term_counts(text, phrases=field_weight > PHRASES_ABOVE).items():
            weights[term] += field_weight * (_LOG[count] if count < len(_LOG) else 1 + math.log(count))
    scale = doc.weight * 10
    return {term: round(w * scale) or 1 for term, w in weights.items()}


# A posting (weight, document) packed in one int of an array: weight above, the document's
# number below, so the heaviest are the largest (ties: the later document first, as when
# they were tuples). A tuple of two ints was ~100 bytes a posting, a packed one 8: at
# 10,000 cases a language's index held tens of millions of postings at once.
_DOC_BITS = 32


def _postings(docs: Iterable[SearchDoc]) -> tuple[dict[str, array], list[list[str]]]:
    """Every term's postings, packed (see _DOC_BITS), and each document's row of its
    part (location, title, snippet, kind). Documents are read one at a time and their
    fields let go: a case's text is ~6 KB, 60 MB a language at 10,000 cases."""
    by_term: dict[str, array] = {}
    rows = []
    for doc_id, doc in enumerate(docs):
        for term, weight in term_weights(doc).items():
            packed = by_term.get(term)
            if packed is None:
                packed = by_term[term] = array("q")
            packed.append((weight << _DOC_BITS) | doc_id)
        rows.append([doc.location, doc.title, doc.snippet, doc.kind])
    return by_term, rows


def _flat(packed: array, cap: int) -> list[int]:
    """A term's postings as written: ``[df, id, weight, id, weight, ...]``, ids as
    differences, at most ``cap`` of them (the heaviest)."""
    mask = (1 << _DOC_BITS) - 1
    chosen = packed if len(packed) <= cap else heapq.nlargest(cap, packed)
    kept = sorted((value & mask, value >> _DOC_BITS) for value in chosen)
    flat, last = [len(packed)], 0
    for doc_id, weight in kept:
        flat += [doc_id - last, weight]
        last = doc_id
    return flat


def _script(name: str, data) -> str:
    return f"casebookPart({_dumps(name)},{_dumps(data)});\n"


def write_index(search_dir: Path, base: str, docs: Iterable[SearchDoc], config: dict, *,
                shard_bytes: int = SHARD_BYTES, cap: int = POSTINGS_CAP,
                per_part: int = DOCS_PER_PART) -> dict:
    """Write the manifest and parts of one language into ``search_dir``; returns the
    manifest. ``base`` is the folder's path from the site's root (``zh/search/``), where
    the worker (at the root's assets/) finds the parts. Old parts are removed first (a
    part names no version: the manifest does, and the worker asks for ``?v=<version>``)."""
    postings, rows = _postings(docs)
    for sub in (TERM_DIR, DOC_DIR):
        shutil.rmtree(search_dir / sub, ignore_errors=True)
        (search_dir / sub).mkdir(parents=True)
    digest = hashlib.sha1()

    keys: list[str] = []
    shard: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            text = _script(f"{TERM_DIR}{len(keys) - 1}", None).replace("null", "{" + ",".join(shard) + "}")
            (search_dir / TERM_DIR / f"{len(keys) - 1}.js").write_text(text, encoding="utf-8")
            digest.update(text.encode("utf-8"))
        shard, size = [], 0

    # in the order of JavaScript's string comparison (UTF-16 code units), which the
    # worker's binary search over the parts' first terms uses
    for term in sorted(postings, key=lambda t: t.encode("utf-16-be")):
        item = f"{_dumps(term)}:{_dumps(_flat(postings.pop(term), cap))}"
        if not shard or size + len(item.encode("utf-8")) > shard_bytes:
            flush()
            keys.append(term)
        shard.append(item)
        size += len(item.encode("utf-8")) + 1
    flush()

    for start in range(0, len(rows), per_part):
        text = _script(f"{DOC_DIR}{start // per_part}", rows[start:start + per_part])
        (search_dir / DOC_DIR / f"{start // per_part}.js").write_text(text, encoding="utf-8")
        digest.update(text.encode("utf-8"))

    # Material hands the worker the index's "config" and "docs" only: ours goes in config
    manifest = {"config": {**config, "casebook": {
        "version": digest.hexdigest()[:12], "base": base, "count": len(rows), "per": per_part, "keys": keys,
    }}, "docs": []}
    text = _dumps(manifest)
    (search_dir / "search_index.json").write_text(text, encoding="utf-8")
    # From file:// Material reads the manifest from this script instead (bundle.ts)
    (search_dir / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return manifest


def read_part(path: Path):
    """The data of a part written by ``write_index`` (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1:text.rindex(");")])


def read_index(search_dir: Path) -> tuple[dict, dict[str, list[int]], list[list[str]]]:
    """(manifest, every term's postings, every document's [location, title, snippet, kind])."""
    manifest = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
    terms: dict[str, list[int]] = {}
    for path in (search_dir / TERM_DIR).glob("*.js"):
        terms.update(read_part(path))
    count = manifest["config"]["casebook"]["count"]
    per = manifest["config"]["casebook"]["per"]
    docs = [row for n in range(-(-count // per)) for row in read_part(search_dir / DOC_DIR / f"{n}.js")]
    return manifest, terms, docs
