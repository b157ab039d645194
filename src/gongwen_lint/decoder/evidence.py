"""Candidate roles of a unit, scored from independent evidence.

Scores are on a log-odds scale against plain running text (``BODY`` ≈ 0 for a sentence): each
piece of evidence adds or takes away a few points.  A role missing from a unit's scores is
impossible for it (a line of prose is never a 成文日期).  Position in the document is the
grammar's job (:mod:`.grammar`); what is scored here is what the unit shows on its own and next
to its neighbours:

* **pattern** — ``国发〔2012〕1号``, ``2012年7月1日``, ``附件：``, ``（十四）``, ``抄送：``, a 文种 at
  the end, ``关于`` …;
* **formatting** (a .docx) — size against the document's running text, font class, centred or
  right-aligned, red, first-line indent;
* **neighbours** — an organ name with a 发文字号 below it is a 发文机关标志; a numbered item under
  ``附件：`` continues the 附件说明; ordinals in sequence are headings.

``strong`` names the roles whose evidence holds wherever the unit sits (a ``抄送：`` line is the
抄送 anywhere): only those may be decoded out of the GB/T 9704 order, and GW108 reports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import fonts, recache
from ..model import Role
from ..ordinals import parse_ordinal
from . import continuation
from . import patterns as pt
from .organs import organ_list
from .units import Profile, Unit
from .vocab import GENRE_TAIL_RE, Vocab, title_end

_PUNCT_RE = recache.compile("[" + re.escape(pt.SENTENCE_PUNCT) + "]")
_STOP_RE = recache.compile("[。！？；]")
_DECORATION_RE = recache.compile(r"^[★☆●○◆◇■□▲△▼▽·•・\-—－_=＝*＊#~～]+$")
_SIGNER_SLOT_RE = recache.compile(r"单位|机关|发文|署名|部门|政府")
_LABEL_RE = recache.compile(r"^\S{1,4}[：:]")
# 各省、市、自治区: administrative divisions name their governments in a 主送 list.
# 各项工作, 各类企业, 各方面: 各 before a measure word counts things, not organs.
HEADING_LEVELS = {1: Role.HEADING1, 2: Role.HEADING2, 3: Role.HEADING3, 4: Role.HEADING4}
_HEADINGS = frozenset(HEADING_LEVELS.values())
_CENTRED = ("center", "distribute")
_SPECIAL_FIRST = frozenset("附抄分主（(【[第")  # lines an element pattern may start
# Elements whose pattern rules out running text (a 抄送 line is never a body paragraph).
_OTHER_ELEMENTS = frozenset({Role.DOC_NUMBER, Role.CC, Role.PRINTER, Role.ATTACHMENT_NOTE, Role.SIGNER, Role.COPY_NUMBER})
_HEADING_FONT = {1: fonts.HEITI, 2: fonts.KAITI}


@dataclass(slots=True)
class Emission:
    scores: dict[Role, float]
    strong: frozenset[Role] = frozenset()
    stray: str | None = None  # why a unit is a stray line: "web", "editor", "no_text_page", None


class Scorer:
    """Scores the units of one document (document-level context computed once)."""

    def __init__(self, units: list[Unit], profile: Profile, vocab: Vocab):
        self.units = units
        self.profile = profile
        self.vocab = vocab
        self.ordinals = [parse_ordinal(u.raw, lenient=True) for u in units]
        self.punct = [bool(_PUNCT_RE.search(u.text)) for u in units]  # any sentence punctuation
        self._by_value: dict[tuple[int, int], list[int]] = {}
        for k, o in enumerate(self.ordinals):
            if o is not None:
                self._by_value.setdefault((o.level, o.value), []).append(k)
        self._numbers = [self._is_number_line(u.text) for u in units]
        first_break = next((u.k for u in units if u.page_break and u.k > 0), None)
        self.cover_end = first_break if first_break is not None and self._cover_like(first_break) else 0

    # -- document context --------------------------------------------------------------------
    @staticmethod
    def _is_number_line(t: str) -> bool:
        return bool(pt.DOC_NUMBER_LINE_RE.match(t) or pt.PLACEHOLDER_NUMBER_RE.match(t) or pt.MINUTES_NUMBER_RE.match(t))

    def _cover_like(self, end: int) -> bool:
        """Page 1 is a cover: a few short lines, no running text, and a new page after it."""
        first = self.units[:end]
        if not first or len(first) > 12:
            return False
        if any(len(u.text) > 40 or "。" in u.text for u in first):
            return False
        if any(self._numbers[u.k] or pt.COPY_NUMBER_RE.match(u.text) for u in first):
            return False  # a 版头 on a page of its own is still a 版头
        rest = self.units[end:end + 3]
        return bool(rest)

    def _big(self, u: Unit) -> bool:
        if u.size is None:
            return False
        body = self.profile.body_size or 16.0
        return u.size >= max(20.0, body + 3.5)

    def _neighbour(self, k: int, step: int) -> Unit | None:
        j = k + step
        return self.units[j] if 0 <= j < len(self.units) else None

    def _in_sequence(self, k: int) -> bool:
        """Another ordinal of the same level right before or after in value (…1, 2…)."""
        o = self.ordinals[k]
        if o is None:
            return False
        before = self._by_value.get((o.level, o.value - 1), ())
        after = self._by_value.get((o.level, o.value + 1), ())
        return any(k - 12 <= j < k for j in before) or any(k < j <= k + 12 for j in after)

    # -- the scores ----------------------------------------------------------------------------
    def emission(self, k: int) -> Emission:
        u = self.units[k]
        t = u.text
        n = len(t)
        if n > 100 and self.ordinals[k] is None and t[0] not in _SPECIAL_FIRST and "。" in t[:-1] \
                and not t[-1].isdigit() and not t.endswith("印发"):
            # running text (most of a document): no other element reads a long paragraph of sentences
            body = self._body(u, {}, set())
            return Emission({Role.BODY: body, Role.ATTACHMENT_BODY: body})
        s: dict[Role, float] = {}
        strong: set[Role] = set()
        stray = self._stray(u) if n <= 100 else None
        if stray is not None:
            kind, score = stray
            s[Role.STRAY] = score
            s[Role.UNKNOWN] = score - 3
            s[Role.BODY] = s[Role.ATTACHMENT_BODY] = score - 4
            return Emission(s, frozenset({Role.STRAY}), kind)
        first = t[:1]
        if n <= 60:
            self._head(u, s, strong)
            self._closing(u, s, strong)
        elif first in "（(":
            self._note(u, s, strong)
        if first in "抄分主" or t.endswith("印发") or (k and self.units[k - 1].text[:2] in ("抄送", "分送")):
            self._imprint(u, s, strong)
        if first == "附" or first.isdigit():
            self._attachment(u, s, strong)
        if n <= 81:
            self._title(u, s)
        if n <= 150:
            self._addressee(u, s)
        body = self._body(u, s, strong)
        s[Role.BODY] = body
        s[Role.ATTACHMENT_BODY] = max(body, -0.5) if n <= 30 and self.ordinals[k] is None else body
        if n <= 20 and pt.CLOSING_RE.match(t):
            s[Role.ATTACHMENT_BODY] = body - 2  # 特此通知 closes the main text, not an attachment
        self._misc(u, s)
        if 15 <= k < len(self.units) - 10:
            # deep inside the text a short line is text: no weak "unknown" reading (speed too)
            for r in (Role.UNKNOWN, Role.STRAY):
                if s.get(r, 0) <= -1:
                    s.pop(r, None)
        if self.cover_end and k < self.cover_end:
            s[Role.COVER] = 1.5
        self._toc(u, s)
        return Emission(s, frozenset(strong))

    def _stray(self, u: Unit) -> tuple[str, float] | None:
        kind = pt.stray_kind(u.text, u.raw)
        if kind is None:
            return None
        if kind == "web" and pt.SITE_NAME_RE.match(u.text):
            return kind, 2.0  # a site's name alone: weaker than a counter or a print button
        return kind, {"no_text_page": 6.0, "editor": 5.0, "web": 5.0}[kind]

    def _head(self, u: Unit, s: dict, strong: set) -> None:
        t = u.text
        if len(t) > 16:
            pass
        elif pt.COPY_NUMBER_RE.match(t):
            s[Role.COPY_NUMBER] = 6
            strong.add(Role.COPY_NUMBER)
        elif pt.COPY_LOOSE_RE.match(t) and u.k < 3:
            s[Role.COPY_NUMBER] = 2
        elif pt.SECRECY_RE.match(t):
            s[Role.SECRECY] = 6
            strong.add(Role.SECRECY)
        elif pt.SECRECY_LOOSE_RE.match(t):
            s[Role.SECRECY] = 4
        elif pt.URGENCY_RE.match(t):
            s[Role.URGENCY] = 6
            strong.add(Role.URGENCY)
        elif pt.URGENCY_LOOSE_RE.match(t) and u.k < 6:
            s[Role.URGENCY] = 3
        if self._numbers[u.k]:
            s[Role.DOC_NUMBER] = 6
            strong.add(Role.DOC_NUMBER)
        elif pt.ORDER_NUMBER_RE.match(t):
            s[Role.DOC_NUMBER] = 3  # 令号: only under a 命令 mark (the grammar's order head)
        if t.startswith("签发人") and pt.SIGNER_RE.match(t):
            s[Role.SIGNER] = 6
            strong.add(Role.SIGNER)
        mark = self._organ_mark(u) if u.k <= 14 else None
        if mark is not None:
            s[Role.ORGAN_MARK] = mark
        if u.k < 12 and t.endswith("日") and pt.ISSUER_DATE_RE.match(t):
            s[Role.DATE] = 3  # 纪要 head: issuing organ and date on one line

    def _organ_mark(self, u: Unit) -> float | None:
        t = u.text
        if not 2 <= len(t) <= 40 or "关于" in t or self.punct[u.k] or u.k > 14:
            return None
        if pt.DATE_RE.match(t) or self._numbers[u.k] or pt.ATTACHMENT_LABEL_RE.match(t):
            return None
        tail = pt.ORGAN_MARK_TAIL_RE.search(t)
        bare = t.removesuffix("文件")
        organ = self.vocab.names_organ(bare) or "机关" in bare or bool(pt.PLACEHOLDER_RE.search(t))
        big = (u.size or 0) >= 26
        if not (u.red or big or tail or organ):
            return None
        score = -2.0
        if u.red:
            score += 4
        if big:
            score += 3 if (u.size or 0) < 36 else 4
        if t == "文件" or (t.endswith("文件") and not title_end(bare)):
            score += 3
        elif tail and tail.group(1) in ("命令", "令"):
            score += 2.5
        elif tail:
            score += 1.5
        if organ:
            score += 1.5
        for step in range(1, 5):  # a 发文字号 (or 令号, 期号) under it
            v = self._neighbour(u.k, step)
            if v is None:
                break
            if self._numbers[v.k] or pt.ORDER_NUMBER_RE.match(v.text):
                score += 2.5
                break
            if len(v.text) > 40:
                break
        nxt = self._neighbour(u.k, 1)
        if nxt is not None and u.k == 0 and "关于" in nxt.text and self.vocab.names_organ(t):
            score += 2  # a letterhead typed above the title (信函式)
        if u.in_table and not (u.red or (u.size or 0) >= 26):
            score -= 2
        return score

    def _closing(self, u: Unit, s: dict, strong: set) -> None:
        t = u.text
        if len(t) <= 20 and pt.DATE_RE.match(t):
            s[Role.DATE] = 5 + (1 if u.right else 0)
        sig = self._signature(u)
        if sig is not None:
            s[Role.SIGNATURE] = sig
        self._note(u, s, strong)

    def _note(self, u: Unit, s: dict, strong: set) -> None:
        t = u.text
        if t[:1] in "（(" and pt.NOTE_RE.match(t) and "盖章" not in t and self.ordinals[u.k] is None:
            keyword = bool(pt.NOTE_KEYWORD_RE.search(t))
            s[Role.NOTE] = 4 if keyword else 1.5
            if keyword:
                strong.add(Role.NOTE)
        elif len(t) <= 60 and ("联系人" in t or "电话" in t):
            s[Role.NOTE] = 2

    def _signature(self, u: Unit) -> float | None:
        t = u.text.replace("（盖章）", "").replace("(盖章)", "")
        if not 2 <= len(t) <= 40 or self.punct[u.k]:
            return None
        if self.ordinals[u.k] is not None or pt.CLOSING_RE.match(t) or pt.DATE_RE.match(t):
            return None
        if pt.ATTACHMENT_NOTE_RE.match(t) or pt.ATTACHMENT_LABEL_RE.match(t) or pt.ATTACHMENT_ITEM_RE.match(t):
            return None
        score = -1.0
        tokens = u.raw.replace("\u3000", " ").split()
        if any(self.vocab.names_organ(tok) or "机关" in tok for tok in tokens) or "署名" in t:
            score += 3
        elif pt.PERSON_POST_RE.search(t) or (pt.PLACEHOLDER_RE.search(t) and _SIGNER_SLOT_RE.search(t)):
            score += 2.5
        elif "盖章" not in u.text:
            nxt = self._neighbour(u.k, 1)
            if not (u.right and nxt is not None and len(nxt.text) <= 20 and pt.DATE_RE.match(nxt.text)):
                return None  # no organ, no name: a 署名 only right above its date
        if "盖章" in u.text:
            score += 1
        if u.in_table and not u.right:
            score -= 2  # a table cell naming an organ is the table's
        if u.right:
            score += 1.5
        elif u.indent is not None and u.indent >= 1.5:
            score -= 1
        if u.size and self.profile.body_size and u.size > self.profile.body_size + 3:
            score -= 3
        return score

    def _imprint(self, u: Unit, s: dict, strong: set) -> None:
        """抄送 (and the lines it wraps onto), 印发机关和印发日期, a 主送 moved to the 版记."""
        t = u.text
        if pt.CC_RE.match(t):
            s[Role.CC] = 6
            strong.add(Role.CC)
        else:
            prev = self._neighbour(u.k, -1)
            if prev is not None and pt.CC_RE.match(prev.text) and not prev.text.endswith("。") and len(t) < 200 \
                    and not _LABEL_RE.match(t):
                s[Role.CC] = 2.5  # the 抄送 list wraps onto the next line
        if t.endswith("印发") and pt.PRINTER_RE.match(t):
            s[Role.PRINTER] = 6
            strong.add(Role.PRINTER)
        elif (u.in_table or u.in_textbox) and pt.PRINTER_LABEL_RE.match(t):
            s[Role.PRINTER] = 2  # a template's 印发机关 | 20××年×月×日印发 cells
        if pt.IMPRINT_ADDRESSEE_RE.match(t):
            s[Role.ADDRESSEE] = 4  # 纪要 and long lists put the 主送 in the 版记

    def _attachment(self, u: Unit, s: dict, strong: set) -> None:
        t = u.text
        if pt.ATTACHMENT_NOTE_RE.match(t) and len(t) < 200:
            s[Role.ATTACHMENT_NOTE] = 5
            strong.add(Role.ATTACHMENT_NOTE)
        elif pt.ATTACHMENT_ITEM_RE.match(t) and t.count("。") <= 1 and len(t) < 100:
            prev = self._neighbour(u.k, -1)
            if prev is not None and (pt.ATTACHMENT_NOTE_RE.match(prev.text) or pt.ATTACHMENT_ITEM_RE.match(prev.text)):
                s[Role.ATTACHMENT_NOTE] = 3.5
                if self._note_chain(u.k):
                    strong.add(Role.ATTACHMENT_NOTE)
        if pt.ATTACHMENT_LABEL_RE.match(t):
            bare = t in ("附件：", "附件:")  # an empty 附件说明 more likely than a label
            s[Role.ATTACHMENT_LABEL] = (3.5 if bare else 5) + (0.5 if u.page_break else 0)
            strong.add(Role.ATTACHMENT_LABEL)

    def _note_chain(self, k: int) -> bool:
        """The numbered lines above ``k`` go back to an ``附件：`` line."""
        j = k - 1
        while j >= 0 and pt.ATTACHMENT_ITEM_RE.match(self.units[j].text):
            j -= 1
        return j >= 0 and bool(pt.ATTACHMENT_NOTE_RE.match(self.units[j].text))

    def _title(self, u: Unit, s: dict) -> None:
        """标题: a 文种 or title word at the end, 关于, no sentence inside; big, centred, 小标宋."""
        t = u.text
        if _STOP_RE.search(t, 0, len(t) - 1) and "（" not in t:
            return  # a sentence inside: running text
        o = self.ordinals[u.k]
        if (o is not None and not o.ambiguous) or (t.endswith("。") and "，" in t):
            return  # a numbered item, a sentence: no title
        core = t.rstrip(pt.END_PUNCT)
        if not 1 <= len(core) <= 80 or t.endswith(("：", ":")):
            return
        inner = core.replace("（", "").replace("）", "")
        if self._numbers[u.k] or Role.DATE in s or _STOP_RE.search(inner):
            return
        if (Role.CC in s and pt.CC_RE.match(t)) or (t.startswith("附件") and pt.ATTACHMENT_NOTE_RE.match(t)) or Role.PRINTER in s:
            return
        text = 0.0
        end = title_end(t)
        if core != t and not end:
            return  # a sentence: a title ends with punctuation only by mistake, after its 文种 (GW109)
        if end and GENRE_TAIL_RE.search(end):
            text += 3
        elif end:
            text += 2
        if "关于" in t:
            text += 1.5
        if "，" in inner or "," in inner or "：" in inner:
            text -= 2
        if pt.PLACEHOLDER_RE.search(t) and ("标题" in t or "关于" in t):
            text += 2
        if core != t:
            text -= 0.5  # end punctuation: still the title (GW109)
        o = self.ordinals[u.k]
        if o is not None and not o.ambiguous:
            text -= 4
        if pt.CHAPTER_RE.match(t) or pt.ARTICLE_RE.match(t):
            text -= 3
        if not end and "关于" not in t and len(core) <= 8:
            text -= 1
        look = self._title_look(u)
        s[Role.TITLE] = text + look
        s[Role.ATTACHMENT_TITLE] = text + look
        prev = self._neighbour(u.k, -1)
        if prev is not None and pt.ATTACHMENT_LABEL_RE.match(prev.text) and len(core) <= 60:
            # the line under 附件1 is its title, however a draft formats it
            s[Role.ATTACHMENT_TITLE] = text + max(look, 0) / 2 + 3

    def _title_look(self, u: Unit) -> float:
        """How much a unit looks like a title: big, centred, 小标宋; not red (the mark is)."""
        look = 0.0
        if self.profile.formatted and u.size is not None:
            big = self._big(u)
            if big:
                look += 2.5
            if u.centred:
                look += 1.5
            if u.font == fonts.XIAOBIAOSONG:
                look += 1
            if not big and not u.centred:
                look -= 3
            if u.indent is not None and u.indent >= 1.5:
                look -= 1.5
        if u.red:
            look -= 3
        return look

    def _addressee(self, u: Unit, s: dict) -> None:
        t = u.text
        if pt.IMPRINT_ADDRESSEE_RE.match(t):
            return  # scored with the 版记
        if len(t) > 150 or "。" in t[:-1] or self.ordinals[u.k] is not None or (len(t) > 60 and t.endswith("。")):
            return
        colon = t.endswith(("：", ":"))
        if not colon and ((len(t) > 40 and "、" not in t and "，" not in t and "," not in t) or pt.PREDICATE_RE.search(t)):
            return  # a long line without a colon lists no organs, nor does a sentence
        if Role.ATTACHMENT_NOTE in s or Role.CC in s or Role.DATE in s:
            return
        score: float | None = None
        organs = organ_list(self.vocab, t)
        if t.endswith(("：", ":")) and not pt.LEAD_IN_RE.search(t):
            organs = organs or organ_list(self.vocab, t, loose=True)
            if organs or pt.SALUTATION_RE.search(t) or pt.PLACEHOLDER_RE.search(t) or "主送" in t:
                score = 4.0
            elif len(t) <= 12 and not any(c.isdigit() for c in t):
                score = 0.5
        elif pt.SALUTATION_RE.match(t) and len(t) <= 40 and not any(c in "，；。" for c in t):
            score = 2.5  # 尊敬的…  without its colon
        elif organs and not any(c in "；;!?！？" for c in t):
            core = organs
            if core.startswith(("各", "本", "市", "县", "省", "区")) or "、" in core or "，" in core or len(core) <= 25:
                score = 2.5  # the colon is missing: GW104 says so
            else:
                score = 1.0
        elif t.endswith(("。", "，", ",")) and organs is None:
            core = t[:-1]
            # A 主送 typed with a period instead of its colon is a short list of names; a sentence
            # that reports (取得了显著成效) is body text whatever its first words.
            if len(core) <= 40 and "了" not in core and organ_list(self.vocab, core + "：") is not None:
                score = 2.5
        if score is None:
            return
        if u.indent is not None and u.indent >= 1.5:
            score -= 1.5
        if u.centred or (u.size and self.profile.body_size and u.size > self.profile.body_size + 3):
            score -= 2.5
        s[Role.ADDRESSEE] = score

    def _body(self, u: Unit, s: dict, strong: set) -> float:
        t = u.text
        o = self.ordinals[u.k]
        score = 0.0
        if len(t) <= 15 and not self.punct[u.k]:
            score -= 1
        if o is not None:
            level = o.level
            h = 3.0 if not o.ambiguous else 0.0
            if _HEADING_FONT.get(level) and u.font == _HEADING_FONT[level]:
                h += 1
            if self._in_sequence(u.k):
                h += 1 if not o.ambiguous else 2
            if o.ambiguous and len(t) <= 30 and not self.punct[u.k]:
                h += 1
            s[HEADING_LEVELS[level]] = h
            if not o.ambiguous:
                score -= 2.5
        elif t[:1] == "第" and len(t) <= 30 and "。" not in t:
            if pt.CHAPTER_RE.match(t):
                s[Role.HEADING1] = 3
                score -= 2.5
            elif pt.SECTION_RE.match(t):
                s[Role.HEADING2] = 3
                score -= 2.5
        if u.align in _CENTRED and u.size is not None and self.profile.formatted:
            score -= 3 if self._big(u) else 1
        if u.red:
            score -= 2
        if strong:
            if not strong.isdisjoint(_OTHER_ELEMENTS):
                score -= 4
            elif Role.DATE in s or Role.ATTACHMENT_LABEL in s:
                score -= 3
        elif Role.DATE in s or Role.ATTACHMENT_LABEL in s:
            score -= 3
        return score

    def _misc(self, u: Unit, s: dict) -> None:
        t = u.text
        if len(t) <= 12 and pt.PAGE_NUMBER_RE.match(t) and not u.in_table and not t.isdigit():
            s[Role.PAGE_NUMBER] = 2  # — 1 —, 共1页 typed in the text; a bare figure is a figure
        if _DECORATION_RE.match(t):
            s[Role.UNKNOWN] = 1.0  # a decoration such as the red ★ of Party documents
        elif Role.DATE in s:
            s[Role.UNKNOWN] = -6.0  # a date where no 成文日期 can be is text (a meeting's date)
        elif pt.PROMPT_RE.match(t):
            s[Role.UNKNOWN] = 1.0  # Word's empty content control: 单击或点击此处输入文字。
        elif len(t) <= 30 and "。" not in t and "；" not in t:
            s[Role.UNKNOWN] = -3.0 if not (u.in_table or u.in_textbox) else -1.5
            s[Role.STRAY] = -4.0
        else:
            s[Role.UNKNOWN] = -8.0

    def _toc(self, u: Unit, s: dict) -> None:
        """目录 and its lines (a leader and a page number, Word's TOC styles and PAGEREF fields):
        a line of a table of contents is not the heading it names."""
        t = u.text
        score = None
        if len(t) <= 3 and pt.TOC_HEAD_RE.match(t):
            score = 5.0
        elif u.style.startswith("toc") or "PAGEREF" in u.p.fields or (t[-1:].isdigit() and pt.TOC_LINE_RE.search(t)):
            score = 4.0
        elif "\t" in u.raw and len(t) <= 60 and u.raw.rstrip().split("\t")[-1].isdigit():
            score = 2.0
        if score is None:
            return
        s[Role.TOC] = score
        for r in _HEADINGS | {Role.TITLE}:
            if r in s:
                s[r] -= 4

    # -- grammar hooks ---------------------------------------------------------------------------
    def flags(self, k: int, e: Emission) -> frozenset[str]:
        """Unit properties some grammar positions require (see ``grammar.Position.requires``)."""
        t = self.units[k].text
        out = set()
        if Role.ORGAN_MARK in e.scores:
            if t.endswith(("命令", "令")):
                out.add("order_mark")
            if t.endswith("纪要"):
                out.add("minutes_mark")
        if pt.ISSUER_DATE_RE.match(t):
            out.add("issuer_date")
        if e.scores.get(Role.TITLE, -9) >= 1.5:
            out.add("issued_title")
        u = self.units[k]
        if u.page_break and self._title_look(u) >= 4 and e.scores.get(Role.TITLE, -9) >= 3:
            out.add("page_title")
        if pt.IMPRINT_ADDRESSEE_RE.match(t):
            out.add("imprint_addressee")
        if len(t) <= 30 and "。" not in t and "；" not in t and "，" not in t:
            out.add("short_line")
        return frozenset(out)

    def pair_cost(self, position: str, k: int) -> float:
        """Cost of unit ``k`` holding the same element as unit ``k - 1`` (both in ``position``):
        :func:`.continuation.pair_cost`."""
        return continuation.pair_cost(self.units, position, k)
