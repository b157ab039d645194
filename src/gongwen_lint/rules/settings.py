"""Settings that several rules genuinely share, declared once in named sections.

A rule's own thresholds are declared on the rule (``@rule(options=…)``) and no other rule reads
them.  A value that is one fact for several rules lives here instead, so that changing it
changes every rule that depends on it and no rule has to borrow another's option: the body text
size (GW202 checks it, GW203/GW204/GW206/GW207 measure headings, titles, page numbers and the
版记 against it and the same tolerance), the NLP switch of the substance inventory (GW702, GW703,
GW708, GW709 and ``inspect --substance`` read one inventory), and the thresholds of the one
analysis of a draft against the reference index (GW641, GW642, GW801–GW805).

Configured as ``[tool.gongwen-lint.layout]`` (``[layout]`` in gongwen-lint.toml) and read with
``ctx.setting("layout", "body-size-pt")``.  Values are validated like rule options
(``config.option_value``: the default's type, finite non-negative numbers, shares ≤ 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    name: str
    title: str  # what the section is, in Chinese (docs/configuration.md, ``gongwen-lint rule``)
    values: dict[str, object]  # setting name -> default
    used_by: tuple[str, ...]  # the rules that read it (shown with them; tests/test_options.py checks)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section(
            "layout",
            "版式：正文字号及各要素字号的允许误差",
            {"body-size-pt": 16.0, "size-tolerance-pt": 0.25},
            ("GW202", "GW203", "GW204", "GW206", "GW207"),
        ),
        Section(
            "style",
            "文风：干货清单是否用 jieba 分词词性判断词表里没有的词",
            {"nlp": False},
            ("GW702", "GW703", "GW708", "GW709"),
        ),
        Section(
            "duplicates",
            "重复发文：草稿与参考文件索引比对的阈值",
            {
                "min-chars": 30,
                "min-similarity": 0.8,
                "min-coverage": 0.3,
                "min-reference-coverage": 0.6,
                "reissue-coverage": 0.8,
                "max-new-share": 0.15,
            },
            ("GW641", "GW642", "GW801", "GW802", "GW803", "GW804", "GW805"),
        ),
    )
}


def used_by(code: str) -> list[Section]:
    """The sections rule ``code`` reads."""
    return [s for s in SECTIONS.values() if code in s.used_by]
