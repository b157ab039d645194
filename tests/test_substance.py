"""The substance model: slots, sentence verdicts, items (run-in headings), the inventory, the
document verdict, and ``inspect --substance`` — all from packaged data (no ../shared needed)."""

import json

import pytest
from click.testing import CliRunner

from gongwen_lint import lexicon, structure
from gongwen_lint.api import lint_text
from gongwen_lint.cli import main
from gongwen_lint.config import Config
from gongwen_lint.substance import Verdict, analyse, slots, table
from gongwen_lint.substance.clause import judge, segment
from gongwen_lint.substance.items import heading_lead_end, is_filler
from gongwen_lint.substance.report import inventory_dict, render_text
from gongwen_lint.text import mask
from gongwen_lint.textreader import document_from_text

HEAD = "关于做好有关工作的通知\n各单位：\n"
TAIL = "\n宜城市人民政府\n2025年3月1日\n"


@pytest.fixture(scope="module")
def lex():
    return lexicon.load()


def inventory(body: str, lex):
    return analyse(structure.analyse(document_from_text(HEAD + body + TAIL, "<t>")), lex)


def slots_of(lex, text: str) -> slots.Slots:
    """The measure evidence of one sentence, as the analysis finds it."""
    return slots.find(lex, table.load(), text, mask(text))


def verdict(lex, sentence: str) -> Verdict:
    return judge(lex, table.load(), sentence, mask(sentence)).verdict


# -- the packaged table ------------------------------------------------------------------------

def test_table_knows_words_and_their_class():
    t = table.load()
    assert t.get("学校").cls == table.NOUN and t.get("改造").cls == table.VERB
    assert t.get("拧成一股绳").cls == table.IDIOM
    assert t.get("企业").legal >= 1  # laws use it: a concrete noun
    assert t.lookup("鹰一样的个") is None


def test_verbal_nouns_are_a_class_of_their_own():
    """jieba's vn (监管, 整治: an action named as a noun) apart from plain nouns, for the model."""
    t = table.load()
    assert t.get("监管").cls == table.VERBAL and t.get("排查").cls == table.VERBAL
    assert t.get("企业").cls == table.NOUN


def test_clause_shapes(lex):
    """Per clause: a stock chain (完善……机制), a bare clause (no content word), an aim (让……)."""
    from gongwen_lint.substance.clause import deepen

    def shapes(text):
        j = judge(lex, table.load(), text, mask(text), deep=False)
        return deepen(lex, table.load(), text, mask(text), j).shapes

    got = shapes("要进一步完善城乡养老服务工作机制，切实增强责任感，让群众更满意。")
    assert [c.chain for c in got] == [True, True, False]
    assert got[1].bare and [c.aim for c in got] == [False, False, True]
    assert [(c.stance, c.four) for c in shapes("坚持节水优先，统筹兼顾。")] == [(True, False), (False, True)]
    assert not any(c.chain for c in shapes("对辖区内所有加油站开展防雷装置检测。"))
    # a chain around a list: the predicate opens its first clause, the object closes its last
    assert [c.chain for c in shapes("构建权责清晰、运转高效的监管体系，对加油站开展检测。")] == [True, True, False]
    assert not any(c.chain for c in shapes("完善加油站、加气站的防雷装置。"))


def test_segmentation_follows_word_frequencies(lex):
    assert segment(lex, table.load(), "让求真务实精神融入思想") == ["让", "求真务实", "精神", "融入", "思想"]
    assert segment(lex, table.load(), "危险化学品企业") == ["危险", "化学品", "企业"]


# -- slots -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,who,when,how_much,instruments,cited", [
    ("市教育局于2025年6月底前完成30所学校的校舍改造。", ("市教育局",), ("2025年6月底前",), ("30所",), (), ()),
    ("由县林业局牵头，组建扑救队伍3支。", ("县林业局",), (), ("3支",), (), ()),
    ("发现甲类传染病病人后2小时内通过网络直报。", (), ("2小时内",), (), (), ()),
    ("建立隐患整改台账，实行销号管理。", (), (), (), ("台账", "销号"), ()),
    ("落实“河长制”，每月巡河不少于一次。", (), ("每月",), ("不少于一次",), (), ("“河长制”",)),
    ("修订《市级财政专项资金管理办法》。", (), (), (), ("《市级财政专项资金管理办法》",), ()),
    ("编制农村电网改造升级“十二五”规划。", (), (), (), ("“十二五”",), ()),
    # a body named by its own name as the subject that takes the task
    ("中国南方电网有限责任公司要制定农村电网改造计划。", ("中国南方电网有限责任公司",), (), (), (), ()),
    ("煤矿安监局要会同有关部门组织制订具体标准。", ("煤矿安监局",), (), (), (), ()),
    ("各集团公司要加强管理，产业布局要合理。", (), (), (), (), ()),
    ("由部内各司负责组织实施，牵头司要加强统筹协调。", (), (), (), (), ()),
    # the doctrine followed and the authority upheld are no slots
    ("锲而不舍落实中央八项规定精神。", (), (), (), (), ()),
    ("坚决维护党中央权威和集中统一领导。", (), (), (), (), ()),
])
def test_slots(lex, text, who, when, how_much, instruments, cited):
    s = slots_of(lex, text)
    assert (s.who, s.when, s.how_much, s.instruments, s.cited) == (who, when, how_much, instruments, cited)


@pytest.mark.parametrize("text", [
    "2026年，全县上下团结一心、攻坚克难，各项事业取得新进展。",  # the year of a narration
    "全面落实河湖长制，推动河湖长制从“有名”向“有实”转变。",  # a system, not a 湖长
    "充分利用各类媒体平台，广泛宣传惠民政策。",  # a vague 平台
    "主要领导亲自抓、负总责，分管领导具体抓。",  # a formula, nobody named
    "深入推进安全生产专项整治三年行动。",  # the name of a campaign
    "燃气安全关系千家万户。",  # numerals inside an idiom
    "12345政务服务便民热线要进一步提升接通率。",  # a number that is a name
    "认真贯彻落实《中华人民共和国法律援助法》，不断扩大法律援助覆盖面。",  # a law cited, not applied
    "本人在理论学习上还存在不够深入、不够系统的问题。",  # 系统 the adjective (systematic)
    "要对各类讲座、论坛、网站、新媒体等意识形态阵地加强管理。",  # kinds of channel, no site named
    "要建立问题清单、任务清单、责任清单，压实整改责任。",  # the stock set of lists, none named
])
def test_no_measure_evidence(lex, text):
    assert not slots_of(lex, text), text


@pytest.mark.parametrize("text,instrument", [
    ("推动各级各类生态环境监测机构建立覆盖全过程、全环节的实验室信息管理系统。", "系统"),  # 各类 heads no list
    ("督促各类企业落实安全生产主体责任、接入全市危化品安全监管平台。", "平台"),
    ("清理各类证明事项、推行电子证照系统。", "系统"),  # the item is a verb phrase of its own
])
def test_kind_lists_are_lists_of_short_nouns(lex, text, instrument):
    assert instrument in slots_of(lex, text).instruments, text


def test_systems_and_lists_still_named(lex):
    """The fixes above leave named systems and lists of instruments alone."""
    assert slots_of(lex, "申请人在市政务服务系统中提交材料。").instruments == ("系统",)
    assert slots_of(lex, "建立问题清单，实行销号管理。").instruments == ("清单", "销号")
    assert slots_of(lex, "编制《省级公共数据共享责任清单》、任务清单。").instruments[0] == "《省级公共数据共享责任清单》"
    assert slots_of(lex, "在各类媒体发布公告，并在县政府网站、政务新媒体公开。").instruments == ("网站",)


