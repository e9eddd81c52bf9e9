"""The tree built for each sample draft: plans, sections, items, schedule entries, furniture."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.model import Document, Plan, Section
from checker.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def sample(name: str) -> Document:
    return parse((SAMPLES / name).read_text(encoding="utf-8"), path=name, format=Path(name).suffix[1:])


def line_of(document: Document, block) -> int:
    return document.location(block.start)[0]


def heading_rows(document: Document, sections: list[Section]) -> list[tuple]:
    """(level, style, number, title, line) of each section heading, depth-first."""
    return [(s.heading.level, s.heading.style, s.heading.number, s.heading.title, line_of(document, s.heading))
            for top in sections for s in top.walk()]


def find(sections: list[Section], title: str) -> Section:
    return next(s for top in sections for s in top.walk() if s.heading.title == title)


def months_by_entry(plan: Plan) -> list[tuple[int, ...]]:
    return [block.months for block in plan.schedule]


# --------------------------------------------------------------------------- factory plan

@pytest.fixture(scope="module")
def factory() -> Document:
    return sample("factory-plan-2025.txt")


def test_factory_plan_has_its_title_twice_and_a_preamble_ending_in_the_hand_over(factory):
    [plan] = factory.plans
    assert plan.title == "华兴电机有限公司工会2025年工作计划"
    assert [(b.kind, line_of(factory, b)) for b in plan.preamble] == [("title", 1), ("title", 3), ("text", 5)]
    assert plan.preamble[-1].text.endswith("现将全年工作安排如下:")
    assert factory.furniture == []


def test_factory_plan_top_level_headings(factory):
    [plan] = factory.plans
    assert [row for row in heading_rows(factory, plan.sections) if row[0] == 1] == [
        (1, "一、", 1, "指导思想", 7),
        (1, "一、", 2, "主要任务", 8),
        (1, "一、", 3, "做好帮扶和女职工工作", 23),
        (1, "一、", 4, "加强工会经费审查", 29),
        (1, "一、", 5, "月度工作安排", 31),
    ]
    # a heading with its text on the same line keeps the text
    assert plan.sections[0].heading.text.startswith("一、指导思想:以习近平新时代")


def test_factory_plan_levels_two_to_five(factory):
    [plan] = factory.plans
    rights = find(plan.sections, "依法维护职工合法权益")
    assert heading_rows(factory, rights.children) == [
        (3, "1.", 1, "续签集体合同", 14),          # 1． (full-width stop)
        (4, "(1)", 1, "4月底前完成集体合同的要约、协商和签订工作", 15),   # a deadline, not a schedule entry
        (4, "(1)", 2, "开展工资专项集体协商,协商确定一线岗位工资增长幅度和高温津贴标准", 16),
        (4, "⑴", 3, "下半年组织一次集体合同履约情况检查,检查结果向职代会报告", 17),
        (3, "1.", 2, "加强劳动法律监督,各车间配备劳动法律监督员,重点检查劳动合同签订、工时休假和社会保险缴纳情况", 18),
        (3, "1、", 3, "健全劳动争议调解委员会,做到小事不出班组", 19),
        (3, "1、~", 1, "摸底", 19),                  # 推进步骤：1、摸底；2、建制；3、验收。
        (3, "1、~", 2, "建制", 19),
        (3, "1、~", 3, "验收", 19),
    ]
    women = find(plan.sections, "女职工委员会工作")
    assert [(b.kind, b.level, b.number, b.style) for b in women.blocks] == [
        ("item", 5, 1, "①"), ("item", 5, 2, "①"), ("item", 5, 3, "①")]


def test_factory_plan_run_on_item_starts_a_new_item_mid_line(factory):
    [plan] = factory.plans
    contest = find(plan.sections, "开展劳动竞赛")
    first, second, third = (s.heading for s in contest.children)
    assert first.title.endswith("每场选拔1-2名技术能手")          # 1—2名 is no item
    assert (second.number, second.style, factory.location(second.start)) == (2, "1、~", (21, 58))
    assert second.title.startswith("组织职工参加“安康杯”竞赛")
    assert third.title.endswith("选送论文2-3篇参加市总工会评选")      # 2-3篇 is no item, no marker


def test_factory_plan_schedule_labels_alone_on_a_line(factory):
    [plan] = factory.plans
    assert months_by_entry(plan) == [(1,), (2,), (3,), (4,), (5,), (6,), (7, 8), (9,), (10,), (11,), (12,)]
    assert [b.text for b in plan.schedule][:2] == ["元月", "二月份"]
    schedule = find(plan.sections, "月度工作安排")
    july = next(i for i, b in enumerate(schedule.blocks) if b.months == (7, 8))
    under_july = schedule.blocks[july + 1:july + 3]
    assert [(b.kind, b.level, b.number) for b in under_july] == [("item", 3, 1), ("item", 3, 2)]
    # 5.12, 安全生产月 and 每月 name no month; the signature date is plain text
    may_drill = next(b for b in schedule.blocks if "5.12" in b.text)
    assert (may_drill.kind, may_drill.number) == ("item", 2)
    assert [(b.kind, b.text) for b in schedule.blocks[-2:]] == [
        ("text", "华兴电机有限公司工会委员会"), ("text", "2025年1月6日")]


# --------------------------------------------------------------------------- markdown school plan

def test_markdown_plan_levels_come_from_the_chinese_numbers():
    document = sample("school-semester-plan.md")
    [plan] = document.plans
    assert plan.title == "2024-2025学年度第一学期城南实验中学工会工作计划"
    assert heading_rows(document, plan.sections) == [
        (1, "一、", 1, "指导思想", 7),
        (1, "一、", 2, "工作目标", 11),
        (1, "一、", 3, "主要工作", 16),
        (2, "(一)", 1, "推进民主管理", 18),
        (3, "1.", 1, "召开第五届教代会第三次会议(9月下旬),审议学校绩效工资分配方案", 20),
        (3, "1.", 2, "深化校务公开,学校重大事项在校务公开栏和教工群及时公布", 21),
        (2, "(一)", 2, "维护教职工合法权益", 23),
        (3, "1、", 1, "协助学校续签集体合同,开展履约情况检查", 25),     # - 1、…
        (3, "1、", 2, "邀请律师开展教职工劳动法律知识讲座", 26),
        (3, "1、", 3, "建立困难教职工档案,做好帮扶慰问", 27),
        (2, "#", None, "1.1 加强师德建设", 29),                          # ### without a Chinese number
        (1, "一、", 4, "做好女教职工工作", 33),                          # **四、…**
        (3, "1、", 1, "组织女教职工健康体检和两癌筛查", 35),
        (3, "1、", 2, "开展“最美女教师”评选,落实女教职工“四期”保护", 36),
        (1, "一、", 5, "加强工会自身建设", 38),
        (2, "#", None, "具体措施", 40),                                  # #### 具体措施 under 五、
        (3, "1、", 1, "规范工会经费管理,经费审查委员会每学期审查一次经费收支", 42),
        (3, "1、", 2, "建好教工之家,完善职工书屋,每周三下午向教职工开放", 43),
        (1, "#", None, "本学期月度工作安排", 45),                        # ## 附：…
    ]


def test_markdown_table_rows_form_a_school_year_schedule():
    document = sample("school-semester-plan.md")
    [plan] = document.plans
    assert months_by_entry(plan) == [(9,), (10,), (11, 12), (1,)]
    assert [line_of(document, b) for b in plan.schedule] == [49, 50, 51, 52]
    appendix = plan.sections[-1]
    assert [b.kind for b in appendix.blocks] == ["text", "text", "schedule", "schedule", "schedule", "schedule"]


# --------------------------------------------------------------------------- web collection

@pytest.fixture(scope="module")
def collection() -> Document:
    return sample("collection-web-page.txt")


def test_collection_splits_at_markers_of_every_style(collection):
    assert [(p.index, line_of(collection, p), p.title) for p in collection.plans] == [
        (1, 11, "社区工会工作计划"),                   # 社区工会工作计划 篇1
        (2, 23, "社区工会工作计划"),                   # …篇二
        (3, 32, "新建社区联合工会2025年工作要点"),    # 【篇三】…
        (4, 39, "社区工会年度工作安排"),               # 第四篇：…
        (5, 46, "滨河社区工会2025年工作计划"),        # 第5篇 …
    ]
    assert [p.marker.kind for p in collection.plans] == ["marker"] * 5


def test_collection_furniture_before_the_first_and_after_the_last_plan(collection):
    lines = [line_of(collection, b) for b in collection.furniture]
    assert lines == [1, 2, 3, 4, 5, 6, 7, 9, 51, 52, 53, 54, 55, 56, 57, 58]
    assert all(b.kind == "furniture" for b in collection.furniture)
    assert all(b.kind != "furniture" for plan in collection.plans for b in plan.blocks)
    assert collection.plans[-1].end < collection.furniture[8].start


def test_collection_counts_and_measure_words_are_no_markers(collection):
    first = collection.plans[0]
    report = find(first.sections, "组织工会干部参加街道总工会培训,每人撰写一篇调研报告")
    assert report.heading.number == 2
    third = collection.plans[2]
    assert [s.heading.number for s in third.sections] == [1, 2, 3]       # …选送摄影作品2-3篇（幅）…
    assert months_by_entry(collection.plans[3]) == [(3,), (5,), (9,), (12,)]
    points = collection.plans[4].sections[1].blocks
    assert [(b.style, b.number) for b in points] == [("一是~", 1), ("一是~", 2), ("一是~", 3)]


# --------------------------------------------------------------------------- inline items and months

@pytest.fixture(scope="module")
def township() -> Document:
    return sample("township-plan-inline-items.txt")


def test_points_inline_are_split_into_items(township):
    [plan] = township.plans
    by_title = {s.heading.title: s.blocks for s in plan.sections}
    assert [(b.style, b.number, township.location(b.start)) for b in by_title["强化思想政治引领"]] == [
        ("一是", 1, (6, 3)), ("一是~", 2, (6, 39)), ("一是~", 3, (6, 53))]
    assert [(b.kind, b.style) for b in by_title["推进基层组织建设"]] == [
        ("text", None), ("item", "一要~"), ("item", "一要~"), ("item", "一要~")]
    assert [b.style for b in by_title["维护职工合法权益"]] == ["第一,", "第一,~", "第一,~"]
    # 首先/其次 stay prose; 再次是 (a common slip) is a point
    assert [(b.kind, b.style) for b in by_title["做好服务职工工作"]] == [("text", None), ("item", "再次是~")]


def test_page_break_split_paragraph_is_one_block(township):
    [plan] = township.plans
    [paragraph] = find(plan.sections, "加强女职工工作").blocks
    assert "依法保障女职工的特殊权益" in paragraph.text
    assert len(paragraph.pieces) == 2
    assert township.location(paragraph.start) == (14, 3)
    assert township.norm.location(paragraph.end, end=True)[0] == 15
    assert paragraph.text[paragraph.text.index("工的特殊")] == "工"
    assert township.location(paragraph.offset(paragraph.text.index("工的特殊"))) == (15, 1)


def test_items_after_a_colon_run_on(township):
    [plan] = township.plans
    funds = find(plan.sections, "加强经费管理")
    assert [(s.heading.number, s.heading.style, s.heading.title) for s in funds.children] == [
        (1, "1、~", "完成工会经费收缴任务"), (2, "1、~", "规范帮扶资金使用"), (3, "1、~", "接受县总工会经审会审计")]


def test_month_keys_several_on_a_line_ranges_and_lists(township):
    [plan] = township.plans
    assert [(b.months, b.style, township.location(b.start)) for b in plan.schedule] == [
        ((1,), None, (28, 1)),
        ((2,), "~", (28, 21)),             # …部署全年工作。2月：…
        ((3,), None, (29, 1)),
        ((4,), "~", (29, 13)),             # …系列活动4月：… (no separator)
        ((1, 2, 3), None, (30, 1)),        # 1月份至3月份
        ((4, 5, 6, 7), None, (31, 1)),     # 4-7月
        ((4, 5, 6, 7), None, (32, 1)),     # 4至7月
        ((7, 8), None, (33, 1)),           # 7月8月
        ((9, 10), None, (34, 1)),          # 9、10月
        ((11, 12), None, (35, 1)),         # 十一、十二月 is no heading 十一、
    ]


# --------------------------------------------------------------------------- traditional script

def test_traditional_draft_is_read_in_simplified_with_original_positions():
    original = (SAMPLES / "traditional-hospital-plan.txt").read_text(encoding="utf-8")
    document = parse(original)
    [plan] = document.plans
    assert plan.title == "仁济医院工会2025年工作计划"
    assert [s.heading.title for s in plan.sections] == [
        "指导思想", "主要工作", "女职工工作", "经费审查", "加强工会自身建设", "月度安排"]
    rights = find(plan.sections, "维护职工合法权益")
    assert [(s.heading.level, s.heading.style) for s in rights.children] == [(4, "⑴"), (4, "⑴")]
    assert months_by_entry(plan) == [(1,), (3,), (5,), (9,), (12,)]
    preamble = plan.preamble[-1]
    assert "维护职工合法权益为重点" in preamble.text                 # pinyin gloss 權(quán)益 removed
    line, column = document.location(preamble.offset(preamble.text.index("益为重点")))
    assert document.norm.original_line(line)[column - 1] == "益"
    line, column = document.location(preamble.start)
    assert document.norm.original_line(line)[column - 1:column + 4] == "2025年"


# --------------------------------------------------------------------------- months and traps

def test_half_year_plan_months_and_month_look_alikes():
    document = sample("community-plan-months-variants.txt")
    [plan] = document.plans
    assert plan.title == "幸福里社区工会2025年下半年工作计划"
    assert sorted({m for b in plan.schedule for m in b.months}) == [7, 8, 9, 10, 11, 12]
    # 三、九月份…: not a consecutive pair, so a heading; its prose "九月是…" is no entry
    september = plan.sections[2]
    assert (september.heading.number, september.heading.title) == (3, "九月份重点工作")
    assert [b.kind for b in september.blocks] == ["text"]
    # 安全生产月, 每月, 十一 (National Day), 三八红旗手, 5.12, 正月, 腊月: no schedule entries
    for title in ("重点工作", "其他事项"):
        section = find(plan.sections, title)
        assert not [b for b in section.all_blocks() if b.kind == "schedule"]
    assert months_by_entry(plan) == [(7, 8), (7, 8), (9,), (9, 10), (10,), (11,), (11, 12), (12,)]
    september_items = find(plan.sections, "月度工作安排").blocks[3:5]
    assert [(b.kind, b.number) for b in september_items] == [("item", 1), ("item", 2)]


# --------------------------------------------------------------------------- parts and notice

def test_notice_wrapper_parts_and_bare_label_nested_in_a_part():
    document = sample("agency-plan-parts.txt")
    [plan] = document.plans
    assert plan.title == "市交通运输局机关工会2025年工作要点"      # inside 关于印发《…》的通知
    assert plan.preamble[0].kind == "title" and plan.preamble[5].kind == "title"
    assert [(s.heading.style, s.heading.number, s.heading.title) for s in plan.sections] == [
        ("第一部分", 1, "指导思想和总体要求"), ("第一部分", 2, "主要任务"),
        ("第一部分", 3, "保障措施"), ("第一部分", 4, "工作安排")]
    [label] = plan.sections[1].children
    assert (label.heading.level, label.heading.style, label.heading.title) == (2, "bare", "重点任务")
    assert [(s.heading.level, s.heading.style, s.heading.number) for s in label.children] == [
        (2, "㈠", 1), (2, "㈠", 2), (2, "㈠", 3)]
    assert [(s.heading.style, s.heading.number) for s in label.children[1].children] == [
        ("⒈", 1), ("⒈", 2), ("⒈", 3)]
    assert [(b.kind, b.style, b.number) for b in plan.sections[2].blocks] == [
        ("item", "第一、", 1), ("item", "第一、", 2), ("item", "第一、", 3), ("item", "第一、", 4)]
    assert sorted({m for b in plan.schedule for m in b.months}) == list(range(1, 13))


# --------------------------------------------------------------------------- bare headings

def test_bare_headings_at_the_top_are_level_one_sections():
    document = sample("kindergarten-plan-bare-headings.txt")
    [plan] = document.plans
    assert plan.title == "阳光幼儿园工会2025年工作计划(讨论稿)"
    assert [(s.heading.level, s.heading.style, s.heading.title) for s in plan.sections] == [
        (1, "bare", "指导思想"), (1, "bare", "工作目标"), (1, "bare", "主要工作"),
        (1, "bare", "工作重点"), (1, "bare", "工作措施"), (1, "bare", "具体工作安排")]
    assert "以习近平新时代中国特色社会主义思想为指导" in plan.sections[0].heading.text
    democracy = find(plan.sections, "推进民主管理")
    # 1、3月召开…: an item that opens with its month is a schedule entry; 2、 stays an item
    assert [(b.kind, b.number, b.months) for b in democracy.blocks] == [("schedule", 1, (3,))]
    assert [(s.heading.number, s.heading.level) for s in democracy.children] == [(2, 3)]
    assert [b.style for b in plan.sections[3].blocks] == ["一是~", "一是~", "一是~"]
    assert months_by_entry(plan) == [(3,), (3,), (4,), (5,), (6,), (9,), (10,), (11,), (12,)]


def test_bare_heading_under_a_numbered_heading_is_its_sub_section():
    text = "一、月度工作安排\n主要工作\n十月份\n1、教职工排球赛\n十一月份\n教职工乒乓球赛\n二、保障措施\n落实经费。\n"
    document = parse(text)
    [plan] = document.plans
    first, second = plan.sections
    [label] = first.children
    assert (label.heading.level, label.heading.title) == (2, "主要工作")
    assert [(b.kind, b.months) for b in label.blocks] == [("schedule", (10,)), ("item", ()), ("schedule", (11,)),
                                                          ("text", ())]
    assert second.heading.title == "保障措施"


# --------------------------------------------------------------------------- scraped punctuation

def test_scraped_heading_variants_and_indentation():
    document = sample("scraped-street-plan.txt")
    [plan] = document.plans
    assert plan.title == "20XX年XX街道总工会工作计划"
    assert document.location(plan.start) == (1, 3)
    assert [(row[0], row[1], row[2]) for row in heading_rows(document, plan.sections)] == [
        (1, "一.", 1), (2, "(一)", 1), (3, "1,", 1), (3, "1,", 2), (2, "(一)、", 2), (3, "1.", 1), (3, "1.", 2),
        (1, "一.", 2), (2, "(一)", 1), (4, "(1)", 1), (4, "(1)", 2), (2, "(一、)", 2),
        (1, "一、", 3), (2, "(一)", 1), (2, "(一)", 2), (1, "一、", 4), (1, "一、", 5),
        (1, "一、", 6), (2, "(一)", 1), (3, "1,", 1), (2, "(一)", 2), (2, "(一)", 3), (1, "一、", 7)]
    assert find(plan.sections, "年内新建企业工会12家,新发展会员600人").heading.number == 1   # "." ends the title
    assert all(document.location(s.heading.start)[1] == 3 for top in plan.sections for s in top.walk())
    assert months_by_entry(plan) == [(3,), (5,), (7,), (9,), (12,)]


# --------------------------------------------------------------------------- Word heading styles

def test_word_heading_styles_level_unnumbered_paragraphs_but_not_the_title():
    text = "蓝天公司工会2025年工作计划\n指导思想\n以职工为中心。\n加强民主管理\n开好职代会。\n(一)推进厂务公开\n"
    document = parse(text, format="docx", heading_levels={0: 1, 1: 1, 3: 2, 5: 2})
    [plan] = document.plans
    assert plan.preamble[0].kind == "title"
    assert [(s.heading.level, s.heading.style, s.heading.title) for s in plan.sections] == [
        (1, "bare", "指导思想")]
    assert [(s.heading.level, s.heading.style, s.heading.title) for s in plan.sections[0].children] == [
        (2, "bare", "加强民主管理"), (2, "(一)", "推进厂务公开")]


def test_word_document_headings_and_table_rows():
    from checker.pipeline import load

    document = load(SAMPLES / "school-plan-with-table.docx")
    [plan] = document.plans
    assert [(s.heading.level, s.heading.style, s.heading.title) for s in plan.sections] == [
        (1, "bare", "指导思想"), (1, "bare", "主要工作"), (1, "bare", "月度工作安排")]
    rows = plan.sections[-1].blocks
    assert [b.months for b in rows if b.kind == "schedule"] == [(9,), (10,), (11,), (11,), (12,), (1,)]
    # long table rows without end punctuation are never joined as a page-break split
    assert [b.text.split(" | ")[0] for b in rows if b.kind == "text"][:3] == ["月份", "全年", "备注"]


# --------------------------------------------------------------------------- real drafts

def corpus_labels() -> dict:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    return json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))


def test_corpus_collections_split_at_their_marker_lines_with_their_schedules():
    labels = corpus_labels()["docs"]
    documents = {name: parse((CORPUS / name).read_text(encoding="utf-8")) for name in {d["file"] for d in labels}}
    assert sorted(len(d.plans) for d in documents.values()) == [6, 8, 9]
    for label in labels:
        document = documents[label["file"]]
        plan = document.plans[int(label["id"].split("-")[1]) - 1]
        assert line_of(document, plan) == label["marker_line"], label["id"]
        assert sorted({m for b in plan.schedule for m in b.months}) == label["schedule_months"], label["id"]


# --------------------------------------------------------------------------- plancheck parse views

def test_json_view_holds_the_tree_with_spans_in_the_original(collection):
    from checker.parse_view import to_json

    data = json.loads(json.dumps(to_json(collection), ensure_ascii=False))
    assert (data["path"], data["format"], data["encoding"]) == ("collection-web-page.txt", "txt", None)
    assert [(p["index"], p["start_line"], p["marker"]["start_line"]) for p in data["plans"]] == [
        (1, 11, 11), (2, 23, 23), (3, 32, 32), (4, 39, 39), (5, 46, 46)]
    assert [f["start_line"] for f in data["furniture"]] == [1, 2, 3, 4, 5, 6, 7, 9, 51, 52, 53, 54, 55, 56, 57, 58]
    first = data["plans"][0]
    assert [c["kind"] for c in first["children"]] == ["text", "section", "section", "section"]
    organisation = first["children"][1]
    assert [organisation[key] for key in ("title", "level", "start_line", "end_line")] == ["加强组织建设", 1, 14, 16]
    assert [(c["kind"], c["number"], c["start_line"]) for c in organisation["children"]] == [
        ("section", 1, 15), ("section", 2, 16)]
    schedule = data["plans"][3]["children"]
    assert [(c["kind"], c["months"], c["start_line"], c["start_column"]) for c in schedule] == [
        ("schedule", [3], 41, 1), ("schedule", [5], 42, 1), ("schedule", [9], 43, 1), ("schedule", [12], 44, 1)]
    points = data["plans"][4]["children"][1]["children"]
    assert [(p["start_line"], p["start_column"], p["end_column"]) for p in points] == [
        (49, 8, 21), (49, 21, 34), (49, 34, 45)]


def test_json_view_spans_a_page_break_split_paragraph(township):
    from checker.parse_view import to_json

    women = to_json(township)["plans"][0]["children"][6]
    [paragraph] = women["children"]
    assert (paragraph["start_line"], paragraph["start_column"], paragraph["end_line"]) == (14, 3, 15)
    assert paragraph["end_column"] == len(township.norm.original_line(15)) + 1


def render(document: Document, lang: str) -> str:
    from rich.console import Console

    from checker.parse_view import render_tree

    console = Console(width=160, record=True, color_system=None)
    console.print(render_tree(document, lang))
    return console.export_text()


def test_rich_tree_shows_plans_sections_schedule_and_furniture_with_positions(collection):
    text = render(collection, "zh")
    assert "计划 4  社区工会年度工作安排  39:1" in text
    assert "41:1  月度安排 3 月 3月:开展“巾帼心向党”女职工主题活动。" in text
    assert "49:21  条目 二是建立困难职工帮扶档案;" in text
    assert "计划之外的网页杂项（16 行）" in text
    english = render(collection, "en")
    assert "Plan 1  社区工会工作计划  11:1" in english
    assert "43:1  schedule months 9 9月:金秋助学走访。" in english
    assert "web furniture outside the plans (16 lines)" in english


def test_rich_tree_prints_draft_text_literally():
    document = parse("[bold]XX工会2025年工作计划\n一、[重要]加强民主管理\n")
    text = render(document, "en")
    assert "[bold]XX工会2025年工作计划" in text
    assert "2:1  L1 一、[重要]加强民主管理" in text


def test_an_item_opening_with_its_month_stays_between_its_sibling_items():
    from checker.parse_view import to_json

    document = parse("XX工会2025年工作计划\n前言。\n1、召开职代会\n2、3月召开会员代表大会\n3、开展文体活动\n")
    [plan] = document.plans
    assert [b.text for b in plan.preamble] == ["XX工会2025年工作计划", "前言。"]
    assert [s.heading.number for s in plan.sections] == [1, 3]
    assert [(b.number, b.months) for b in plan.schedule] == [(2, (3,))]
    children = to_json(document)["plans"][0]["children"]
    assert [(c["kind"], c["start_line"]) for c in children] == [
        ("title", 1), ("text", 2), ("section", 3), ("schedule", 4), ("section", 5)]


def test_a_level_two_heading_that_is_a_month_opens_a_schedule_entry():
    document = parse("机械厂工会2025年工作计划\n二、月度工作安排\n（一）三月份\n1、召开职代会。\n2、开展三八节活动。\n"
                     "（二）五、六月份\n1、开展劳动竞赛。\n（三）七月份：开展夏送清凉。\n（四）8月8日举办全民健身日活动。\n")
    plan = document.plans[0]
    assert months_by_entry(plan) == [(3,), (5, 6), (7,)]
    entries = [b for b in plan.blocks if b.kind == "schedule"]
    assert [(b.number, b.style) for b in entries] == [(1, "(一)"), (2, "(一)"), (3, "(一)")]
    items = [b.text for b in plan.blocks if b.kind == "item"]
    assert items == ["1、召开职代会。", "2、开展三八节活动。", "1、开展劳动竞赛。"]
    dated = next(b for b in plan.blocks if b.text.startswith("(四)"))
    assert (dated.kind, dated.level) == ("heading", 2)      # a date, not a month key


def test_word_heading_levels_apply_to_their_lines_indented_or_not():
    document = parse("单位工会2025年工作计划\n\n   指导思想\n坚持党的领导。\n经费审查\n  经审会每季度审查一次。\n",
                     heading_levels={2: 1, 4: 2})
    [plan] = document.plans
    assert [(s.heading.level, s.heading.text) for s in plan.sections_walk()] == [(1, "指导思想"), (2, "经费审查")]
    assert [b.text for b in plan.sections[0].children[0].blocks] == ["经审会每季度审查一次。"]
