"""Structure recognition: a GB/T 9704 role for every paragraph, the genre (文种) and the format.

A 公文 is read top to bottom through its zones — 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号,
签发人), 主体 (标题, 主送机关, 正文 with 层次标题, 附件说明, 署名, 成文日期, 附注), 附件 (标识, 标题,
正文) and 版记 (抄送, 印发).  Each zone is recognised from three kinds of evidence together:

* **position** — the title is the first substantial line after the 版头; the addressee is the line
  right after the title; the signature is the short organ line right above the date;
* **pattern** — ``国发〔2012〕1号`` is a document number, ``2012年7月1日`` alone on a line a date,
  ``抄送：`` opens the 版记;
* **formatting**, when the draft is a .docx — a red or very large line at the top is the 发文机关标志,
  a centred 2号 line the title.

Patterns accept the *wrong* forms drafters write too (``宜发[2008]13号``, ``二〇〇八年九月二十六日``,
``1、``), because the role says what a paragraph *is*; whether it is well written is for the rules.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import DocFormat, Document, Genre, Paragraph, Role
from .text import DOC_NUMBER_RE, compact

# ---------------------------------------------------------------------------------------------
# Patterns (compiled once).  All are matched against the paragraph text without whitespace.

_CN_NUM = "一二三四五六七八九十"
_ZERO = "〇零OoО○0"

COPY_NUMBER_RE = re.compile(r"^(份号[：:]?)?\d{6}$")
SECRECY_RE = re.compile(r"^(绝密|机密|秘密)(★.{0,12})?$")
URGENCY_RE = re.compile(r"^(特急|加急|特提|平急)$")
SIGNER_RE = re.compile(r"^签发人[：:]")
ORDER_NUMBER_RE = re.compile(rf"^[（(]?第[\d{_CN_NUM}百零〇Xx×]*号[）)]?$")
# A template's document number still holds placeholders: XX发〔20XX〕XX号, 〔20XX〕XX号.
_X = "Xx×Ｘ"
PLACEHOLDER_NUMBER_RE = re.compile(
    rf"^([\u4e00-\u9fff{_X}A-Za-z]{{0,12}}[〔\[【(（［][\d{_X}]{{2,4}}[〕\]】)）］]第?[\d{_X}]{{0,5}}|[\[【［][^\]】］]{{1,12}}[\]】］])号"
    r"(签发人[：:].*)?$"
)
# 纪要 are numbered by issue: 〔2024〕第12期 / 第12期.
MINUTES_NUMBER_RE = re.compile(rf"^([〔\[［(（]\d{{4}}[〕\]］)）])?第[\d{_CN_NUM}百零〇]+期$")
DOC_NUMBER_LINE_RE = re.compile(r"^" + DOC_NUMBER_RE.pattern + r"(签发人[：:].*)?$")
DATE_RE = re.compile(
    rf"^(\d{{2,4}}|[{_CN_NUM}{_ZERO}]{{2,4}}|[\dXx×Ｘ]{{4}})年([\d{_CN_NUM}Xx×Ｘ]{{1,3}})月([\d{_CN_NUM}Xx×Ｘ]{{1,3}})[日号]$"
    r"|^[\[［【]?(成文)?日期[\]］】]?$"
    r"|^\d{4}[.．/\-]\d{1,2}[.．/\-]\d{1,2}$"  # 2013.11.18: a date all the same (GW103 says how to write it)
)
PRINTER_RE = re.compile(rf".+?(\d{{4}}|[{_CN_NUM}{_ZERO}]{{4}})年[\d{_CN_NUM}]{{1,3}}月[\d{_CN_NUM}]{{1,3}}日印发$")
_ISSUER_DATE_RE = re.compile(rf"^\D{{2,30}}?(\d{{4}}|[Xx×Ｘ]{{4}}|20[Xx×Ｘ]{{2}})年[\d{_CN_NUM}Xx×Ｘ]{{1,3}}月[\d{_CN_NUM}Xx×Ｘ]{{1,3}}日$")
CC_RE = re.compile(r"^抄\s*送[：:]")
ATTACHMENT_NOTE_RE = re.compile(r"^附\s*件[：:]|^附件(如文|见文|略|\d{1,2}件|[一二三四五六七八九十]件)$")
ATTACHMENT_LABEL_RE = re.compile(rf"^附\s*件\s*[\d{_CN_NUM}]{{0,3}}([（(][^）)]{{0,8}}[）)])?[：:]?$")
ATTACHMENT_ITEM_RE = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
NOTE_RE = re.compile(r"^[（(].+[）)]$")
PAGE_NUMBER_RE = re.compile(
    r"^[—－\-–一]?\s*\d{1,4}\s*[—－\-–一]?$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^共\s*\d+\s*页$"
)

HEADING_PATTERNS = (
    (Role.HEADING1, re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*[、.．，,]")),
    (Role.HEADING2, re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]")),
    (Role.HEADING3, re.compile(r"^\d{1,2}\s*(?:[.．](?!\d)|、)")),
    (Role.HEADING4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
)

GENRE_WORDS = {g.value: g for g in Genre}
GENRE_WORDS["令"] = Genre.ORDER
_GENRE_TAIL_RE = re.compile(r"(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$")
# Titles of documents issued through a 通知 that drafters still put on their own: not a 文种,
# but a title that ends with one is complete (so the next line is not its continuation).
_TITLE_END_RE = re.compile(
    r"(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|方案|办法|规定|细则|规划|"
    r"要点|计划|总结|条例|章程|规则|制度|简报|讲话|汇报|情况|说明|答复|通讯录|名单|清单|目录|标准|指南|指引)$"
)
_SENTENCE_PUNCT = "。！？；，：:;,!?"
_END_PUNCT = "。．.，,；;：:！!？?"
_ORGAN_SUFFIX_RE = re.compile(
    r"(人民政府|政府|委员会|党委|党组|委|办公厅|办公室|厅|局|部|署|院|会|办|处|室|所|中心|站|队|公司|集团|学校|大学|学院|"
    r"医院|银行|法院|检察院|单位|机关|部门|机构|街道|乡|镇|村|社区|小组|政协|人大|常委会)$"
)
_ORGAN_MARK_TAIL_RE = re.compile(r"(文件|命令|令|纪要|简报|公报)$")
# Lines a drafter pasted from a web page: they belong to no element (GW305 reports them).
_WEB_JUNK_RE = re.compile(
    r"(浏览次数|阅读次数|点击数|打印本页|关闭窗口|【字体|字号[：:]\s*[大中小]|分享到|扫一扫|责任编辑|来源[：:].{0,20}(网|报|发布)|发布时间[：:])"
)
# A 主送 line is a list of organ names; a sentence with a predicate is body text that happens
# to start with 各… and end with an organ word ("各地区要……落实责任单位。").
_PREDICATE_RE = re.compile(r"(要|应当|应该|必须|加强|落实|开展|做好|按照|根据|为了|进一步|认真|切实|确保|完成|报送|负责)")
_CLOSING_RE = re.compile(r"^(特此|此复|此致|专此|以上|妥否|当否|是否妥当|请予|请批|敬礼)")


def _unbalanced(text: str) -> bool:
    """A title line broken inside 书名号 or brackets goes on on the next line."""
    return text.count("《") > text.count("》") or text.count("（") > text.count("）")


def _heading_role(text: str) -> Role | None:
    for role, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return role
    return None


def genre_of_title(title: str) -> Genre | None:
    """The 文种 a title ends with (``关于印发《…办法》的通知`` → 通知), or None."""
    t = compact(title).rstrip("。.，,；;：:")
    m = _GENRE_TAIL_RE.search(t)
    if not m:
        return None
    word = m.group(1)
    if word == "令" and not (t.endswith("命令") or re.search(r"(人民政府|国务院|部|委员会|总局|署|行|院)令$", t) or len(t) <= 8):
        return None  # 法令, 指令 … are not the genre
    return GENRE_WORDS[word]


def _is_red(p: Paragraph) -> bool:
    colours = [r.format.color for r in p.runs if r.text.strip()]
    return bool(colours) and all(c is not None and _reddish(c) for c in colours)


def _reddish(hex_colour: str) -> bool:
    try:
        v = int(hex_colour, 16)
    except ValueError:
        return False
    r, g, b = (v >> 16) & 255, (v >> 8) & 255, v & 255
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def _max_size(p: Paragraph) -> float | None:
    sizes = [r.format.size_pt for r in p.runs if r.text.strip() and r.format.size_pt]
    return max(sizes) if sizes else None


def _names_organs(raw: str) -> bool:
    """A line of organ names (joint signatures put several on one line, spaced apart)."""
    tokens = raw.replace("\u3000", " ").split()
    return bool(tokens) and any(_ORGAN_SUFFIX_RE.search(tok) or "机关" in tok for tok in tokens)


def _short_plain(t: str, limit: int = 30) -> bool:
    return 0 < len(t) <= limit and not any(c in _SENTENCE_PUNCT for c in t)


class _Classifier:
    """Assigns roles to the body part, zone by zone."""

    def __init__(self, body: tuple[Paragraph, ...]):
        self.paras = body
        self.text = [compact(p.visible_text) for p in body]
        self.roles: list[Role] = [Role.EMPTY if not t else Role.UNKNOWN for t in self.text]
        self.title_groups: list[int | None] = [None] * len(body)
        self.nonempty = [i for i, t in enumerate(self.text) if t]
        self.letterheads: set[int] = set()  # organ names recognised by the title below them

    def _next(self, i: int) -> int | None:
        for j in self.nonempty:
            if j > i:
                return j
        return None

    # -- 版头 ------------------------------------------------------------------------------
    def head(self) -> int:
        """Classify the 版头; return the position where the 主体 starts."""
        pos = 0
        candidates = []
        for i in self.nonempty[:12]:
            t = self.text[i]
            p = self.paras[i]
            if COPY_NUMBER_RE.match(t):
                self.roles[i] = Role.COPY_NUMBER
            elif SECRECY_RE.match(t):
                self.roles[i] = Role.SECRECY
            elif URGENCY_RE.match(t):
                self.roles[i] = Role.URGENCY
            elif DOC_NUMBER_LINE_RE.match(t) or MINUTES_NUMBER_RE.match(t) or PLACEHOLDER_NUMBER_RE.match(t) or (
                ORDER_NUMBER_RE.match(t) and candidates
            ):
                self.roles[i] = Role.DOC_NUMBER
            elif not any(c.isalnum() for c in t):
                pass  # a decoration such as the red ★ of Party documents: no element, no text
            elif candidates and _ISSUER_DATE_RE.match(t):
                self.roles[i] = Role.DATE  # 纪要 head: issuing organ and date on one line
            elif SIGNER_RE.match(t):
                self.roles[i] = Role.SIGNER
            elif _WEB_JUNK_RE.search(t) and len(t) < 80:
                self.roles[i] = Role.UNKNOWN
            elif candidates and PAGE_NUMBER_RE.match(t):
                self.roles[i] = Role.PAGE_NUMBER  # 电报 head: 共1页
            elif self._looks_like_organ_mark(i):
                self.roles[i] = Role.ORGAN_MARK
                candidates.append(i)
            elif candidates and (p.in_table or p.in_textbox):
                pass  # the 电报 head is a table of fields (发电单位, 等级 …) that are no element
            else:
                break
            pos = i + 1
        # Organ-mark lines are only certain when the 版头 goes on to a document number, a red
        # rule of formatting, or the mark's own tail word (…文件); otherwise they were a title.
        has_number = any(self.roles[j] in (Role.DOC_NUMBER, Role.SIGNER) for j in range(pos))
        for i in candidates:
            t, p = self.text[i], self.paras[i]
            strong = _ORGAN_MARK_TAIL_RE.search(t) or _is_red(p) or (_max_size(p) or 0) >= 26 or i in self.letterheads
            if not (strong or has_number):
                self.roles[i] = Role.UNKNOWN
                pos = min(pos, i)
        if pos and all(self.roles[j] in (Role.UNKNOWN, Role.EMPTY) for j in range(pos)):
            return 0 if not any(_WEB_JUNK_RE.search(self.text[j]) for j in range(pos)) else pos
        return pos

    def _looks_like_organ_mark(self, i: int) -> bool:
        t, p = self.text[i], self.paras[i]
        if not _short_plain(t, 40) or "关于" in t:
            return False
        if _is_red(p) or (_max_size(p) or 0) >= 26:
            return True
        if t == "文件" or (_ORGAN_MARK_TAIL_RE.search(t) and not _TITLE_END_RE.search(t.removesuffix("文件"))):
            return True
        # An organ name directly followed by a document number (信函式 letterhead, joint marks).
        j = self._next(i)
        steps = 0
        while j is not None and self.roles[j] is Role.UNKNOWN and steps < 4:
            u = self.text[j]
            if any(r.match(u) for r in (DOC_NUMBER_LINE_RE, ORDER_NUMBER_RE, MINUTES_NUMBER_RE, PLACEHOLDER_NUMBER_RE)):
                return bool(_ORGAN_SUFFIX_RE.search(t) or _ORGAN_MARK_TAIL_RE.search(t))
            if not _short_plain(u, 40):
                break
            j = self._next(j)
            steps += 1
        # A bare organ name directly above a title (信函式 letterhead typed as plain text).
        j = self._next(i)
        if i == self.nonempty[0] and j is not None and _ORGAN_SUFFIX_RE.search(t) and len(t) <= 20:
            u = self.text[j].rstrip(_END_PUNCT)
            if len(u) <= 80 and "。" not in u and _GENRE_TAIL_RE.search(u) and not _GENRE_TAIL_RE.search(t):
                self.letterheads.add(i)
                return True
        return False

    # -- 标题 and 主送 -----------------------------------------------------------------------
    def title(self, start: int) -> int:
        """Mark the title lines from ``start``; return the position after them."""
        first = next((i for i in self.nonempty if i >= start), None)
        if first is None:
            return start
        t0 = self.text[first]
        bare = t0.rstrip(_END_PUNCT)
        if bare != t0 and "。" not in bare and len(bare) <= 80 and _GENRE_TAIL_RE.search(bare):
            # A title with end punctuation (GW109 reports it) is still the title.
            self.roles[first] = Role.TITLE
            self.title_groups[first] = 1
            return first + 1
        if t0.endswith(("：", ":")) or t0.endswith("。") or len(t0) > 80:
            return first  # no title: the draft starts with its addressee or body
        if _heading_role(t0) or ATTACHMENT_NOTE_RE.match(t0) or DATE_RE.match(t0):
            return first
        group = [first]
        joined = t0
        j = self._next(first)
        while j is not None and len(group) < 4 and (not _TITLE_END_RE.search(joined) or _unbalanced(joined)):
            t = self.text[j]
            if j - group[-1] > 1 and not self.paras[group[-1]].runs:
                break  # plain text: an empty line ends the title
            if not _short_plain(t.replace("《", "").replace("》", "").replace("“", "").replace("”", ""), 45):
                if not (t.startswith(("（", "(")) and t.endswith(("）", ")"))):
                    break
            if _heading_role(t) or self._format_differs(group[0], j):
                break
            group.append(j)
            joined += t
            j = self._next(j)
        if not _TITLE_END_RE.search(joined) and len(group) > 1:
            # Only the first line is certain; the rest did not make a complete title.
            group = group[:1]
        for i in group:
            self.roles[i] = Role.TITLE
            self.title_groups[i] = 1
        return group[-1] + 1

    def _format_differs(self, a: int, b: int) -> bool:
        pa, pb = self.paras[a], self.paras[b]
        sa, sb = _max_size(pa), _max_size(pb)
        if sa and sb and abs(sa - sb) > 0.6:
            return True
        ja, jb = pa.format.alignment, pb.format.alignment
        return bool(ja and jb and ja == "center" and jb != "center")

    def addressee(self, start: int) -> int:
        i = next((j for j in self.nonempty if j >= start), None)
        if i is None:
            return start
        t = self.text[i]
        if _heading_role(t) or ATTACHMENT_NOTE_RE.match(t) or "。" in t[:-1] or len(t) > 300:
            return i
        if t.endswith(("：", ":")) and not re.search(r"(如下|通知|报告|批复|决定|意见)[：:]$", t):
            self.roles[i] = Role.ADDRESSEE
            return i + 1
        core = re.sub(r"（[^（）]{1,20}）$", "", t.rstrip(_END_PUNCT))
        if "。" not in t[:-1] and not any(c in "；;!?！？" for c in t) and len(t) <= 150 and _ORGAN_SUFFIX_RE.search(core) \
                and not re.search(r"(如下|通知|报告|批复|决定)$", core) and not _PREDICATE_RE.search(core):
            if core.startswith("各") or "、" in core or "，" in core or len(core) <= 25:
                self.roles[i] = Role.ADDRESSEE  # the colon is missing: GW104 says so
                return i + 1
        return i

    # -- 署名, 成文日期 ------------------------------------------------------------------------
    def closing(self, start: int) -> tuple[int | None, int | None]:
        """Find the 成文日期 (and the 署名 above it); return (first signature line, date)."""
        date = None
        for i in self.nonempty:
            if i >= start and DATE_RE.match(self.text[i]):
                date = i
                break
        if date is None:
            return None, None
        self.roles[date] = Role.DATE
        sig = None
        j = date - 1
        lines = 0
        while j >= start and lines < 4:
            t = self.text[j]
            if not t:
                j -= 1
                continue
            if NOTE_RE.match(t) and "盖章" not in t:
                self.roles[j] = Role.NOTE  # a 附注 above the date: GW108 reports the order
                j -= 1
                continue
            if not _short_plain(t.replace("（盖章）", "").replace("(盖章)", ""), 40) or _CLOSING_RE.match(t):
                break
            if _heading_role(t) or ATTACHMENT_NOTE_RE.match(t) or ATTACHMENT_ITEM_RE.match(t):
                break
            if lines and not (_names_organs(self.paras[j].text) or "盖章" in t):
                break
            self.roles[j] = Role.SIGNATURE
            sig = j
            lines += 1
            j -= 1
        return sig, date

    def _signature_without_date(self, start: int, end: int) -> None:
        """The date is missing (GW101 says so) but the organ line closing the text is the 署名."""
        main = [i for i in self.nonempty if start <= i < end]
        while main and NOTE_RE.match(self.text[main[-1]]) and "盖章" not in self.text[main[-1]]:
            self.roles[main.pop()] = Role.NOTE
        if len(main) >= 2:
            last = main[-1]
            t = self.text[last]
            if self.roles[last] is Role.BODY and _short_plain(t, 30) and _ORGAN_SUFFIX_RE.search(t):
                self.roles[last] = Role.SIGNATURE

    # -- 正文 --------------------------------------------------------------------------------
    def main_text(self, start: int, end: int) -> None:
        in_note = in_attachment = False
        for i in range(start, end):
            t = self.text[i]
            if not t or self.roles[i] is not Role.UNKNOWN:
                continue
            if ATTACHMENT_NOTE_RE.match(t) and len(t) < 200:
                self.roles[i] = Role.ATTACHMENT_NOTE
                in_note = True
                continue
            if in_note and ATTACHMENT_ITEM_RE.match(t) and t.count("。") <= 1 and len(t) < 100:
                self.roles[i] = Role.ATTACHMENT_NOTE
                continue
            in_note = False
            if ATTACHMENT_LABEL_RE.match(t):
                # An attachment placed inside the main text (GW108 reports the order).
                self.roles[i] = Role.ATTACHMENT_LABEL
                in_attachment = True
                nxt = self._next(i)
                if nxt is not None and nxt < end and len(self.text[nxt]) <= 40 and "。" not in self.text[nxt]:
                    self.roles[nxt] = Role.ATTACHMENT_TITLE
                continue
            if in_attachment and not _CLOSING_RE.match(t):
                self.roles[i] = Role.ATTACHMENT_BODY
                continue
            in_attachment = False
            if _WEB_JUNK_RE.search(t) and len(t) < 80:
                continue  # stays UNKNOWN
            if CC_RE.match(t):
                self.roles[i] = Role.CC
                continue
            if PRINTER_RE.match(t):
                self.roles[i] = Role.PRINTER
                continue
            self.roles[i] = _heading_role(t) or Role.BODY

    # -- after the date: 附注, 附件, 版记 --------------------------------------------------------
    def tail(self, start: int) -> None:
        state = "after_date"
        expect_title = False
        for i in range(start, len(self.paras)):
            t = self.text[i]
            if not t or self.roles[i] is not Role.UNKNOWN:
                continue
            if CC_RE.match(t):
                self.roles[i] = Role.CC
                state = "imprint"
            elif PRINTER_RE.match(t):
                self.roles[i] = Role.PRINTER
                state = "imprint"
            elif ATTACHMENT_LABEL_RE.match(t):
                self.roles[i] = Role.ATTACHMENT_LABEL
                state, expect_title = "attachment", True
            elif expect_title and len(t) <= 60 and "。" not in t:
                self.roles[i] = Role.ATTACHMENT_TITLE
                expect_title = False
                # A two-line attachment title continues without punctuation.
                nxt = self._next(i)
                if nxt is not None and _short_plain(self.text[nxt], 40) and not _TITLE_END_RE.search(t) \
                        and _TITLE_END_RE.search(self.text[nxt]):
                    self.roles[nxt] = Role.ATTACHMENT_TITLE
            elif state == "after_date" and NOTE_RE.match(t):
                self.roles[i] = Role.NOTE
            elif re.match(r"^主\s*送[：:]", t):
                self.roles[i] = Role.ADDRESSEE  # 纪要 and long lists put the 主送 in the 版记
            elif state == "attachment":
                self.roles[i] = Role.ATTACHMENT_BODY
            elif state == "imprint":
                continues = self.roles[i - 1] is Role.CC and "。" not in self.text[i - 1]
                self.roles[i] = Role.CC if continues and not re.match(r"^\S{1,4}[：:]", t) else Role.UNKNOWN
            else:
                self.roles[i] = _heading_role(t) or Role.BODY

    def run(self) -> None:
        start = self.head()
        marks = [self.text[i] for i in range(start) if self.roles[i] is Role.ORGAN_MARK]
        if any(m.endswith(("令", "命令", "纪要")) for m in marks):
            # 命令式 and 纪要式 (GB/T 9704 10.2, 10.3): the mark stands in for the title, and
            # there is no 主送 line; the text follows the 令号 / 纪要 number directly.
            after_addr = start
        else:
            after_title = self.title(start)
            after_addr = self.addressee(after_title)
        _, date = self.closing(after_addr)
        if date is None:
            # No date: the main text runs to the first attachment label or the 版记.
            end = len(self.paras)
            for i in self.nonempty:
                if i >= after_addr and (ATTACHMENT_LABEL_RE.match(self.text[i]) or CC_RE.match(self.text[i])):
                    end = i
                    break
            self.main_text(after_addr, end)
            self._signature_without_date(after_addr, end)
            self.tail(end)
        else:
            self.main_text(after_addr, date)
            self.tail(date + 1)
        # Anything the zones left unknown before the title is a stray line (GW305).


def _classify_other(p: Paragraph, part: str) -> Role:
    t = compact(p.visible_text)
    if not t:
        return Role.EMPTY
    if part.startswith(("footer", "header")):
        if "PAGE" in p.fields or PAGE_NUMBER_RE.match(t):
            return Role.PAGE_NUMBER
        return Role.UNKNOWN
    if part in ("footnotes", "endnotes"):
        return Role.BODY
    return Role.UNKNOWN


def _genre(body: list[Paragraph]) -> Genre | None:
    title = "".join(p.text for p in body if p.role is Role.TITLE)
    if title:
        return genre_of_title(title)
    for p in body:
        if p.role is Role.ORGAN_MARK:
            t = compact(p.text)
            if t.endswith("纪要"):
                return Genre.MINUTES
            if t.endswith(("命令", "令")):
                return Genre.ORDER
    return None


def _format(body: list[Paragraph], genre: Genre | None) -> DocFormat:
    marks = [compact(p.text) for p in body if p.role is Role.ORGAN_MARK]
    numbers = [compact(p.text) for p in body if p.role is Role.DOC_NUMBER]
    if genre is Genre.ORDER or any(m.endswith(("命令", "令")) for m in marks) or any(
        ORDER_NUMBER_RE.match(n) for n in numbers
    ):
        return DocFormat.ORDER
    if genre is Genre.MINUTES or any(m.endswith("纪要") for m in marks):
        return DocFormat.MINUTES
    if genre is Genre.LETTER and not any(m.endswith("文件") for m in marks):
        return DocFormat.LETTER
    return DocFormat.FILE


def analyse(doc: Document) -> Document:
    """Return ``doc`` with roles, genre and format set (the input is not changed)."""
    parts: dict[str, tuple[Paragraph, ...]] = {}
    for name, paragraphs in doc.parts.items():
        if name == "body":
            c = _Classifier(paragraphs)
            c.run()
            parts[name] = tuple(p.with_role(r, g) for p, r, g in zip(paragraphs, c.roles, c.title_groups))
        else:
            parts[name] = tuple(p.with_role(_classify_other(p, name)) for p in paragraphs)
    body = list(parts.get("body", ()))
    genre = _genre(body)
    return replace(doc, parts=parts, genre=genre, format=_format(body, genre))
