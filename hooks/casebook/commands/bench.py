"""`casebook bench --cases N`: build N synthetic cases for real and print figures.

The records are made from the seed cases' own sentences (so the Chinese is Chinese and
the Vietnamese Vietnamese, about 600 English words a case), in a temporary copy of the
project, built with `casebook build` (what `make build` runs). The same generated pages
are then built again as plain Markdown with no hook by plain `mkdocs build` (the bare
MkDocs + Material + static-i18n peer), and our time is printed as a ratio to it. Memory
is the peak of all the build's processes together (sampled every 0.1 s, in a run of its
own: each build runs from the same start once for memory, then once or ``--repeat`` times
for time).
Figures only: nothing here passes or fails on time.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..engine.generate import GENERATED_FOLDERS
from .project_copy import copy_project

TARGET_WORDS = 600


def _sentences(records: list[dict], lang: str) -> list[str]:
    text = " ".join(r["text"][lang].get(f, "") for r in records if lang in r["text"]
                    for f in ("background", "reform", "results"))
    pattern = r"(?<=[。！？])" if lang == "zh" else r"(?<=[.!?])\s+"
    return [s.strip() for s in re.split(pattern, text) if len(s.strip()) > 10 and not s.strip().startswith("-")]


def _paragraphs(rng: random.Random, sentences: list[str], words: int, lang: str) -> str:
    out, count = [], 0
    while count < words:
        sentence = rng.choice(sentences)
        out.append(sentence)
        count += len(sentence) // 2 if lang == "zh" else len(sentence.split())
    joiner = "" if lang == "zh" else " "
    chunks = [joiner.join(out[i:i + 4]) for i in range(0, len(out), 4)]
    return "\n\n".join(chunks) + "\n"


def synthetic_records(seeds: list[dict], count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    sentences = {lang: _sentences(seeds, lang) for lang in LANGUAGES}
    records = []
    for index in range(count):
        base = json.loads(json.dumps(seeds[index % len(seeds)]))
        base["id"] = f"bench-{index:05d}-{base['id']}"[:80].rstrip("-")
        base["themes"] = rng.sample(sorted({t for s in seeds for t in s["themes"]}), 3)
        for lang in LANGUAGES:
            block = base["text"].setdefault(lang, {"status": "draft"})
            block["title"] = f"{block.get('title', base['text']['en']['title'])} ({index})"
            share = TARGET_WORDS // 3
            for field in ("background", "reform", "results"):
                block[field] = _paragraphs(rng, sentences[lang], share, lang)
        records.append(base)
    return records


def _tree_memory(root_pid: int) -> int:
    """Proportional set size (bytes) of a process and all its descendants: memory a
    forked child shares with its parent is counted once, not once per process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(match.group(1)) * 1024 if match else 0
    return total


def _run(cmd: list[str], cwd: Path, sample: bool) -> tuple[float, int]:
    """Run a build; returns (seconds, peak memory in bytes of all its processes at once,
    0 unless ``sample``)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while process.poll() is None:
            pause = 0.01
            if sample:
                began = time.perf_counter()
                peak = max(peak, _tree_memory(process.pid))
                # A sample reads every process's page tables (smaps_rollup): at 10,000
                # cases, one every 0.1 s took the kernel a whole core. Keep it to a tenth.
                pause = max(0.1, 10 * (time.perf_counter() - began))
            time.sleep(pause)
        seconds = time.perf_counter() - start
        if process.returncode:
            err.seek(0)
            raise SystemExit(f"build failed in {cwd}:\n{err.read().decode(errors='replace')[-3000:]}")
    return seconds, peak


def _memory(cmd: list[str], cwd: Path, fresh: Callable[[], None]) -> int:
    """Peak memory of a build from ``fresh()``, in a run of its own: reading every
    process's memory map ten times a second slows the build it measures. (It goes first,
    so that the timed runs find Python's bytecode compiled, as any second build would.)"""
    fresh()
    return _run(cmd, cwd, sample=True)[1]


def _seconds(cmd: list[str], cwd: Path, fresh: Callable[[], None]) -> float:
    fresh()
    os.sync()  # the last run's 190 MB still being written to disk would slow this one
    return _run(cmd, cwd, sample=False)[0]


