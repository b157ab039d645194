"""Planted defects for eval_consistency.py (part b): each family plants one defect in real text (or in
a generated table, typeset as a real .docx), and keeps the unplanted twin, which must stay silent.

Families (the rule that must report, on the planted span):

* ``deadline``  GW631 — a directive deadline of a real ministry notice, with the 成文日期 moved past
  it (the draft signed late), or the deadline's year moved before the 成文日期 (copied from last
  year's notice);
* ``table``     GW621 — generated tables (flat, 小计 groups, 合计 first, a merged 合计 label, 其中
  rows, a rate column, 万元 headers and decimals) with one total changed;
* ``breakdown`` GW622 — ``共N个（甲a个，乙b个…）`` with one part changed;
* ``count``     GW623 — ``主要有以下N个方面：`` put before a real run of （一）（二）… headings, N off
  by one;
* ``order``     GW611 — a 命令 issued by a local 局/办公室/党委/企业 (and by organs that may: the
  unplanted twins);
* ``weakened``  GW641 — a draft restating articles of a national 行政法规 with one 应当 turned into
  可以, checked against an index of the 行政法规 (level higher); the twin restates them faithfully.
  And the provincial 实施办法 (``lr_*``) against the national laws they implement: every GW641
  warning printed, to read.
"""

from __future__ import annotations

import datetime
import random
import re
import tempfile
from collections import Counter
from pathlib import Path

from eval_consistency import ARCHIVE, Sample, corpus, document

from gongwen_lint import structure
from gongwen_lint.api import Linter, load_document
from gongwen_lint.config import Config
from gongwen_lint.rules._fields import signing_date
from gongwen_lint.textreader import document_from_text

PLACES = ["宜春市", "九江市", "赣州市", "吉安市", "抚州市", "上饶市", "萍乡市", "新余市", "景德镇市", "鹰潭市",
          "襄阳市", "宜昌市", "荆州市", "株洲市", "湘潭市", "衡阳市", "岳阳市", "常德市", "绵阳市", "德阳市"]
COUNTIES = ["宜丰县", "靖安县", "奉新县", "铜鼓县", "万载县", "上高县", "修水县", "武宁县", "永修县", "都昌县",
            "袁州区", "濂溪区", "章贡区", "吉州区", "临川区", "信州区", "安源区", "渝水区", "昌江区", "月湖区"]
DEPARTMENTS = ["教育局", "财政局", "自然资源和规划局", "住房和城乡建设局", "卫生健康委员会", "发展和改革委员会",
               "市场监督管理局", "交通运输局", "农业农村局", "生态环境局", "文化广电新闻出版旅游局", "城市管理局"]


class Tally:
    def __init__(self):
        self.found: Counter[str] = Counter()
        self.planted: Counter[str] = Counter()
        self.silent: Counter[str] = Counter()  # unplanted twins with no finding
        self.twins: Counter[str] = Counter()
        self.misses: list[str] = []
        self.noise: list[str] = []

    def plant(self, family: str, hit: bool, note: str) -> None:
        self.planted[family] += 1
        self.found[family] += hit
        if not hit:
            self.misses.append(f"{family}: {note}")

    def twin(self, family: str, quiet: bool, note: str) -> None:
        self.twins[family] += 1
        self.silent[family] += quiet
        if not quiet:
            self.noise.append(f"{family}: {note}")

    def print(self, show: bool) -> None:
        print("\n## (b) planted defects\n")
        print(f"{'family':10} {'planted':>8} {'found':>6} {'recall':>7} {'twins':>6} {'silent':>7}")
        for fam in self.planted:
            p, f, t, s = self.planted[fam], self.found[fam], self.twins[fam], self.silent[fam]
            print(f"{fam:10} {p:>8} {f:>6} {f / max(1, p):>7.3f} {t:>6} {s / max(1, t):>7.3f}")
        if show:
            for line in self.misses[:40]:
                print("  miss", line)
            for line in self.noise[:40]:
                print("  noise", line)


def _codes(lint: Linter, doc, code: str):
    return [d for d in lint.check_document(doc).diagnostics if d.code == code]


