"""Related cases: the obvious neighbour first (the same country and theme), and each
listed with why (the themes both have, the same country), then the way to more cases of
the country."""

from __future__ import annotations

import re
from html import unescape

import pytest

from casebook.pages.i18n import join_list, t
from casebook.records.load import load_casebook
from conftest import ROOT

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}


@pytest.fixture(scope="module")
def book():
    return load_casebook(ROOT / "cases", ROOT)


def in_common(case, other) -> int:
    return len(set(case.themes) & set(other.themes)) + (case.country == other.country)


def test_the_cases_with_most_in_common_come_first_a_shared_country_counting_as_a_theme(book):
    """A Hoa Binh case about ethnic minority women lists Vietnamese cases of the same
    themes before a Chinese case with as many themes in common."""
    for case in book.cases.values():
        listed = [book.cases[k] for k in book.related[case.id]]
        sharing = [o for o in book.cases.values() if o.id != case.id and set(o.themes) & set(case.themes)]
        assert len(listed) == min(3, len(sharing))
        scores = [in_common(case, o) for o in listed]
        assert scores == sorted(scores, reverse=True), case.id
        rest = [o for o in sharing if o not in listed]
        assert not rest or min(scores) >= max(in_common(case, o) for o in rest), case.id
        # at the same score, the case of the same country is the neighbour to show
        for shown in listed:
            if shown.country != case.country:
                assert not [o for o in rest if o.country == case.country
                            and in_common(case, o) == in_common(case, shown)], (case.id, shown.id)
    # Bac Ninh's entrusted loans: Binh Duong's union (same country, one theme) before
    # Gansu's new media (another country, two themes)
    assert "binh-duong-directive-21-womens-union" in book.related["bac-ninh-entrusted-loans-credit-groups"]
    cao_phong = book.cases["cao-phong-district-project-8-gender-equality"]
    assert {book.cases[k].country for k in book.related[cao_phong.id]} == {"VN"}


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_each_related_case_says_what_it_has_in_common(built_site, book, lang):
    for case_id in ("cao-phong-district-project-8-gender-equality", "wanzhou-grassroots-federation-reform",
                    "savannakhet-lao-womens-union-credit-funds"):
        case = book.cases[case_id]
        html = (built_site / LANGS[lang] / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        section = html.split('id="related"', 1)[1].split("<h2", 1)[0]
        # the reason is part of the link (and so never marked as a glossary term)
        found = re.findall(r'<li><a href="\.\./([a-z0-9-]+)/">[^<]*<small class="cb-related__why">([^<]*)</small></a></li>',
                           section)
        assert [k for k, _ in found] == list(book.related[case_id])
        for other_id, why in found:
            other = book.cases[other_id]
            common = [book.vocabulary.theme(k, lang) for k in case.themes if k in other.themes]
            if other.country == case.country:
                common.append(book.vocabulary.country(case.country, lang))
            assert unescape(why) == t(lang, "related_common", common=join_list(common, lang))
        more = re.search(r'<a [^>]*href="\.\./\.\./countries/([a-z]+)/"[^>]*>([^<]*)</a>', section)
        others_there = [c for c in book.cases.values() if c.country == case.country and c.id != case_id
                        and c.id not in book.related[case_id]]
        if others_there:  # (the only Lao case has no more to offer)
            assert more and more.group(1) == case.country.lower()
            assert unescape(more.group(2)) == t(lang, "related_more", country=book.vocabulary.country(case.country, lang))
            assert (built_site / LANGS[lang] / "countries" / more.group(1) / "index.html").is_file()
        else:
            assert more is None
