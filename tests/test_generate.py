"""benchmarks/generate.py: deterministic output and a manifest that tells the truth."""
from __future__ import annotations

import difflib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load():
    name = "plancheck_bench_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _load()

N_SUB = 40
N_COL = 5
COL_KB = 20


def _files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("gen")
    out = {}
    for tag, kind, count, seed, size in (("sub_a", "submissions", N_SUB, 7, None),
                                         ("sub_b", "submissions", N_SUB, 7, None),
                                         ("sub_c", "submissions", N_SUB, 8, None),
                                         ("col_a", "collections", N_COL, 3, COL_KB),
                                         ("col_b", "collections", N_COL, 3, COL_KB)):
        d = base / tag
        m = gen.generate(d, kind, N_SUB if kind == "submissions" else count, seed, size)
        out[tag] = (d, m)
    return out


def _decode(d: Path, f: dict) -> str:
    data = (d / f["path"]).read_bytes()
    if f["format"] == "docx":
        import docx
        doc = docx.Document(str(d / f["path"]))
        parts = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            for row in t.rows:
                parts.append(" | ".join(c.text for c in row.cells))
        return "\n".join(parts)
    return data.decode(f["encoding"])


def test_same_seed_same_bytes(corpora):
    a, b = _files(corpora["sub_a"][0]), _files(corpora["sub_b"][0])
    assert a.keys() == b.keys()
    assert all(a[k] == b[k] for k in a), [k for k in a if a[k] != b[k]]
    ca, cb = _files(corpora["col_a"][0]), _files(corpora["col_b"][0])
    assert ca == cb


def test_different_seed_differs(corpora):
    a, c = _files(corpora["sub_a"][0]), _files(corpora["sub_c"][0])
    assert a["manifest.json"] != c["manifest.json"]
    common = [k for k in a if k in c and k != "manifest.json" and a[k]]
    assert sum(a[k] != c[k] for k in common) > len(common) * 0.9


def test_manifest_lists_exactly_the_files(corpora):
    for tag in ("sub_a", "col_a"):
        d, m = corpora[tag]
        on_disk = {p.name for p in d.iterdir()} - {"manifest.json"}
        assert on_disk == {f["path"] for f in m.files}
        assert json.loads((d / "manifest.json").read_text("utf-8"))["files"] == m.files
        for f in m.files:
            assert (d / f["path"]).stat().st_size == f["bytes"]


def test_submission_mix(corpora):
    files = corpora["sub_a"][1].files
    fmts = {f["format"] for f in files}
    assert {"txt", "md", "docx", "doc"} <= fmts
    encs = {f["encoding"] for f in files if f["format"] == "txt"}
    assert {"utf-8", "gb18030", "utf-16"} <= encs
    assert any(f["script"] == "traditional" for f in files)
    assert sum(f["unreadable"] for f in files) == 2
    assert any(f["near_copy_of"] for f in files)
    assert any(f["web_boilerplate"] for f in files)
    assert any(f["residue"] for f in files)
    assert any(f["year_mismatch"] for f in files)
    assert any(f["traps"] for f in files)
    for e in gen.ELEMENTS:
        present = sum(f["elements"][e] for f in files if not f["unreadable"])
        assert 0 < present < N_SUB - 2, e