# --------------------------------------------------------------------------------------------
# deadline


def plant_deadlines(samples: list[Sample], tally: Tally, rng: random.Random) -> None:
    from gongwen_lint.rules import timeline

    lint = Linter(Config(select=("GW631",)))
    far = datetime.date(2100, 1, 1)
    for s in samples:
        if s.set not in ("mee", "gov_prc") or s.text is None:
            continue
        doc = structure.analyse(document(s))
        ref = signing_date(doc)
        if ref is None:
            continue
        lines = s.text.split("\n")
        date_line = next((i for i, p in enumerate(doc.body) if p.role.value == "date"), None)
        for p in timeline._text_paragraphs(doc):
            for w, kind in timeline._deadlines(p, far):
                if kind != "期限" or w.date is None or not w.explicit_year or w.date < ref:
                    continue
                # (1) the draft signed after its deadline
                late = w.date + datetime.timedelta(days=rng.randint(1, 200))
                planted = list(lines)
                planted[date_line] = f"{late.year}年{late.month}月{late.day}日"
                hits = _codes(lint, document_from_text("\n".join(planted), s.name), "GW631")
                ok = any(d.location.paragraph == p.index and d.location.start <= w.start < d.location.end + 1 for d in hits)
                tally.plant("deadline", ok, f"{s.name}:{p.index} {w.text} signed {late}")
                # (2) last year's deadline copied into this year's notice
                y = re.search(r"(?:19|20)\d{2}", w.text)
                if y and int(y.group()) >= ref.year:
                    old = str(ref.year - 1)
                    text = p.text[: w.start + y.start()] + old + p.text[w.start + y.end():]
                    planted = list(lines)
                    planted[p.index - 1] = text
                    hits = _codes(lint, document_from_text("\n".join(planted), s.name), "GW631")
                    ok = any(d.location.paragraph == p.index for d in hits)
                    tally.plant("deadline", ok, f"{s.name}:{p.index} {w.text} → {old}")
                quiet = not _codes(lint, document_from_text(s.text, s.name), "GW631")
                tally.twin("deadline", quiet, f"{s.name}:{p.index} {w.text}")
                break


# --------------------------------------------------------------------------------------------
# tables (typeset as .docx)


def _table_case(rng: random.Random) -> tuple[list[list[str]], list, tuple[int, int] | None, str]:
    """(rows, merges, the (row, col) of the total to corrupt, caption)."""
    shape = rng.choice(["flat", "subtotals", "first", "merged", "qizhong", "rate"])
    decimals = rng.choice([0, 0, 1, 2])
    fmt = (lambda v: f"{v:.{decimals}f}") if decimals else (lambda v: str(int(v)))
    unit = rng.choice(["（万元）", "（元）", "（个）", "（人）"])
    n = rng.randint(3, 9)
    names = rng.sample(COUNTIES, n)

    def value() -> float:
        return round(rng.uniform(1, 900), decimals) if decimals else float(rng.randint(1, 900))

    header = ["序号", "单位", f"金额{unit}" if "元" in unit else f"数量{unit}"]
    if shape == "rate":
        header.append("占比")
    rows = [header]
    merges = []
    vals = [value() for _ in range(n)]
    total = round(sum(vals), decimals)
    target = None
    if shape == "subtotals":
        k = rng.randint(1, n - 1)
        groups = [vals[:k], vals[k:]]
        totals = []
        for g_i, g in enumerate(groups):
            rows.append(["", "一、市本级" if g_i == 0 else "二、县（区）", ""])
            for j, v in enumerate(g):
                rows.append([str(j + 1), names[(k if g_i else 0) + j], fmt(v)])
            rows.append(["", "小计", fmt(round(sum(g), decimals))])
            totals.append(len(rows) - 1)
        rows.append(["", "合计", fmt(total)])
        totals.append(len(rows) - 1)
        target = (rng.choice(totals), 2)
    elif shape == "first":
        rows.append(["", "合计", fmt(total)])
        target = (1, 2)
        for j, v in enumerate(vals):
            rows.append([str(j + 1), names[j], fmt(v)])
    else:
        for j, v in enumerate(vals):
            row = [str(j + 1), names[j], fmt(v)]
            if shape == "rate":
                row.append(f"{100 * v / total:.1f}%")
            rows.append(row)
            if shape == "qizhong" and j == 0:
                part = round(v * rng.uniform(0.2, 0.8), decimals)
                rows.append(["", "其中：专项资金", fmt(part)])
        if shape == "merged":
            rows.append(["合计", "", fmt(total)])
            merges.append(((len(rows) - 1, 0), (len(rows) - 1, 1)))
        else:
            rows.append(["", "合计", fmt(total)] + (["100%"] if shape == "rate" else []))
        target = (len(rows) - 1, 2)
    return rows, merges, target, shape


