"""The map in a real browser, with forty cases at real places of China, Viet Nam and Laos:
at 375 px and 1366 px, in every language, no place label meets another label or a
marker, none is cut off, every marker's tap target is at least 24x24 px and a tap
anywhere on it opens that marker's case (or, for places too close to part, their list)."""

from __future__ import annotations

import os

import pytest
import yaml

from browser import browser, outside_requests, serve
from conftest import ROOT, casebook_build, copy_project
from needs import need

pytestmark = pytest.mark.browser

# (country, en, zh, vi, lat, lon): real places, some close together (the Mekong delta,
# the Red River delta), some names long.
PLACES = [
    ("CN", "Beijing", "北京", "Bắc Kinh", 39.90, 116.40), ("CN", "Shanghai", "上海", "Thượng Hải", 31.23, 121.47),
    ("CN", "Wanzhou District", "万州区", "quận Vạn Châu", 30.81, 108.38), ("CN", "Chengdu", "成都", "Thành Đô", 30.66, 104.07),
    ("CN", "Kunming", "昆明", "Côn Minh", 25.04, 102.71), ("CN", "Ruili", "瑞丽市", "Thụy Lệ", 24.01, 97.85),
    ("CN", "Liansha Community, Danzao Town, Nanhai District, Foshan", "佛山市南海区丹灶镇联沙社区",
     "cộng đồng Liansha, thị trấn Danzao, quận Nam Hải, Phật Sơn", 23.02, 113.12),
    ("CN", "Guangzhou", "广州", "Quảng Châu", 23.13, 113.26), ("CN", "Shenzhen", "深圳", "Thâm Quyến", 22.54, 114.06),
    ("CN", "Wuhan", "武汉", "Vũ Hán", 30.59, 114.31), ("CN", "Hefei", "合肥", "Hợp Phì", 31.82, 117.23),
    ("CN", "Beitang village near Changxing County", "长兴县附近的Beitang村", "làng Beitang gần huyện Trường Hưng",
     31.03, 119.91),
    ("CN", "Jinhua", "金华", "Kim Hoa", 29.08, 119.65), ("CN", "Wenzhou", "温州", "Ôn Châu", 28.00, 120.67),
    ("CN", "Shengzhou", "嵊州", "Thặng Châu", 29.59, 120.82), ("CN", "Dafang County", "大方县", "huyện Đại Phương", 27.14, 105.61),
    ("CN", "Kelan County", "岢岚县", "huyện Khả Lam", 38.70, 111.57), ("CN", "Yinchuan", "银川", "Ngân Xuyên", 38.49, 106.23),
    ("CN", "Xinyu", "新余", "Tân Dư", 27.82, 114.93), ("CN", "Lanzhou", "兰州", "Lan Châu", 36.06, 103.83),
    ("CN", "Huayuan County", "花垣县", "huyện Hoa Viên", 28.58, 109.48), ("CN", "Zongyang County", "枞阳县", "huyện Tông Dương", 30.70, 117.22),
    ("CN", "Nanjing", "南京", "Nam Kinh", 32.06, 118.80), ("CN", "Changsha", "长沙", "Trường Sa", 28.23, 112.94),
    ("CN", "East Ujimqin Banner", "东乌珠穆沁旗", "kỳ Đông Ujimqin", 45.51, 116.97),
    ("VN", "Hanoi", "河内", "Hà Nội", 21.03, 105.85), ("VN", "Ho Chi Minh City", "胡志明市", "Thành phố Hồ Chí Minh", 10.82, 106.63),
    ("VN", "Thu Dau Mot", "土龙木", "Thủ Dầu Một", 10.98, 106.65), ("VN", "Tuyen Quang", "宣光", "Tuyên Quang", 21.82, 105.21),
    ("VN", "Chieng Hoa commune, Son La", "山罗省Chieng Hoa乡", "xã Chiềng Hoa, Sơn La", 21.33, 103.91),
    ("VN", "Hoa Binh", "和平", "Hòa Bình", 20.81, 105.34), ("VN", "Lao Cai", "老街", "Lào Cai", 22.49, 103.97),
    ("VN", "Thanh Hoa", "清化", "Thanh Hóa", 19.80, 105.78), ("VN", "My Tho", "美萩", "Mỹ Tho", 10.36, 106.36),
    ("VN", "Bac Ninh", "北宁", "Bắc Ninh", 21.19, 106.08), ("VN", "Bien Hoa", "边和", "Biên Hòa", 10.95, 106.82),
    ("LA", "Vientiane", "万象", "Viêng Chăn", 17.97, 102.60), ("LA", "Luang Prabang", "琅勃拉邦", "Luông Pha Băng", 19.89, 102.13),
    ("LA", "Savannakhet", "沙湾拿吉", "Savannakhet", 16.55, 104.75), ("LA", "Pakse", "巴色", "Pắc Xế", 15.12, 105.80),
]
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    need((ROOT / "node_modules" / "world-atlas").is_dir(), "node_modules/world-atlas", "run: make setup")
    project = copy_project(tmp_path_factory.mktemp("forty"), with_cases=False)
    seed = yaml.safe_load((ROOT / "cases" / "wanzhou-grassroots-federation-reform.yaml").read_text(encoding="utf-8"))
    assert len(PLACES) == 40
    for n, (country, en, zh, vi, lat, lon) in enumerate(PLACES):
        record = yaml.safe_load(yaml.safe_dump(seed))
        record.update(id=f"map-case-{n:02d}", country=country, coordinates={"lat": lat, "lon": lon},
                      place={"region": {"en": en, "zh": zh, "vi": vi}, "locality": {"en": en, "zh": zh, "vi": vi}})
        for lang, block in record["text"].items():
            block["title"] = f"{block['title']} ({n})"
        (project / "cases" / f"map-case-{n:02d}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = casebook_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


GEOMETRY = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const svg = document.querySelector('svg.cb-map');
  return {
    svg: box(svg),
    targets: [...svg.querySelectorAll('.cb-map__layer--on a.cb-map__marker')].map(a => ({
      href: a.getAttribute('href'), box: box(a.querySelector('.cb-map__target')), number: a.querySelector('text').textContent})),
    labels: [...svg.querySelectorAll('.cb-map__layer--on .cb-map__labels text')].map(t => ({text: t.textContent, box: box(t)})),
    listed: [...document.querySelectorAll('.cb-map__list a')].map(a => a.getAttribute('href')),
  };
}"""


def meets_circle(rect, circle) -> bool:
    cx, cy, r = (circle[0] + circle[2]) / 2, (circle[1] + circle[3]) / 2, (circle[2] - circle[0]) / 2
    nx, ny = min(max(cx, rect[0]), rect[2]), min(max(cy, rect[1]), rect[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r


def meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", [375, 1366])
@pytest.mark.parametrize("lang", LANGS)
def test_labels_and_markers_never_meet(forty, lang, width):
    with serve(forty) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        blocked = outside_requests(page, (url,))
        page.goto(f"{url}{LANGS[lang]}map/")
        g = page.evaluate(GEOMETRY)
        assert sorted(g["listed"]) == sorted(f"../cases/map-case-{n:02d}/" for n in range(40)), "every case is listed"
        assert len(g["labels"]) >= 5, "places are named on the map where there is room"
        targets = [t["box"] for t in g["targets"]]
        for t in g["targets"]:
            w, h = t["box"][2] - t["box"][0], t["box"][3] - t["box"][1]
            assert w >= 24 and h >= 24, f"marker {t['number']}: {w:.1f}x{h:.1f} px"
            assert t["box"][0] >= g["svg"][0] and t["box"][2] <= g["svg"][2], f"marker {t['number']} is cut off"
        for i, a in enumerate(targets):  # circles of targets never overlap
            for b in targets[i + 1:]:
                ra, rb = (a[2] - a[0]) / 2, (b[2] - b[0]) / 2
                d2 = ((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) ** 2 + ((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) ** 2
                assert d2 >= (ra + rb - 0.5) ** 2, "two markers' targets overlap"
        for i, label in enumerate(g["labels"]):
            box = label["box"]
            s = g["svg"]
            assert box[0] >= s[0] and box[1] >= s[1] and box[2] <= s[2] and box[3] <= s[3], f"{label['text']} is cut off"
            assert not [t for t in targets if meets_circle(box, t)], f"{label['text']} covers a marker"
            for other in g["labels"][i + 1:]:
                assert not meets(box, other["box"]), f"{label['text']} meets {other['text']}"
        # a tap near the edge of any target is that marker's (each scrolled into view)
        missed = page.evaluate("""() => [...document.querySelectorAll('.cb-map__layer--on a.cb-map__marker')].flatMap(a => {
          a.scrollIntoView({block: 'center', inline: 'center'});
          const b = a.querySelector('.cb-map__target').getBoundingClientRect();
          const cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2, r = b.width / 2;
          return [[0.65, 0.65], [-0.9, 0], [0, 0.9], [0.9, 0]].filter(([dx, dy]) => {
            const e = document.elementFromPoint(cx + dx * r, cy + dy * r);
            return !e || e.closest('a') !== a;
          }).map(p => a.getAttribute('href') + ' at ' + p);
        })""")
        assert not missed, missed
        page.evaluate("window.scrollTo(0, 0)")
        g = page.evaluate(GEOMETRY)
        single = next(t for t in g["targets"] if t["href"].startswith("../cases/"))
        b = single["box"]
        with page.expect_navigation():
            page.mouse.click(b[0] + (b[2] - b[0]) * 0.2, (b[1] + b[3]) / 2)  # off the dot, on the target
        assert page.url == f"{url}{LANGS[lang]}{single['href'][3:]}"
        assert not blocked, blocked


@pytest.mark.parametrize("lang, expected", [("en", "China"), ("zh", "中国"), ("vi", "Trung Quốc")])
def test_countries_named_only_where_there_are_cases(forty, lang, expected):
    html = (forty / LANGS[lang] / "map" / "index.html").read_text(encoding="utf-8")
    import re
    names = set(re.findall(r'class="cb-map__land" d="[^"]*"><title>([^<]*)</title>', html))
    assert expected in names and len(names) == 3, names  # China, Viet Nam, Laos; no neighbour
