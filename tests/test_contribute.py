"""The doors for contributors without git: the repository's address (CASEBOOK_REPO_URL),
the issue forms, and each case page's links to correct, edit or improve its translation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from casebook.engine.site_address import REPO_PLACEHOLDER, repo_url_problem, repository
from casebook.pages.improve import PREFILLED, PROPOSE_FORM, Repository
from conftest import PUBLISHED_REPO, PUBLISHED_URL, ROOT, copy_project

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
CASE = "ruili-cross-border-women-children-centre"
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
CJK = re.compile(r"[\u4e00-\u9fff]")
VIETNAMESE = re.compile(r"[àáãèéìíòóõùúýăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def forms() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(FORMS.glob("*.yml"))
            if path.name != "config.yml"}


def trilingual(text: str) -> bool:
    """English, then Chinese, then Vietnamese: 'Case id · 案例编号 · Mã trường hợp'."""
    parts = text.split(" · ")
    return len(parts) >= 3 and not CJK.search(parts[0]) and CJK.search(parts[1]) is not None \
        and VIETNAMESE.search(parts[-1]) is not None


def test_the_issue_forms_follow_githubs_syntax_in_three_languages():
    found = forms()
    assert set(found) == {"propose-a-case.yml", "report-an-error.yml", "translation-problem.yml"}
    for name, form in found.items():
        assert set(form) <= {"name", "description", "title", "labels", "assignees", "projects", "body", "type"}, name
        assert form["name"] and form["description"] and trilingual(form["name"]), name
        assert isinstance(form["labels"], list) and len(form["labels"]) == 1, name  # a label names each
        ids = [field["id"] for field in form["body"] if "id" in field]
        assert len(ids) == len(set(ids)), f"{name}: an id twice"
        for field in form["body"]:
            assert field["type"] in FIELD_TYPES, name
            assert set(field) <= {"type", "id", "attributes", "validations"}, name
            if field["type"] == "markdown":
                text = field["attributes"]["value"]
                assert CJK.search(text) and VIETNAMESE.search(text), name
                continue
            assert re.fullmatch(r"[A-Za-z0-9_-]+", field["id"]), name
            assert trilingual(field["attributes"]["label"]), (name, field["attributes"]["label"])
            if field["type"] == "dropdown":
                assert field["attributes"]["options"], name
            assert isinstance(field.get("validations", {}).get("required", False), bool)
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert config == {"blank_issues_enabled": True}


def test_what_the_site_prefills_are_fields_of_the_forms_that_take_a_value():
    """GitHub fills an input or textarea from the query parameter named as its id."""
    found = forms()
    assert PROPOSE_FORM in found
    for name, ids in PREFILLED.items():
        types = {field.get("id"): field["type"] for field in found[name]["body"]}
        for field_id in ids:
            assert types.get(field_id) in ("input", "textarea"), (name, field_id)


@pytest.mark.parametrize("url, edit_uri, ok", [
    ("https://github.com/women/casebook", "edit/main/", True),
    ("https://github.com/women/casebook/", "edit/trunk/", True),
    ("https://git.example.org/women/casebook", "edit/main/", True),
    ("http://github.com/women/casebook", "edit/main/", False),         # plain http: text goes to it
    ("javascript:alert(1)//github.com/a/b", "edit/main/", False),
    ("https://github.com", "edit/main/", False),                       # no repository in it
    ("https://github.com/women/casebook?x=1", "edit/main/", False),
    ("https://github.com/women/casebook#top", "edit/main/", False),
    ('https://github.com/women/casebook"><script>', "edit/main/", False),
    ("https://github.com/women/casebook", "edit/master/docs/", False),  # MkDocs' default: docs/ only
    ("https://github.com/women/casebook", "", False),
])
def test_only_an_https_repository_is_taken(url, edit_uri, ok):
    problem = repo_url_problem(url, edit_uri)
    assert (problem is None) == ok, problem
    if ok:
        assert repository(url, edit_uri).url == url.rstrip("/")


def test_the_urls_are_githubs():
    repo = Repository("https://github.com/women/casebook", "main")
    assert repo.edit_record("a-case") == "https://github.com/women/casebook/edit/main/cases/a-case.yaml"
    new = urlsplit(repo.new_case("a-case", 'id: "a-case"\ntitle: "x & y #1"\n'))
    assert new.path == "/women/casebook/new/main/cases"
    assert parse_qs(new.query) == {"filename": ["a-case.yaml"], "value": ['id: "a-case"\ntitle: "x & y #1"\n']}
    issue = urlsplit(repo.issue("report-an-error.yml", "[Error] a", case="a", page="https://x.org/?a=1&b=2"))
    assert parse_qs(issue.query) == {"template": ["report-an-error.yml"], "title": ["[Error] a"], "case": ["a"],
                                     "page": ["https://x.org/?a=1&b=2"]}


class Links(HTMLParser):
    """The links inside one element (by class), and the page's first h1 text."""

    def __init__(self, within: str):
        super().__init__()
        self.within, self.depth, self.links, self.h1, self._in_h1 = within, 0, [], None, False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth or self.within in (attrs.get("class") or "").split():
            self.depth += 1
            if tag == "a":
                self.links.append(attrs["href"])
        if tag == "h1" and self.h1 is None:
            self._in_h1 = True

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag == "h1" and self._in_h1:
            self._in_h1, self.h1 = False, "".join(self._text).strip()

    def handle_data(self, data):
        if self._in_h1:
            self._text.append(data)


