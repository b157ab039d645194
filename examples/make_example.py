"""Regenerate examples/通知草稿.docx, the draft the README runs gongwen-lint on.

It is typeset to GB/T 9704-2012 (by eval/make_documents.py) and carries the mistakes drafters
really make, so the first run shows what the tool finds: a document number with square
brackets, a date in Chinese numerals, half-width punctuation, stacked stock phrases, a vague
measure.  Run: python examples/make_example.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "eval"))

from make_documents import Draft, Line, write_docx

LINES = [
    Line("organ_mark", "宜城市人民政府办公室文件"),
    Line("doc_number", "宜政办发[2024]7号"),
    Line("title", "宜城市人民政府办公室关于做好2024年度"),
    Line("title", "城镇燃气安全排查整治工作的通知"),
    Line("addressee", "各区县人民政府，市政府各部门："),
    Line("body", "为深入贯彻落实《城镇燃气管理条例》和省政府办公厅《关于开展城镇燃气安全专项整治的通知》（皖政办〔2023〕15号）要求，切实做好我市城镇燃气安全排查整治工作，经市政府同意，现将有关事项通知如下。"),
    Line("heading1", "一、提高思想认识"),
    Line("body", "各地各部门要高度重视，切实加强组织领导，狠抓落实，确保取得实效，营造良好氛围。"),
    Line("heading1", "二、突出排查重点"),
    Line("body", "市住房城乡建设局牵头，会同市应急管理局、市市场监管局，于2024年6月30日前完成全市1260家餐饮企业燃气管道、阀门和报警装置的排查,对发现的隐患逐项建立整改清单。"),
    Line("body", "各区县要进一步加强监管，不断完善工作机制，全面提升安全水平。"),
    Line("heading1", "三、强化整改落实"),
    Line("body", "对排查发现的重大隐患，由属地区县人民政府负责督促企业在 15个工作日内整改到位；逾期未整改的，依法责令停业整顿。"),
    Line("attachment_note", "附件：城镇燃气安全排查整治工作台账"),
    Line("signature", "宜城市人民政府办公室"),
    Line("date", "二〇二四年三月十二日"),
    Line("note", "（此件公开发布）"),
    Line("cc", "抄送：市委办公室，市人大常委会办公室，市政协办公室。"),
    Line("printer", "宜城市人民政府办公室        2024年3月12日印发"),
]


def main() -> None:
    draft = Draft(name="通知草稿", title="", number="宜政办发[2024]7号", issuer="宜城市人民政府办公室",
                  year=2024, genre="通知", format="文件式", lines=LINES)
    write_docx(draft, HERE / "通知草稿.docx")


if __name__ == "__main__":
    main()
