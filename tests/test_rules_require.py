"""Kind ``require``: the five required elements on invented, real-looking drafts and their traps."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import check_text

ELEMENTS = ["guiding-ideology", "rights-protection", "finance-audit", "womens-work", "monthly-schedule"]

COMPLETE = """\
江北机械厂工会2025年工作计划

2025年，厂工会将在厂党委和区总工会的领导下，团结动员全厂职工为完成生产经营任务建功立业。现将全年工作安排如下：
一、指导思想
以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，坚持“组织起来、切实维权”的工作方针。
二、主要工作
（一）依法维护职工合法权益
1、推进工资集体协商，年内集体合同签订率保持在95%以上。
2、开展劳动法律监督检查，做好劳动争议调解。
（二）加强经费审查
经审会对本级工会预算执行情况和决算进行审查，开展工会主席离任审计。
（三）做好女职工工作
发挥女职工委员会作用，组织“三八”节活动和两癌筛查。
三、月度工作安排
1月：开展送温暖活动
3月：庆祝“三八”妇女节
4月：召开三届二次职代会
5月：开展“五一”劳动竞赛
6月：组织“安康杯”知识竞赛
9月：金秋助学
"""


def missing(text: str, **config) -> set[str]:
    """Required elements reported missing in the first plan."""
    plan = check_text(text, Config(**config)).plans[0]
    return {f.rule for f in plan.findings if f.severity == "error"} & set(ELEMENTS)


def test_a_complete_plan_has_every_element_with_its_evidence():
    plan = check_text(COMPLETE, Config()).plans[0]
    assert [e.rule for e in plan.elements] == ELEMENTS
    assert all(e.present for e in plan.elements)
    where = {e.rule: (e.line, e.evidence) for e in plan.elements}
    assert where["guiding-ideology"][0] == 4 and "指导思想" in where["guiding-ideology"][1]
    assert where["rights-protection"][0] == 7      # the heading, not the slogan 切实维权 on line 5
    assert where["finance-audit"][0] == 10
    assert where["womens-work"][0] == 12
    assert where["monthly-schedule"][0] == 15


def test_a_missing_element_is_an_error_on_the_plans_first_line():
    draft = "江北机械厂工会2025年工作计划\n一、主要工作\n1、组织职工开展健步走活动。\n2、举办职工书画展。\n"
    plan = check_text(draft, Config()).plans[0]
    errors = [f for f in plan.findings if f.rule in ELEMENTS]
    assert {f.rule for f in errors} == set(ELEMENTS)
    assert all((f.line, f.column, f.severity) == (1, 1, "error") for f in errors)
    assert not any(e.present for e in plan.elements)


@pytest.mark.parametrize("snippet", [
    "一、指导思想\n坚持以职工为中心。",
    "一、工作指导思想和目标任务\n围绕中心，服务大局。",
    "我院工会工作总的指导思想：在上级工会和医院党委的领导下，围绕医院中心工作开展活动。",
    "总体要求：坚持稳中求进，团结动员职工建功新时代。",
    "2025年工会工作的总体思路是：围绕中心、服务大局，突出维权服务。",
    "今年，校工会以邓小平理论和“三个代表”重要思想为指导，认真履行工会职能。",
    "以科学发展观为统领，全面推进工会各项工作。",
    "以__为指导，牢固树立以人为本的理念。",            # blanked theory name: present (and residue)
])
def test_guiding_ideology_counts(snippet):
    assert "guiding-ideology" not in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "一、主要工作\n1、以学习宣传为指导，夯实思想解放平台。",         # not a theory or a spirit
    "一、主要工作\n1、以维护职工合法权益为着眼点，建设和谐劳动关系。",
    "二、创新工作思路，提高服务水平\n1、开展调研。",                  # a heading that merely contains the words
    "公司工会围绕集团劳动竞赛的总体要求，制定了竞赛方案。",            # mid-sentence
    "二、主要工作\n（三）劳动竞赛的总体要求\n围绕生产任务开展竞赛。",      # a topic's requirements
    "在上级工会和学校党支部的领导下，做好以下工作：\n一、开展读书活动。",  # who leads, not the ideology
    "1、体现公司“集中一贯”的指导方针和指导原则。\n2、以理论指导实践。",
])
def test_guiding_ideology_traps(snippet):
    assert "guiding-ideology" in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "三、依法维权\n1、做好职工来信来访。",
    "2、全面推进集体合同制度，开展集体协商要约行动。",
    "3、坚决维护教职工的经济利益，切实保障教职工的民主权利。",
    "4、深化工会法律援助服务，畅通12351职工服务热线。",
    "5、督促企业与农民工签订书面劳动合同。",
])
def test_rights_protection_counts(snippet):
    assert "rights-protection" not in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "1、开展教师网页维护大赛。\n2、做好电脑和设备维护。",
    "1、加强职工队伍维稳工作，维护稳定大局。",
    "1、维护公司形象，争创文明单位。",
    "坚持“组织起来、切实维权”的工作方针，团结动员职工建功立业。",   # the slogan alone
])
def test_rights_protection_traps(snippet):
    assert "rights-protection" in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "七、加强工会财务和经费审查工作。",
    "3、坚持定期拨缴、合法使用、依法经审。",
    "工会设立经审委员会，重点加强工会财务管理监督。",
    "5、继续做好工会主席的离任和任期经济责任审计。",
    "4、进一步完善工会内审，做实会员监督。",
    "2、每半年向会员公开一次工会经费收支情况。",
    "1、召开经审会议，审查本级工会预算执行情况。",
])
def test_finance_audit_counts(snippet):
    assert "finance-audit" not in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "1、本方案已经审议通过。",                         # 已经|审议: 经审 straddles two words
    "1、活动经费经审批后列支。",                        # 经 = "after"
    "1、困难补助名单经审核后公示。",
    "1、切实收好、管好、用好工会经费，专款专用。",        # managing funds is not auditing them
    "1、做好工会经费收缴和年报统计工作。",
    "1、推进学校财务公开和校务公开。",                  # not the union's funds
    "1、校内审核职工困难补助名单。",                    # 校内|审核: 内审 straddles two words
    "1、组织工会干部参加财务知识培训，严格考核监督。",
])
def test_finance_audit_traps(snippet):
    assert "finance-audit" in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "6、加强女工工作，健全女工委组织。",
    "3月：庆“三、八”活动",
    "5、以三.八妇女节为契机，开展庆祝活动。",
    "2、建好爱心妈咪小屋，关爱哺乳期职工。",
    "4、组织女教职工参加两癌筛查。",
    "第九、做好妇女工作，开展“四自”教育。",
])
def test_womens_work_counts(snippet):
    assert "womens-work" not in missing(snippet)


@pytest.mark.parametrize("snippet", [
    "1、关心职工子女工作和学习，开展金秋助学。",          # 子女|工作
    "1、组织男女工人参加拔河比赛。",                     # 男女|工人
    "1、举办羽毛球赛，设男双、女双、混双项目；年龄组（女）25—35岁。",
    "1、组织庆祝护士节活动。",                           # a profession, not gender work
    "1、关心男女职工的身心健康。",
    "1、邀请镇妇联参加职工技能培训。",
])
def test_womens_work_traps(snippet):
    assert "womens-work" in missing(snippet)


def test_traditional_script_counts_like_simplified():
    draft = ("江北機械廠工會2025年工作計劃\n一、指導思想\n以習近平新時代中國特色社會主義思想為指導。\n"
             "二、加強經費審查委員會建設，做好預算執行情況審計。\n三、維護職工合法權益，推進集體協商。\n"
             "四、健全女職工委員會。\n")
    assert missing(draft) == {"monthly-schedule"}


def test_a_term_split_by_a_page_break_still_counts_and_points_at_its_first_part():
    draft = ("一、主要工作\n镇工会积极推动企业工会参与平等协商，并通过签订专项协议，落实女职\n"
             "工的合法权益和特殊保护，年内签订率达到八成。\n")
    plan = check_text(draft, Config()).plans[0]
    women = next(e for e in plan.elements if e.rule == "womens-work")
    assert women.present and women.line == 2 and "落实女职工的合法权益" in women.evidence


@pytest.mark.parametrize("profile, rule_ids", [
    ("enterprise", {"enterprise-congress", "enterprise-affairs-openness", "enterprise-labour-contest",
                    "enterprise-safety"}),
    ("school", {"school-congress", "school-affairs-openness", "school-ethics"}),
    ("institution", {"institution-affairs-openness"}),
    ("township", {"township-union-building", "township-wage-bargaining", "township-migrant-workers"}),
    ("general", set()),
])
def test_each_profile_adds_its_expected_coverage_as_warnings(profile, rule_ids):
    bare = "XX工会2025年工作计划\n一、主要工作\n1、组织职工春游。\n"
    findings = check_text(bare, Config(profile=profile)).plans[0].findings
    extra = {f.rule for f in findings if f.severity == "warning" and f.rule not in
             ("schedule-coverage", "template-residue", "heading-numbering")}
    assert extra == rule_ids


@pytest.mark.parametrize("profile, covered", [
    ("enterprise", "4、开好职代会，深化厂务公开，开展劳动和技能竞赛和“安康杯”竞赛。"),
    ("school", "4、开好教代会，推进校务公开，加强师德建设。"),
    ("institution", "4、坚持院务公开，推进政务公开。"),
    ("township", "4、推进非公企业建会，开展行业性工资集体协商，推动农民工入会。"),
])
def test_a_plan_that_covers_its_profile_gets_no_profile_warning(profile, covered):
    findings = check_text("XX工会2025年工作计划\n一、主要工作\n" + covered + "\n", Config(profile=profile)).plans[0].findings
    assert not [f for f in findings if f.rule.startswith(profile)]


def test_township_union_building_is_not_fooled_by_words_that_straddle():
    findings = check_text("一、主要工作\n1、深入会员中间调研，创建会员之家。\n", Config(profile="township")).plans[0].findings
    assert "township-union-building" in {f.rule for f in findings}


def user_rule(tmp_path, parameters: str) -> Config:
    """A config with one extra require rule, ``union-newsletter``, with ``parameters``."""
    path = tmp_path / "newsletter.yaml"
    path.write_text("rules:\n  - id: union-newsletter\n    kind: require\n    severity: warning\n"
                    "    message: {zh: 缺少宣传工作, en: No newsletter work}\n"
                    "    hint: {zh: 办好工会简报。, en: Publish a newsletter.}\n" + parameters, encoding="utf-8")
    return Config(rule_files=(str(path),))


NEWSLETTER_DRAFT = """\
一、宣传工作
1、每月编发一期工会简报。
二、文体活动
1、组织职工摄影比赛。优秀作品刊登在简报上。
"""


def newsletter_missing(config: Config, text: str = NEWSLETTER_DRAFT) -> bool:
    return "union-newsletter" in {f.rule for f in check_text(text, config).plans[0].findings}


def test_scope_section_counts_only_inside_sections_with_those_headings(tmp_path):
    assert not newsletter_missing(user_rule(tmp_path, "    terms: [简报]\n    scope: section\n    section_terms: [宣传]\n"))
    assert newsletter_missing(user_rule(tmp_path, "    terms: [简报]\n    scope: section\n    section_terms: [女工]\n"))


def test_scope_headings_and_preamble(tmp_path):
    # a heading's title is its first sentence: 刊登 comes later in item 1 of 二、
    assert newsletter_missing(user_rule(tmp_path, "    terms: [刊登]\n    scope: headings\n"))
    assert not newsletter_missing(user_rule(tmp_path, "    terms: [宣传]\n    scope: headings\n"))
    preamble = "    terms: [简报]\n    scope: preamble\n"
    assert newsletter_missing(user_rule(tmp_path, preamble))
    assert not newsletter_missing(user_rule(tmp_path, preamble), "今年要办好工会简报。\n" + NEWSLETTER_DRAFT)


def test_min_count_asks_for_several_mentions(tmp_path):
    assert not newsletter_missing(user_rule(tmp_path, "    terms: [简报]\n    min_count: 2\n"))
    assert newsletter_missing(user_rule(tmp_path, "    terms: [简报]\n    min_count: 3\n"))


def test_check_boundaries_applies_to_every_term_of_a_user_rule(tmp_path):
    config = user_rule(tmp_path, "    terms: [女工]\n    check_boundaries: true\n")
    assert newsletter_missing(config, "一、主要工作\n1、关心职工子女工作。\n")
    assert not newsletter_missing(config, "一、主要工作\n1、加强女工工作。\n")
