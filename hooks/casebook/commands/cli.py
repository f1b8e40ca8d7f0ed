"""The ``casebook`` command: what contributors and trainers run.

    casebook new <id>            write cases/<id>.yaml from the commented template
    casebook validate [FILES]    check records; one line per problem; exit 1 if any
    casebook validate --fix      first repair what is safe to repair (BOM, CRLF, NFC)
    casebook validate --format markdown   the problems as a Markdown list, for a pull request's comment
    casebook schema [--check]    write (or check) docs/data/case.schema.json
    casebook build [-d DIR]      build the site, one process per language (what `make build` runs)
    casebook serve               preview at http://127.0.0.1:8000/, reloaded after each save
    casebook bench --cases N     build N synthetic cases and print time and size figures
    casebook bundle [--lang L]   write dist/reform-casebook-<L>-<date>.zip, the offline copy
    casebook zim [--lang L]      write dist/reform-casebook_<L>_<date>.zim, the offline copy for Kiwix
    casebook handout [--theme T] [--case ID]   print training packs to PDF (dist/)
    casebook lighthouse          print Lighthouse scores (mobile) of key pages, per language
    casebook translate export|import|reviewed|status   PO files for translators (commands/translate.py)
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from .. import LANGUAGES
from ..records.load import TEMPLATE, VOCABULARY_DIR, case_files, load_case, load_casebook
from ..records.problems import CasebookInvalid, Problem, display_path, markdown_report
from ..records.schema import SCHEMA_PATH, schema_text
from ..records.vocabulary import load_vocabulary

ID_RULE = "lowercase letters, digits and single hyphens, e.g. ruili-women-children-centre"


def project_root(start: Path | None = None) -> Path:
    """The nearest folder (from the current one up) holding mkdocs.yml and cases/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "cases").is_dir():
            return folder
    raise SystemExit("casebook: run this inside the Reform Casebook repository "
                     "(no mkdocs.yml with a cases/ folder found here or above)")


def cmd_new(args: argparse.Namespace) -> int:
    import re

    root = project_root()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.id) or len(args.id) > 80:
        print(f"casebook new: {args.id!r} is not a valid id; use {ID_RULE}", file=sys.stderr)
        return 2
    path = root / "cases" / f"{args.id}.yaml"
    if path.exists():
        print(f"casebook new: {display_path(path, Path.cwd())} already exists", file=sys.stderr)
        return 1
    path.write_text(TEMPLATE.read_text(encoding="utf-8").replace("__ID__", args.id), encoding="utf-8")
    shown = display_path(path, Path.cwd())
    print(f"Wrote {shown}. Next:\n"
          f"  1. fill it in (every field is explained in its comments)\n"
          f"  2. casebook validate {shown}\n"
          f"  3. make serve (or casebook serve), and open http://127.0.0.1:8000/cases/{args.id}/")
    return 0


