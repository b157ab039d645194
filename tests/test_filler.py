"""Template filler (gongwen_lint.substance.items.is_filler): the distinct-character bound that
skips the back-reference pattern gives the same answer as the pattern alone."""

from __future__ import annotations

import random
import re

from gongwen_lint.substance import items


def _by_pattern(text: str) -> bool:
    compact = re.sub(r"[\s\u3000。，、；：]", "", text)
    covered = sum(len(m.group()) for m in items._FILLER_RE.finditer(compact))
    return bool(compact) and covered >= 0.6 * len(compact)


def test_filler_found() -> None:
    assert items.is_filler("正文内容正文内容正文内容正文内容正文内容")
    assert items.is_filler("XXXXXXXX，XXXX。")
    assert not items.is_filler("要进一步加强组织领导，压实工作责任，确保各项任务落到实处。")


def test_bound_agrees_with_the_pattern() -> None:
    rng = random.Random(3)
    alphabet = "正文内容XY一二，。 "
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet[: rng.randint(2, len(alphabet))]) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.5:  # a repeated unit somewhere in it
            unit = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
            k = rng.randint(0, len(text))
            text = text[:k] + unit * rng.randint(3, 9) + text[k:]
        expected = _by_pattern(text)
        found += expected
        assert items.is_filler(text) == expected, text
    assert found > 1000  # the generated texts include filler, not only prose
