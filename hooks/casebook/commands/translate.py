"""``casebook translate``: PO files for translators, and what is out of date.

    casebook translate export [--lang zh|vi|all] [--out po]   casebook.pot, zh.po, vi.po
    casebook translate import FILE.po...                      translations back into the records
    casebook translate reviewed ID --lang zh [--draft]        the translation matches today's English
    casebook translate status [--since REV]                   outdated translations; progress
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..pages.i18n import UI_FILE
from ..records.load import load_casebook
from ..records.problems import CasebookInvalid, display_path, printable
from ..translations.catalog import OTHERS, build_catalog, shared_messages
from ..translations.fields import STATES, progress
from ..translations.importer import import_files
from ..translations.po import export, export_languages
from ..translations.reviewed import mark_reviewed
from ..translations.status import check_revision, outdated_now, outdated_shared, outdated_since, rule_said


def ui_file(root: Path) -> Path:
    """The interface strings of the project at ``root``, where the package keeps them."""
    return root / "hooks" / UI_FILE.resolve().relative_to(Path(__file__).resolve().parents[2])


def _catalog(root: Path):
    try:
        return build_catalog(root, ui_file(root))
    except CasebookInvalid as err:
        print(err.report(), file=sys.stderr)
        print("casebook translate: fix the records first (casebook validate)", file=sys.stderr)
        return None


def cmd_export(root: Path, args: argparse.Namespace) -> int:
    catalog = _catalog(root)
    if catalog is None:
        return 1
    languages = export_languages(args.lang)
    files = export(catalog, languages, (Path.cwd() / args.out).resolve())
    total = len(catalog.messages)
    print(f"Wrote {display_path(files[0], Path.cwd())} ({total} texts in English)")
    for lang, path in zip(languages, files[1:]):
        done = sum(1 for m in catalog.messages.values() if m.translations.get(lang))
        old = sum(1 for m in catalog.messages.values() if lang in m.outdated)
        print(f"Wrote {display_path(path, Path.cwd())} ({done} of {total} translated, {old} fuzzy: "
              "the English changed since)")
    print("Translate them in any PO editor (Poedit, Weblate, Crowdin), then: "
          "casebook translate import " + " ".join(str(display_path(p, Path.cwd())) for p in files[1:]))
    return 0


def cmd_import(root: Path, args: argparse.Namespace) -> int:
    catalog = _catalog(root)
    if catalog is None:
        return 1
    files = [(Path(f).resolve(), str(display_path(Path(f).resolve(), Path.cwd()))) for f in args.files]
    missing = [shown for path, shown in files if not path.is_file()]
    if missing:
        print("\n".join(f"{shown}:1: no such file" for shown in missing))
        return 1
    outcome = import_files(catalog, files)
    for note in outcome.notes:
        print(printable(f"{note} (warning)"))
    if outcome.problems:
        print("\n".join(printable(problem) for problem in outcome.problems))
        count = len(outcome.problems)
        print(f"{count} error{'s' if count != 1 else ''} in PO files; nothing was imported")
        return 1
    if not outcome.written:
        print("Nothing to import: every translation is already in the records.")
        return 0
    print(f"Imported {outcome.translations} translation(s) into "
          + ", ".join(str(display_path(p, Path.cwd())) for p in outcome.written)
          + ". Check them with: casebook validate")
    return 0


def cmd_reviewed(root: Path, args: argparse.Namespace) -> int:
    try:
        book = load_casebook(root / "cases", shown_root=Path.cwd())
    except CasebookInvalid as err:
        print(err.report(), file=sys.stderr)
        return 1
    case = book.cases.get(args.id)
    if case is None:
        print(f"casebook translate reviewed: no case {args.id!r} in cases/", file=sys.stderr)
        return 2
    path = root / "cases" / f"{case.id}.yaml"
    status = "draft" if args.draft else "reviewed"
    if mark_reviewed(path, case, args.lang, status):
        print(f"{display_path(path, Path.cwd())}: the {args.lang} translation is marked {status}, "
              "made from the English as it is now")
    else:
        print(f"{display_path(path, Path.cwd())}: nothing to change for {args.lang}")
    return 0


def cmd_status(root: Path, args: argparse.Namespace) -> int:
    try:
        book = load_casebook(root / "cases", shown_root=Path.cwd())
    except CasebookInvalid as err:
        print(err.report(), file=sys.stderr)
        return 1
    if args.since:
        wrong = check_revision(root, args.since)
        if wrong:
            print(f"casebook translate status: {wrong}", file=sys.stderr)
            return 2
        found = outdated_since(root, book, args.since)
        print(f"Translations made outdated by the changes since {args.since}: {len(found) or 'none'}")
        for item in found:
            print(f"{item} (its English changed)")
        return 0
    print(f"Outdated translations ({rule_said(book.history)}):")
    found = outdated_now(root, book) + outdated_shared(shared_messages(root, ui_file(root), book.history))
    for item in found:
        print(item)
    if not found:
        print("none")
    for lang in OTHERS:
        words = dict.fromkeys(STATES, 0)
        for case in book.sorted_cases():
            for key, value in progress(case, lang, book.history.of_case(case.id)).items():
                words[key] += value
        total = sum(words.values()) or 1
        print(f"{lang}: " + ", ".join(f"{words[key] * 100 / total:.0f}% {key}" for key in STATES)
              + f" (of {total:,} English words)")
    return 0


COMMANDS = {"export": cmd_export, "import": cmd_import, "reviewed": cmd_reviewed, "status": cmd_status}


def add_parser(sub, run) -> None:
    """``casebook translate ...`` (called by cli.build_parser); ``run(args)`` runs it."""
    translate = sub.add_parser("translate", help="PO files for translators; outdated translations")
    actions = translate.add_subparsers(dest="action", required=True)
    out = actions.add_parser("export", help="write casebook.pot and a PO file per language")
    out.add_argument("--lang", choices=["all", *OTHERS], default="all", help="default all")
    out.add_argument("--out", default="po", help="folder for the files (default po/)")
    back = actions.add_parser("import", help="write the translations of PO files into the records")
    back.add_argument("files", nargs="+", metavar="FILE.po")
    seen = actions.add_parser("reviewed", help="record that a translation matches the English as it is now")
    seen.add_argument("id", help="the case id")
    seen.add_argument("--lang", choices=OTHERS, required=True)
    seen.add_argument("--draft", action="store_true",
                      help="keep it a draft (checked against the English, not reviewed by a second person)")
    status = actions.add_parser("status", help="list outdated translations and the progress per language")
    status.add_argument("--since", metavar="REV", help="only what the changes since this git revision made outdated")
    translate.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    return COMMANDS[args.action](root, args)
