"""Recall and false alarms of the element and genre rules (GW1xx, GW6xx) on real documents.

Why: the targets of issue 3 — ≥ 0.9 of planted element/genre defects found at the right
paragraph, ≤ 0.2 error/warning findings per correctly made document — can only be measured on
whole drafts with known truth.  ``make_documents`` rebuilds correct State Council documents;
this script

1. checks them as they are (false alarms per document; also the 请示 and 报告 variants built
   from them, and the "faithful" archive text, whose Chinese-numeral dates are true findings),
2. plants one defect at a time (missing 发文字号, [] brackets, Chinese-numeral date, 主送 without
   colon, 请示 ending 特此报告, 报告 with 妥否请批示 …) and checks that the expected rule fires at
   the expected paragraph.

Run: ``python eval/eval_elements.py [--count N] [--docx N] [-v]``.  Prints recall per rule and
per defect, and false alarms per rule.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_documents import Draft, Line, drafts_from_corpus, write_docx, write_txt

from gongwen_lint.api import Linter
from gongwen_lint.config import Config

SELECT = ("GW1", "GW6")


# ---------------------------------------------------------------------------------------------
# Variants: the same real document as an upward 请示 / 报告 (correct)


def _retitle(d: Draft, genre: str) -> str:
    t = re.sub(r"(的)?(通知|批复|决定|意见|通报|函)$", "", d.title)
    t = re.sub(r"^国务院(办公厅)?(关于)?", "", t)
    t = re.sub(r"^(印发|转发|批转)", "", t)
    return f"国家发展改革委关于{t}的{genre}"


def as_upward(d: Draft, genre: str) -> Draft:
    """A correct 上行文 built around the document's body: 签发人, one addressee, a fitting closing."""
    e = copy.deepcopy(d)
    e.name = f"{d.name}_{genre}"
    e.genre, e.format = genre, "文件式"
    lines: list[Line] = []
    for ln in e.lines:
        if ln.role == "organ_mark":
            lines.append(Line("organ_mark", "国家发展和改革委员会文件"))
        elif ln.role == "doc_number":
            year = re.search(r"〔(\d{4})〕", ln.text).group(1)
            lines.append(Line("doc_number", f"发改办〔{year}〕12号\u3000\u3000签发人：张三"))
        elif ln.role == "title":
            e.title = _retitle(d, genre)
            lines.append(Line("title", e.title))
        elif ln.role == "addressee":
            lines.append(Line("addressee", "国务院："))
        elif ln.role == "signature":
            lines.append(Line("signature", "国家发展和改革委员会"))
        elif ln.role in ("cc", "printer", "note"):
            continue
        else:
            text = re.sub(r"特此(通知|批复|通报)。?", "", ln.text)  # the original genre's closing
            if text.strip() or not ln.text:
                lines.append(Line(ln.role, text))
    last_body = max(i for i, ln in enumerate(lines) if ln.role in ("body", "heading1", "heading2", "heading3", "heading4"))
    closing = "妥否，请批示。" if genre == "请示" else "特此报告。"
    lines.insert(last_body + 1, Line("body", closing))
    date_i = next(i for i, ln in enumerate(lines) if ln.role == "date")
    if genre == "请示":
        lines.insert(date_i + 1, Line("note", "（联系人：李四，电话：010-68501234）"))
    e.lines = lines
    return e


# ---------------------------------------------------------------------------------------------
# Planted defects


@dataclass
class Planted:
    defect: str
    code: str
    draft: Draft
    lo: int  # expected paragraph range (1-based, inclusive)
    hi: int
    excerpt: str | None = None  # a substring the finding's excerpt must overlap (None: missing element)


def _idx(d: Draft, role: str) -> int | None:
    return d.index_of(role)


def _copy(d: Draft, suffix: str) -> Draft:
    e = copy.deepcopy(d)
    e.name = f"{d.name}__{suffix}"
    return e


def _body_indexes(d: Draft) -> list[int]:
    return [i for i, ln in enumerate(d.lines) if ln.role == "body" and len(ln.text) > 20]