def test_a_cited_policy_alone_is_no_measure(lex):
    # 持续深化“放管服”改革 cites a policy everybody cites: the words decide (here: empty words)
    s = "持续深化“放管服”改革，不断优化政务服务，切实为企业群众办实事、解难题。"
    found = slots_of(lex, s)
    assert not found and found.cited == ("“放管服”",)
    assert _item_verdicts(s, lex) == [Verdict.EMPTY]


def test_generic_subjects_and_source_organs_are_not_who(lex):
    for text in ("各地各部门要切实加强领导。", "把思想统一到市委、市政府的决策部署上来。", "在市委、市政府的坚强领导下，取得了显著成效。",
                 "确保党中央政令畅通、令行禁止。"):
        assert slots_of(lex, text).who == (), text


def test_a_date_written_with_spaces_is_a_date(lex):
    # text pasted from the web or Markdown puts spaces around the digits: still a deadline, not amounts
    assert slots_of(lex, "请于 2026 年 2 月 28 日前报送。").when == ("2026 年 2 月 28 日前",)
    assert slots_of(lex, "请于 2026 年 2 月 28 日前报送。").how_much == ()
    assert slots_of(lex, "12 月底前完成。").when == ("12 月底前",)
    assert not slots_of(lex, "2026 年，全县上下团结奋进。")  # the year of a narration, as without spaces


def test_a_postcode_is_contact_detail_not_an_amount(lex):
    got = slots_of(lex, "材料请寄至县应急管理局，邮编：100035。")
    assert got.how_much == () and got.instruments == ("邮编：100035",)
    assert slots_of(lex, "通讯地址：某路，邮政编码100035。").how_much == ()
    assert slots_of(lex, "请于6月30日前报送100035份。").how_much == ("100035份",)  # a count is still one


def test_dates_are_read_as_the_timeline_rules_read_them(lex):
    # one date grammar (gongwen_lint.dates): a year in Chinese digits, a Chinese month with its part
    assert slots_of(lex, "二〇二六年六月底前完成整改。").when == ("二〇二六年六月底前",)
    assert slots_of(lex, "六月底前完成整改。").when == ("六月底前",)
    # a four-digit number before 年 that is no year of this or the last century is no deadline
    assert slots_of(lex, "传承5000年文明。").when == ()
    assert slots_of(lex, "１９９５年是重要的一年。") == slots_of(lex, "1995年是重要的一年。")  # full-width digits


def test_the_organ_a_request_is_made_to_is_not_who(lex):
    """A 请示's request (恳请市政府给予支持) names whom it asks, not who does the work."""
    assert slots_of(lex, "为做好防汛工作，恳请市政府给予大力支持。").who == ()
    assert slots_of(lex, "特此请求省财政厅予以资金支持。").who == ()
    # must still fire: the organ that acts, also beside a request
    assert "县应急管理局" in slots_of(lex, "县应急管理局要在6月底前完成排查，恳请市政府给予支持。").who


def test_the_organ_served_or_to_be_reassured_is_not_who(lex):
    """围绕县委、县政府中心工作 names whose work is served; 让党中央放心 whom to reassure: no one who acts."""
    assert slots_of(lex, "紧紧围绕县委、县政府中心工作，坚持为农服务方向。").who == ()
    assert slots_of(lex, "努力建设让党中央放心、让人民群众满意的模范机关。").who == ()
    # must still fire: the organ that acts in the same sentence
    assert "县应急管理局" in slots_of(lex, "县应急管理局要围绕全县中心工作开展排查。").who


def test_a_system_needs_a_name_of_its_own(lex):
    """系统 is an instrument when something names it (监测系统); an ecosystem or a line of organs is none."""
    # must fire
    assert slots_of(lex, "建设生态环境监测系统，实现重点排污单位联网。").instruments == ("系统",)
    assert slots_of(lex, "上线危险化学品安全生产风险监测预警系统。").instruments != ()
    # 本/全 inside a word is no determiner (review 2026-12-07: 安全系统 had lost its name)
    assert slots_of(lex, "升级改造消防安全系统。").instruments == ("系统",)
    assert slots_of(lex, "部署信息安全系统，防范网络攻击。").instruments == ("系统",)
    # must not
    assert slots_of(lex, "不断增强生态系统的多样性、稳定性和持续性。").instruments == ()
    assert slots_of(lex, "负责本系统的安全生产工作。").instruments == ()
    assert slots_of(lex, "各行业、系统要加强协作。").instruments == ()


def test_a_platform_counts_when_used_not_when_only_built(lex):
    """A platform things go through (通过……平台报送) is a checkable channel; 打造/搭建/推进……平台 is a goal."""
    # must fire: used
    assert slots_of(lex, "检查结果统一上传至市场监管信息平台，由企业自行下载。").instruments == ("平台",)
    assert slots_of(lex, "企业视频监控数据接入县应急管理局监管平台。").instruments == ("平台",)
    assert slots_of(lex, "整改情况在学院党建信息平台上公开。").instruments == ("平台",)
    assert slots_of(lex, "用好管好政务新媒体平台，及时回应关切。").instruments == ("平台",)
    # must not: only built or strengthened, no use
    assert slots_of(lex, "着力打造智慧文旅综合服务平台。").instruments == ()
    assert slots_of(lex, "搭建校地合作新平台，拓展合作新空间。").instruments == ()
    assert slots_of(lex, "加快推进养老服务监管平台建设。").instruments == ()
    # the generic predicate of another clause does not count
    assert slots_of(lex, "完善工作机制，信息统一推送至省级数据共享平台。").instruments == ("平台",)


def test_a_platform_s_own_name_is_neither_its_verb_nor_its_use(lex):
    """Review 2026-12-07: words inside the platform's name decided whether it was used — 服务 in
    政务服务平台 was taken as the verb (and the 通过/在 before it ignored), 对 of 对接 and 报送 of
    信息报送平台 as uses."""
    # must fire: a coverb or verb of use before the name, whatever the name holds
    assert slots_of(lex, "推进政务事项通过政务服务平台和线下窗口受理。").instruments == ("平台",)
    assert slots_of(lex, "推动审批结果在政务服务平台上公示。").instruments == ("平台",)
    assert slots_of(lex, "推动企业在省平台上报送数据。").instruments == ("平台",)
    assert slots_of(lex, "推进全市企业接入市场监管平台，按日报送数据。").instruments == ("平台",)
    # must not: the name's own characters are no use of it
    assert slots_of(lex, "着力打造政企对接平台。").instruments == ()
    assert slots_of(lex, "进一步完善信息报送平台。").instruments == ()
    assert slots_of(lex, "加快建设数据上传平台。").instruments == ()
    assert slots_of(lex, "搭建在线学习平台，营造良好氛围。").instruments == ()
    assert slots_of(lex, "加快建设对外交流平台。").instruments == ()


def test_a_post_names_someone_only_when_it_is_one_holder(lex):
    """各级林长 is every holder (as vague as 各地各部门); 小区长效管理 holds no 区长 (长 starts 长效)."""
    # must fire
    assert slots_of(lex, "由常务副县长牵头负责。").who != ()
    assert slots_of(lex, "区长每季度听取一次专题汇报。").who == ("区长",)
    assert slots_of(lex, "村级林长要对责任区开展巡护。").who == ("村级林长",)
    # a post at the end, or before a name that starts with 长 (review 2026-12-07)
    assert slots_of(lex, "牵头领导：副县长").who == ("副县长",)
    assert slots_of(lex, "责任领导为分管副市长").who == ("分管副市长",)
    assert slots_of(lex, "由分管副市长春节前带队检查。").who != ()
    # must not
    assert slots_of(lex, "健全老旧小区长效管理机制。").who == ()
    assert slots_of(lex, "着眼城市长远发展，优化空间布局。").who == ()
    assert slots_of(lex, "进一步压实各级林长的保护责任。").who == ()
    assert slots_of(lex, "推动森林长期稳定。").who == ()


