"""``casebook zim``: the offline copy as one ZIM file, for Kiwix (Android, iOS, desktop,
and ``kiwix-serve`` on a training room's hotspot), where a phone cannot open a zip.

The pages are the offline copy's (``commands/bundle.py`` builds and prunes them: every
link relative, search from the page itself, nothing asked of another host); each file
becomes one entry at its path in the copy, so every link of the copy is a link of the ZIM.
Kiwix adds its own full-text index (libzim's Xapian) in the ZIM's language, and the
metadata it shows in its library. Same commit, same bytes, but for what libzim draws at
random and offers no way to set: the two Xapian databases it writes (full-text and title
index) carry a random 16-byte id each, and so the file's MD5 checksum differs too. The
ZIM's own id, also random in libzim, is made from the content instead (``_settle_uuid``).
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
import re
import struct
import tempfile
import zlib
from pathlib import Path

from .. import DEFAULT_LANGUAGE
from ..pages.i18n import t
from .bundle import Build, build_identity, build_site, bundle_languages, prune

# Kiwix reads the ZIM's languages as ISO 639-3 codes.
ISO639_3 = {"en": "eng", "zh": "zho", "vi": "vie"}
# One full-text index per ZIM, in one language. A ZIM of all three is indexed as Chinese:
# only a Chinese index cuts Chinese text into the character pairs that find a phrase
# written without spaces; English and Vietnamese words are then found as written (no
# stemming), Vietnamese also without its marks (libzim folds accents in text and query).
# A reader on libzim 8 (Debian's kiwix-serve 3.3) cuts a Chinese query the same way only
# with XAPIAN_CJK_NGRAM=1 in its environment; newer Kiwix readers do it by themselves.
INDEX_LANGUAGE = "zho"
PUBLISHER = "Reform Casebook"
LICENSE = "Case texts and data CC BY 4.0; code MIT"
TYPES = {".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".json": "application/json",
         ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv", ".xml": "application/xml",
         ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
         ".woff2": "font/woff2", ".woff": "font/woff", ".ico": "image/x-icon", ".txt": "text/plain"}
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
              "application/x-")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_REFRESH = re.compile(r'<meta http-equiv="refresh"', re.I)


def mimetype(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def page_title(text: str, fallback: str) -> str:
    """A page's <title> as the plain text it is (a ZIM title is text, never markup)."""
    found = _TITLE.search(text)
    title = html.unescape(re.sub(r"<[^>]*>", "", found.group(1))).strip() if found else ""
    return " ".join(title.split()) or fallback


def main_path(languages: tuple[str, ...]) -> str:
    """The page Kiwix opens first: the copy's home in its first language."""
    return "index.html" if DEFAULT_LANGUAGE in languages else f"{languages[0]}/index.html"


def zim_name(choice: str) -> str:
    """Kiwix's ``Name``: the same for every edition of one content, without the date."""
    return f"reform-casebook_{choice}"


def metadata(choice: str, languages: tuple[str, ...], build: Build) -> dict[str, str]:
    lang = languages[0] if len(languages) == 1 else DEFAULT_LANGUAGE
    return {
        "Name": zim_name(choice),
        "Title": t(lang, "zim_title"),
        "Description": t(lang, "zim_description"),
        "Language": ",".join(ISO639_3[code] for code in languages),
        "Creator": PUBLISHER,
        "Publisher": PUBLISHER,
        "Date": build.date,
        "License": LICENSE,
        "Flavour": choice,
        "Version": build.version,
        "Tags": "_category:other;_ftindex:yes;_pictures:no;_videos:no;_details:yes",
        "Scraper": "casebook zim",
    }


def illustration(size: int = 48) -> bytes:
    """The 48x48 PNG Kiwix shows in its library: the site's deep purple with a white open
    book, drawn here so that it is the same bytes on every machine."""
    purple, white = (0x67, 0x3A, 0xB7), (0xFF, 0xFF, 0xFF)
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            page = 10 <= y <= 37 and (8 <= x <= 22 or 25 <= x <= 39)
            line = page and y in (16, 21, 26, 31) and (11 <= x <= 19 or 28 <= x <= 36)
            row += bytes(purple if line or not page else white)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def write_zim(site: Path, target: Path, choice: str, languages: tuple[str, ...], build: Build) -> None:
    """Every file of ``site`` as an entry at its path; pages are Kiwix's articles (its
    search and its random page); the index is in the copy's language (its first one)."""
    from libzim.writer import Creator, FileProvider, Hint, Item

    class SiteFile(Item):
        def __init__(self, path: Path):
            super().__init__()
            self.file, self.rel = path, path.relative_to(site).as_posix()
            self.type = mimetype(path)
            text = path.read_text(encoding="utf-8") if self.type == "text/html" else ""
            # a page that only sends the reader on (a copy's top index.html) is no article
            self.article = bool(text) and not _REFRESH.search(text)
            self.title = page_title(text, self.rel) if text else ""

        def get_path(self) -> str:
            return self.rel

        def get_title(self) -> str:
            return self.title

        def get_mimetype(self) -> str:
            return self.type

        def get_contentprovider(self):
            return FileProvider(str(self.file))

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: self.article, Hint.COMPRESS: self.type.startswith(COMPRESSED)}

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    creator = Creator(str(tmp)).config_indexing(True, INDEX_LANGUAGE if len(languages) > 1 else ISO639_3[languages[0]]).config_nbworkers(1)
    with creator:
        creator.set_mainpath(main_path(languages))
        creator.add_illustration(48, illustration())
        for name, value in metadata(choice, languages, build).items():
            creator.add_metadata(name, value)
        content = hashlib.md5(zim_name(choice).encode())
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            content.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
            creator.add_item(SiteFile(path))
    _settle_uuid(tmp, content.digest())
    tmp.replace(target)  # a half-written ZIM is never left under the final name


def _settle_uuid(path: Path, uuid: bytes) -> None:
    """Replace the random id libzim writes into the header (bytes 8-24) by ``uuid`` (made
    from the content: Kiwix's library tells editions apart by it), and write the file's
    MD5 checksum (its last 16 bytes, at checkSumPos) again."""
    with path.open("r+b") as zim:
        data = bytearray(zim.read())
        checksum_at = struct.unpack_from("<Q", data, 72)[0]  # checkSumPos in the header
        data[8:24] = uuid
        data[checksum_at:checksum_at + 16] = hashlib.md5(bytes(data[:checksum_at])).digest()
        zim.seek(0)
        zim.write(data)


def make_zim(root: Path, choice: str, out_dir: Path) -> tuple[Path, Build]:
    """Build the offline copy of ``choice`` (en, zh, vi or all) and write it as a ZIM."""
    languages = bundle_languages(choice)
    build = build_identity(root)
    target = out_dir / f"reform-casebook_{choice}_{build.date}.zim"
    with tempfile.TemporaryDirectory(prefix="casebook-zim-") as work:
        site = build_site(root, Path(work), languages, build)
        prune(site, languages, served=True)
        write_zim(site, target, choice, languages, build)
    return target, build
