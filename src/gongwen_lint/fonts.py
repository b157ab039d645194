"""Font classes: GB/T 9704 names typeface *classes*, drafts name fonts.

The standard asks for 仿宋体, 小标宋体, 黑体, 楷体 and (for page numbers) 宋体; a .docx names a font
installed somewhere — 仿宋_GB2312, FangSong, 方正仿宋_GBK, STFangsong …  A layout rule must compare
classes, or every unit whose template uses another foundry's 仿宋 gets a false alarm.

Resolution, in order: the unit's own aliases (configuration ``[tool.gongwen-lint.dictionaries]
font-aliases = { "某字体" = "仿宋" }``), the shipped table ``dictionaries/font_aliases.tsv`` (every
entry with its source), then a conservative name heuristic (``…仿宋…``, ``…Kai…``) so that a new
foundry spelling of a known class still resolves.  A name nothing recognises has no class
(``None``); rules then say which font they saw rather than guessing a class.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files

from . import recache

FANGSONG = "仿宋"
XIAOBIAOSONG = "小标宋"
HEITI = "黑体"
KAITI = "楷体"
SONGTI = "宋体"

#: The classes GB/T 9704 uses.  Configuration may map a font to another class name; that is
#: allowed (a house style may name its own class) but then it never matches a standard class.
CLASSES = (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI)

#: Chinese name of a class as the standard words it, for messages.
CLASS_LABELS = {
    FANGSONG: "仿宋体",
    XIAOBIAOSONG: "小标宋体",
    HEITI: "黑体",
    KAITI: "楷体",
    SONGTI: "宋体",
}

# Heuristics for names the table lacks, most specific first: 小标宋 and 仿宋 contain 宋, so they
# must be tried before the plain Song class.  Matched on the normalised name (see _key).
_HEURISTICS: tuple[tuple[re.Pattern[str], str], ...] = (
    (recache.compile(r"小标宋|xiaobiaosong|^fzxbs"), XIAOBIAOSONG),
    (recache.compile(r"仿宋|fangsong"), FANGSONG),
    (recache.compile(r"楷|kaiti|^fzkai|^stkai"), KAITI),
    (recache.compile(r"黑体|hei(ti)?\b|^simhei|^fzhei|^stheiti|heiti"), HEITI),
    (recache.compile(r"宋|^simsun|^nsimsun|songti|^fzshusong|^stsong"), SONGTI),
)


_SEPARATORS_RE = recache.compile(r"[\s_\-]+")


def _key(name: str) -> str:
    """Case-, space- and separator-insensitive form of a font name (``FangSong_GB2312`` …)."""
    return _SEPARATORS_RE.sub("", name).casefold()


def _heuristic_key(name: str) -> str:
    return name.strip().casefold()


def load_shipped() -> dict[str, str]:
    """The shipped alias table: alias -> class (header line and comments skipped)."""
    text = files("gongwen_lint.dictionaries").joinpath("font_aliases.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for i, line in enumerate(text.splitlines()):
        if i == 0 or not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].strip() and cols[1].strip():
            table[cols[0].strip()] = cols[1].strip()
    return table


@dataclass(frozen=True)
class FontTable:
    """Alias lookup for one configuration (build with :func:`build`)."""

    aliases: Mapping[str, str]  # normalised alias -> class

    def font_class(self, name: str | None) -> str | None:
        """The class of a font name, or ``None`` when unknown (or no name)."""
        if not name or not name.strip():
            return None
        hit = self.aliases.get(_key(name))
        if hit is not None:
            return hit
        probe = _heuristic_key(name)
        for pattern, cls in _HEURISTICS:
            if pattern.search(probe):
                return cls
        return None

    def class_of_option(self, value: str) -> str:
        """A configured expected class: a class name, or a font name that resolves to one."""
        value = value.strip()
        if value in CLASSES:
            return value
        return self.font_class(value) or value

    def describe(self, name: str | None) -> str:
        """``方正仿宋_GBK（仿宋体）`` for messages; the class alone when the name is the class."""
        if not name:
            return "未设置字体"
        cls = self.font_class(name)
        if cls is None:
            return f"{name}（未识别的字体）"
        label = CLASS_LABELS.get(cls, cls)
        if name in (cls, label):
            return label
        return f"{name}（{label}类）"


def build(extra: Mapping[str, str] | None = None, shipped: Mapping[str, str] | None = None) -> FontTable:
    """Shipped table overlaid with the configuration's ``font-aliases`` (the unit wins)."""
    base = dict(load_shipped() if shipped is None else shipped)
    if extra:
        base.update({str(k): str(v) for k, v in extra.items()})
    return FontTable({_key(k): v.strip() for k, v in base.items() if k.strip() and str(v).strip()})


def invalid_aliases(extra: Mapping[str, object]) -> list[str]:
    """Configuration entries that cannot be used (for a configuration error that names them)."""
    bad = []
    for k, v in extra.items():
        if not isinstance(k, str) or not k.strip() or not isinstance(v, str) or not v.strip():
            bad.append(str(k))
    return bad


def label(cls: str | None) -> str:
    return CLASS_LABELS.get(cls or "", cls or "未识别字体")