def links_in(page: Path, within: str) -> Links:
    parser = Links(within)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


@pytest.mark.build
def test_case_pages_link_their_record_and_the_forms_filled_in(published_site):
    site_url, repo_url, site = PUBLISHED_URL, PUBLISHED_REPO, published_site
    for lang, prefix in (("en", ""), ("zh", "zh/"), ("vi", "vi/")):
        page = links_in(site / prefix / "cases" / CASE / "index.html", "cb-improve")
        correct, edit, *translation = page.links
        assert edit == f"{repo_url}/edit/main/cases/{CASE}.yaml"
        assert correct.startswith(f"{repo_url}/issues/new?")
        assert query(correct) == {"template": "report-an-error.yml", "title": f"[Error] {CASE}", "case": CASE,
                                  "case_title": page.h1, "page": f"{site_url}{prefix}cases/{CASE}/"}
        if lang == "en":
            assert translation == []
        else:
            (improve,) = translation
            assert query(improve) == {"template": "translation-problem.yml", "title": f"[Translation] {CASE} ({lang})",
                                      "case": CASE, "case_title": page.h1, "language": lang,
                                      "page": f"{site_url}{prefix}cases/{CASE}/"}
        header = links_in(site / prefix / "index.html", "md-header__source")
        assert header.links == [repo_url]
        guide = links_in(site / prefix / "contributing" / "index.html", "md-content").links
        for form in ("propose-a-case.yml", "report-an-error.yml", "translation-problem.yml"):
            assert f"{repo_url}/issues/new?template={form}" in guide
    # the training pack is for paper: no links into the repository
    assert "cb-improve" not in (site / "packs" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_repository_that_is_not_https_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p", with_cases=False)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                              "CASEBOOK_REPO_URL": "http://github.com/women-org/casebook"})
    assert result.returncode != 0
    assert "CASEBOOK_REPO_URL (repo_url) must be an https:// address" in result.stderr


def test_the_publishing_workflow_names_its_own_repository():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    (build,) = [step for step in workflow["jobs"]["build"]["steps"] if "make build" in step.get("run", "")]
    assert build["env"]["CASEBOOK_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'\nrepo_url: !ENV [CASEBOOK_REPO_URL, "{REPO_PLACEHOLDER}"]\n' in config