def _corrupt(text: str, rng: random.Random) -> str:
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    v = float(text)
    delta = max(1.0, round(v * rng.uniform(0.02, 0.3))) if decimals == 0 else round(v * rng.uniform(0.02, 0.3), decimals) or 1
    v2 = v + delta * rng.choice([-1, 1])
    return f"{v2:.{decimals}f}" if decimals else str(int(v2))


def plant_tables(n: int, tally: Tally, rng: random.Random, tmp: Path) -> None:
    from docxbuild import DocxBuilder

    lint = Linter(Config(select=("GW621",)))
    for i in range(n):
        rows, merges, target, shape = _table_case(rng)
        for planted in (False, True):
            table = [list(r) for r in rows]
            if planted and target is not None:
                table[target[0]][target[1]] = _corrupt(table[target[0]][target[1]], rng)
            b = DocxBuilder()
            b.p("关于下达2024年农村公路建设资金的通知", align="center", size=22)
            b.p("各县（市、区）交通运输局：", size=16)
            b.p("现将资金分配情况通知如下。", size=16)
            b.table(table, merge=merges)
            b.p("宜春市交通运输局", size=16)
            b.p("2024年3月1日", size=16)
            path = b.save(tmp / f"table_{i}_{int(planted)}.docx")
            hits = _codes(lint, load_document(path), "GW621")
            if planted:
                tally.plant("table", any(table[target[0]][target[1]] in d.excerpt for d in hits) if hits else False,
                            f"{shape} row {target[0]}: {list(table)}")
            else:
                tally.twin("table", not hits, f"{shape}: {[d.message for d in hits]}")


# --------------------------------------------------------------------------------------------
# breakdowns, counts, orders


def plant_breakdowns(n: int, tally: Tally, rng: random.Random) -> None:
    lint = Linter(Config(select=("GW622",)))
    kinds = ["交通项目", "水利项目", "教育项目", "卫生项目", "农业项目", "文旅项目", "环保项目"]
    for _ in range(n):
        k = rng.randint(2, 5)
        parts = [rng.randint(1, 40) for _ in range(k)]
        unit = rng.choice(["个", "项", "处", "所"])
        for planted in (False, True):
            shown = list(parts)
            if planted:
                j = rng.randrange(k)
                shown[j] += rng.choice([-1, 1]) * rng.randint(1, max(1, shown[j] - 1))
                shown[j] = max(1, shown[j]) if shown[j] != parts[j] else shown[j] + 1
            items = "，".join(f"{kind}{v}{unit}" for kind, v in zip(rng.sample(kinds, k), shown))
            text = f"全年共开工建设{sum(parts)}{unit}（{items}）。"
            draft = f"关于2024年重点项目建设情况的通报\n各县（市、区）人民政府：\n{text}\n宜春市人民政府\n2024年3月1日"
            hits = _codes(lint, document_from_text(draft), "GW622")
            if planted:
                tally.plant("breakdown", bool(hits) or sum(shown) == sum(parts), text)
            else:
                tally.twin("breakdown", not hits, text)


