"""Each case's related cases: up to three sharing a theme, the most in common first (the
same country counting as a theme), then the same country, then id order.

Compared case by case, every case with every case sharing a theme, this cost a second
at 1,000 cases and over a minute at 10,000 (in every language process). But what ranks
another case is only its themes and its country: cases with the same themes and country
rank alike but for their ids. So the cases are put in such groups (a few hundred,
however many cases), the groups compared with each other, and from each only its first
ids taken.
"""

from __future__ import annotations

from typing import Mapping, Protocol, Sequence

KEEP = 3  # related cases per case


class Ranked(Protocol):
    id: str
    country: str
    themes: Sequence[str]


def related_cases(cases: Mapping[str, Ranked]) -> dict[str, tuple[str, ...]]:
    """Up to KEEP related case ids per case id (``cases`` in id order)."""
    bits: dict[str, int] = {}
    groups: dict[tuple[int, str], list[str]] = {}  # (themes as bits, country) -> ids in id order
    for case in cases.values():
        mask = 0
        for theme in case.themes:
            mask |= 1 << bits.setdefault(theme, len(bits))
        groups.setdefault((mask, case.country), []).append(case.id)
    # a case itself is one of its group's first ids: one more than kept leaves enough
    firsts = {group: sorted(ids)[:KEEP + 1] for group, ids in groups.items()}
    related = {}
    for (mask, country), members in groups.items():
        # the others by rank but for their ids: (-(themes shared + same country), another country)
        by_rank: dict[tuple[int, bool], list[str]] = {}
        for (other_mask, other_country), ids in firsts.items():
            shared = (mask & other_mask).bit_count()
            if shared:
                same = other_country == country
                by_rank.setdefault((-shared - same, not same), []).extend(ids)
        best: list[str] = []
        for rank in sorted(by_rank):
            best += sorted(by_rank[rank])[:KEEP + 1 - len(best)]
            if len(best) > KEEP:
                break
        for case_id in members:
            related[case_id] = tuple(other for other in best if other != case_id)[:KEEP]
    return {case_id: related[case_id] for case_id in cases}
