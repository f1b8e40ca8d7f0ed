"""What a reader remembers of a case, typed into Material's search box: the known items,
asked online (tests/test_search_known_items.py) and from file:// in the offline copy
(tests/test_bundle_browser.py)."""

from __future__ import annotations

from browser import search as search_box

# Each language holds queries of the kinds readers type that once failed (issue #23, #21):
# words typed with their marks, names of two syllables typed without (a phrase), a topic
# with a country, and paraphrases that hold a word no page holds. "a|b": either case.
KNOWN_ITEMS = {
    "en": [
        ("Wanzhou", "wanzhou-"), ("Five-One scheme", "wanzhou-"),
        ("departments cut from six to three", "wanzhou-"), ("Beitang", "beitang-"),
        ("QR codes", "beitang-"), ("Changxing", "beitang-"), ("Directive No. 21", "binh-duong-"),
        ("Binh Duong", "binh-duong-"), ("Ruili", "ruili-"), ("Myanmar", "ruili-"),
        ("Liansha", "danzao-"), ("Danzao", "danzao-"),
        ("cultivate and guide women's social organizations", "china-women-social-"),
        ("new-media platforms", "china-acwf-"),
        ("savings groups Vietnam", "hanh-lam-|suoi-chuon-"), ("Viet Nam savings", "hanh-lam-|suoi-chuon-"),
        ("truck drivers union", "jiangsu-"), ("micro-credit poverty", "zongyang-"),
        ("Lao credit funds", "savannakhet-"), ("trusted addresses Vietnam", "tan-hoa-thanh-"),
        ("Laos microfinance", "savannakhet-"), ("gender equality pilot Vietnam", "cao-phong-"),
        ("Lao PDR", "savannakhet-"), ("grassland women's home", "east-ujimqin-"),
        ("student vice-chair Miao language", "minle-"),
    ],
    "zh": [
        ("第21号指示", "binh-duong-"), ("三峡移民", "wanzhou-"), ("万州", "wanzhou-"),
        ("平阳省", "binh-duong-"), ("瑞丽", "ruili-"), ("缅甸", "ruili-"), ("二维码", "beitang-"),
        ("长兴县", "beitang-"), ("联沙社区", "danzao-"), ("丹灶镇", "danzao-"),
        ("培育和引导妇女社会组织", "china-women-social-"), ("微信群网络", "china-acwf-"),
        ("内设部门由六个精简为三个", "wanzhou-"), ("妇女儿童发展中心", "ruili-"),
        ("越南储蓄", "hanh-lam-|suoi-chuon-"), ("越南储蓄小组", "hanh-lam-|suoi-chuon-"), ("老挝妇女", "savannakhet-"),
        ("卡车司机", "jiangsu-"), ("蒙古包", "east-ujimqin-"), ("大学生副主席", "minle-"), ("可信赖地址", "tan-hoa-thanh-"),
        ("性别平等项目", "cao-phong-"), ("老挝 信贷", "savannakhet-"), ("瑶族会员", "suoi-chuon-"),
        ("社区传播小组", "lao-cai-"),
    ],
    "vi": [
        ("binh duong", "binh-duong-"), ("Bình Dương", "binh-duong-"),
        ("hoi phu nu binh duong", "binh-duong-"), ("uom tao to chuc xa hoi", "china-women-social-"),
        # (Chinese places below the province are in pinyin in Vietnamese text: CONTRIBUTING)
        ("Wanzhou", "wanzhou-"), ("quận Wanzhou", "wanzhou-"), ("Ruili", "ruili-"),
        ("thanh pho ruili", "ruili-"), ("Liansha", "danzao-"), ("danzao", "danzao-"), ("mã QR", "beitang-"),
        ("Beitang", "beitang-"), ("chi thi so 21", "binh-duong-"), ("mang luoi trang web", "china-acwf-"),
        ("Thanh Hóa", "thanh-hoa-"), ("thanh hoa", "thanh-hoa-"), ("Thanh Hoá", "thanh-hoa-"),
        ("tiết kiệm Việt Nam", "hanh-lam-|suoi-chuon-"), ("tiet kiem viet nam", "hanh-lam-|suoi-chuon-"),
        ("Đại hội Phụ nữ toàn quốc", "thanh-hoa-"), ("Sơn La", "son-la-"), ("son la", "son-la-"),
        ("lao cai", "lao-cai-"), ("ho nam", "hunan-"), ("quỹ tín dụng Lào", "savannakhet-"),
    ],
}


def search(tab, query: str, every_result: bool = True) -> list[str]:
    """On a phone (375 px) the box opens from the header's search button (once: a second
    query is typed into the open box, as a reader does)."""
    if not tab.is_checked("#__search"):
        button = tab.locator("label.md-header__button[for=__search]")
        if button.is_visible():
            button.click()
    return search_box(tab, query, every_result=every_result)


def ranks(tab, home: str, lang: str, start_page: str) -> list[tuple[str, int | None, list[str]]]:
    """For each known item: (query, rank of the intended case or None, first results).
    One page for all: each query is typed over the last, as a reader tries one after
    another (the search helper reads only the results of the query just typed)."""
    prefix = "" if lang == "en" else f"{lang}/"
    out = []
    tab.goto(f"{home}{prefix}{start_page}")
    for query, case in KNOWN_ITEMS[lang]:
        # the first ten results (Material's first screen) hold the top 3 asked for
        links = [link[len(home):] for link in search(tab, query, every_result=False)]
        cases = [i for i, link in enumerate(links)
                 if any(link.startswith(f"{prefix}cases/{one}") for one in case.split("|"))]
        out.append((query, cases[0] if cases else None, links[:3]))
    return out


def assert_known_items_found(found: list[tuple[str, int | None, list[str]]], lang: str) -> None:
    missed = [(q, top) for q, rank, top in found if rank is None or rank > 2]
    assert not missed, f"{lang}: intended case not in the top 3 for {missed}"
    first = sum(rank == 0 for _, rank, _ in found)
    assert first >= 0.95 * len(found), f"{lang}: intended case first for {first}/{len(found)}: {found}"


