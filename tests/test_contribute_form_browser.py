"""The case form (/contribute/) at 375 px in Chinese and Vietnamese, through the real path:
typed in chromium, its YAML accepted by the real `casebook validate` and built by a real
`mkdocs build` into a case page showing what was typed; its mistakes said in the
validator's words; hostile text inert; the pull request's address parsed, never opened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import browser, site_tab
from casebook.pages.contribute import SCRIPTS
from conftest import copy_project, mkdocs_build

pytestmark = [pytest.mark.build, pytest.mark.browser]

REPO = "https://github.com/women-org/casebook"

TYPED = {
    "zh": {"text.zh.title": "瑞丽市妇联开设跨境妇女儿童服务中心", "text.zh.summary": "瑞丽市妇联开设中心，为跨境婚姻家庭提供咨询。",
           "text.zh.background": "瑞丽与缅甸接壤。\n\n跨境婚姻家庭需要帮助。", "text.zh.reform": "妇联设立了服务中心。",
           "text.zh.results": "中心接待了来访者。", "place.region.zh": "云南省", "place.locality.zh": "瑞丽市",
           "organization.zh": "瑞丽市妇联", "figures[0].label.zh": "次来访"},
    "vi": {"text.vi.title": "Hội Phụ nữ Bình Dương lập tổ vay vốn", "text.vi.summary": "Hội Phụ nữ lập tổ vay vốn cho hội viên.",
           "text.vi.background": "Nhiều hội viên thiếu vốn.\n\nHọ cần vay nhỏ.", "text.vi.reform": "Hội lập các tổ vay vốn.",
           "text.vi.results": "Các tổ đã giúp hội viên.", "place.region.vi": "tỉnh Bình Dương",
           "place.locality.vi": "thành phố Thủ Dầu Một", "organization.vi": "Hội Liên hiệp Phụ nữ tỉnh Bình Dương",
           "figures[0].label.vi": "lượt vay"},
}
ENGLISH = {"text.en.title": "A women's centre at the border", "text.en.summary": "The federation opened a centre.",
           "text.en.background": "The city borders Myanmar.", "text.en.reform": "A centre was opened.",
           "place.region.en": "Yunnan", "place.locality.en": "Ruili", "organization.en": "Ruili Women's Federation",
           "period.start": "2015-03", "sources[0].title": "A centre for families", "sources[0].outlet": "China Women's News",
           "sources[0].date": "2016-05-02", "sources[0].url": "https://example.org/news/1?a=1&b=2",
           "figures[0].value": "1500", "figures[0].label.en": "visits"}


@pytest.fixture(scope="module")
def form_site(tmp_path_factory) -> Path:
    """A project of one case, built with a repository to send to; returns the project."""
    project = copy_project(tmp_path_factory.mktemp("form"))
    for path in sorted((project / "cases").glob("*.yaml"))[1:]:
        path.unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_REPO_URL", REPO)
        result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def open_form(page, lang: str, draft: dict | None = None):
    page.goto(f"{page.base}{lang}/contribute/")
    if draft is not None:
        page.evaluate("d => localStorage.setItem('casebook-contribute-draft', JSON.stringify(d))", draft)
        page.reload()
    page.wait_for_selector("#cb-contribute:not([hidden]) .cb-contribute__preview")


def fill(page, values: dict) -> None:
    for key, text in values.items():
        page.locator(f'[data-key="{key}"]').fill(text)


def shown_problems(page) -> set[tuple[str, str]]:
    return set(map(tuple, page.evaluate("""() => [...document.querySelectorAll('.cb-contribute__problems li')]
        .map(li => [li.getAttribute('data-field'), li.querySelector('span').textContent])""")))


def validate(project: Path, name: str, text: str) -> subprocess.CompletedProcess:
    (project / "cases" / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "casebook", "validate", f"cases/{name}"], cwd=project,
                          capture_output=True, text=True, timeout=120)


def validator_says(output: str) -> set[tuple[str, str]]:
    """(field, message) of each `path:line:col: field: message` line (not the warnings)."""
    found = set()
    for line in output.splitlines():
        parts = line.split(": ", 2)
        if len(parts) == 3 and parts[0].count(":") == 2 and not parts[2].startswith("warning: "):
            found.add((parts[1], parts[2]))
    return found


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_a_case_typed_in_the_form_validates_and_builds_into_its_page(form_site, lang, tmp_path):
    with site_tab(form_site / "site", width=375, script_errors=True) as page:
        open_form(page, lang)
        page.click('[data-action="add"][data-list="figures"]')
        fill(page, {**TYPED[lang], **ENGLISH})
        page.select_option('[data-key="figures[0].source"]', "china-women-s-news-2016")
        page.select_option('[data-key="country"]', "CN")
        page.select_option('[data-key="level"]', "city")
        page.check('[data-theme="cross-border"]')
        page.check('[data-theme="family-and-children"]')
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # every choice shows a value (the qualifier its default, "exact")
        assert page.evaluate("[...document.querySelectorAll('#cb-contribute select')].every(s => s.selectedIndex >= 0)")
        form = page.locator("#cb-contribute")
        assert form.get_attribute("data-problems") == "0", shown_problems(page)
        yaml_text = page.locator(".cb-contribute__preview code").text_content()
        case_id = "ruili-a-women-s-centre-at-the-border"
        assert f'id: "{case_id}"' in yaml_text
        # the pull request: GitHub's new-file page in cases/, holding exactly the preview
        href = page.locator('[data-action="pull-request"]').get_attribute("href")
        address = urlsplit(href)
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO}/new/main/cases"
        assert parse_qs(address.query) == {"filename": [f"{case_id}.yaml"], "value": [yaml_text]}
        with page.expect_download() as download:
            page.click('[data-action="download"]')
        assert download.value.suggested_filename == f"{case_id}.yaml"
        assert Path(download.value.path()).read_text(encoding="utf-8") == yaml_text
        page.screenshot(path=str(tmp_path / f"form-{lang}.png"), full_page=True)
        # the draft outlives a reload, until it is cleared (two clicks)
        page.reload()
        page.wait_for_selector(".cb-contribute__preview")
        assert page.locator(f'[data-key="text.{lang}.title"]').input_value() == TYPED[lang][f"text.{lang}.title"]
        page.click('[data-action="clear"]')
        page.click('[data-action="clear"]')
        assert page.locator(f'[data-key="text.{lang}.title"]').input_value() == ""
        assert page.evaluate("localStorage.getItem('casebook-contribute-draft')") is None

    project = copy_project(tmp_path / "p", with_cases=False)
    checked = validate(project, f"{case_id}.yaml", yaml_text)
    assert checked.returncode == 0 and "The case record is valid." in checked.stdout, checked.stdout + checked.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    with site_tab(project / "site", width=375) as page:
        page.goto(f"{page.base}{lang}/cases/{case_id}/")
        shown = page.evaluate("""() => ({h1: document.querySelector('h1').textContent.trim(),
            summary: document.querySelector('.cb-summary').textContent.trim(),
            text: document.querySelector('article').innerText})""")
    typed = TYPED[lang]
    assert shown["h1"] == typed[f"text.{lang}.title"]
    assert shown["summary"] == typed[f"text.{lang}.summary"]
    for key in ("text.{0}.background", "text.{0}.reform", "text.{0}.results", "place.locality.{0}",
                "organization.{0}", "figures[0].label.{0}"):
        for paragraph in typed[key.format(lang)].split("\n\n"):
            assert paragraph in shown["text"], key
    assert ENGLISH["sources[0].title"] in shown["text"] and "1,500" in shown["text"].replace(".", ",")


def test_mistakes_get_the_validators_messages(form_site, tmp_path):
    """No source, a date that is no date and a theme the vocabulary lacks (kept in a draft
    from before it was renamed): the form says what `casebook validate` says of its file."""
    draft = {"lang": "vi", "values": {**TYPED["vi"], **{k: v for k, v in ENGLISH.items() if not k.startswith(("sources", "figures"))},
                                      "period.start": "2018-13", "country": "VN", "level": "township"},
             "themes": ["helth", "health"], "edited": {}, "counts": {"sources": 1, "figures": 0, "milestones": 0}}
    with site_tab(form_site / "site", width=375, script_errors=True) as page:
        open_form(page, "vi", draft)
        said = shown_problems(page)
        yaml_text = page.locator(".cb-contribute__preview code").text_content()
        name = page.locator("#cb-contribute").get_attribute("data-file")
        assert page.locator('[data-action="pull-request"]').get_attribute("href") is None
        page.click('[data-action="pull-request"]')  # shows each message at its field
        error = page.locator('[data-field="period.start"] .cb-contribute__error')
        assert error.is_visible() and "is not a real date" in error.text_content()
        page.screenshot(path=str(tmp_path / "mistakes-vi.png"), full_page=True)
    project = copy_project(tmp_path / "p", with_cases=False)
    checked = validate(project, name, yaml_text)
    assert checked.returncode == 1
    assert said == validator_says(checked.stdout), checked.stdout
    fields = {field for field, _ in said}
    assert {"sources", "period.start", "themes[0]"} <= fields, said
    assert ("period.start", "'2018-13' is not a real date (month must be in 1..12)") in said
    assert any(field == "themes[0]" and message.startswith("unknown theme 'helth'; did you mean 'health'?")
               for field, message in said)


HOSTILE = {
    "text.zh.title": '<img src=x onerror="window.__xss=1;alert(1)">',
    "text.zh.summary": "<script>window.__xss=2</script>\u202egnp.exe\u2066",
    "organization.zh": '"; alert(1); //\x1b[31m',
    "text.zh.background": "x" * 100_000,
}


def test_hostile_text_stays_inert_and_escaped(form_site):
    with site_tab(form_site / "site", width=375, script_errors=True) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_form(page, "zh")
        fill(page, HOSTILE)
        preview = page.locator(".cb-contribute__preview code")
        text = preview.text_content()
        assert page.evaluate("window.__xss") is None and not dialogs
        assert page.locator("#cb-contribute img, #cb-contribute script, .cb-contribute__preview code *").count() == 0
        assert 'title: "<img src=x onerror=\\"window.__xss=1;alert(1)\\">"' in text
        assert "\\u202egnp.exe\\u2066" in text and "\u202e" not in text and "\x1b" not in text and "\\x1b[31m" in text
        said = shown_problems(page)
        assert ("text.zh.summary", "bidirectional control character U+202E is not allowed: it makes text read "
                "differently from how it is stored; delete it") in said
        assert ("text.zh.background", "text is 100,000 characters long; a section may be at most 30,000") in said
        # over 8 KB: no address to send it in, but the file and GitHub's upload page
        assert page.locator('[data-action="pull-request"]').is_hidden()
        upload = page.locator("a", has_text="GitHub").filter(has_not_text="Propose").last
        assert urlsplit(upload.get_attribute("href")).path == "/women-org/casebook/upload/main/cases"
        assert "8 KB" in page.locator(".cb-contribute__send + p").text_content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_script_never_writes_markup():
    for name in SCRIPTS:
        source = (Path(__file__).parent.parent / "docs" / "assets" / name).read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "document.write" not in source
        assert "fetch(" not in source and "XMLHttpRequest" not in source and "sendBeacon" not in source


def test_the_offline_copy_says_the_last_step_needs_the_internet(tmp_path):
    project = copy_project(tmp_path / "p")
    for path in sorted((project / "cases").glob("*.yaml"))[1:]:
        path.unlink()
    built = mkdocs_build(project, "-f", "mkdocs.offline.yml")
    assert built.returncode == 0, built.stderr
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 375, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto((project / "site" / "vi" / "contribute" / "index.html").as_uri())
        page.wait_for_selector("#cb-contribute:not([hidden]) .cb-contribute__preview")
        assert "cần có Internet" in page.locator(".cb-contribute__offline").text_content()
        page.locator('[data-key="text.vi.title"]').fill("Tiêu đề")
        assert 'title: "Tiêu đề"' in page.locator(".cb-contribute__preview code").text_content()
        assert not errors, errors
