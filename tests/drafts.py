"""Realistic drafts built at test time from text in ``tests/fixtures/`` (no ``../shared`` needed).

``yichun_docx`` types the 2008 宜春 notice (``tests/fixtures/yichun_2008.txt``, the policy
document behind the project, as published on the web) into Word the way a drafter would: the
document number centred, the pasted web line ``第一足球网`` left as it came (仿宋 16 pt, flush
left), both two-line titles in 方正小标宋 22 pt centred, the 主送 line flush left without its colon,
正文 in 仿宋_GB2312 16 pt with a two-character first-line indent, 一级标题 in 黑体, the 成文日期
right-aligned, the 实施意见 printed after the date (the usual layout of a 印发 notice), and a PAGE
field in the footer.  The text keeps every defect of the original (half-width punctuation,
``二OO八年``, ``宜发[2008]13号``, a repeated item 6, an empty ``附件:``).
"""

from __future__ import annotations

from pathlib import Path

from docxbuild import PAGE_FIELD, DocxBuilder, para, run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
YICHUN_TXT = FIXTURES / "yichun_2008.txt"

_BODY_FONT = "仿宋_GB2312"
_TITLE_FONT = "方正小标宋简体"


def yichun_lines() -> list[str]:
    return YICHUN_TXT.read_text(encoding="utf-8").splitlines()


def yichun_docx(path: str | Path) -> Path:
    """Write the drafter's .docx of the 宜春 notice to ``path`` and return it."""
    lines = yichun_lines()
    b = DocxBuilder()
    b.page(width=210, height=297, top=37, bottom=35, left=28, right=26)
    body = dict(font=_BODY_FONT, size=16)
    title = dict(font=_TITLE_FONT, size=22, align="center")
    b.p(lines[0], align="center", **body)           # 宜府办发〔2008〕71号
    b.p(lines[1], **body)                            # 第一足球网 (pasted with the text)
    b.p(lines[2], **title)                           # 关于印发《…关于贯彻
    b.p(lines[3], **title)                           # 宜发〔 2008〕13号文件的实施意见》的通知
    b.p(lines[4], **body)                            # 本办各科 (办、室、队、中心)
    b.p(lines[5], first_line_chars=200, **body)      # 经研究,现将…印发给你们
    b.p(lines[6], align="right", **body)             # 二OO八年九月二十六日
    b.p(lines[7], **title)                           # 宜春市政府办公室关于贯彻
    b.p(lines[8], **title)                           # 宜发〔2008〕13号文件的实施意见
    for line in lines[9:]:
        if line[:1] in "一二三四五六七八九十" and line[1:2] == "、":
            b.p(line, first_line_chars=200, font="黑体", size=16)
        else:
            b.p(line, first_line_chars=200, **body)
    b.footer(para(run("— ", font="宋体", size=14), PAGE_FIELD, run(" —", font="宋体", size=14), align="right"))
    return b.save(path)
