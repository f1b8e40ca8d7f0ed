"""Alphabetical order and index letters of terms, as a reader of each language expects.

- English: A-Z, ignoring case and accents.
- Chinese: by pinyin (the readings pypinyin gives the whole term, so a character read two
  ways is read as in that word: 重点 is zhòng), tones breaking ties; the index letter is
  the pinyin initial of the first character. A term's Latin letters or digits stand as
  they are.
- Vietnamese: by the Vietnamese alphabet (a ă â b c d đ e ê ...: ă â, đ, ê, ô ơ and ư are
  letters of their own), with the tones (none, huyền, hỏi, ngã, sắc, nặng) breaking ties
  only: "bà" sorts with "ba", never after "bz".

Python's own string order (code points) puts đ after z and every toned vowel after the
plain alphabet; no locale is relied on (a build machine may have none installed).
"""

from __future__ import annotations

from functools import lru_cache

import string
import unicodedata

DIGITS = "0–9"  # the index group of terms that start with a digit, in every language
LATIN = tuple(string.ascii_uppercase)
# Pinyin has no syllable starting with i, u or v (ü): a Chinese index never needs them.
PINYIN_INITIALS = tuple(letter for letter in LATIN if letter not in "IUV")
VIETNAMESE = tuple("A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y".split())

# Foreign words in Vietnamese text keep f j w z, after the letters they follow in Latin.
_VI_ORDER = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_VI_RANK = {letter: rank for rank, letter in enumerate(_VI_ORDER)}
_VI_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def alphabet(lang: str) -> tuple[str, ...]:
    """The index letters a glossary shows in ``lang`` (upper case), in order."""
    return {"vi": VIETNAMESE, "zh": PINYIN_INITIALS}.get(lang, LATIN)


def sort_key(text: str, lang: str) -> tuple:
    """A key that orders texts alphabetically in ``lang`` (the text itself breaks the
    last ties, so the order never depends on the input's)."""
    if lang == "vi":
        letters, tones = _vi_letters(text)
        return (tuple(letters), tuple(tones), text)
    if lang == "zh":
        syllables = _pinyin(text)
        return (tuple(plain for plain, _ in syllables), tuple(tone for _, tone in syllables), text)
    return (_plain(text), text)


def initial(text: str, lang: str) -> str:
    """The index letter ``text`` is listed under: its first letter (Vietnamese: with its
    marks of letter, without tone; Chinese: the pinyin initial), DIGITS for a digit, or
    "#" for a text with neither (leading quotes and brackets are skipped)."""
    if lang == "vi":
        kinds = [letter for letter in _vi_letters(text)[0] if letter[0] > 0]
        if not kinds:
            return "#"
        kind, rank = kinds[0]
        return _VI_ORDER[rank].upper() if kind == 2 else DIGITS
    plain = "".join(plain for plain, _ in _pinyin(text)) if lang == "zh" else _plain(text)
    first = next((ch for ch in plain if ch.isalnum()), "")
    if first.isdigit():
        return DIGITS
    return first.upper() if first.isascii() and first.isalpha() else "#"


def letter_order(letter: str, lang: str) -> tuple:
    """Where an index letter stands in the row: "#", then digits, then the letters."""
    if letter == "#":
        return (0,)
    if letter == DIGITS:
        return (1,)
    return (2, sort_key(letter.lower(), lang))


def _plain(text: str) -> str:
    """Case and accents folded away (English order)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _vi_letters(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Each character of ``text`` as (kind, rank) -- 0 spaces and punctuation, 1 digits,
    2 letters of the Vietnamese alphabet -- and each one's tone (0 for none)."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _VI_TONES:
            if tones:
                tones[-1] = _VI_TONES[ch]
        elif ch in _VI_LETTER_MARKS and letters and letters[-1][0] == 2:
            marked = unicodedata.normalize("NFC", _VI_ORDER[letters[-1][1]] + ch)
            letters[-1] = (2, _VI_RANK.get(marked, letters[-1][1]))
        elif unicodedata.combining(ch):
            continue
        elif ch in _VI_RANK:
            letters.append((2, _VI_RANK[ch]))
            tones.append(0)
        elif ch.isdigit():
            letters.append((1, int(ch) if ch.isdecimal() else ord(ch)))
            tones.append(0)
        else:  # spaces and punctuation sort before digits and letters
            letters.append((0, ord(ch)))
            tones.append(0)
    return letters, tones


# (a title is sorted on every list page, and casebook serve sorts them again after each save)
@lru_cache(maxsize=50_000)
def _pinyin(text: str) -> tuple[tuple[str, int], ...]:
    """``text`` as (syllable without tone, tone) pairs: 1-4, and 5 for the neutral tone,
    which dictionaries list last; what is not Chinese stays as it is (folded like
    English), with tone 0."""
    from pypinyin import Style, lazy_pinyin  # only Chinese needs it (a quarter second to load)

    found = []
    for syllable in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True):
        tone = syllable[-1] if syllable[-1:] in ("1", "2", "3", "4", "5") and syllable[:-1].isalpha() else ""
        plain = syllable[:-1] if tone else syllable
        found.append((_plain(plain), int(tone) if tone else 0))
    return tuple(found)
