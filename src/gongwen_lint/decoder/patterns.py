"""Text patterns of the elements, matched against a unit's compact text (no whitespace).

They accept the *wrong* forms drafters write too (``宜发[2008]13号``, ``二〇〇八年九月二十六日``,
``1、``), because a pattern says what a line *is*; whether it is well written is for the rules.
Template forms count as well (``机关代字〔20××〕×号``, ``20××年×月×日``, ``[此处输入主送机关]：``).
"""

from __future__ import annotations

import re

from .. import recache
from ..relead import lookahead_first
from ..text import DOC_NUMBER_RE

_CN_NUM = "一二三四五六七八九十"
_ZERO = "〇零OoО○0"
_X = "Xx×Ｘ"  # placeholder digits in templates

COPY_NUMBER_RE = recache.compile(r"^(份号[：:]?)?\d{6}$")
COPY_LOOSE_RE = recache.compile(r"^(份号[：:]?)?\d{1,10}$")
SECRECY_RE = recache.compile(r"^(绝密|机密|秘密)(★.{0,12})?$")
SECRECY_LOOSE_RE = recache.compile(rf"^((绝密|机密|秘密)|[{_X}*＊]{{1,3}}密|密级)(★.{{0,12}})?$")
URGENCY_RE = recache.compile(r"^(特急|加急|特提|平急)$")
URGENCY_LOOSE_RE = recache.compile(r"^(紧急|急件|特急件|加急件|特别紧急|急|紧急程度)$")
SIGNER_RE = recache.compile(r"^签发人[：:]")
ORDER_NUMBER_RE = recache.compile(rf"^[（(]?第[\d{_CN_NUM}百零〇{_X}]*号[）)]?$")
PLACEHOLDER_NUMBER_RE = recache.compile(
    rf"^([\u4e00-\u9fff{_X}A-Za-z]{{0,12}}[〔\[【(（［][\d{_X}]{{2,4}}[〕\]】)）］]第?[\d{_X}]{{0,5}}|[\[【［][^\]】］]{{1,12}}[\]】］])号"
    r"(签发人[：:].*)?$"
)
MINUTES_NUMBER_RE = recache.compile(rf"^([〔\[［(（]\d{{4}}[〕\]］)）])?第[\d{_CN_NUM}百零〇]+期$")
DOC_NUMBER_LINE_RE = recache.compile(r"^" + DOC_NUMBER_RE.pattern + r"(签发人[：:].*)?$")
DATE_RE = recache.compile(
    rf"^(\d{{2,4}}|[{_CN_NUM}{_ZERO}]{{2,4}}|[\d{_X}]{{4}})年([\d{_CN_NUM}{_X}]{{1,3}})月([\d{_CN_NUM}{_X}]{{1,3}})[日号]$"
    r"|^[\[［【]?(成文)?日期[\]］】]?$"
    r"|^\d{4}[.．/\-]\d{1,2}[.．/\-]\d{1,2}$"  # 2013.11.18: a date all the same (GW103 says how to write it)
)
PRINTER_RE = recache.compile(
    rf".*?(\d{{4}}|[{_CN_NUM}{_ZERO}]{{4}}|[\d{_X}]{{4}})年[\d{_CN_NUM}{_X}]{{1,3}}月[\d{_CN_NUM}{_X}]{{1,3}}日印发$"
)
PRINTER_LABEL_RE = recache.compile(r"^印发机关$|^(.{2,30})?印发$")
ISSUER_DATE_RE = recache.compile(
    rf"^\D{{2,30}}?(\d{{4}}|[{_X}]{{4}}|20[{_X}]{{2}})年[\d{_CN_NUM}{_X}]{{1,3}}月[\d{_CN_NUM}{_X}]{{1,3}}日$"
)
CC_RE = recache.compile(r"^(抄送|分送)[：:]")  # 纪要 name their distribution 分送
IMPRINT_ADDRESSEE_RE = recache.compile(r"^主送[：:]")
ATTACHMENT_NOTE_RE = recache.compile(r"^附件[：:]|^附件(如文|见文|略|\d{1,2}件|[一二三四五六七八九十]件)$")
ATTACHMENT_LABEL_RE = recache.compile(rf"^附件[\d{_CN_NUM}]{{0,3}}([（(][^）)]{{0,8}}[）)])?[：:]?$")
ATTACHMENT_ITEM_RE = recache.compile(r"^\d{1,2}[.．、]\S")
NOTE_RE = recache.compile(r"^[（(].+[）)]$")
NOTE_KEYWORD_RE = recache.compile(
    r"此件|本件|此文|本文有|联系人|联系电话|电话[：:]|公开发布|主动公开|依申请公开|不予公开|发至|印发至|传达至|传达到|有删减|有删节"
)
PAGE_NUMBER_RE = recache.compile(
    r"^[—－\-–一]?\d{1,4}[—－\-–一]?$|^第\d+页(共\d+页)?$|^共\d+页$"
)
CHAPTER_RE = recache.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}(章|编|部分)")
SECTION_RE = recache.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}节")
ARTICLE_RE = recache.compile(r"^第[一二三四五六七八九十百零〇\d]{1,6}条")

