"""The case model: the one definition of what a case record may hold.

Everything else derives from these classes: validation of ``cases/*.yaml``, the JSON
Schema editors use (``casebook.records.schema``), the field reference page, and the renderers.

Stored fields are what contributors write. Computed properties (marked "computed") are
derived here so renderers never re-derive them differently:
- ``Case.languages_status``: per language, ``reviewed``/``draft``/``missing``;
- ``Case.text_in(lang)``: the narrative for ``lang`` with English filling any gap, plus
  which fields fell back;
- ``Period.years``: the calendar years the case covers, for sorting and facets;
  ``Case.years`` the same, empty when the sources give no date at all;
- ``Case.newest_source``: the date of its newest dated source, or None when none is dated.

The model is shaped so Participedia-style structure can be added without breaking records
(structured place, scope/level, organizer, evidence with sources).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Optional
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from .. import LANGUAGES
from .problems import allowed, unknown_key
from .narrative import narrative_problem
from .vocabulary import is_country


class Record(BaseModel):
    """Base of every part of a record: unknown keys are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              str_strip_whitespace=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must be a single line")
    return value


def _markdown_body(value: str) -> str:
    found = narrative_problem(value)  # (records/narrative.py: what narrative text may hold)
    if found:
        # `offset` lets the loader point at the problem's own line in the file
        raise PydanticCustomError("markdown", found[1], {"offset": found[0]})
    return value


def _partial_date(value: str) -> str:
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):  # (\d: full-width ２０１８ too)
        raise ValueError(f"expected a date as \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real date ({err})") from None
    if not 1900 <= parts[0] <= dt.date.today().year + 1:
        raise ValueError(f"year {parts[0]} is outside 1900-{dt.date.today().year + 1}")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"expected a full http:// or https:// address, got {value!r}")
    return value


def _theme_key(value: str, info: ValidationInfo) -> str:
    """Each theme must be a key of cases/vocabulary/themes.yaml"""
    vocabulary = (info.context or {}).get("vocabulary")
    if vocabulary and value not in vocabulary.themes:
        raise ValueError(unknown_key("theme", value, vocabulary.themes, "cases/vocabulary/themes.yaml",
                                     vocabulary.words.get("themes")))
    return value


Text = Annotated[str, AfterValidator(_not_blank), AfterValidator(_one_line)]
ThemeKey = Annotated[str, AfterValidator(_theme_key)]
Markdown = Annotated[str, AfterValidator(_not_blank), AfterValidator(_markdown_body)]
# The patterns are for the JSON Schema (editors); the validators give the messages.
PartialDate = Annotated[str, AfterValidator(_partial_date),
                        Field(json_schema_extra={"pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"})]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"pattern": "^https?://", "format": "uri"})]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Status = Literal["draft", "reviewed"]

# A case id is a folder of the site (cases/<id>/) and of the offline zip. Windows refuses
# these names for any file or folder, whatever the case or suffix, so a trainer's office
# computer could not unzip the copy; "index" is the case list's own file.
RESERVED_IDS = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9]|index)", re.I)


def _case_id(value: str) -> str:
    """A case id must not be a name Windows reserves (con, nul, aux, prn, com1, lpt1...) nor index"""
    if RESERVED_IDS.fullmatch(value):
        why = "the case list's own page" if value.lower() == "index" else "a name Windows reserves for a device"
        raise ValueError(f"{value!r} cannot be a case id: it is {why}, so the site or its offline copy "
                         "would break; add the place or the subject (e.g. con-cuong-savings-groups)")
    return value


CaseId = Annotated[Slug, AfterValidator(_case_id),
                   Field(json_schema_extra={"not": {"pattern": f"^{RESERVED_IDS.pattern}$"}})]


class LocalText(Record):
    """A short plain text in each language; English is required, others fall back to it."""

    en: Text
    zh: Optional[Text] = None
    vi: Optional[Text] = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))


class Place(Record):
    region: LocalText = Field(description="Province or equivalent (or the whole country).")
    locality: LocalText = Field(description="City, county, town, village or community.")


class Coordinates(Record):
    lat: float = Field(ge=-90, le=90, description="Latitude in degrees (north positive).")
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees (east positive).")


