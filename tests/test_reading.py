"""The reading layer: encodings, .docx flattening and clear errors for bad input."""
from __future__ import annotations

import importlib.util
import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checker.reading import ReadError, Source, read_bytes, read_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

PLAN = """\
XX区实验小学工会2025年工作计划

2025年，校工会将在学校党支部和区教育工会的领导下，做好以下几方面的工作：
一、指导思想
以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。
二、依法维护教职工合法权益
（一）续签集体合同，开展劳动法律监督检查。
（二）经审会每半年审查一次工会经费收支情况。
（三）女职工委员会组织女教职工两癌筛查。
三、月度工作安排
3月：三八节女教职工活动。
4月：召开教代会。
5月：教职工趣味运动会。
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path, **limits) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_source(path, **limits)
    assert caught.value.path == os.fspath(path)
    return caught.value


# --------------------------------------------------------------------------- samples

def test_samples_are_what_make_samples_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    make_samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_samples)
    make_samples.main(tmp_path)
    for made in tmp_path.iterdir():
        assert made.read_bytes() == (SAMPLES / made.name).read_bytes(), made.name


def test_gb18030_sample_keeps_crlf_and_a_character_outside_gbk():
    source = read_source(SAMPLES / "gb18030-factory-plan.txt")
    assert (source.format, source.encoding, source.heading_levels) == ("txt", "gb18030", {})
    assert source.text.startswith("华东精密机械厂工会2025年工作计划\r\n")
    assert "王䶮劳模创新工作室" in source.text  # 䶮 is GB18030 only, not GBK
    assert "厂工会经费审查委员会（经审会）" in source.text
    assert source.text.count("\n") == source.text.count("\r\n") > 40


def test_utf16_sample_drops_its_bom():
    source = read_source(str(SAMPLES / "utf16-hospital-plan.txt"))
    assert source.encoding == "utf-16-le"
    assert source.text.startswith("市第二人民医院工会2025年工作计划\r\n")
    assert "院女职工委员会" in source.text and "十二月份：" in source.text


def test_utf8_bom_sample():
    source = read_source(SAMPLES / "utf8bom-street-plan.txt")
    assert source.encoding == "utf-8-sig"
    assert source.text.startswith("长宁路街道总工会2025年工作计划\n\n")
    assert "\r" not in source.text and "\ufeff" not in source.text
    assert "依托街道劳动法律监督委员会" in source.text


def test_big5_sample_beats_its_gb18030_misreading():
    data = (SAMPLES / "big5-traditional-plan.txt").read_bytes()
    data.decode("gb18030")  # the garbage reading is valid GB18030 too, so plausibility decides
    source = read_source(SAMPLES / "big5-traditional-plan.txt")
    assert source.encoding == "big5"
    for term in ("工會", "經費審查委員會", "女職工", "維護職工合法權益", "計劃", "「四期」"):
        assert term in source.text
    assert source.text.count("\r\n") > 40


def test_docx_sample_lines_tables_and_heading_levels():
    source = read_source(SAMPLES / "school-plan-with-table.docx")
    assert (source.format, source.encoding) == ("docx", None)
    lines = source.text.split("\n")
    headings = {lines[index]: level for index, level in source.heading_levels.items()}
    assert headings == {
        "指导思想": 1,                              # Heading 1, bare text (no number)
        "主要工作": 1,                              # Chinese-named style 标题 1
        "（一）加强民主管理，深化校务公开": 2,
        "1、开好第五届教代会第三次会议": 3,
        "（二）依法维护教职工合法权益": 2,
        "（三）加强师德师风建设": 2,
        "（四）做好经费审查工作": 2,                # Normal style, w:outlineLvl 1
        "（五）关心女教职工": 2,
        "月度工作安排": 1,
    }
    start = lines.index("月度工作安排")
    assert lines[start + 1:start + 10] == [
        "月份 | 工作内容 | 责任部门",
        "9月 | 庆祝教师节，慰问退休教师；召开工会委员会议，部署本学期工作 | 校工会",
        "10月 | 召开第五届教代会第三次会议，审议绩效工资分配方案 | 校工会、校长室",
        "11月 | 开展师德师风主题教育活动 | 校工会、德育处",
        "11月 | 举办教职工趣味运动会 | 校工会、体育组",  # vertically merged month repeats
        "12月 | 经审会审查本学期工会经费收支；开展劳动法律监督检查 | 经审会",
        "1月 | 组织女教职工两癌筛查；期末慰问困难教职工 | 女职工委员会",
        "全年 | 做好校务公开，及时公开涉及教职工切身利益的事项 | 校务公开领导小组",
        "备注 | 各分工会根据本计划制定具体活动方案，报校工会备案",  # horizontal merge once
    ]
    assert lines[start + 10:] == ["阳光实验中学工会", "2025年8月28日"]
    assert lines[0] == "阳光实验中学工会2025—2026学年度第一学期工作计划"


def test_broken_docx_sample():
    error = error_of(SAMPLES / "broken.docx")
    assert error.message.zh == "docx 文件已损坏或不完整"
    assert error.message.en == "the .docx file is damaged or incomplete"
    assert str(error) == f"{SAMPLES / 'broken.docx'}: docx 文件已损坏或不完整"


# --------------------------------------------------------------------------- text

def test_formats_by_extension_and_sniffing(tmp_path):
    data = PLAN.encode("utf-8")
    assert read_source(write(tmp_path, "plan.md", data)).format == "md"
    assert read_source(write(tmp_path, "plan.markdown", data)).format == "md"
    assert read_source(write(tmp_path, "plan.TEXT", data)).format == "txt"
    sniffed = read_source(write(tmp_path, "plan.draft", data))
    assert (sniffed.format, sniffed.encoding, sniffed.text) == ("txt", "utf-8", PLAN)


def test_line_breaks_are_kept_exactly(tmp_path):
    text = "一、指导思想\r以职工为中心。\r\n二、维权\n集体合同。"
    assert read_source(write(tmp_path, "a.txt", text.encode("gb18030"))).text == text


def test_gbk_text_that_also_decodes_as_big5_is_gb18030():
    data = "华东精密机械厂工会2025年工作计划".encode("gbk")
    data.decode("big5")  # a valid (nonsense) Big5 reading exists
    source = read_bytes(data, "plan.txt")
    assert (source.encoding, source.text) == ("gb18030", "华东精密机械厂工会2025年工作计划")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    source = read_bytes(PLAN.encode(codec), "plan.txt")
    assert (source.encoding, source.text) == (codec, PLAN)


def test_invalid_bytes_inside_utf8_are_replaced_not_fatal():
    data = PLAN.encode("utf-8")
    data = data[:60] + b"\xff" + data[60:200] + b"\x80\xfe" + data[200:]
    source = read_bytes(data, "plan.txt")
    assert source.encoding == "utf-8"
    assert source.text.count("\ufffd") == 3
    assert "女职工委员会组织女教职工两癌筛查" in source.text


def test_invalid_byte_inside_gb18030_text():
    data = PLAN.encode("gb18030")
    source = read_bytes(data[:100] + b"\xff" + data[100:], "plan.txt")
    assert source.encoding == "gb18030"
    assert "\ufffd" in source.text and "经审会每半年审查一次" in source.text


def test_empty_and_whitespace_only(tmp_path):
    assert error_of(write(tmp_path, "empty.txt", b"")).message.zh == "文件为空"
    blanks = [b"   \r\n\t\n", "\ufeff\u3000\u3000\n".encode("utf-8"), "\u3000 \r\n".encode("utf-16")]
    for index, data in enumerate(blanks):
        error = error_of(write(tmp_path, f"blank{index}.txt", data))
        assert (error.message.zh, error.message.en) == ("文件只有空白", "the file contains only whitespace")


@pytest.mark.parametrize("data", [
    random.Random(7).randbytes(4096),                                  # NUL bytes in noise
    "工会工作计划\n".encode("utf-8") + b"\x00\x00\x07\x00" * 40,         # NULs that are not UTF-16
    ("工会计划" + "\x01\x02\x03\x04").encode("utf-8") * 50,            # control characters, no NUL
])
def test_binary_data_is_not_a_text_draft(tmp_path, data):
    error = error_of(write(tmp_path, "plan.txt", data))
    assert error.message.zh.startswith("不是文本草稿（二进制数据）")


def test_undecodable_high_bytes(tmp_path):
    error = error_of(write(tmp_path, "plan.txt", bytes(range(0x80, 0x100)) * 8))
    assert error.message.en.startswith("cannot tell the text encoding")


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "图片"),
    ("plan", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF 文件"),
    ("plan.pdf", PLAN.encode("utf-8"), "PDF 文件"),               # the name alone decides
    ("photo.JPG", b"\xff\xd8\xff\xe0", "图片"),
    ("plan.txt", b"\x1f\x8b\x08\x00" + bytes(20), "压缩包"),
    ("tool.exe", b"MZ\x90\x00", "可执行程序"),
])
def test_known_binary_kinds_are_named(tmp_path, name, data, kind):
    assert f"（{kind}）" in error_of(write(tmp_path, name, data)).message.zh


@pytest.mark.parametrize(("name", "data"), [
    ("plan.doc", PLAN.encode("gb18030")),
    ("plan.WPS", b"anything"),
    ("plan.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),   # renamed .doc
    ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
])
def test_old_word_and_wps_formats(tmp_path, name, data):
    error = error_of(write(tmp_path, name, data))
    assert error.message.zh == "旧版 Word/WPS 格式无法读取，请另存为 .docx 或 .txt"
    assert error.message.en == "old Word/WPS format cannot be read: save it as .docx or .txt"


# --------------------------------------------------------------------------- docx

def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SAMPLES / "school-plan-with-table.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_docx_sniffed_under_another_name(tmp_path):
    data = (SAMPLES / "school-plan-with-table.docx").read_bytes()
    assert read_source(write(tmp_path, "plan.txt", data)).format == "docx"
    assert read_bytes(data, "<stdin>").format == "docx"


@pytest.mark.parametrize(("name", "data", "zh"), [
    ("short.docx", (SAMPLES / "school-plan-with-table.docx").read_bytes()[:1500], "docx 文件已损坏或不完整"),
    ("plan.docx", b"this is not a zip", "docx 文件已损坏或不完整"),
    ("plan.docx", zip_bytes({"readme.txt": b"hello"}), "docx 文件已损坏或不完整"),
    ("plan.txt", zip_bytes({"readme.txt": b"hello"}), "不是文本草稿（压缩包），请另存为 .docx 或 .txt"),
])
def test_damaged_docx_and_other_zips(tmp_path, name, data, zh):
    assert error_of(write(tmp_path, name, data)).message.zh == zh


def test_docx_with_broken_xml(tmp_path):
    parts = docx_parts()
    parts["word/document.xml"] = parts["word/document.xml"][:-200]
    error = error_of(write(tmp_path, "plan.docx", zip_bytes(parts)))
    assert error.message.en == "the .docx file is damaged or incomplete"


@pytest.mark.parametrize("part", ["word/document.xml", "word/media/image9.png"])
def test_docx_over_the_unpacked_limit(tmp_path, part):
    parts = docx_parts()
    filler = b"<w:p><w:r><w:t>" + b"x" * 2_000_000 + b"</w:t></w:r></w:p>"  # compresses to a few KB
    if part == "word/document.xml":
        parts[part] = parts[part].replace(b"<w:body>", b"<w:body>" + filler)
    else:  # a media part that only a zip bomb compresses this well
        parts[part] = filler
    path = write(tmp_path, "bomb.docx", zip_bytes(parts))
    assert path.stat().st_size < 100_000
    error = error_of(path, max_docx_xml_bytes=2**20)
    assert error.message.zh == "docx 解压后超过 1 MB 的上限"
    assert error.message.en == "the .docx unpacks to more than the 1 MB limit"
    assert read_source(path, max_docx_xml_bytes=4 * 2**20).format == "docx"


def test_docx_soft_line_breaks_keep_heading_indices(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("3月：召开教代会\n4月：开展健步走")
    document.add_paragraph("经费审查", style="Heading 2")
    document.add_paragraph("经审会每学期审查一次。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_bytes(buffer.getvalue(), "plan.docx")
    assert source.text == "3月：召开教代会\n4月：开展健步走\n经费审查\n经审会每学期审查一次。"
    assert source.heading_levels == {2: 2}


# --------------------------------------------------------------------------- paths and stdin

def test_missing_directory_and_too_large(tmp_path):
    assert error_of(tmp_path / "nope.txt").message.zh == "文件不存在"
    assert error_of(tmp_path).message.en == "this is a directory, not a file"
    path = write(tmp_path, "plan.txt", PLAN.encode("utf-8"))
    assert error_of(path, max_bytes=100).message.zh == "文件超过 9.54e-05 MB 的上限"


# reads the file of argv[1] and prints its ReadError's path and English message
_READ_ERROR = ("import sys\nfrom checker.reading import ReadError, read_source\n"
               "try:\n    read_source(sys.argv[1])\nexcept ReadError as error:\n"
               "    print(error.path)\n    print(error.message.en)\n")


def test_unreadable_file(tmp_path, without_file_mode_override):
    path = write(tmp_path, "plan.txt", PLAN.encode("utf-8"))
    path.chmod(0)
    try:
        done = subprocess.run([*without_file_mode_override, sys.executable, "-c", _READ_ERROR, str(path)],
                              capture_output=True, text=True, timeout=60, check=False)
    finally:
        path.chmod(0o644)
    assert done.stdout.splitlines() == [str(path), "permission denied"], done.stderr


def test_stdin(monkeypatch):
    data = "\ufeff".encode("utf-8") + PLAN.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    source = read_source("-")
    assert source == Source("<stdin>", "txt", "utf-8-sig", PLAN, {})
    assert read_bytes(PLAN.encode("gb18030"), "<stdin>").encoding == "gb18030"