# -- lines that belong to no element -----------------------------------------------------------
# "（此页无正文）": GB/T 9704-2012 7.3.5.1 says to adjust spacing instead, never to write it.
NO_TEXT_PAGE_RE = recache.compile(r"^[（(【\[]?(此页无正文|本页无正文|以下无正文|此页以下无正文)[）)】\]]?$")
# Notes from the editor left in the draft: （此处多个空行或空格）, 【此处插入图片】.  Template slots
# (``[此处输入标题]``) are not notes: they stand for their element, and GW306 reports them.
EDITOR_NOTE_RE = recache.compile(
    r"^[（(【]\s*(此处|这里|此行|此段|以下|以上|请在|请填|在此|编者|编辑|待补|待定|待填|注意|提示)"
    r"(?!.*输入)[^）)】]{0,30}[）)】]$"
)
# Lines pasted from a web page with the text (GW305 reports them).
# WEB_STRONG_RE, WEB_WEAK_RE and PLACEHOLDER_RE are searched in every short line; their
# alternatives open with classes, groups or ``^``, so the engine could not skip ahead: behind a
# look-ahead for their possible first characters (relead) they run in half the time (issue 18).
WEB_STRONG_RE = recache.compile(lookahead_first(
    r"浏览次数|浏览量|阅读次数|阅读量|点击数|点击次数|点击量|点击率|访问量|访问次数"
    r"|打印本页|打印此页|打印文章|关闭窗口|关闭本页|[【\[［]\s*(?:打印|关闭|收藏|返回顶部)\s*[】\]］]"
    r"|(?:字号|字体)\s*[：:]?\s*[【\[［]?\s*大\s*中\s*小|[【\[［]\s*大\s*[】\]］]?\s*[【\[［]?\s*中"
    r"|分享到\s*[：:]|扫一扫在手机|在手机上打开|当前位置\s*[：:]|您现在的位置|上一篇\s*[：:]|下一篇\s*[：:]"
    r"|收藏本页|加入收藏|返回顶部|责任编辑\s*[：:]"
    r"|^\s*(?:首页|主页|网站首页)\s*[>＞›»/]"  # a breadcrumb: 首页 > 政务公开 > 通知公告
))
WEB_WEAK_RE = recache.compile(lookahead_first(
    r"(?:信息)?来源\s*[：:]|发布(?:时间|日期)\s*[：:]|作者\s*[：:]|编辑\s*[：:]|www\.|https?://"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?"
))
# A web site's name on a line of its own (第一足球网, 中国政府网, 人民网).
SITE_NAME_RE = recache.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{1,10}(网|网站|在线|频道|论坛|客户端)$|^[A-Za-z0-9.\-]+\.(com|cn|net|org)(\.cn)?$")

