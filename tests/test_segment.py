"""Segmentation for word boundaries: lazy, small, and right on the traps."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from checker.segment import SEGDICT, crosses_word, read_compact

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("sentence, term, crosses", [
    ("本方案已经审议通过", "经审", True),
    ("召开经审会议，审查预算", "经审", False),
    ("工会经审委员会", "经审", False),           # a word holding the whole match is fine
    ("坚持依法经审", "经审", False),
    ("关心职工子女工作和学习", "女工", True),
    ("组织男女工人参加比赛", "女工", True),
    ("成立女工作者协会", "女工", True),
    ("加强女工工作", "女工", False),
    ("健全女工委组织", "女工", False),
    ("校内审核困难名单", "内审", True),
    ("完善工会内审制度", "内审", False),
    ("深入会员中间", "入会", True),
    ("创建会员之家", "建会", True),
    ("推进企业建会工作", "建会", False),
])
def test_a_match_is_rejected_only_when_a_word_straddles_its_edge(sentence, term, crosses):
    start = sentence.index(term)
    assert crosses_word(sentence, start, start + len(term)) is crosses


def test_only_the_clause_around_the_match_is_segmented():
    # the clause break (，) keeps 已经审议 out of the window around the second 经审
    text = "本方案已经审议，依法经审"
    assert crosses_word(text, text.rindex("经审"), len(text)) is False


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout


def test_jieba_is_imported_only_when_a_boundary_term_is_a_candidate():
    code = ("import sys\nfrom checker.config import Config\nfrom checker.engine import check_text\n"
            "check_text('一、指导思想\\n以习近平新时代中国特色社会主义思想为指导。\\n二、做好女职工工作。', Config())\n"
            "print('jieba' in sys.modules)\n"
            "check_text('一、主要工作\\n关心职工子女工作。', Config())\n"
            "print('jieba' in sys.modules, 'pkg_resources' in sys.modules, 'jieba.finalseg' in sys.modules)\n")
    assert run_python(code).split() == ["False", "True", "False", "False"]


def test_the_tokenizer_loads_quickly_and_prints_nothing():
    code = ("import time\nfrom checker.segment import tokenizer\nstart = time.perf_counter()\ntokenizer()\n"
            "print(round((time.perf_counter() - start) * 1000))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stderr == ""
    assert int(result.stdout) < 250       # about 50 ms on a developer machine; generous for CI


def test_the_compact_dictionary_is_small_and_current_with_the_rules():
    """Every jieba word holding a character of a boundary-checked term must be in it: a
    term with new characters needs ``scripts/build_segdict.py`` run again."""
    assert SEGDICT.stat().st_size < 1_000_000
    words, total = read_compact()
    assert total > 50_000_000 and len(words) > 10_000
    spec = importlib.util.spec_from_file_location("build_segdict", ROOT / "scripts" / "build_segdict.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    characters = build.boundary_characters()
    assert set("经审女工内") <= characters
    full = build.JIEBA_DICT.read_text(encoding="utf-8").split("\n")
    needed = {line.split(" ", 1)[0] for line in full if characters & set(line.split(" ", 1)[0])}
    assert needed <= words.keys()
