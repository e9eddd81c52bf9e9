"""``plancheck init``: a plan skeleton with a section for every required element.

Blanks are marked 【请填写】 so that ``template-residue`` reports them until filled.
"""
from __future__ import annotations

BLANK = "【请填写】"

# profile -> extra level-2 items under 二、主要工作 (what reviewers expect of that kind of union)
PROFILE_ITEMS = {
    "general": [],
    "enterprise": ["开好职工代表大会，深化厂务公开：" + BLANK,
                   "开展劳动竞赛和“安康杯”安全生产竞赛：" + BLANK],
    "school": ["开好教职工代表大会，推进校务公开：" + BLANK,
               "加强师德建设：" + BLANK],
    "institution": ["推进院务公开（政务公开）和民主管理：" + BLANK],
    "township": ["扩大建会入会覆盖面，推动新就业形态劳动者和农民工入会：" + BLANK,
                 "推进区域性、行业性工资集体协商：" + BLANK],
}

SECTIONS = [
    ("一、指导思想", ["以习近平新时代中国特色社会主义思想为指导，深入贯彻" + BLANK + "精神，"
                      "坚持“组织起来、切实维权”的工作方针，团结动员职工为" + BLANK + "贡献力量。"]),
    ("二、主要工作", []),
    ("（一）维护职工合法权益", ["推进集体协商和集体合同制度，" + BLANK + "前完成集体合同续签；"
                              "开展劳动法律监督和劳动争议调解：" + BLANK + "。"]),
    ("（二）加强经费审查和财务管理", ["工会经费审查委员会对本级预算执行情况和决算进行审查，"
                                    "开展" + BLANK + "审计，定期向会员公开经费收支情况。"]),
    ("（三）做好女职工工作", ["发挥女职工委员会作用，落实女职工特殊权益保护专项集体合同，"
                            "组织“三八”节活动和两癌筛查：" + BLANK + "。"]),
]

MONTHS = [f"{month}月" for month in range(1, 13)]


def skeleton(profile: str = "general", *, markdown: bool = True) -> str:
    """The skeleton text for ``profile``, as markdown or as plain text."""
    lines = [("# " if markdown else "") + f"{BLANK}工会{BLANK}年工作计划", "",
             f"{BLANK}年，{BLANK}工会在上级工会和单位党组织的领导下，结合本单位实际，特制定本计划。"
             "现将本年度工作安排如下：", ""]
    extra = PROFILE_ITEMS[profile]
    for heading, paragraphs in SECTIONS:
        lines += [_heading(heading, markdown), ""] + [p for text in paragraphs for p in (text, "")]
    for number, item in enumerate(extra, start=4):
        label, body = item.split("：", 1)
        lines += [_heading(f"（{'一二三四五六七八九十'[number - 1]}）{label}", markdown), "", body, ""]
    lines += [_heading("三、月度工作安排", markdown), ""]
    if markdown:
        lines += ["| 月份 | 工作内容 | 责任部门 |", "| --- | --- | --- |"]
    lines += [("| " if markdown else "") + f"{month} | {BLANK} | {BLANK}" + (" |" if markdown else "")
              for month in MONTHS]
    lines += ["", _heading("四、保障措施", markdown), "", BLANK, "", f"{BLANK}工会委员会", f"{BLANK}年{BLANK}月{BLANK}日", ""]
    return "\n".join(lines)


def _heading(text: str, markdown: bool) -> str:
    if not markdown:
        return text
    return ("## " if text[0] in "一二三四五六七八九十" else "### ") + text
