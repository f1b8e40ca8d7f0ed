"""The package's shape: rooms by data flow, imports that run one way, one seam to MkDocs.

records -> translations -> pages -> site -> engine -> commands: a room imports only rooms
before it.
MkDocs, Material and mkdocs-static-i18n are the engine's business (ARCHITECTURE.md).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hooks" / "casebook"
ROOMS = ("records", "translations", "pages", "site", "engine", "commands")
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n")
# site/ may use MkDocs' public URL helper (the pack's links follow MkDocs' own rule), nothing else
ENGINE_IMPORTS_ALLOWED = {"records": set(), "translations": set(), "pages": set(), "site": {"mkdocs.utils"}}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports (absolute names; relative ones resolved)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "casebook" and parts[1] in ROOMS else None


def test_every_module_lives_in_a_room():
    loose = [name for name in modules() if name.count(".") == 1 and room_of(name) is None
             and name not in ("casebook.__main__",)]
    assert loose == [], "modules outside records/, translations/, pages/, site/, engine/, commands/"


@pytest.mark.parametrize("room", ROOMS)
def test_a_room_imports_only_the_rooms_before_it(room):
    allowed = set(ROOMS[: ROOMS.index(room) + 1])
    wrong = []
    for name, path in modules().items():
        if room_of(name) != room:
            continue
        for target in imports(name, path):
            other = room_of(target)
            if other and other not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


@pytest.mark.parametrize("room", sorted(ENGINE_IMPORTS_ALLOWED))
def test_only_the_engine_imports_mkdocs_and_its_plugins(room):
    wrong = []
    for name, path in modules().items():
        if room_of(name) != room:
            continue
        for target in imports(name, path):
            if target.split(".")[0] in ENGINES and not any(
                    target == ok or target.startswith(ok + ".") for ok in ENGINE_IMPORTS_ALLOWED[room]):
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_no_import_circle():
    graph = {name: {t for t in imports(name, path) if t in modules() and t != name}
             for name, path in modules().items()}
    # a package's face (__init__) is imported by everything below it: not an edge of a circle
    graph = {name: {t for t in targets if not modules()[t].name == "__init__.py"} for name, targets in graph.items()}
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str):
        seen[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if seen.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in seen:
                visit(nxt)
        stack.pop()
        seen[node] = 2

    for node in graph:
        if node not in seen:
            visit(node)


def test_no_file_over_400_lines():
    files = list(PACKAGE.rglob("*.py")) + [ROOT / "hooks" / "casebook_hooks.py"] + list((ROOT / "tests").glob("*.py"))
    long = {str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_page_is_generated_with_mkdocs_not_importable():
    """The records and pages rooms move unchanged to another engine: loading the casebook
    and writing every page's Markdown in every language needs no MkDocs at all."""
    script = textwrap.dedent(f"""
        import sys
        class NoEngine:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {ENGINES!r}:
                    raise ImportError("MkDocs must not be needed here: " + name)
        sys.meta_path.insert(0, NoEngine())
        sys.path.insert(0, {str(ROOT / "hooks")!r})
        from pathlib import Path
        from casebook.records.load import load_casebook
        from casebook.pages.all_pages import iter_site_pages, data_files
        book = load_casebook(Path({str(ROOT / "cases")!r}))
        pages = dict(iter_site_pages(book, site_url="https://example.org/"))
        data = dict(data_files(book, "https://example.org/"))
        assert any(p.startswith("cases/") for p in pages), sorted(pages)[:5]
        print(len(pages), len(data), len(book.cases))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pages, data, cases = map(int, done.stdout.split())
    assert pages >= 3 * cases and data >= 1


# --- the tooling around the package ------------------------------------------------------

def test_every_pre_commit_hook_watches_files_that_exist():
    """A hook whose pattern matches no file never runs (it watched model.py where it was)."""
    import re

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    tracked = tracked or [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()]
    for hook in (h for repo in config["repos"] for h in repo["hooks"]):
        pattern = re.compile(hook["files"])
        for alternative in hook["files"].strip("^()").split("|"):
            assert any(re.match(alternative, name) for name in tracked), (hook["id"], alternative)
        assert any(pattern.search(name) for name in tracked), hook["id"]


def test_the_lock_pins_every_dependency_with_hashes():
    """requirements.lock (make lock) holds each dependency of pyproject.toml, with hashes."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {m.group(1).lower().replace("_", "-").replace(".", "-")
              for m in re.finditer(r"^([A-Za-z0-9_.-]+)==\S+ \\$", lock, re.M)}
    names = {re.match(r"[A-Za-z0-9_.-]+", dep).group().lower().replace("_", "-").replace(".", "-") for dep in wanted}
    assert names - pinned == set(), "run: make lock"
    entries = re.findall(r"^[A-Za-z0-9_.-]+==\S+ \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    assert len(entries) == len(pinned)