def test_manifest_agrees_with_content(corpora):
    d, m = corpora["sub_a"]
    strong_absent = {"finance-audit": "经审会", "womens-work": "女职工", "rights-protection": "集体合同",
                     "guiding-ideology": "为指导"}
    strong_present = {"finance-audit": ("经审", "经费审查"), "womens-work": ("女职工", "女工", "巾帼"),
                      "rights-protection": ("维权", "权益", "集体合同", "劳动", "协商"),
                      "guiding-ideology": ("指导思想", "总体要求", "总体思路", "为指导", "精神", "为统领")}
    for f in m.files:
        raw = (d / f["path"]).read_bytes()
        if f["unreadable"]:
            assert raw == b"" or raw.startswith(b"\xd0\xcf\x11\xe0")
            continue
        if f["encoding"] == "utf-16":
            assert raw.startswith(b"\xff\xfe")
        if f["encoding"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
        text = _decode(d, f)
        if f["newline"] == "crlf":
            assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
        flat = text.replace("\n", "").replace("\r", "")
        assert f["title"] in text
        if f["script"] == "traditional":
            assert "工會" in text
            continue
        if f["ascii_punct"]:
            continue
        for tok in f["residue_tokens"]:
            assert tok in flat, (f["path"], tok)
        for trap in f["traps"]:
            assert trap in flat, (f["path"], trap)
        if f["year_mismatch"]:
            assert f"{f['year'] - 1}年" in flat, f["path"]
        elif not f["web_boilerplate"]:
            assert f"{f['year'] - 1}年" not in flat, f["path"]
        for e, word in strong_absent.items():
            if f["elements"][e]:
                assert any(w in flat for w in strong_present[e]), (f["path"], e)
            elif not f["web_boilerplate"]:
                assert word not in flat, (f["path"], e)
        months = f["months"]
        if f["elements"]["monthly-schedule"]:
            assert len(months) >= 3 and months == sorted(set(months)) and set(months) <= set(range(1, 13))
        else:
            assert months == []


def test_docx_opens_with_styles_and_table(corpora):
    import docx
    d, m = corpora["sub_a"]
    docs = [f for f in m.files if f["format"] == "docx"]
    assert docs
    for f in docs:
        doc = docx.Document(str(d / f["path"]))
        assert doc.paragraphs[0].text == f["title"]
        styles = {p.style.name for p in doc.paragraphs}
        assert "Heading 1" in styles
        if not f["elements"]["monthly-schedule"]:
            assert not doc.tables


def test_near_copies_share_most_text(corpora):
    d, m = corpora["sub_a"]
    by_path = {f["path"]: f for f in m.files}
    copies = [f for f in m.files if f["near_copy_of"]]
    assert copies
    for f in copies:
        src = by_path[f["near_copy_of"]]
        a, b = _decode(d, src), _decode(d, f)
        ratio = difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False).ratio()
        assert 0.8 < ratio < 0.99, (f["path"], src["path"], ratio)
        assert src["unit"] not in b and f["unit"] in b
        assert f["elements"] == src["elements"] and f["months"] == src["months"]


MARKER_RES = (re.compile(r"^.{2,40}?\s*篇\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*$"),
              re.compile(r"^[【\[]\s*篇\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[】\]]"),
              re.compile(r"^第\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*篇[：:\s]"))


def test_collections(corpora):
    d, m = corpora["col_a"]
    target = COL_KB * 1024
    texts = []
    for f in m.files:
        raw = (d / f["path"]).read_bytes()
        assert abs(len(raw) - target) < target * 0.1, (f["path"], len(raw))
        text = raw.decode("utf-8")
        texts.append(text)
        lines = text.splitlines()
        markers = [ln for ln in lines if any(r.match(ln) for r in MARKER_RES)]
        assert len(markers) == len(f["plans"]) == len(f["marker_styles"]), f["path"]
        assert re.match(r"^(您的位置|当前位置|您现在的位置)[:：]", lines[0])
        assert any(w in text for w in ("小编", "供大家", "给大家分享")) and f["title"] in text
        assert any(ln.startswith(("相关", "猜你喜欢", "【工会工作计划】相关")) for ln in lines[-10:])
    assert len(set(texts)) == len(texts)


def test_single_and_big_sizes(tmp_path):
    m = gen.generate(tmp_path / "s", "single", 1, 5, 10)
    (f,) = m.files
    assert abs(f["bytes"] - 10 * 1024) < 1024
    assert (tmp_path / "s" / f["path"]).read_bytes().decode("utf-8").startswith(f["title"])
    m = gen.generate(tmp_path / "b", "big", 1, 5, 400)
    (f,) = m.files
    assert abs(f["bytes"] - 400 * 1024) < 40 * 1024
    assert all(f["elements"].values())