def _missing(d: Draft, role: str, defect: str, code: str = "GW101") -> Planted | None:
    i = _idx(d, role)
    if i is None:
        return None
    e = _copy(d, defect)
    del e.lines[i - 1]
    # The element belongs between its neighbours: accept any paragraph from the previous
    # non-empty line to the next non-empty one.
    lo = max(k for k in range(1, i) if e.lines[k - 1].text) if i > 1 else 1
    hi = next((k for k in range(i, len(e.lines) + 1) if e.lines[k - 1].text), len(e.lines))
    return Planted(defect, code, e, lo, hi)


def _replace(d: Draft, role: str, defect: str, code: str, fn) -> Planted | None:
    i = _idx(d, role)
    if i is None:
        return None
    e = _copy(d, defect)
    old = e.lines[i - 1].text
    new, excerpt = fn(old)
    if new is None or new == old:
        return None
    e.lines[i - 1].text = new
    return Planted(defect, code, e, i, i, excerpt)


def _cn_date(s: str, zero: str = "〇") -> str:
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s)
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        if n < 10:
            return digits[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")

    year = "".join(digits[int(c)] for c in m.group(1)).replace("〇", zero)
    return f"{year}年{small(int(m.group(2)))}月{small(int(m.group(3)))}日"


def plant_all(d: Draft, rng: random.Random) -> list[Planted]:
    out: list[Planted | None] = []
    # GW101 missing elements
    out.append(_missing(d, "doc_number", "缺发文字号"))
    out.append(_missing(d, "date", "缺成文日期"))
    out.append(_missing(d, "signature", "缺署名"))
    out.append(_missing(d, "title", "缺标题"))
    if d.genre in ("批复", "函") and _idx(d, "addressee"):
        out.append(_missing(d, "addressee", "缺主送（批复或函）"))
    # GW102
    brackets = rng.choice([("[", "]"), ("【", "】"), ("（", "）"), ("(", ")"), ("［", "］")])
    out.append(_replace(d, "doc_number", "发文字号括号", "GW102",
                        lambda t: (t.replace("〔", brackets[0]).replace("〕", brackets[1]), t.replace("〔", brackets[0]).replace("〕", brackets[1]))))
    out.append(_replace(d, "doc_number", "发文字号加第", "GW102", lambda t: (re.sub(r"〕(\d)", r"〕第\1", t), "第")))
    out.append(_replace(d, "doc_number", "发文字号虚位", "GW102", lambda t: (re.sub(r"〕(\d)", r"〕0\1", t), "0")))
    out.append(_replace(d, "doc_number", "发文字号两位年份", "GW102", lambda t: (re.sub(r"〔\d\d(\d\d)〕", r"〔\1〕", t), "〔")))
    bodies = _body_indexes(d)
    if bodies:
        k = rng.choice(bodies)
        e = _copy(d, "正文引用文号括号")
        cited = f"宜发{brackets[0]}2008{brackets[1]}13号"
        txt = e.lines[k].text
        cut = txt.find("。") + 1 or len(txt)
        e.lines[k].text = txt[:cut] + f"按照宜昌市人民政府{cited}文件要求执行。" + txt[cut:]
        out.append(Planted("正文引用文号括号", "GW102", e, k + 1, k + 1, cited))
    # GW103
    date_i = _idx(d, "date")
    if date_i:
        dt = d.lines[date_i - 1].text
        if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", dt):
            zero = rng.choice(["〇", "O", "○"])
            out.append(_replace(d, "date", f"汉字日期({zero})", "GW103", lambda t: (_cn_date(t, zero), _cn_date(t, zero))))
            out.append(_replace(d, "date", "日期虚位", "GW103",
                                lambda t: (re.sub(r"年(\d{1,2})月(\d{1,2})日", lambda m: f"年{int(m.group(1)):02d}月{int(m.group(2)):02d}日", t), "年")
                                if re.search(r"年\d月|月\d日", t) else (None, None)))
            out.append(_replace(d, "date", "无效日期", "GW103", lambda t: (re.sub(r"年\d{1,2}月\d{1,2}日", "年2月30日", t), "2月30日")))
            out.append(_replace(d, "date", "点分日期", "GW103", lambda t: (re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日", r"\1.\2.\3", t), ".")))
            out.append(_replace(d, "date", "日期早于文号年份", "GW103", lambda t: (re.sub(r"^(\d{4})", lambda m: str(int(m.group(1)) - 1), t), "年")))
    # GW104
    out.append(_replace(d, "addressee", "主送缺冒号", "GW104", lambda t: (t.rstrip("："), t.rstrip("：")[-1:])))
    out.append(_replace(d, "addressee", "主送半角冒号", "GW104", lambda t: (t.rstrip("：") + ":", ":")))
    out.append(_replace(d, "addressee", "主送以句号结尾", "GW104", lambda t: (t.rstrip("：") + "。", "。")))
    # GW105/GW106/GW108: attachments
    out.extend(_attachment_defects(d))
    # GW107
    out.append(_replace(d, "cc", "抄送缺句号", "GW107", lambda t: (t.rstrip("。"), t.rstrip("。")[-1:])))
    out.append(_replace(d, "cc", "抄送半角冒号", "GW107", lambda t: (t.replace("抄送：", "抄送:"), ":")))
    # GW108: note before date
    note_i = _idx(d, "note")
    if note_i and date_i and note_i == date_i + 1:
        e = _copy(d, "附注在日期前")
        e.lines[date_i - 1], e.lines[note_i - 1] = e.lines[note_i - 1], e.lines[date_i - 1]
        out.append(Planted("附注在日期前", "GW108", e, date_i, note_i, None))
    # GW109
    out.append(_replace(d, "title", "标题句号", "GW109", lambda t: (t + "。", "。")))
    if d.genre == "通知" and re.search(r"(转发|印发)", d.title):
        out.append(_replace(d, "title", "通知的通知", "GW109",
                            lambda t: (t[:-3] + "的通知的通知", "通知") if t.endswith("的通知") and not t.endswith("通知的通知") else (None, None)))
    # GW110
    e = _copy(d, "紧急程度")
    e.lines.insert(0, Line("urgency", "紧急"))
    out.append(Planted("紧急程度“紧急”", "GW110", e, 1, 1, "紧急"))
    e = _copy(d, "保密期限")
    e.lines.insert(0, Line("secrecy", "机密★一年"))
    out.append(Planted("保密期限汉字", "GW110", e, 1, 1, "一年"))
    # GW601
    out.append(_replace(d, "title", "非法定文种", "GW601",
                        lambda t: (re.sub(r"的(通知|批复|决定|意见|通报|函)$", "的实施方案", t), "方案") if re.search(r"的(通知|批复|决定|意见|通报|函)$", t) else (None, None)))
    # GW607
    if bodies:
        k = bodies[0]
        e = _copy(d, "引用废止办法")
        e.lines[k].text = "根据《国家行政机关公文处理办法》有关规定，" + e.lines[k].text
        out.append(Planted("引用已废止的公文处理办法", "GW607", e, k + 1, k + 1, "国家行政机关公文处理办法"))
    return [p for p in out if p is not None]


def _attachment_defects(d: Draft) -> list[Planted]:
    """Give the document two attachments (correct), then break them one way at a time."""
    date_i = _idx(d, "date")
    sig_i = _idx(d, "signature")
    if not date_i or not sig_i:
        return []
    names = ["重点任务分工表", "有关单位联系人名单"]
    base = _copy(d, "附件")
    k = sig_i - 1  # insert the 附件说明 before the blank line above the 署名
    while k > 0 and not base.lines[k - 1].text:
        k -= 1
    note = [Line("empty", ""), Line("attachment_note", f"附件：1. {names[0]}"), Line("attachment_note", f"2. {names[1]}")]
    base.lines[k:k] = note
    tail_at = next((i for i, ln in enumerate(base.lines) if ln.role in ("cc", "printer")), len(base.lines))
    block = []
    for n, name in enumerate(names, 1):
        block += [Line("attachment_label", f"附件{n}"), Line("empty", ""), Line("attachment_title", name), Line("empty", ""),
                  Line("attachment_body", f"{name}的具体内容另行印发。"), Line("empty", "")]
    base.lines[tail_at:tail_at] = block
    out = []
    note1 = base.index_of("attachment_note")
    out.append(_replace(base, "attachment_note", "附件序号1、", "GW105", lambda t: (t.replace("1. ", "1、"), "1、")))
    out.append(_replace(base, "attachment_note", "附件名称后加句号", "GW105", lambda t: (t + "。", "。")))
    e = _copy(base, "附件如文")
    e.lines[note1 - 1].text = "附件如文"
    del e.lines[note1]
    out.append(Planted("附件如文", "GW105", e, note1, note1, "附件如文"))
    # GW106: a title that does not match its note entry
    e = _copy(base, "附件标题不一致")
    titles = [i for i, ln in enumerate(e.lines, 1) if ln.role == "attachment_title"]
    e.lines[titles[1] - 1].text = "有关单位及联系人名单"
    out.append(Planted("附件标题与说明不一致", "GW106", e, titles[1] - 2, titles[1], None))
    # GW108: 附件说明 after the date
    e = _copy(base, "附件说明在日期后")
    moved = e.lines[note1 - 1: note1 + 1]
    del e.lines[note1 - 1: note1 + 1]
    di = e.index_of("date")
    e.lines[di:di] = moved
    out.append(Planted("附件说明在日期后", "GW108", e, di + 1, di + 2, None))
    # and the correct base itself is checked for false alarms by the caller
    return [p for p in out if p is not None]


def plant_upward(req: Draft, rep: Draft) -> list[Planted]:
    out: list[Planted | None] = []
    # 请示
    last_body = max(i for i, ln in enumerate(req.lines, 1) if ln.text in ("妥否，请批示。",))
    out.append(_replace(req, "addressee", "请示多头主送", "GW605", lambda t: ("国务院、国家发展改革委：", "国务院")))
    out.append(_replace(req, "addressee", "请示主送领导个人", "GW605", lambda t: ("李强总理：", "总理")))
    e = _copy(req, "请示特此报告")
    e.lines[last_body - 1].text = "特此报告。"
    out.append(Planted("请示结束语特此报告", "GW604", e, last_body, last_body, "特此报告"))
    e = _copy(req, "请示缺签发人")
    i = e.index_of("doc_number")
    e.lines[i - 1].text = re.sub(r"\s*签发人：.*$", "", e.lines[i - 1].text)
    out.append(Planted("请示缺签发人", "GW101", e, i - 1, i + 1, None))
    e = _copy(req, "请示一文多事")
    ti = e.index_of("title")
    e.lines[ti - 1].text = "国家发展改革委关于申请专项建设资金和增加人员编制的请示"
    out.append(Planted("请示一文多事（标题）", "GW603", e, ti, ti, None))
    e = _copy(req, "请示缺联系人")
    ni = e.index_of("note")
    del e.lines[ni - 1]
    out.append(Planted("请示缺联系人（info）", "GW606", e, ni - 1, ni, None))
    # 报告
    closing = max(i for i, ln in enumerate(rep.lines, 1) if ln.text == "特此报告。")
    e = _copy(rep, "报告夹带请示")
    e.lines[closing - 1].text = "以上报告如无不妥，请予批准。"
    out.append(Planted("报告夹带请示事项", "GW602", e, closing, closing, "请予批准"))
    e = _copy(rep, "报告妥否请批示")
    e.lines[closing - 1].text = "妥否，请批示。"
    out.append(Planted("报告以妥否请批示结尾", "GW602", e, closing, closing, "请批示"))
    out.append(_replace(rep, "title", "请示报告", "GW602", lambda t: (t[:-2] + "请示报告", "请示报告")))
    out.append(_replace(rep, "addressee", "报告多头主送", "GW605", lambda t: ("国务院，国务院办公厅：", "国务院")))
    return [p for p in out if p is not None]


# ---------------------------------------------------------------------------------------------
# Checking


def check(linter: Linter, d: Draft, tmp: Path, kind: str):
    path = tmp / (re.sub(r"[/\\\s]", "_", d.name) + f".{kind}")
    (write_txt if kind == "txt" else write_docx)(d, path)
    report = linter.check_file(path)
    path.unlink()
    if report.error:
        raise RuntimeError(f"{d.name}: {report.error}")
    return report.diagnostics


def hit(planted: Planted, diagnostics) -> bool:
    for x in diagnostics:
        if x.code != planted.code or not (planted.lo <= x.location.paragraph <= planted.hi):
            continue
        if planted.excerpt is None or planted.excerpt in x.excerpt or (x.excerpt and x.excerpt in planted.excerpt):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="要素与文种规则评测：植入缺陷的召回率、正确公文的误报")
    ap.add_argument("--count", type=int, default=None, help="documents from the corpus (default: all that parse)")
    ap.add_argument("--docx", type=int, default=15, help="of them, also check this many as .docx")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    linter = Linter(Config(select=SELECT))
    drafts = drafts_from_corpus(count=args.count)
    faithful = {d.name: d for d in drafts_from_corpus(count=args.count, modernize=False)}

    fa = Counter()  # (code, severity) on correct documents
    fa_docs = Counter()
    found, planted_n = Counter(), Counter()
    by_defect_found, by_defect_n = Counter(), Counter()
    misses: list[str] = []
    faithful_true = Counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n, d in enumerate(drafts):
            kinds = ["txt", "docx"] if n < args.docx else ["txt"]
            req, rep = as_upward(d, "请示"), as_upward(d, "报告")
            for kind in kinds:
                for base in (d, req, rep):
                    fa_docs[kind] += 1
                    for x in check(linter, base, tmp, kind):
                        fa[(x.code, x.severity.value, kind)] += 1
                        if args.verbose and x.severity.value != "info":
                            print(f"  FA {base.name}.{kind} {x.code} ¶{x.location.paragraph} {x.message}")
                for p in plant_all(d, rng) + plant_upward(req, rep):
                    key = (p.code, kind)
                    planted_n[key] += 1
                    by_defect_n[(p.defect, kind)] += 1
                    diags = check(linter, p.draft, tmp, kind)
                    if hit(p, diags):
                        found[key] += 1
                        by_defect_found[(p.defect, kind)] += 1
                    else:
                        got = [(x.code, x.location.paragraph, x.excerpt) for x in diags if x.code == p.code]
                        misses.append(f"{p.draft.name}.{kind} {p.defect}: expected {p.code} ¶{p.lo}-{p.hi} got {got[:3]}")
            f = faithful.get(d.name)
            if f is not None:
                for x in check(linter, f, tmp, "txt"):
                    faithful_true[(x.code, x.severity.value)] += 1

    print(f"documents: {len(drafts)} (txt), {min(args.docx, len(drafts))} also as docx; each also as a 请示 and a 报告")
    print("\n== recall of planted defects (found at the right paragraph / planted)")
    codes = sorted({c for c, _ in planted_n})
    for kind in ("txt", "docx"):
        tot_f = sum(v for (c, k), v in found.items() if k == kind)
        tot_n = sum(v for (c, k), v in planted_n.items() if k == kind)
        if not tot_n:
            continue
        print(f"[{kind}] overall {tot_f}/{tot_n} = {tot_f / tot_n:.3f}")
        for c in codes:
            if planted_n[(c, kind)]:
                print(f"  {c}: {found[(c, kind)]}/{planted_n[(c, kind)]} = {found[(c, kind)] / planted_n[(c, kind)]:.3f}")
    print("\n== recall per defect (txt)")
    for (defect, kind), n in sorted(by_defect_n.items()):
        if kind == "txt":
            print(f"  {defect}: {by_defect_found[(defect, kind)]}/{n}")
    print("\n== findings on correct documents (per document)")
    for kind in ("txt", "docx"):
        ndocs = fa_docs[kind]
        if not ndocs:
            continue
        ew = sum(v for (c, s, k), v in fa.items() if k == kind and s in ("error", "warning"))
        info = sum(v for (c, s, k), v in fa.items() if k == kind and s == "info")
        print(f"[{kind}] {ndocs} documents: error+warning {ew} ({ew / ndocs:.3f}/doc), info {info}")
        per = defaultdict(int)
        for (c, s, k), v in fa.items():
            if k == kind:
                per[(c, s)] += v
        for (c, s), v in sorted(per.items()):
            print(f"  {c} {s}: {v} ({v / ndocs:.3f}/doc)")
    print("\n== archive text as issued (--faithful; pre-2012 dates in Chinese numerals are true findings)")
    for (c, s), v in sorted(faithful_true.items()):
        print(f"  {c} {s}: {v}")
    if misses:
        print(f"\n== misses ({len(misses)})")
        for m in misses[: 40 if not args.verbose else None]:
            print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