def plant_counts(samples: list[Sample], tally: Tally, rng: random.Random) -> None:
    """Before a real run of ordinals (一、二、… or （一）（二）… or 1. 2. …), announce their number
    (right, or off by one).  One list per document."""
    from gongwen_lint.rules._ordinals import parse_ordinal

    lint = Linter(Config(select=("GW623",)))
    cn = "一二三四五六七八九十"
    for s in samples:
        if s.set not in ("gov_prc", "mee") or s.text is None:
            continue
        lines = s.text.split("\n")
        roles = [p.role.value for p in structure.analyse(document(s)).body]
        end = next((k for k, r in enumerate(roles) if r in ("signature", "date", "attachment_note", "attachment_label")), len(lines))
        for i in range(2, end - 2):
            first = parse_ordinal(lines[i + 1])
            if first is None or first.value != 1 or parse_ordinal(lines[i]) or len(lines[i]) < 8:
                continue
            seq = 0
            for ln in lines[i + 1:end]:
                o = parse_ordinal(ln)
                if o and o.level == first.level and o.value == seq + 1:
                    seq += 1
                elif (o and o.level < first.level) or (o and o.level == first.level):
                    break
            if not 2 <= seq <= 9:
                continue
            for planted in (False, True):
                n = seq + (rng.choice([-1, 1]) if planted else 0)
                n = seq + 1 if n < 2 else n
                intro = lines[i].rstrip("。：:") + f"，主要有以下{cn[n - 1]}个方面："
                text = "\n".join(lines[:i] + [intro] + lines[i + 1:])
                hits = [d for d in _codes(lint, document_from_text(text, s.name), "GW623") if d.location.paragraph == i + 1]
                if planted:
                    tally.plant("count", bool(hits), f"{s.name}:{i + 1} {n} vs {seq}")
                else:
                    tally.twin("count", not hits, f"{s.name}:{i + 1} {[d.message for d in hits]}")
            break


def plant_orders(tally: Tally, rng: random.Random) -> None:
    lint = Linter(Config(select=("GW611",)))
    bad = [rng.choice(PLACES) + d for d in DEPARTMENTS] + [rng.choice(COUNTIES) + d for d in DEPARTMENTS[:6]] + [
        rng.choice(PLACES) + "人民政府办公室", rng.choice(COUNTIES) + "人民政府办公室", "中共" + rng.choice(COUNTIES) + "委",
        rng.choice(PLACES) + "城市建设投资集团有限公司", rng.choice(PLACES) + "职业技术学院"]
    good = [p + "人民政府" for p in PLACES[:10]] + ["国务院", "财政部", "国家统计局", "交通运输部", "海关总署",
                                               PLACES[11] + "公安局", rng.choice(COUNTIES) + "人民政府"]

    def order(organ: str, rules: bool) -> str:
        body = (f"《{organ[:3]}城市绿化管理办法》已经会议审议通过，现予公布，自2024年5月1日起施行。" if rules
                else "为确保森林防火安全，自即日起至2024年4月30日，全域禁止一切野外用火。")
        return f"{organ}令\n第1号\n{body}\n负责人　张三\n2024年3月1日"

    for organ in bad:
        hits = _codes(lint, document_from_text(order(organ, True)), "GW611")
        tally.plant("order", bool(hits), organ)
    for organ in good:
        hits = _codes(lint, document_from_text(order(organ, not organ.endswith(("县人民政府", "区人民政府")))), "GW611")
        tally.twin("order", not hits, f"{organ}: {[d.message for d in hits]}")
    county = rng.choice(COUNTIES) + "人民政府"
    tally.plant("order", bool(_codes(lint, document_from_text(order(county, True)), "GW611")), county + " 公布办法")


# --------------------------------------------------------------------------------------------
# weakened restatements, against an index of the national 行政法规


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零]+条\s*")


def _index(paths: list[Path], tmp: Path) -> str:
    from gongwen_lint.index.backends import open_index
    from gongwen_lint.index.segment import RefMeta, prepare

    url = str(tmp / "laws.gwidx")
    store = open_index(url, create=True)
    docs = []
    for p in paths:
        text = p.read_text("utf-8").split("<!-- INFO END -->", 1)[-1]
        paras = [x.strip().lstrip("#").strip() for x in text.split("\n") if x.strip()]
        title = p.read_text("utf-8").split("\n", 1)[0].lstrip("# ").strip()
        docs.append(prepare(RefMeta(path=f"laws/{p.name}", title=title, level="higher"), list(enumerate(paras, 1)),
                            text.encode("utf-8"), store.params.k, store.params.w))
    store.add(docs)
    store.close()
    return url