def _remove_build(project: Path) -> None:
    """The built site, every generated page and the page cache: the next build starts as
    a fresh clone's."""
    docs = project / "docs"
    for path in [project / "site", project / ".cache", docs / "data" / "cite", *(docs / name for name in GENERATED_FOLDERS),
                 *docs.glob("data/cases*.*")]:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_bench(root: Path, count: int, keep: bool = False, reload: bool = False, repeat: int = 1,
              peer: bool = True) -> dict:
    """Figures of N synthetic cases; with ``repeat``, times are the median of that many
    runs of each build, ours and the peer's in turn (each run is also printed). Without
    ``peer``: one build of ours, timed while its memory is sampled (a little slower than
    an unsampled build), then the site's figures; at 10,000 cases the full comparison
    takes the better part of an hour on two cores."""
    seeds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "cases").glob("*.yaml"))]
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    try:
        ours = copy_project(root, work / "ours", cases=False)  # the benchmark writes its records
        for record in synthetic_records(seeds, count):
            (ours / "cases" / f"{record['id']}.yaml").write_text(  # (the C dumper: 10,000 in seconds)
                yaml.dump(record, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                          sort_keys=False), encoding="utf-8")

        # Ours: what `make build` runs. The peer: plain `mkdocs build`.
        ours_build = ([sys.executable, "-m", "casebook", "build", "-q"], ours, lambda: _remove_build(ours))
        if not peer:
            _remove_build(ours)
            seconds, peak = _run(ours_build[0], ours, sample=True)
            figures = {"cases": count, "build_seconds_sampled": round(seconds, 2),
                       "peak_memory_mb": round(peak / 2**20)}
            return figures | _site_figures(ours / "site")
        ours_peak = _memory(*ours_build)
        ours_times = [_seconds(*ours_build)]

        # The peer: the very pages we generated, as plain Markdown, with no hook at all.
        peer = work / "peer"
        shutil.copytree(ours / "docs", peer / "docs")
        config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
        config = re.sub(r"\n  custom_dir: .*\n", "\n", config)  # (our template overrides live with the hooks)
        (peer / "mkdocs.yml").write_text(config, encoding="utf-8")
        peer_build = ([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], peer,
                      lambda: shutil.rmtree(peer / "site", ignore_errors=True))
        peer_peak = _memory(*peer_build)
        peer_times = [_seconds(*peer_build)]
        for _ in range(repeat - 1):  # in turn, so that a slower minute of the machine slows both
            ours_times.append(_seconds(*ours_build))
            peer_times.append(_seconds(*peer_build))
        ours_seconds, peer_seconds = statistics.median(ours_times), statistics.median(peer_times)

        figures = {
            "cases": count,
            "build_seconds": round(ours_seconds, 2),
            "peer_seconds": round(peer_seconds, 2),
            "ratio_to_peer": round(ours_seconds / peer_seconds, 2),
            **({"runs_seconds": ", ".join(f"{o:.1f}/{p:.1f}" for o, p in zip(ours_times, peer_times)),
                "runs_ratio": ", ".join(f"{o / p:.2f}" for o, p in zip(ours_times, peer_times))}
               if repeat > 1 else {}),
            "peak_memory_mb": round(ours_peak / 2**20),
            "peer_peak_memory_mb": round(peer_peak / 2**20),
        } | _site_figures(ours / "site")
        if reload:
            from .bench_reload import measure_reload

            figures |= measure_reload(ours)
        return figures
    finally:
        if keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _site_figures(site: Path) -> dict:
    """Pages, bytes and search figures of a built site."""
    figures = {"pages": sum(1 for _ in site.rglob("index.html")), "output_bytes": _dir_bytes(site)}
    for lang in LANGUAGES:
        folder = site / ("" if lang == DEFAULT_LANGUAGE else lang) / "search"
        raw = (folder / "search_index.json").read_bytes()  # what every page with search fetches
        figures[f"search_manifest_{lang}_bytes"] = len(raw)
        figures[f"search_manifest_{lang}_gzip_bytes"] = len(gzip.compress(raw, mtime=0))
        figures[f"search_index_{lang}_bytes"] = _dir_bytes(folder)  # all its parts, never fetched whole
    from .bench_search import measure_first_search

    try:
        figures |= measure_first_search(site)
    except Exception as err:  # noqa: BLE001 - the build's figures (half an hour at 10,000) are still worth printing
        figures["first_search"] = f"failed: {type(err).__name__}: {str(err).splitlines()[0]}"
    case_pages = [p.stat().st_size for p in (site / "cases").glob("*/index.html")]
    figures["median_case_page_bytes"] = int(statistics.median(case_pages))
    # The comparison downloads its page (every title, for the picker) and one script per
    # case chosen, never every case's text (pages/compare.py).
    page = (site / "compare" / "index.html").read_bytes()
    figures |= {"compare_page_bytes": len(page), "compare_page_gzip_bytes": len(gzip.compress(page, mtime=0))}
    scripts = [p.stat().st_size for p in (site / "compare" / "data").glob("*.js")]
    figures |= {"compare_case_median_bytes": int(statistics.median(scripts)), "compare_case_max_bytes": max(scripts),
                "compare_all_cases_bytes": sum(scripts)}
    return figures


def print_figures(figures: dict) -> None:
    width = max(map(len, figures))
    for key, value in figures.items():
        shown = f"{value:,}" if isinstance(value, int) else value
        print(f"{key:<{width}}  {shown}")