def test_codes_are_one_instrument_and_placeholders_none(lex):
    # digits inside a code name are no amount; the code is shown whole
    assert slots_of(lex, "正文采用仿宋_GB2312字体。").how_much == () and slots_of(lex, "正文采用仿宋_GB2312字体。").instruments == ("GB2312",)
    assert slots_of(lex, "PM2.5平均浓度下降。").instruments == ("PM2.5",) and slots_of(lex, "PM2.5平均浓度下降。").how_much == ()
    assert slots_of(lex, "推进5G网络建设。").instruments == ("5G",)
    assert slots_of(lex, "开展NP1-1D平台检修。").instruments[:2] == ("NP1", "D")
    # a web address, a mail address, a file name: one instrument, no amount from its digits
    link = "来源：https://knowyourmeme.com/photos/3227581-drog"
    assert slots_of(lex, link).instruments == ("https://knowyourmeme.com/photos/3227581-drog",) and slots_of(lex, link).how_much == ()
    assert slots_of(lex, "报送至abc@mee.gov.cn邮箱。").instruments == ("abc@mee.gov.cn",)
    phone = "联系人：张三，电话：010-66556134、66556127。"
    assert slots_of(lex, phone).instruments == ("010-66556134", "66556127") and slots_of(lex, phone).how_much == ()
    assert slots_of(lex, "全年完成12345678元投资。").how_much == ("12345678元",)  # an amount stays one
    # XX written for a name still to fill in (GW306) names no instrument; a real number still counts
    assert slots_of(lex, "授予XX局等单位称号。").instruments == ()
    assert slots_of(lex, "授予XX局等30个单位称号。").how_much == ("30个",)


def test_a_numeral_counting_the_list_before_it_is_no_amount(lex):
    """分级诊疗、……、综合监管五项基本医疗卫生制度: 五项 counts the five things just named."""
    assert slots_of(lex, "统筹推进分级诊疗、现代医院管理、全民医保、药品供应保障、综合监管五项基本医疗卫生制度建设。").how_much == ()
    assert slots_of(lex, "深化企业内部劳动、人事和分配三项制度改革。").how_much == ()
    # a count the list does not spell out, or a count with no list, is an amount
    assert slots_of(lex, "完成校舍、桥梁等五项改造。").how_much == ("五项",)
    assert slots_of(lex, "新建学校三所，改造校舍、桥梁、堤防十二处。").how_much == ("三所", "十二处")
    # so a list of fields with its count is no measure (the model judges its words); a deadline still is
    body = "统筹推进分级诊疗、现代医院管理、全民医保、药品供应保障、综合监管五项基本医疗卫生制度建设，不断增强人民群众获得感。"
    assert [i.verdict for i in inventory(body, lex).items] == [Verdict.EMPTY]
    body = "统筹推进分级诊疗、全民医保、综合监管三项制度建设，2025年底前覆盖全部县区。"
    assert [i.verdict for i in inventory(body, lex).items] == [Verdict.MEASURE]


def test_the_years_of_effort_a_vision_is_framed_in_are_no_amount(lex):
    """力争通过三年左右的努力: the span of effort, not an amount; what is reached must follow."""
    assert slots_of(lex, "力争通过三年左右的努力，全市数字政府建设取得重要进展。").how_much == ()
    assert slots_of(lex, "经过两年的不懈努力，营商环境明显改善。").how_much == ()
    # an amount reached after the span still counts; years without 的努力 are still an amount
    assert slots_of(lex, "经过两年的努力，完成三十个省督察全覆盖。").how_much == ("三十个",)
    assert slots_of(lex, "项目建设周期为三年。").how_much == ("三年",)
    body = "力争通过三年左右的努力，全市数字政府建设取得重要进展，一体化政务服务能力显著提升。"
    assert [i.verdict for i in inventory(body, lex).items] == [Verdict.EMPTY]


def test_the_figure_of_a_red_line_is_cited_not_set(lex):
    """严守18亿亩耕地红线: the national red line is quoted, the document sets no figure by it."""
    assert slots_of(lex, "严守18亿亩耕地红线不动摇。").how_much == ()
    assert slots_of(lex, "坚决守住十八亿亩耕地红线。").how_much == ()
    assert slots_of(lex, "守住全国耕地不少于18亿亩这条红线。").how_much == ()
    # a figure the document sets stays an amount, also next to a red line
    assert slots_of(lex, "全县划定永久基本农田35万亩。").how_much == ("35万",)
    assert slots_of(lex, "生态保护红线面积不低于1.2万平方公里。").how_much == ("1.2万",)


def test_a_verb_whose_object_is_an_organ_is_not_its_place_name(lex):
    # jieba calls 会同 (the county 会同县), 委托, 指导 … nouns: the organ is what follows the verb
    for verb in ("会同", "委托", "指导", "通报", "会商", "协同"):
        text = f"市教育局牵头，{verb}市卫生健康委开展检查。"
        assert slots_of(lex, text).who == ("市教育局", "市卫生健康委"), text
    # a place name is still one, and an organ after a plain verb was already right
    for text, who in (("宜春市教育局要在6月底前完成。", ("宜春市教育局",)), ("组织市公安局开展整治。", ("市公安局",))):
        assert slots_of(lex, text).who == who, text


def test_the_audience_of_a_figure_and_the_convener_of_a_meeting_are_not_who(lex):
    for text in ("要以实干向区委、区政府交出一份合格答卷。", "这次全会，是县委在关键时刻召开的一次重要会议。"):
        assert slots_of(lex, text).who == (), text
    # 向 without a figure: the organ reported to is still named
    text = "各乡镇要向县应急管理局报送排查台账。"
    assert slots_of(lex, text).who == ("县应急管理局",)


def test_slogan_quotes_are_not_instruments():
    judged = {q.content: q.named for q in slots.quotes("树立“一盘棋”思想，建立“吹哨报到”机制，推行“一网通办”，打造“鹰一样的个人，雁一样的团队”")}
    assert judged == {"一盘棋": False, "吹哨报到": True, "一网通办": True, "鹰一样的个人，雁一样的团队": False}


# -- sentence verdicts -------------------------------------------------------------------------

def test_measure_principle_empty(lex):
    assert verdict(lex, "市应急管理局牵头，年底前完成全市危险化学品企业安全风险排查。") is Verdict.MEASURE
    assert verdict(lex, "加强对危险化学品生产、储存、运输等环节的监管。") is Verdict.PRINCIPLE
    assert verdict(lex, "要进一步提高思想认识，切实增强工作的责任感和紧迫感。") is Verdict.EMPTY
    assert verdict(lex, "让求真务实精神融入思想，力促作风实现质的转变。") is Verdict.EMPTY


def test_figurative_objects_are_not_content(lex):
    assert verdict(lex, "蓝图已经绘就，号角已经吹响。") is Verdict.EMPTY


def test_the_predicate_of_a_copula_is_figurative_when_laws_never_use_it(lex):
    from gongwen_lint.substance.clause import deepen

    def kinds(text):
        j = deepen(lex, table.load(), text, mask(text), judge(lex, table.load(), text, mask(text), deep=False))
        return {t.text: t.kind for t in j.tokens}

    assert kinds("教育是民族振兴的基石。")["基石"] == "figurative"
    assert kinds("本办法所称单位是指辖区内的企业。")["企业"] == "noun"  # laws use it: a thing