def plant_weakened(tally: Tally, rng: random.Random, tmp: Path, show: bool, limit: int | None) -> None:
    laws = sorted((ARCHIVE / "laws").glob("xzfg_*.txt"))[: limit or None]
    url = _index(laws, tmp)
    lint = Linter(Config(select=("GW641", "GW642"), index=url))
    for p in rng.sample(laws, min(60, len(laws))):
        text = p.read_text("utf-8").split("<!-- INFO END -->", 1)[-1]
        arts = [_ARTICLE.sub("", x.strip()) for x in text.split("\n") if _ARTICLE.match(x.strip())]
        arts = [a for a in arts if 40 <= len(a) <= 200]
        shall = [a for a in arts if "应当" in a and "可以" not in a]
        if len(arts) < 3 or not shall:
            continue
        target = rng.choice(shall)
        others = [a for a in arts if a != target][:2]
        k = [m.start() for m in re.finditer("应当", target)]
        at = rng.choice(k)
        weak = target[:at] + rng.choice(["可以", "可", "原则上可以"]) + target[at + 2:]
        for planted in (False, True):
            body = others + [weak if planted else target]
            draft = "关于贯彻落实有关规定的通知\n各县（市、区）人民政府：\n" + "\n".join(body) + "\n宜春市人民政府\n2024年3月1日"
            diags = list(lint.check_document(document_from_text(draft, "<weak>")).diagnostics)
            weak_hits = [d for d in diags if d.code == "GW641"]
            if planted:
                tally.plant("weakened", any("应当" in d.message for d in weak_hits), f"{p.name}: {weak[:60]}")
            else:
                tally.twin("weakened", not weak_hits, f"{p.name}: {[d.message for d in weak_hits]}")
    lint.close()
    # Provincial 实施办法 against the national laws they implement: read every finding.
    national = [ARCHIVE / "laws" / f"lr_{i:02d}.txt" for i in (2, 4, 5, 7, 9, 11, 16, 18, 22, 25)]
    nat_dir = tmp / "national"
    nat_dir.mkdir(exist_ok=True)
    url2 = _index(national, nat_dir)
    lint2 = Linter(Config(select=("GW641", "GW642"), index=url2))
    counts: Counter[str] = Counter()
    provincial = [ARCHIVE / "laws" / f"lr_{i:02d}.txt" for i in (1, 3, 6, 8, 10, 12, 13, 14, 15, 17, 19, 20, 21, 23, 24)]
    print("\n## GW641/GW642 on provincial 实施办法 against the national laws they implement\n")
    for p in provincial:
        text = p.read_text("utf-8").split("<!-- INFO END -->", 1)[-1].strip("\n")
        doc = document_from_text(text, p.name, markdown=True)
        report = lint2.check_document(doc)
        for d in report.diagnostics:
            counts[(d.code, d.severity.value)] += 1
            if show:
                print(f"  {d.code} {d.severity.value[0]} {p.name}:{d.location.paragraph} {d.message}")
    print("  " + ", ".join(f"{c} {s}: {n}" for (c, s), n in sorted(counts.items())) + f" on {len(provincial)} documents")
    lint2.close()


def planted(limit: int | None, show: bool) -> None:
    rng = random.Random(21)
    tally = Tally()
    samples = corpus(limit)
    with tempfile.TemporaryDirectory() as tmp:
        plant_deadlines(samples, tally, rng)
        plant_tables(60 if limit is None else 12, tally, rng, Path(tmp))
        plant_breakdowns(60, tally, rng)
        plant_counts(samples, tally, rng)
        plant_orders(tally, rng)
        plant_weakened(tally, rng, Path(tmp), show, limit)
    tally.print(show)