class Period(Record):
    start: Optional[PartialDate] = Field(None, description="When the reform began.")
    end: Optional[PartialDate] = Field(None, description="When it ended, or the period reported on ended.")
    as_of: Optional[PartialDate] = Field(None, description="Date of the report, when no start or end is known.")

    @model_validator(mode="after")
    def _consistent(self) -> "Period":
        """A period needs a start, an end or an as_of date, and cannot end before it starts."""
        if not (self.start or self.end or self.as_of):
            raise ValueError("give at least one of start, end, as_of")
        if self.start and self.end and self.end < self.start[: len(self.end)]:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def years(self) -> list[int]:
        """computed: calendar years covered (start..end, or the single known year)."""
        first = self.start or self.end or self.as_of
        last = self.end or self.as_of or self.start
        a, b = int(first[:4]), int(last[:4])
        return list(range(min(a, b), max(a, b) + 1))


class Source(Record):
    id: Slug = Field(description="Short key that figures refer to, e.g. fnews-2018-liansha.")
    title: Text = Field(description="The article's headline, as published.")
    outlet: Text = Field(description="Where it was published or re-published.")
    original_outlet: Optional[Text] = Field(None, description="Where it first appeared.")
    # Many articles state no date: a contributor must not guess one (the page says "undated").
    date: Optional[PartialDate] = Field(None, description="Publication date, as precise as the article gives it; omit when the article states none.")
    author: Optional[Text] = Field(None, description="Author or reporter(s), as the article names them.")
    editor: Optional[Text] = Field(None, description="Editor, as the article names them.")
    translator: Optional[Text] = Field(None, description="Who translated the article, if it is a translation.")
    url: Optional[Url] = Field(None, description="Address of the article, if known.")
    language: Literal["en", "zh", "vi"] = Field("en", description="Language of the article read.")


class Figure(Record):
    value: float = Field(ge=0, allow_inf_nan=False, description="The number, without separators.")
    qualifier: Literal["exact", "about", "over", "under"] = Field(
        "exact", description="How the source words it: 'more than 500' is over.")
    unit: Optional[LocalText] = Field(None, description="E.g. VND, %; omit for a plain count.")
    label: LocalText = Field(description="What is counted, e.g. 'home visits'.")
    source: Slug = Field(description="The id of the entry under `sources` it comes from.")


class Milestone(Record):
    """A dated event of the reform, as a source reports it (for the timeline)."""

    date: PartialDate = Field(description="When it happened, as precise as the source gives it.")
    label: LocalText = Field(description="What happened, in a short phrase.")
    source: Slug = Field(description="The id of the entry under `sources` that reports it.")


class _NarrativeFields(Record):
    status: Status = Field(description="draft, or reviewed once a second person has checked it.")
    title: Optional[Text] = Field(None, description="A short, specific title.")
    summary: Optional[Text] = Field(None, description="One to three sentences: who did what, where, with what result.")
    background: Optional[Markdown] = Field(None, description="The situation before the reform.")
    reform: Optional[Markdown] = Field(None, description="What changed: the steps taken, by whom.")
    results: Optional[Markdown] = Field(None, description="What the sources report as results (or that they report none).")


# A translated field's path in the record (as in the PO files' msgctxt), e.g. text.summary,
# place.region, figures[0].label; and the fingerprint of an English text (8 hex digits).
FieldPath = Annotated[str, Field(pattern=r"^[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*$")]
Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")]


class Narrative(_NarrativeFields):
    """A translation's text; every field is optional and falls back to English."""

    # None when absent, so the open data (model_dump(exclude_none=True)) leaves it out
    translated_from: Optional[dict[FieldPath, Fingerprint]] = Field(
        None,
        description="Which English each translated field was made from: its path (text.summary, "
                    "place.region, figures[0].label, ...) and a fingerprint of that English. Written "
                    "by `casebook translate import` and `casebook translate reviewed`; do not edit by "
                    "hand. When the English changes, the translation shows as outdated.")


class EnglishNarrative(_NarrativeFields):
    """The English text, which every other language falls back to."""

    title: Text = Field(description="A short, specific title.")
    summary: Text = Field(description="One to three sentences: who did what, where, with what result.")
    background: Markdown = Field(description="The situation before the reform.")
    reform: Markdown = Field(description="What changed: the steps taken, by whom.")


NARRATIVE_FIELDS = ("title", "summary", "background", "reform", "results")


class Texts(Record):
    en: EnglishNarrative
    zh: Optional[Narrative] = None
    vi: Optional[Narrative] = None