# -- items -------------------------------------------------------------------------------------

def test_a_run_in_heading_is_one_item_lead_and_text(lex):
    inv = inventory("一、工作措施\n（一）加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。", lex)
    item = inv.items[0]
    assert item.p.role.value == "heading2" and item.lead == "加强组织领导。" and item.verdict is Verdict.EMPTY
    assert item.what == "加强组织领导"


def test_lead_end_is_the_first_stop():
    doc = structure.analyse(document_from_text(HEAD + "（一）加强组织领导：成立工作专班。\n（二）加强组织领导" + TAIL))
    heads = [p for p in doc.body if p.role.value == "heading2"]
    assert heading_lead_end(heads[0]) == len("（一）加强组织领导：")
    assert heading_lead_end(heads[1]) is None  # a heading only: its paragraphs are the items


def test_a_concrete_body_makes_the_run_in_item_a_measure(lex):
    inv = inventory("（一）加强组织领导。成立由分管副市长任组长的工作专班，每月召开一次调度会。", lex)
    assert [i.verdict for i in inv.items] == [Verdict.MEASURE]
    assert inv.items[0].slots.who == ("分管副市长",)


def test_lead_ins_closings_filler_and_preambles_are_not_work_items(lex):
    body = ("一、指导思想\n以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。\n"
            "二、主要任务\n现将有关事项通知如下：\n各乡镇于2025年4月30日前完成自建房安全排查。\n"
            "正文内容正文内容正文内容正文内容正文内容\n特此通知。")
    inv = inventory(body, lex)
    # the 指导思想 item is listed (empty words, but in a preamble section: never reported nor counted)
    assert [(i.verdict, i.span.preamble) for i in inv.items] == [(Verdict.EMPTY, True), (Verdict.MEASURE, False)]
    assert inv.substance_ratio == 1.0
    assert is_filler("正文内容正文内容正文内容正文内容")


def test_a_direction_section_is_not_judged(lex):
    """总体思路 states direction as 指导思想 does: its items are listed, not judged (GW705 does not count it)."""
    body = "一、总体思路\n坚持稳中求进，深入推进体制改革，加快构建现代产业体系。\n二、主要任务\n各乡镇于2025年4月30日前完成排查。"
    assert [i.span.preamble for i in inventory(body, lex).items] == [True, False]
    assert "总体思路" not in lex.words("sections", "preamble")


def test_criteria_and_course_contents_are_set_aside(lex):
    """申报条件/推荐原则/培训内容 list what a candidate, project or course must be, not work for anyone:
    listed as 条件, neither reported nor counted; a measure heading with 条件 or 内容 still is judged."""
    body = ("一、推荐条件\n（一）深入贯彻习近平新时代中国特色社会主义思想，增强“四个意识”，坚定“四个自信”。\n"
            "二、培训内容\n围绕城市低碳发展的政策与实践，全面系统提升领导干部的认识和理解。\n"
            "三、工作要求\n要进一步提高思想认识，切实增强工作的责任感和紧迫感。")
    inv = inventory(body, lex)
    assert [i.span.aside for i in inv.items] == ["条件", "条件", ""]
    assert [i.verdict for i in inv.work_items] == [Verdict.EMPTY]
    doc = structure.analyse(document_from_text(HEAD + body + TAIL))
    shown = render_text(doc, inv).splitlines()[2:]
    assert [line.split()[1] for line in shown] == ["条件", "条件", "空话"]
    listed = inventory_dict(doc, inv)["paragraphs"]
    assert [(p["preamble"], p["set_aside"]) for p in listed] == [(True, "条件"), (True, "条件"), (False, None)]
    # 改善办学条件, 主要内容: the words alone do not set a section aside; nor a task about criteria
    # (its own run-in lead), nor a section that holds more (申报范围和要求)
    inv = inventory("一、改善办学条件\n要进一步提高思想认识，切实增强工作的责任感和紧迫感。", lex)
    assert [i.span.preamble for i in inv.items] == [False]
    body = ("一、主要任务\n（二）严格评选标准。要高度重视，加强领导，确保取得实效。\n"
            "二、申报范围和要求\n各单位要于5月10日前将申报表报送市教育局。\n"
            "三、候选先进个人推荐条件\n坚定理想信念，模范遵守党的纪律，工作业绩突出。")
    inv = inventory(body, lex)
    assert [i.span.aside for i in inv.items] == ["", "", "条件"]
    assert inv.items[0].verdict is Verdict.EMPTY


def test_a_rule_of_consequence_is_not_a_work_item(lex):
    """One rule of consequence (condition, then a sanction proper) is neither a measure to
    report as empty nor counted; the stock promise 如发现问题，要及时处理 stays a work item."""
    rules = ["构成犯罪的，依法追究刑事责任。",
             "对开展职称评审初评推荐的部属单位，如不能确保推荐质量，将暂停初评推荐工作，并追究相关领导责任。",
             "一经查实，一律取消申报资格，三年内不得再次申报。"]
    for text in rules:
        assert inventory(text, lex).items == (), text
    for text in ["如发现问题，要及时处理，确保工作取得实效。", "如有困难，要及时向上级报告，切实抓好落实。",
                 "各乡镇要于6月底前如期完成危房改造任务，未按期完成的，取消年度评先评优资格。",  # 如期 is no 如
                 "市财政局要出台若干配套政策，对落实不力的予以通报批评。",  # nor 若干 a 若
                 "各地要高度重视，如工作推进不力，将约谈主要负责同志。"]:  # a work item that threatens
        assert len(inventory(text, lex).items) == 1, text


def test_substance_ratio(lex):
    inv = inventory("一、提高认识。要进一步提高思想认识，切实增强工作的责任感和紧迫感。\n"
                    "二、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。", lex)
    assert [i.verdict for i in inv.items] == [Verdict.EMPTY, Verdict.MEASURE]
    assert inv.substance_ratio == 0.5


# -- the document verdict (GW709) and the section (GW708) --------------------------------------

SLOGANS = (
    "一、提高思想认识。要进一步提高思想认识，切实增强工作的责任感和紧迫感，把思想和行动统一到上级决策部署上来。\n"
    "二、加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。\n"
    "三、强化责任落实。各级各部门要切实履行职责，层层压实责任，确保工作落到实处。\n"
    "四、营造良好氛围。要广泛宣传发动，营造人人关心、人人参与的浓厚氛围，形成齐抓共管的工作格局。\n"
    "五、注重工作实效。要坚持问题导向，强化担当作为，不断开创工作新局面。"
)


def test_a_draft_of_slogans_gets_the_verdict():
    report = lint_text(HEAD + SLOGANS + TAIL, Config(select=("GW709",)))
    [d] = report.diagnostics
    assert d.message.startswith("全文 5 项工作中只有 0 项写明了谁来做、何时完成或做到多少（干货率 0%）")
    assert "不宜行文" in d.message and "第3段" in d.message
    assert report.summary["substance_ratio"] == 0.0


def test_a_substantive_draft_does_not():
    body = (
        "一、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。\n"
        "二、落实资金。市财政安排专项资金800万元，用于危房改造补助。\n"
        "三、加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。\n"
        "四、强化督查。市住建局每月通报各乡镇排查进度。"
    )
    report = lint_text(HEAD + body + TAIL, Config(select=("GW709",)))
    assert report.diagnostics == [] and report.summary["substance_ratio"] == 0.75


def test_the_verdict_threshold_is_an_option():
    body = SLOGANS + "\n六、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。"
    assert lint_text(HEAD + body + TAIL, Config(select=("GW709",))).diagnostics  # 1 of 6: 17 %
    cfg = Config(select=("GW709",), options={"style-min-substance-ratio": 0.1})
    assert lint_text(HEAD + body + TAIL, cfg).diagnostics == []