# Word's and WPS's prompt in an empty content control (the slot of a template, GW306).
PROMPT_RE = recache.compile(r"^(单击|点击|单击或点击|请单击|请点击)此处(以)?(输入|添加)(文字|文本|日期|内容)?[。.]?$|^Clickortaphere.*$", re.I)

# -- tables of contents --------------------------------------------------------------------------
TOC_HEAD_RE = recache.compile(r"^目录$|^目次$")
TOC_LINE_RE = recache.compile(lookahead_first(r"(\.{3,}|…{2,}|·{3,}|－{3,}|-{3,}|_{3,}|—{3,})\d{1,3}$"))

# -- what 主送 and 署名 lines are made of -------------------------------------------------------
# A 主送 line is a list of organ names; a sentence with a predicate is body text that happens
# to start with 各… and end with an organ word ("各地区要……落实责任单位。").
PREDICATE_RE = recache.compile(r"(要|应当|应该|必须|加强|落实|开展|做好|按照|根据|为了|进一步|认真|切实|确保|完成|报送|负责)")
CLOSING_RE = recache.compile(r"^(特此|此复|此致|专此|以上|妥否|当否|是否妥当|请予|请批|敬礼)")
LEAD_IN_RE = recache.compile(r"(如下|通知|报告|批复|决定|意见|如次|说明)[：:]$")
#: Posts and forms of address that end a person's name (王市长, 张三同志): an addressee that is a
#: person (GW605 says an upward document must not be addressed so).
PERSON_TITLE_RE = recache.compile(
    r"(书记|省长|市长|县长|区长|州长|旗长|乡长|镇长|主任|部长|局长|厅长|处长|科长|总理|主席|同志|领导)$"
)
SALUTATION_RE = recache.compile(
    r"^尊敬的|^(各位|全体)|同志们[：:]?$|朋友们[：:]?$|(女士|先生|代表|同志|领导|委员)们?[：:]$"
    r"|^.{1,8}(书记|省长|市长|县长|区长|州长|主任|部长|局长|厅长|处长|科长|总理|主席)[：:]$"
)
PLACEHOLDER_RE = recache.compile(lookahead_first(r"[\[【［][^\]】］]{0,20}[\]】］]|[XＸ]{2,}|×{2,}|此处输入|□{2,}"))
PERSON_POST_RE = recache.compile(r"(总理|主席|省长|市长|县长|区长|州长|部长|主任|局长|书记|厅长|委员长|院长|署长|行长)[\]】］]?.{1,4}$")
ORGAN_MARK_TAIL_RE = recache.compile(r"(文件|命令|令|纪要|简报|公报|发电)$")
SENTENCE_PUNCT = "。！？；，：:;,!?"
END_PUNCT = "。．.，,；;：:！!？?"


def unbalanced(text: str) -> bool:
    """A title line broken inside 书名号 or brackets goes on on the next line."""
    return text.count("《") > text.count("》") or text.count("（") > text.count("）") or text.count("“") > text.count("”")


def stray_kind(text: str, raw: str | None = None) -> str | None:
    """Why a line (compact ``text``; ``raw`` as written) belongs to no element: ``"no_text_page"``
    (（此页无正文）), ``"editor"`` (（此处多个空行或空格）), ``"web"`` (a pasted web-page line), or None."""
    raw = text if raw is None else raw
    if text[:1] in "（(【[":
        if NO_TEXT_PAGE_RE.match(text):
            return "no_text_page"
        if EDITOR_NOTE_RE.match(text) and not NOTE_KEYWORD_RE.search(text):
            return "editor"
    if len(text) > 100:
        return None
    if WEB_STRONG_RE.search(raw):
        return "web"
    if any(c in raw for c in "：:-/.") and len(WEB_WEAK_RE.findall(raw)) >= 2:
        return "web"
    if len(text) <= 16 and SITE_NAME_RE.match(text) and "关于" not in text:
        return "web"
    return None