class Case(Record):
    id: CaseId = Field(description="Same as the file name without .yaml; include the place name.")
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. CN, VN.")
    level: str = Field(description="Administrative level the reform worked at.")
    themes: list[ThemeKey] = Field(min_length=1, max_length=20, description="Theme keys from cases/vocabulary/themes.yaml.")
    period: Optional[Period] = Field(None, description="When it happened, as far as the sources say; omit when they give no date at all.")
    place: Place = Field(description="Where it happened.")
    organization: LocalText = Field(description="The organization that led the reform.")
    coordinates: Optional[Coordinates] = Field(None, description="Approximate location, for the map.")
    # (bounds: a case has a handful of each; thousands are a mistake or an attack on the build)
    figures: list[Figure] = Field(default_factory=list, max_length=200, description="Key figures, each from one source.")
    milestones: list[Milestone] = Field(default_factory=list, max_length=200, description="Dated events, each from one source.")
    sources: list[Source] = Field(min_length=1, max_length=100, description="Every article the case is written from.")
    text: Texts = Field(description="Title, summary and narrative per language; English required.")

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        """'country' must be an ISO 3166-1 alpha-2 code, in capitals"""
        if not (value.isupper() and is_country(value)):
            raise ValueError(f"expected an ISO 3166-1 alpha-2 code such as CN, VN or LA, got {value!r}")
        return value

    @field_validator("level")
    @classmethod
    def _level(cls, value: str, info: ValidationInfo) -> str:
        """'level' must be a key of cases/vocabulary/levels.yaml"""
        vocabulary = (info.context or {}).get("vocabulary")
        if vocabulary and value not in vocabulary.levels:
            raise ValueError(unknown_key("level", value, vocabulary.levels, "cases/vocabulary/levels.yaml",
                                         vocabulary.words.get("levels")))
        return value

    @field_validator("themes")
    @classmethod
    def _distinct_themes(cls, value: list[str]) -> list[str]:
        """'themes' must not list a theme twice"""
        if len(set(value)) != len(value):
            raise ValueError("a theme is listed twice")
        return value

    # computed ---------------------------------------------------------------------------

    def narrative(self, lang: str) -> Optional[Narrative]:
        return getattr(self.text, lang, None)

    def text_in(self, lang: str) -> tuple[dict[str, Optional[str]], list[str]]:
        """computed: narrative fields in ``lang``, English filling gaps; and the gaps."""
        english = self.text.en
        own = self.narrative(lang)
        values, fell_back = {}, []
        for name in NARRATIVE_FIELDS:
            mine = getattr(own, name, None) if own else None
            if mine is None and getattr(english, name) is not None and lang != "en":
                fell_back.append(name)
            values[name] = mine if mine is not None else getattr(english, name)
        return values, fell_back

    def status(self, lang: str) -> str:
        """computed: 'reviewed', 'draft' or 'missing' for ``lang``."""
        own = self.narrative(lang)
        return own.status if own else "missing"

    @property
    def languages_status(self) -> dict[str, str]:
        return {lang: self.status(lang) for lang in LANGUAGES}

    @property
    def years(self) -> list[int]:
        """computed: calendar years the case covers; [] when its period is not known."""
        return self.period.years if self.period else []

    @property
    def newest_source(self) -> Optional[str]:
        """computed: the date of the newest dated source ("2018" < "2018-09" as strings,
        too), or None when no source states a date."""
        return max((s.date for s in self.sources if s.date), default=None)

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


def reference_problems(data: dict) -> list[tuple[tuple, str]]:
    """Cross-references inside one record, checked on the raw data so they are reported
    even when other fields are wrong: source ids are unique, and every figure's and
    milestone's 'source' is one of them. Returns (location, message) pairs."""
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    ids = [s.get("id") for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)]
    known = set(ids)
    found = []
    seen: set[str] = set()
    for index, source in enumerate(sources):
        sid = source.get("id") if isinstance(source, dict) else None
        if not isinstance(sid, str):
            continue  # the model reports a missing or non-text id
        if sid in seen:
            found.append((("sources", index, "id"), f"source id {sid!r} is used twice in this case"))
        seen.add(sid)
    for key in ("figures", "milestones"):
        items = data.get(key) if isinstance(data.get(key), list) else []
        for index, item in enumerate(items):
            ref = item.get("source") if isinstance(item, dict) else None
            if isinstance(ref, str) and ref not in known:
                found.append(((key, index, "source"),
                              f"{ref!r} is not the id of a source of this case; " + allowed(ids, ref)))
    return found