def test_a_section_of_slogans_gets_gw708():
    body = "一、工作措施\n" + "\n".join(f"（{n}）" + line.split("、", 1)[1] for n, line in zip("一二三", SLOGANS.splitlines()[:3]))
    found = list(lint_text(HEAD + body + TAIL, Config(select=("GW708",))).diagnostics)
    assert len(found) == 1 and found[0].message.startswith("“工作措施”部分 3 项工作都没有写明")


@pytest.mark.parametrize("body", ["要抓早抓小、防微杜渐。", "必须守牢安全底线。"])
def test_a_short_line_opening_with_a_modal_is_a_sentence_and_reported(body):
    found = lint_text(HEAD + body + TAIL, Config(select=("GW702", "GW703"))).diagnostics
    assert [d.code for d in found] in (["GW702"], ["GW703"])


@pytest.mark.parametrize("body", ["加强组织领导。", "抓好党风廉政建设。", "要素保障。"])
def test_a_short_line_naming_a_task_is_an_unnumbered_heading_and_not_reported(body):
    assert not lint_text(HEAD + body + TAIL, Config(select=("GW702", "GW703"))).diagnostics


# -- user dictionaries -------------------------------------------------------------------------

def test_user_words_join_the_model():
    body = "要统筹推进城区雨污管网和海绵设施建设。"  # 雨污管网, 海绵设施 read as particular things
    assert not lint_text(HEAD + body + TAIL, Config(select=("GW702", "GW703"))).diagnostics
    cfg = Config(select=("GW702", "GW703"), dictionaries={"substance-add": {"泛指宾语": ["雨污管网", "海绵设施"]}})
    assert [d.code for d in lint_text(HEAD + body + TAIL, cfg).diagnostics] == ["GW703"]


def test_malformed_substance_entries_are_rejected():
    with pytest.raises(lexicon.DictionaryError):
        lexicon.load({"substance-add": {"没有这个类别": ["词"]}})


def test_every_substance_entry_has_a_category_and_a_source():
    entries = lexicon.substance_entries()
    assert len(entries) > 1000
    assert {e.category for e in entries} <= set(lexicon.SUBSTANCE_CATEGORIES)
    assert all(len(e.source) >= 6 for e in entries)


# -- inspect --substance -----------------------------------------------------------------------

