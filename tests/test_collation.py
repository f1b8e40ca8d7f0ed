"""Alphabetical order and index letters (casebook/pages/collation.py): English A-Z, Chinese
by pinyin, Vietnamese by its own alphabet with tones breaking ties only."""

from __future__ import annotations

import unicodedata

import pytest

from casebook.pages.collation import DIGITS, alphabet, initial, letter_order, sort_key


def ordered(words: list[str], lang: str) -> list[str]:
    return sorted(words, key=lambda word: sort_key(word, lang))


# --- Vietnamese ---------------------------------------------------------------------

def test_vietnamese_alphabet_has_its_own_letters_and_no_f_j_w_z():
    assert " ".join(alphabet("vi")) == "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y"
    assert all(unicodedata.is_normalized("NFC", letter) for letter in alphabet("vi"))


@pytest.mark.parametrize("words", [
    ["dân", "dương", "đàn", "đi", "em"],          # đ after every d, before e
    ["an", "ăn", "ân", "ba"],                     # a ă â
    ["ong", "ông", "ơn", "pha"],                  # o ô ơ
    ["uống", "ưa", "va"],                         # ư after u
    ["e", "ê", "g"],                              # e ê, then g (no f)
    ["Đảng Cộng sản Việt Nam", "địa chỉ tin cậy", "đoàn thể quần chúng"],
])
def test_vietnamese_letters_order(words):
    assert ordered(list(reversed(words)), "vi") == words


def test_vietnamese_tones_only_break_ties():
    # ma má mà mả mã mạ: the same letters, so they follow the tones (none, huyền, hỏi,
    # ngã, sắc, nặng) ...
    assert ordered(["mạ", "má", "mã", "mả", "mà", "ma"], "vi") == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # ... but a tone never outweighs a letter: "bà" before "bác", "mạnh" before "mao"
    assert ordered(["bác", "bà"], "vi") == ["bà", "bác"]
    assert ordered(["mao", "mạnh"], "vi") == ["mạnh", "mao"]
    assert ordered(["ủy viên", "ưu tiên", "uống"], "vi") == ["uống", "ủy viên", "ưu tiên"]


def test_vietnamese_order_ignores_case_and_normal_form():
    assert sort_key("Đảng", "vi")[:2] == sort_key("đảng", "vi")[:2]
    decomposed = unicodedata.normalize("NFD", "Hội Phụ nữ")
    assert sort_key(decomposed, "vi")[:2] == sort_key("Hội Phụ nữ", "vi")[:2]


@pytest.mark.parametrize("text, letter", [
    ("Đảng Cộng sản Việt Nam", "Đ"), ("địa chỉ", "Đ"), ("dân tộc", "D"),
    ("ăn", "Ă"), ("ấp", "Â"), ("ả", "A"), ("ạ", "A"),          # tones do not change the letter
    ("ơn", "Ơ"), ("ở lại", "Ơ"), ("ồ", "Ô"), ("ọ", "O"),
    ("ươm tạo", "Ư"), ("ủy viên", "U"), ("ụ", "U"),
    ("ê", "Ê"), ("ề", "Ê"), ("ệ", "Ê"),
    ("5 không, 3 sạch", DIGITS), ('"hai mới"', "H"), ("", "#"), ("…", "#"),
])
def test_vietnamese_initial_keeps_the_letter_and_drops_the_tone(text, letter):
    assert initial(text, "vi") == letter
    assert initial(unicodedata.normalize("NFD", text), "vi") == letter


def test_vietnamese_letters_of_the_index_are_in_alphabet_order():
    row = sorted(alphabet("vi"), key=lambda letter: letter_order(letter, "vi"))
    assert row == list(alphabet("vi"))
    assert sorted(["Đ", DIGITS, "#", "D"], key=lambda letter: letter_order(letter, "vi")) == ["#", DIGITS, "D", "Đ"]


# --- Chinese ------------------------------------------------------------------------

def test_chinese_sorts_by_pinyin_not_by_code_point():
    words = ["党建", "妇联", "基层", "全国妇联", "中国共产党"]  # dǎng fù jī quán zhōng
    assert ordered(list(reversed(words)), "zh") == words
    assert sorted(words) != words  # code points would put 中 (U+4E2D) first


def test_chinese_reads_a_character_as_in_its_word():
    assert initial("重点", "zh") == "Z"      # zhòngdiǎn
    assert initial("重庆", "zh") == "C"      # Chóngqìng
    assert initial("长沙", "zh") == "C" and initial("长大", "zh") == "Z"


def test_chinese_tones_break_ties_and_letters_come_first():
    # mā má mǎ mà: one syllable, four tones; then māma, a longer spelling of the same letters
    assert ordered(["妈妈", "骂", "马", "麻", "妈"], "zh") == ["妈", "麻", "马", "骂", "妈妈"]
    assert ordered(["妇联", "孵化"], "zh") == ["孵化", "妇联"]  # fū huà < fù lián: hua < lian first


@pytest.mark.parametrize("text, letter", [
    ("全国妇联", "Q"), ("第21号指示", "D"), ("五不三净", "W"), ("ACWF", "A"), ("21世纪", DIGITS),
    ("“妇女之家”", "F"), ("", "#"),
])
def test_chinese_initial_is_the_pinyin_letter_of_the_first_character(text, letter):
    assert initial(text, "zh") == letter


def test_chinese_index_has_no_i_u_v():
    assert "I" not in alphabet("zh") and "U" not in alphabet("zh") and "V" not in alphabet("zh")
    assert len(alphabet("zh")) == 23


# --- English ------------------------------------------------------------------------

def test_english_ignores_case_and_accents():
    assert ordered(["Women's Union", "ACWF", "café", "Cafe", "cpc"], "en") == ["ACWF", "Cafe", "café", "cpc",
                                                                            "Women's Union"]
    assert alphabet("en") == tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@pytest.mark.parametrize("text, letter", [
    ("ACWF", "A"), ("women's federation", "W"), ("Écoles", "E"), ("5 No-s, 3 clean-s", DIGITS),
    ('"two new" organizations', "T"), ("Ωmega", "#"),
])
def test_english_initial(text, letter):
    assert initial(text, "en") == letter
