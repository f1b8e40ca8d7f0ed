"""A case's share block: its published address, "copy link" heard by a screen reader, and
a QR code that decodes back to the address (zbarimg, Debian's zbar-tools), on screen at
phone width, on the printed case and in the printed training pack."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from browser import browser, outside_requests, serve
from conftest import PUBLISHED_URL
from needs import need

pytestmark = [pytest.mark.browser, pytest.mark.build]

ADDRESS = PUBLISHED_URL  # the session's published site (conftest): parsed and encoded, never visited
CASE = "beitang-village-wechat-groups"
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}
COPIED = {"en": "Link copied", "zh": "链接已复制", "vi": "Đã sao chép liên kết"}


def decode(png: Path) -> str:
    zbar = shutil.which("zbarimg")
    need(zbar, "zbarimg", "run: make browser-deps (Debian's zbar-tools)")
    done = subprocess.run([zbar, "--quiet", "--raw", str(png)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("lang", ["zh", "vi", "en"])
def test_copy_link_and_qr_code_lead_to_the_published_page(published_site, tmp_path, lang):
    address = f"{ADDRESS}{PREFIX[lang]}cases/{CASE}/"
    with serve(published_site) as url, browser() as chromium:
        context = chromium.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2)  # a phone
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page = context.new_page()
        blocked = outside_requests(page, (url,))
        page.goto(f"{url}{PREFIX[lang]}cases/{CASE}/")
        share = page.locator(".cb-share")
        assert share.locator(".cb-share__address a").get_attribute("href") == address
        share.locator(".cb-share__qr svg").scroll_into_view_if_needed()
        share.locator(".cb-share__qr svg").screenshot(path=str(tmp_path / "qr.png"))
        assert decode(tmp_path / "qr.png") == address
        status = share.locator("[role=status]")
        assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""
        share.locator("button[data-action=copy-link]").click()
        page.wait_for_function("el => el.textContent !== ''", arg=status.element_handle())
        assert status.inner_text() == COPIED[lang]
        assert page.evaluate("navigator.clipboard.readText()") == address
        share.screenshot(path=str(tmp_path / f"share-{lang}.png"))
        assert blocked == []
        context.close()


def test_the_qr_code_is_there_without_script(published_site):
    with serve(published_site) as url, browser() as chromium:
        context = chromium.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{url}zh/cases/{CASE}/")
        assert page.locator(".cb-share__qr svg").is_visible()
        assert page.locator(".cb-share__address").is_visible()
        assert not page.locator(".cb-share__copy").is_visible()  # a button that could do nothing stays hidden
        context.close()


def test_the_printed_case_and_the_printed_pack_carry_code_and_address(published_site, tmp_path):
    with serve(published_site) as url, browser() as chromium:
        page = chromium.new_page()
        for path, count in ((f"vi/cases/{CASE}/", 1), ("vi/packs/", None)):
            page.goto(url + path)
            pdf = tmp_path / "print.pdf"
            page.pdf(path=str(pdf), format="A4")
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert f"{ADDRESS}vi/cases/{CASE}/" in text.replace("\n", "")
            assert "Sao chép liên kết" not in text  # the button is not printed
            codes = page.locator(".cb-share__qr svg")
            assert codes.count() == (count or len(list((published_site / "vi" / "cases").glob("*/index.html"))))
            for i in range(codes.count()):
                assert codes.nth(i).evaluate("el => getComputedStyle(el).display") != "none"


def test_no_code_while_the_address_is_the_placeholder(built_site):
    html = (built_site / "zh" / "cases" / CASE / "index.html").read_text(encoding="utf-8")
    assert "cb-share" not in html and "example.org" in html  # (the placeholder is named in the head)