def test_inspect_substance_json(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(HEAD + "一、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。\n"
                    "二、加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。" + TAIL, encoding="utf-8")
    out = CliRunner().invoke(main, ["inspect", "--substance", "--format", "json", str(path)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["substance_ratio"] == 0.5 and data["work_items"] == 2
    first, second = data["paragraphs"]
    assert (first["verdict"], first["who"], first["when"], first["how_much"]) == ("measure", [], ["2025年4月30日前"], [])
    assert second["verdict"] == "empty" and second["what"] == "加强组织领导"


def test_inspect_substance_text_and_bad_input(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(HEAD + "一、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。" + TAIL, encoding="utf-8")
    out = CliRunner().invoke(main, ["inspect", "--substance", str(path)])
    assert out.exit_code == 0 and "干货率 100%" in out.output and "措施" in out.output
    out = CliRunner().invoke(main, ["inspect", "--substance", str(tmp_path / "missing.docx")])
    assert out.exit_code == 2 and "Traceback" not in out.output


# -- the specificity model (substance/model.py) --------------------------------------------------

def _item_verdicts(body: str, lex, specificity: bool = True):
    doc = structure.analyse(document_from_text(HEAD + body + TAIL, "<t>"))
    return [i.verdict for i in analyse(doc, lex, specificity=specificity).items]


#: Written for these tests (not in eval/substance_cases); one of the four is missed, as the
#: held-out figures predict (docs/benchmarks.md): kept as strict expected failures, so that a
#: better model shows up here.
_KNOWN_MISS = pytest.mark.xfail(strict=True, reason="the model misses it (held-out recall is below 0.9)")


@pytest.mark.parametrize("body", [
    "持续优化公共文化服务体系，推动文化旅游深度融合，不断满足人民群众精神文化需求。",
    "着力推进产业转型升级，培育壮大新兴产业，加快构建现代化产业体系。",
    pytest.param("要完善社会救助体系，加强困难群众兜底保障，切实兜牢民生底线。", marks=_KNOWN_MISS),
    "要深入推进数字经济发展，加快数字产业化和产业数字化，全面提升城市综合竞争力。",
])
def test_items_naming_only_fields_of_policy_become_empty(body, lex):
    assert _item_verdicts(body, lex, specificity=False) == [Verdict.PRINCIPLE]  # the word test alone keeps them
    assert _item_verdicts(body, lex) == [Verdict.EMPTY]


@pytest.mark.parametrize("body", [
    # (with 发现隐患的立即停用 it is a measure: a time relative to a named event)
    "对全区所有学校食堂的冷库、排烟管道开展一次安全检查，对存在隐患的停用整改。",
    pytest.param("加强城区老旧电梯更新改造，完善电梯维保质量抽查机制。", marks=pytest.mark.xfail(
        strict=True, reason="a short concrete principle the model makes empty (concrete false rate ≈ 0.04 on the tuning sets)")),
    "清理河道两岸违规堆放的建筑垃圾，拆除沿河私搭乱建的养殖棚舍。",
])
def test_items_naming_particular_things_stay_principles(body, lex):
    assert _item_verdicts(body, lex) == [Verdict.PRINCIPLE]


def test_the_model_never_overrules_a_slot(lex):
    body = "进一步完善城乡住房保障体系，2025年底前新增保障性租赁住房1200套。"
    assert _item_verdicts(body, lex) == [Verdict.MEASURE]


@pytest.mark.parametrize("body", [
    "依托市政务服务系统办理不动产登记。",
    "申请人通过省平台申报，由系统自动比对。",
    "依托不动产登记系统查询权属信息。",
])
def test_an_instrument_followed_by_a_verb_of_use_is_one(body, lex):
    """系统办理 is the system and its use, not a longer word 系统办……"""
    (item,) = inventory(body, lex).items
    assert item.slots.instruments and item.verdict is Verdict.MEASURE


def test_a_longer_word_after_an_instrument_noun_is_still_no_instrument(lex):
    (item,) = inventory("各部门要坚持系统谋划、系统观念，统筹推进。", lex).items
    assert not item.slots.instruments


def test_the_ordinal_of_an_inline_list_is_no_amount(lex):
    (item,) = inventory("1. 坚持依法行政，规范执法程序。2. 坚持便民利企，优化办事流程。", lex).items
    assert not item.slots.how_much
    # a digit run inside a sentence is still an amount
    (count,) = inventory("年内新建2个区域性养老服务中心。", lex).items
    assert count.slots.how_much


@pytest.mark.parametrize("body", [
    "要紧扣县委、县政府中心工作，主动谋划，积极作为。",
    "这些成绩的取得，离不开市委、市政府的坚强领导和社会各界的大力支持。",
    "多年来，统计部门为市委、市政府科学决策提供了有力支撑。",
    "明年是全面完成“十五五”规划目标任务的攻坚之年，要进一步坚定信心、真抓实干。",
])
def test_an_organ_or_plan_named_as_the_setting_is_no_measure(body, lex):
    """The organ is the centre served, the one thanked or the one served; the plan names a year."""
    (item,) = inventory(body, lex).items
    assert not item.slots.who and not item.slots.instruments


@pytest.mark.parametrize("body", [
    "各监测站点发现数据异常的，应立即向市生态环境监测中心报告。",
    "对拟提拔的干部，组织部门应在考察结束后向党委汇报考察情况。",
    "对发现的问题，检查组应当场反馈，并书面向被检查单位通报。",
])
def test_a_time_relative_to_a_named_event_is_a_when(body, lex):
    """发现……的，应立即……; 在考察结束后……: the event is named and the act follows it (review of 2026-12-08)."""
    (item,) = inventory(body, lex).items
    assert item.slots.when and item.verdict is Verdict.MEASURE


def test_immediacy_without_an_event_is_no_when(lex):
    (item,) = inventory("要立即行动起来，切实增强责任感和紧迫感。", lex).items
    assert not item.slots.when and item.verdict is not Verdict.MEASURE


def test_a_date_before_a_vision_is_no_deadline(lex):
    """到2027年底，……更加便捷，……显著提升: nothing is due by that date, things are only to be better."""
    (vision,) = inventory("到2027年底，全市医保服务更加便捷，群众满意度显著提升。", lex).items
    assert not vision.slots.when and vision.verdict is not Verdict.MEASURE
    # a task due by the date keeps it
    (task,) = inventory("到2026年6月底前，完成全部农村危房改造，群众居住条件明显改善。", lex).items
    assert task.slots.when == ("2026年6月底前",)


def test_whom_a_report_goes_to_is_not_who_does_it(lex):
    """重大问题及时向区政府汇报: the organ receives; nobody named reports and nothing named is reported."""
    (item,) = inventory("各有关单位要加强沟通协调，工作中遇到的重大问题及时向区政府汇报。", lex).items
    assert not item.slots.who and item.verdict is not Verdict.MEASURE
    # what is reported is written out after the verb: a reporting line a reader can check
    (line,) = inventory("企业应当及时向市应急管理局报告事故发生的时间、地点和伤亡人数。", lex).items
    assert line.verdict is Verdict.MEASURE
    # the one who reports is named
    (named,) = inventory("由区应急管理局向区政府报告。", lex).items
    assert named.slots.who == ("区应急管理局",)
    # a citizen's channel of recourse: the organ named is the one who hears it (review of 2026-12-08)
    (recourse,) = inventory("群众对评定结果有异议的，可向乡镇人民政府反映。", lex).items
    assert recourse.slots.who == ("乡镇人民政府",)


def test_the_vow_not_to_close_a_case_is_no_instrument(lex):
    """整改不到位不销号 promises closing, it names nothing closed; closing itself (逐项销号) counts."""
    (vow,) = inventory("对巡察反馈的问题，要逐条研究、逐项整改，做到问题不解决不放过、整改不到位不销号。", lex).items
    assert not vow.slots.instruments and vow.verdict is not Verdict.MEASURE
    (closing,) = inventory("对整改到位的问题，要及时逐项销号。", lex).items
    assert closing.slots.instruments == ("销号",)


@pytest.mark.parametrize("body", [
    "依托“智慧社保”平台，推动社保经办服务规范化、便利化、智能化，让群众办事更舒心。",
    "要充分利用电视、报纸、网站和新媒体平台，大力宣传政策措施，营造良好舆论氛围。",
    "积极借助全市统一的数据共享平台，进一步提升部门协同水平。",
])
def test_a_platform_that_serves_a_vague_aim_is_no_instrument(body, lex):
    """依托……平台，推动……化: the means clause names a platform, the aim after it is generic."""
    (item,) = inventory(body, lex).items
    assert not item.slots.instruments and item.verdict is not Verdict.MEASURE


@pytest.mark.parametrize("body", [
    # the use in the same clause
    "企业应通过“智慧社保”平台在每月15日前申报缴费基数。",
    # a concrete next clause
    "依托市数据共享平台，对全市低保对象每季度开展一次收入比对。",
    # the platform is not a means clause's (加强……平台 then a generic verb)
    "各区要将排查结果录入隐患排查平台，实行销号管理。",
    # a generic next clause, but a concrete one after it (review of 2026-12-08)
    "依托省一体化政务服务平台，推行企业开办全程网办，营业执照、公章刻制、涉税事项一次办结。",
    # 发现 opens a trigger, not a generic aim
    "运用生态环境大数据平台，发现超标数据当日推送执法人员。",
])
def test_a_platform_used_for_something_checkable_stays_an_instrument(body, lex):
    (item,) = inventory(body, lex).items
    assert item.verdict is Verdict.MEASURE


@pytest.mark.parametrize("body", [
    "今年以来，全区累计新建改建农村公路86公里，完成投资2.3亿元。下一步，我们要再接再厉、乘势而上，奋力开创交通工作新局面。",
    "去年全县规上工业增加值同比增长7.6%，连续三年保持全市前列。成绩来之不易，各部门要倍加珍惜，坚定信心、鼓足干劲。",
])
def test_past_results_are_no_measure_of_the_ask_after_them(body, lex):
    """The numbers report what was done; the item's ask is the turn after them, judged alone."""
    (item,) = inventory(body, lex).items
    assert item.verdict is not Verdict.MEASURE and not item.slots.how_much
    warned = [d for d in lint_text(HEAD + body + TAIL, Config(select=("GW7",))).diagnostics
              if d.code in ("GW702", "GW703") and d.severity.value == "warning"]
    assert warned


@pytest.mark.parametrize("body", [
    # a report of results alone
    "今年以来，全区累计新建改建农村公路86公里，完成投资2.3亿元，同比增长12%。",
    # results, then an ask with its own measure
    "去年全县累计完成造林1.2万亩。今年要在6月底前完成剩余0.8万亩造林任务。",
    # the number looks ahead, though the sentence names the past
    "在去年完成86公里的基础上，今年要新建改建农村公路120公里。下一步要加强养护。",
    # no turn to an ask after the results
    "去年全县累计发放低保金3862万元，群众满意度明显提升。",
    # a work plan's targets read like results; the 要 after them asks for the means, no turn
    "全年粮食播种面积稳定在120万亩以上，总产量比上年增长1%。各乡镇要压实责任，抓好春耕备耕。",
    # a past participle describes the object of the task (review of 2026-12-08)
    "对已建成的23座城镇污水处理厂逐厂开展进水浓度核查。下一步，各区要加强督促指导。",
])
def test_results_stay_a_measure_without_an_empty_ask_after_them(body, lex):
    (item,) = inventory(body, lex).items
    assert item.verdict is Verdict.MEASURE


def test_the_model_reads_word_classes_not_words():
    from gongwen_lint.lexicon import STRIPPED_CLASSES
    from gongwen_lint.substance import model
    from gongwen_lint.substance.clause import Shape

    m = model.load()
    kinds = {f"{k}_{c}_{n}" for k in ("noun", "vnoun", "verb") for c in ("c0", "c2", "c4", "c6") for n in ("l0", "l1", "l4")}
    stock = {f"generic_{c}" for c, _ in STRIPPED_CLASSES} | {f"generic_{model.GENERIC_OTHER}"}
    shares = {"generic_share", "generic_lawless_share"} | {f"{name}_share" for name in Shape._fields}
    assert set(m.weights) <= kinds | stock | set(model.PLAIN_KINDS) | shares | {"content_per10", "rare_words", "nouns"}
    assert 0.3 <= m.threshold < 1.0


def test_the_model_judges_only_genres_that_set_out_work(lex):
    body = "着力推进产业转型升级，培育壮大新兴产业，加快构建现代化产业体系。"
    tail = "\n宜城市人民政府\n2025年3月1日\n"
    notice = structure.analyse(document_from_text("关于做好有关工作的通知\n各单位：\n" + body + tail, "<t>"))
    report = structure.analyse(document_from_text("关于2024年工作情况的报告\n市人民政府：\n" + body + tail, "<t>"))
    assert [i.verdict for i in analyse(notice, lex).items] == [Verdict.EMPTY]
    assert [i.verdict for i in analyse(report, lex).items] == [Verdict.PRINCIPLE]  # a 报告 states directions


def test_a_settled_principle_reads_its_other_sentences_only_when_asked(lex):
    """Without the specificity model (a 报告: ``analyse(specificity=False)`` here), a principle
    item stops reading words once it is settled; the pending sentences, read later, give what
    reading them at once gives — the same judgement, the same content of the item."""
    body = ("要加强危险化学品企业和加油站的安全风险排查，推进老旧燃气管道和消防设施改造。"
            "要进一步提高思想认识，切实增强工作的责任感和紧迫感。"
            "要完善校舍、桥梁和堤防的巡查维护，抓好汛期山洪灾害防御。")
    doc = structure.analyse(document_from_text(HEAD + body + TAIL, "<t>"))
    item = analyse(doc, lex, specificity=False).items[0]
    assert item.verdict is Verdict.PRINCIPLE
    pending = [s for s in item.sentences if s._pending is not None]
    assert pending, "the item settles on its first sentence"
    text = item.p.text
    for s in pending:
        sentence = text[s.start:s.end]
        expected = judge(lex, table.load(), sentence, mask(sentence))
        assert s.stock == expected.stock and s.slots == expected.slots  # known before reading
        assert s.judgement == expected
        assert s._pending is None
    eager = tuple(dict.fromkeys(w for s in item.sentences for w in s.judgement.content))
    assert item.content == eager and "校舍" in "".join(item.content)


def test_an_acronym_of_an_indicator_or_method_is_no_instrument(lex):
    """GDP, CPI, DRG/DIP name what is measured or how it is paid, not a tool anyone keeps or uses."""
    # must not
    assert slots_of(lex, "推动单位GDP物流成本稳步下降。").instruments == ()
    assert slots_of(lex, "完善DRG/DIP付费机制，推动医保、医疗、医药协同发展。").instruments == ()
    assert slots_of(lex, "密切关注CPI走势。").instruments == ()
    # must fire: tools named by code
    assert slots_of(lex, "群众可通过“浙里办”APP在线申报。").instruments == ("APP",)
    assert slots_of(lex, "各科室通过OA系统报送周报。").instruments[:1] == ("OA",)


def test_a_plan_that_names_a_period_is_no_instrument(lex):
    """“十四五”规划收官之年 dates the sentence; 编制“十五五”规划 names a document to write."""
    assert slots_of(lex, "2025年是“十四五”规划收官之年，也是改革攻坚之年。").instruments == ()
    assert slots_of(lex, "今年是“十五五”规划的开局之年。").instruments == ()
    assert slots_of(lex, "县发展改革局牵头编制全县“十五五”规划。").instruments == ("“十五五”",)


def test_a_platform_named_as_what_is_built_is_no_instrument(lex):
    """以平台建设为支撑 and 平台升级改造 make the platform a goal; 依托省平台建设数据库 uses one."""
    assert slots_of(lex, "以平台建设为支撑，以场景应用为牵引。").instruments == ()
    assert slots_of(lex, "做好平台升级改造。").instruments == ()
    assert slots_of(lex, "依托省平台建设专题数据库。").instruments[:1] == ("平台",)
    assert slots_of(lex, "检查结果统一上传至市场监管信息平台。").instruments == ("平台",)


def test_the_organ_that_made_a_decision_is_its_source_not_its_doer(lex):
    """是党中央作出的重要部署: the deployment's source (来源语境), not who carries it out."""
    assert slots_of(lex, "安全生产治本攻坚三年行动是党中央作出的重要部署。").who == ()
    assert slots_of(lex, "这是省委、省政府作出的重大决策部署。").who == ()
    # must fire: the doer stays
    assert slots_of(lex, "市应急管理局要落实党中央作出的重要部署。").who == ("市应急管理局",)
    assert slots_of(lex, "县林业局是全县森林防火工作的责任单位。").who == ("县林业局",)


def test_a_demonstrative_and_copula_are_no_place_name(lex):
    """这是省委的要求 names 省委, not an organ called 这是省委; 那曲市 stays a place."""
    assert slots_of(lex, "这是省委的要求。").who == ("省委",)
    assert slots_of(lex, "那曲市政府负责。").who == ("那曲市政府",)


def _warned(paragraph: str) -> bool:
    """A GW702/GW703 warning on the paragraph, as a measure item of a draft."""
    from gongwen_lint.diagnostics import Severity

    report = lint_text(HEAD + "一、主要措施\n\n" + paragraph + "\n\n" + TAIL)
    return any(d.code in ("GW702", "GW703") and d.severity is Severity.WARNING for d in report.diagnostics)


def test_straight_double_quotes_are_read_as_quotation_marks(lex):
    """Drafts typed on a Western layout quote with "…": the substance analysis still sees a name
    there (the 15 of "15分钟养老服务圈" is no amount), whatever GW4's punctuation findings say."""
    from gongwen_lint.text import typographic_quotes

    assert typographic_quotes('打造"15分钟养老服务圈"，推进"一网通办"。') == "打造“15分钟养老服务圈”，推进“一网通办”。"
    assert typographic_quotes('只有一个"引号。') == '只有一个"引号。'  # unpaired: left as it is
    assert typographic_quotes("没有引号。") == "没有引号。"
    empty = '要深入推进养老服务供给侧结构性改革，着力打造"15分钟养老服务圈"，努力让老年人安享幸福晚年。'
    concrete = '市民政局于2026年6月底前在全市建成"15分钟养老服务圈"示范社区20个。'
    assert _warned(empty) and not _warned(concrete)


def test_n_and_brand_ip_are_no_instrument(lex):
    assert slots_of(lex, "构建一朵云、一张网、N个应用的总体架构。").instruments == ()
    assert slots_of(lex, "打造特色文旅IP。").instruments == ()


def test_closing_formulas_name_no_doer(lex):
    """团结在……周围, 统一到……上来: the organ is the centre or the standard, not who acts."""
    assert slots_of(lex, "让我们更加紧密地团结在以习近平同志为核心的党中央周围。").who == ()
    assert slots_of(lex, "把思想统一到省委省政府对粮食生产形势的判断上来。").who == ()
    assert slots_of(lex, "县农业农村局把种粮补贴统一发放到农户一卡通上来。").who[:1] == ("县农业农村局",)


def test_an_organ_name_does_not_start_inside_a_word(lex):
    """及时向市政府报告处置情况: the organ is 市政府, not 时向市政府 (with nothing reported after
    the verb it is only the recipient: test_whom_a_report_goes_to_is_not_who_does_it)."""
    assert slots_of(lex, "及时向市政府报告处置情况。").who == ("市政府",)
    assert slots_of(lex, "由南昌市政府负责。").who == ("南昌市政府",)
    # nor inside a word that ends with its level: 城市政府 (city governments), 特别行政区政府
    assert slots_of(lex, "城市政府要负责。").who == ()
    assert slots_of(lex, "全力支持香港、澳门特别行政区政府和行政长官依法施政。").who == ()
    # a coverb inside the supposed place name ends the words before the organ (材料由县 is no place)
    assert slots_of(lex, "申报材料由县林业局负责审核汇总。").who == ("县林业局",)


def test_exhortation_weighs_towards_empty_and_obligation_does_not():
    """generic_lawless_share: of an item's stock words, the share laws hardly use (着力, 扎实, 坚决
    exhort; 严格, 依法, 及时 oblige).  The fitted model must read it as evidence of emptiness."""
    from gongwen_lint.substance import model
    from gongwen_lint.substance.table import load

    m = model.load()
    assert m.weights.get("generic_lawless_share", 0.0) > 0
    t = load()
    assert t.get("着力").legal <= model.RARE_COMMON < t.get("依法").legal



def _gate_texts(chars: str, n: int = 400, seed: int = 18) -> list[str]:
    """Random short texts over ``chars`` (the characters the patterns under test read)."""
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(chars) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_slot_gates_close_only_where_their_pattern_finds_nothing(lex):
    """Each gate of substance.gates.Gates (one scan for the characters a dozen slot patterns need) is
    derived from its pattern: where it is closed the pattern finds nothing, and a gate read
    off a plain character class is closed exactly where its class is absent."""
    from gongwen_lint.substance import gates as gates_mod

    gates = slots._gates(lex)
    exact = {"post": slots._POST_NEED, "deadline": slots._DEADLINE_NEED, "quantity": slots._QUANTITY_NEED,
             "digits": slots._DIGITS, "latin": slots._LATIN, "organ_end": lex.organ_end_re}
    starts = {"by": slots._BY_RE, "subject": slots._NAMED_SUBJECT_NEED, "link": slots._LINK_HINT,
              "instrument": lex.instrument_re}
    chars = "长记任导员年月内前后每时点二三十百万个项123４5@.邮由公司局要负责aZｚ县市委政府平台台账系统和、，。的在" + "\u0663"
    texts = _gate_texts(chars, 2000)
    for name, pattern in exact.items():
        gate = getattr(gates, name)
        assert not isinstance(gate, gates_mod._Always), name
        for t in texts:
            assert (pattern.search(t) is not None) == (not gate.isdisjoint(gates.present(t))), (name, t)
    for name, pattern in starts.items():
        gate = getattr(gates, name)
        assert not isinstance(gate, gates_mod._Always), name
        for t in texts:
            if pattern.search(t) is not None:
                assert not gate.isdisjoint(gates.present(t)), (name, t)
    # the source contexts without a required run: closed only where the context finds nothing
    contexts = "按照根据贯彻落实服务学习得到受到同与向维护拥护恳请给予领导要求精神部署肯定看齐权威核心地位批准一致保持，的下"
    for p, need, gate in zip(lex.source_contexts, lex.source_context_needs, gates.contexts):
        if need is None:
            for t in _gate_texts(contexts, 1500, seed=7):
                if p.search(t) is not None:
                    assert not gate.isdisjoint(gates.present(t)), (p.pattern, t)


def test_boilerplate_patterns_tried_as_with_a_substring_test_each(lex):
    """Boilerplate.find learns which ``re:`` patterns to try from the automaton's scan (their
    required runs are keys of it): the same stock phrases as trying each pattern whose run the
    text holds."""
    from gongwen_lint.lexicon import Entry, Match

    bp = lex.boilerplate

    def reference(text: str) -> tuple:
        masked = mask(text)
        found = [(a, b, bp.entries[p]) for p in bp.entries for a in range(len(masked))
                 if masked.startswith(p, a) for b in [a + len(p)]]
        found.sort(key=lambda m: (m[0], -len(m[2].phrase)))  # (the automaton's order: by end, longest first)
        found = sorted(found, key=lambda m: m[1])
        for (pattern, e), need in zip(bp.patterns, bp._needs):
            if need is None or need in masked:
                found += [(m.start(), m.end(), Entry(text[m.start():m.end()], e.category, e.source))
                          for m in pattern.finditer(masked) if m.end() > m.start()]
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out, last = [], 0
        for a, b, entry in found:
            if a >= last:
                out.append(Match(a, b, entry))
                last = b
        return tuple(out)

    pieces = ["在", "市委", "的坚强", "领导下", "为", "作出新的更大", "贡献", "开创", "新局面", "迈上", "新台阶",
              "谱写", "新篇章", "以更加", "务实", "的", "作风", "充分", "发挥", "示范引领", "作用", "高度重视",
              "切实加强", "，", "。", "通过", "提高了", "认真学习", "重要讲话"]
    import random

    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(1500)]
    assert sum(1 for t in texts if any(m.phrase not in bp.entries for m in reference(t))) > 50  # patterns do match
    for t in texts:
        bp._cache.clear()
        assert bp.find(t) == reference(t), t


def test_source_spans_are_every_context_searched(lex):
    """source_spans gates each source context by its first characters (or the first character of
    the run it requires) and all of them by their union: the spans of searching every context
    and 向……<figurative verb>, in order."""
    import random

    pieces = ["在", "市委", "的坚强领导下", "按照", "根据", "省政府", "的部署要求", "精神", "贯彻落实", "得到", "充分肯定",
              "同", "保持高度一致", "维护", "权威", "确保", "政令畅通", "是", "召开的", "会议", "让", "群众", "放心", "作出的",
              "决策部署", "团结在", "周围", "统一到", "上来", "恳请", "给予支持", "向", "交上一份满意答卷", "，", "。", "工作"]
    rng = random.Random(9)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]

    def reference(masked: str) -> list[tuple[int, int]]:
        spans = [m.span() for p in lex.source_contexts for m in p.finditer(masked)]
        return spans + (slots.audiences(lex, masked) if "向" in masked else [])

    found = 0
    for t in texts:
        got = slots.source_spans(lex, t)
        assert got == reference(t), t
        found += bool(got)
    assert found > 100


def test_aside_patterns_name_what_the_words_name(lex):
    """Aside.names reads its words as three patterns (anywhere; opening a heading and not joined
    to another word; ending it or before a bracket): the same answer as the word-by-word tests
    on random headings made of its words, joining words and brackets."""
    import random

    from gongwen_lint.substance.items import Aside

    asides = [Aside("背景", tuple(lex.words("sections", "preamble") + lex.words("sections", "direction"))),
              Aside("条件", tuple(lex.words("sections", "criteria")), anywhere=False)]
    words = sorted({k for a in asides for k in a.keys})
    pieces = list("和与及、暨（(）)工作要求的一") + words
    rng = random.Random(18)
    named = 0
    for _ in range(4000):
        headings = tuple("".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 3)))
        for a in asides:
            for own_lead in (False, True):
                got = a.names(headings, own_lead)
                assert got == a._names_by_key(headings, own_lead), (a.label, headings, own_lead)
                named += got
    assert named > 1000


def test_opening_words_of_a_stock_pattern():
    """A stock pattern with no one required run but an opening alternation of plain words is
    tried only on a text holding one of them (lexicon._opening_words); anything else: ()."""
    from gongwen_lint.lexicon import _opening_words

    assert _opening_words("(?:认真学习|深刻领会)[^，。]{0,20}?讲话") == ("认真学习", "深刻领会")
    assert _opening_words("(认真|深刻)学习") == ("认真", "深刻")
    for pattern in ("(?:认真|深刻)?学习", "(?i:ab|cd)e", "(?:ab|)e", "a[bc]|de", "[认深]学习", "(?:充分)?发挥"):
        assert _opening_words(pattern) == (), pattern


def test_filler_counts_distinct_code_points():
    """is_filler's count of distinct characters is len(set(text)), lone surrogates included."""
    import random

    from gongwen_lint.substance.items import _distinct

    rng = random.Random(4)
    for _ in range(3000):
        t = "".join(chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0x4E00, 0x4E20), rng.randint(0xD800, 0xDFFF),
                                    rng.randint(0x10000, 0x10010), 0x3000))) for _ in range(rng.randint(0, 40)))
        assert _distinct(t) == len(set(t)), repr(t)