def fix_file(path: Path) -> bool:
    """Repair what cannot change meaning: BOM, CRLF line ends, decomposed Unicode."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False  # the encoding is unknown: only a person can fix it
    fixed = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if fixed.encode("utf-8") == raw:
        return False
    path.write_text(fixed, encoding="utf-8", newline="\n")
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    root = project_root()
    cases_dir = root / "cases"
    # (folders resolved, never the file itself: a link is checked as the link it is)
    files = [Path(f).absolute().parent.resolve() / Path(f).name for f in args.files] or case_files(cases_dir)
    if args.fix:
        for path in files:
            if path.is_file() and fix_file(path):
                print(f"fixed {display_path(path, Path.cwd())} (encoding, line ends, Unicode form)")
    shown_root = Path.cwd()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    valid: list[tuple] = []  # (case, file, shown): their translations are checked too
    history = None  # of the records (what is outdated): the casebook's, else read for the files
    if args.files:
        vocabulary, problems = load_vocabulary(cases_dir / VOCABULARY_DIR, shown_root)
        for path in files:
            if path.parent == (cases_dir / VOCABULARY_DIR).resolve():
                continue  # a vocabulary file: checked above, with every vocabulary
            if not path.is_file() and not path.is_symlink():
                problems.append(Problem(display_path(path, shown_root), 1, 1, "", "no such file"))
                continue
            case_ids = {other.stem for other in case_files(cases_dir)} if cases_dir.is_dir() else set()
            case, found = load_case(path, vocabulary, display_path(path, shown_root), case_ids, with_warnings=True)
            problems += [p for p in found if not p.warning]
            warnings += [p for p in found if p.warning]
            if case is not None:
                valid.append((case, path, display_path(path, shown_root)))
    else:
        try:
            book = load_casebook(cases_dir, shown_root=shown_root)
            warnings, history = warnings + list(book.warnings), book.history
            valid = [(case, cases_dir / f"{case.id}.yaml", display_path(cases_dir / f"{case.id}.yaml", shown_root))
                     for case in book.sorted_cases()]
        except CasebookInvalid as err:
            problems = err.problems
    translation = _translation_warnings(root, valid, shown_root, history, shared=not args.files)
    if not args.files or any(VOCABULARY_DIR in p.parts for p in files):
        problems += _schema_problems(root)
    if not args.files:
        problems += _interface_problems(root, shown_root)
    if args.format == "markdown":  # for a maintainer to paste into a pull request's comment
        print(markdown_report(problems, warnings + translation))
        return 1 if problems else 0
    for warning in sorted(warnings) + translation:  # shown first, and never a reason to fail
        print(warning)
    if translation:
        count = len(translation)
        print(f"{count} warning{'s' if count != 1 else ''} about translations (they do not stop the build)")
    if problems:
        interface = all(p.field.startswith(tuple(f"{lang}." for lang in LANGUAGES)) and p.path.name == "ui.yaml"
                        for p in problems)
        print(CasebookInvalid(problems, what="interface strings" if interface else "case records").report())
        print("Fix these, then run casebook validate again. The template explains every field: "
              "hooks/casebook/records/templates/case.yaml")
        return 1
    checked = [p for p in files if p.parent != (cases_dir / VOCABULARY_DIR).resolve()]
    print("The case record is valid." if len(checked) == 1 else f"All {len(checked)} case records are valid.")
    return 0


def _translation_warnings(root: Path, cases: list[tuple], shown_root: Path, history=None,
                          shared: bool = False) -> list[Problem]:
    """Outdated translations and terms rendered otherwise than the glossary: warnings only;
    ``shared``: of the vocabularies, glossary, interface strings and field descriptions too."""
    from ..records.glossary import Glossary, load_glossary
    from ..records.history import read_history
    from ..records.load import GLOSSARY_FILE
    from ..translations.catalog import shared_messages
    from ..translations.checks import shared_warnings, translation_warnings
    from .translate import ui_file

    path = root / "cases" / VOCABULARY_DIR / GLOSSARY_FILE
    glossary = load_glossary(path, shown_root)[0] if path.is_file() else Glossary(entries={})
    history = history or read_history(root / "cases")
    found = translation_warnings(cases, glossary, history)
    if shared and ui_file(root).is_file():
        found += shared_warnings(shared_messages(root, ui_file(root), history), shown_root)
    return found


def _schema_problems(root: Path) -> list[Problem]:
    """The committed JSON Schema must match the vocabularies (CI checks it too)."""
    vocabulary, problems = load_vocabulary(root / "cases" / VOCABULARY_DIR, root)
    path = root / SCHEMA_PATH
    if problems or (path.is_file() and path.read_text(encoding="utf-8") == schema_text(vocabulary)):
        return []
    return [Problem(SCHEMA_PATH, 1, 1, "", "out of date with cases/vocabulary/; run: casebook schema")]


def _interface_problems(root: Path, shown_root: Path) -> list[Problem]:
    """Every translation of the site's interface strings (pages/ui.yaml): a translator's
    PO file or a hand edit may have put markup or a lone brace into them."""
    from ..records.interface import ui_problems
    from .translate import ui_file

    path = ui_file(root)
    return ui_problems(path, display_path(path, shown_root)) if path.is_file() else []


def cmd_schema(args: argparse.Namespace) -> int:
    root = project_root()
    book_vocabulary, problems = load_vocabulary(root / "cases" / VOCABULARY_DIR, root)
    if problems:
        print(CasebookInvalid(problems).report())
        return 1
    text = schema_text(book_vocabulary)
    path = root / SCHEMA_PATH
    if args.check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{SCHEMA_PATH} is out of date: run casebook schema", file=sys.stderr)
            return 1
        print(f"{SCHEMA_PATH} is up to date.")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {SCHEMA_PATH}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from ..engine.parallel_build import BuildFailed, build_site
    from ..engine.site_address import PLACEHOLDER, placeholder_notice

    root = project_root()
    try:
        site = build_site(root / args.config_file, Path(args.site_dir).resolve() if args.site_dir else None,
                          strict=not args.no_strict, verbose=args.verbose, languages=tuple(args.lang) or None,
                          cache=not args.no_cache)
    except BuildFailed as err:
        print(f"casebook build: {err}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Built the site in {display_path(site, Path.cwd())}/")
        # what the site says its address is (the sitemap names it on every line)
        sitemap = site / "sitemap.xml"
        if sitemap.is_file() and PLACEHOLDER in sitemap.read_text(encoding="utf-8"):
            print(placeholder_notice(PLACEHOLDER))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..engine.serve import serve

    serve(project_root() / args.config_file, args.dev_addr, args.open)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import print_figures, run_bench

    print_figures(run_bench(project_root(), args.cases, keep=args.keep, reload=args.reload, repeat=args.repeat,
                            peer=not args.no_peer))
    return 0


def _offline_copy(command: str, make, args: argparse.Namespace, how_to_open) -> int:
    """`casebook bundle` and `casebook zim`: make the copy, say where, how big, from what."""
    root = project_root()
    try:
        target, build = make(root, args.lang, (root / args.out).resolve())
    except (RuntimeError, FileNotFoundError) as err:
        print(f"casebook {command}: {err}", file=sys.stderr)
        return 1
    size = target.stat().st_size
    print(f"Wrote {display_path(target, Path.cwd())}: {size:,} bytes ({size / 1e6:.2f} MB), "
          f"version {build.version}, built {build.date} ({build.epoch_from}).\n{how_to_open(target)}")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import make_bundle

    return _offline_copy("bundle", make_bundle, args,
                         lambda target: "Unzip it and open index.html in its folder (no internet needed).")


def cmd_zim(args: argparse.Namespace) -> int:
    from .zim import make_zim

    return _offline_copy("zim", make_zim, args, lambda target: "Open it in Kiwix, or serve it to a room: "
                                                              f"kiwix-serve --port 8080 {target.name}")


def cmd_handout(args: argparse.Namespace) -> int:
    from .bundle import bundle_languages
    from .handout import make_handouts, missing_fonts

    root = project_root()
    try:
        book = load_casebook(root / "cases", shown_root=Path.cwd())
    except CasebookInvalid as err:
        print(err.report(), file=sys.stderr)
        return 1
    wrong = ([f"no theme {args.theme!r}; themes: {', '.join(book.vocabulary.themes)}"]
             if args.theme and args.theme not in book.vocabulary.themes else [])
    wrong += [f"no case {case!r} in cases/" for case in args.case if case not in book.cases]
    if wrong:
        print("casebook handout: " + "; ".join(wrong), file=sys.stderr)
        return 2
    languages = bundle_languages(args.lang)
    for lang in languages:
        if missing_fonts(lang):
            print(f"casebook handout: warning: no {lang} font is installed, its text may print as boxes "
                  "(Debian: apt install fonts-noto-cjk)", file=sys.stderr)
    try:
        pdfs = make_handouts(root, languages, args.theme, args.case, (root / args.out).resolve())
    except (RuntimeError, FileNotFoundError) as err:
        print(f"casebook handout: {err}", file=sys.stderr)
        return 1
    for pdf in pdfs:
        print(f"Wrote {display_path(pdf, Path.cwd())} ({pdf.stat().st_size:,} bytes)")
    return 0


def cmd_lighthouse(args: argparse.Namespace) -> int:
    from .lighthouse import lighthouse

    try:
        return lighthouse(project_root())
    except (RuntimeError, FileNotFoundError) as err:
        print(f"casebook lighthouse: {err}", file=sys.stderr)
        return 1


def cmd_translate(args: argparse.Namespace) -> int:
    from .translate import run

    return run(project_root(), args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebook", description="Reform Casebook tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="start a case from the template")
    new.add_argument("id", help=f"the case id and file name: {ID_RULE}")
    new.set_defaults(run=cmd_new)

    validate = sub.add_parser("validate", help="check case records and print every problem")
    validate.add_argument("files", nargs="*", help="records to check (default: all of cases/)")
    validate.add_argument("--fix", action="store_true",
                          help="first repair byte-order marks, CRLF line ends and decomposed Unicode")
    validate.add_argument("--format", choices=("text", "markdown"), default="text",
                          help="markdown: a list of file:line problems to paste into a pull request's comment")
    validate.set_defaults(run=cmd_validate)

    schema = sub.add_parser("schema", help="write the JSON Schema of a case record")
    schema.add_argument("--check", action="store_true", help="only check that it is up to date")
    schema.set_defaults(run=cmd_schema)

    build = sub.add_parser("build", help="build the site (one process per language, strict)")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", help="default mkdocs.yml")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: the config's, site/)")
    build.add_argument("--no-strict", action="store_true", help="do not stop on MkDocs warnings")
    build.add_argument("--no-cache", action="store_true",
                       help="convert every page, neither reading nor writing .cache/casebook/")
    build.add_argument("-v", "--verbose", action="store_true", help="print MkDocs' progress messages")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing when all went well")
    build.add_argument("--lang", action="append", choices=LANGUAGES, default=[],
                       help="build only this language (repeat for more; default: all)")
    build.set_defaults(run=cmd_build)

    preview = sub.add_parser("serve", help="preview the site, rebuilt within seconds after each save")
    preview.add_argument("-f", "--config-file", default="mkdocs.yml", help="default mkdocs.yml")
    preview.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default 127.0.0.1:8000)")
    preview.add_argument("-o", "--open", action="store_true", help="open the site in a browser")
    preview.set_defaults(run=cmd_serve)

    bench = sub.add_parser("bench", help="build N synthetic cases and print figures")
    bench.add_argument("--cases", type=int, default=100, help="how many cases (default 100)")
    bench.add_argument("--keep", action="store_true", help="keep the temporary project")
    bench.add_argument("--repeat", type=int, default=1, metavar="N",
                       help="time each build N times, ours and the peer's in turn; print medians (default 1)")
    bench.add_argument("--no-peer", action="store_true",
                       help="one build of ours (memory sampled) and the site's figures: for 10,000 cases")
    bench.add_argument("--reload", action="store_true",
                       help="also time `casebook serve` showing an edited case (one edit per language)")
    bench.set_defaults(run=cmd_bench)

    bundle = sub.add_parser("bundle", help="make the offline copy (a zip) for workshops")
    bundle.add_argument("--lang", choices=["all", "en", "zh", "vi"], default="all",
                        help="the languages of the copy (default all)")
    bundle.add_argument("--out", default="dist", help="folder for the zip (default dist/)")
    bundle.set_defaults(run=cmd_bundle)

    zim = sub.add_parser("zim", help="make the offline copy as a ZIM file, for Kiwix")
    zim.add_argument("--lang", choices=["all", "en", "zh", "vi"], default="all",
                     help="the languages of the ZIM (default all); its search index is in the first")
    zim.add_argument("--out", default="dist", help="folder for the ZIM (default dist/)")
    zim.set_defaults(run=cmd_zim)

    handout = sub.add_parser("handout", help="print a training pack to PDF, per language")
    handout.add_argument("--lang", choices=["all", "en", "zh", "vi"], default="all",
                         help="one PDF per language (default all three)")
    handout.add_argument("--theme", help="the cases of this theme (a key of cases/vocabulary/themes.yaml)")
    handout.add_argument("--case", action="append", default=[], metavar="ID",
                         help="this case (repeat for more); default: every case")
    handout.add_argument("--out", default="dist", help="folder for the PDFs (default dist/)")
    handout.set_defaults(run=cmd_handout)

    audit = sub.add_parser("lighthouse", help="print Lighthouse scores of the home, a case and explore, per language")
    audit.set_defaults(run=cmd_lighthouse)

    from .translate import add_parser as add_translate

    add_translate(sub, cmd_translate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
