"""Reading drafts: a path or bytes -> :class:`Source`, the decoded text of a .txt, .md or .docx.

Text is decoded as in the conventions (§7): a BOM decides; bytes with NULs are UTF-16
without BOM or binary; then strict UTF-8; then GB18030 or Big5, whichever reads as more
ordinary Chinese; text with invalid bytes is read with U+FFFD in the likeliest codec. A .docx is
flattened to one line per paragraph and one line per table row (cells joined by " | ").
Anything that cannot be checked raises :class:`ReadError` with a one-line bilingual message.
Files are opened read-only and never modified.
"""
from __future__ import annotations

import codecs
import io
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from checker.i18n import T

TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
OLD_WORD_EXTENSIONS = {".doc", ".dot", ".wps", ".wpt"}

_PDF = T("PDF 文件", "a PDF file")
_IMAGE = T("图片", "an image")
_ARCHIVE = T("压缩包", "an archive")
_PROGRAM = T("可执行程序", "an executable program")
_OFFICE = T("表格或演示文稿", "a spreadsheet or presentation")
_RTF = T("RTF 文档", "an RTF document")
_BINARY = T("二进制数据", "binary data")

_KIND_BY_EXTENSION = {
    ".pdf": _PDF,
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), _IMAGE),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz"), _ARCHIVE),
    **dict.fromkeys((".exe", ".dll", ".so", ".dylib", ".bin"), _PROGRAM),
    **dict.fromkeys((".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps"), _OFFICE),
    ".rtf": _RTF,
}
_KIND_BY_MAGIC = (
    (b"%PDF-", _PDF),
    (b"\x89PNG\r\n\x1a\n", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),
    (b"GIF87a", _IMAGE),
    (b"GIF89a", _IMAGE),
    (b"II*\x00", _IMAGE),
    (b"MM\x00*", _IMAGE),
    (b"Rar!\x1a\x07", _ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", _ARCHIVE),
    (b"\x1f\x8b", _ARCHIVE),
    (b"\x7fELF", _PROGRAM),
    (b"{\\rtf", _RTF),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.wps/.xls binary compound file

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF16_CODECS = ("utf-16-le", "utf-16-be")
_LEGACY_CODECS = ("gb18030", "big5", "cp950")  # strict candidates after UTF-8, best plausibility wins
_LENIENT_CODECS = ("utf-8", "gb18030", "big5")  # damaged text: read with U+FFFD for bad bytes
_SAMPLE_CHARS = 20_000   # characters scored for plausibility and control characters
_MIN_PLAUSIBILITY = 0.5  # below this a reading is garbage
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")  # tab, line/page breaks and ^Z are allowed

_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-4])", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OUTLINE_PATH = f"{_W}pPr/{_W}outlineLvl"  # ElementPath: much faster than python-docx's xpath()
_OUTLINE_LEVELS = {"0": 1, "1": 2, "2": 3, "3": 4}  # w:outlineLvl 4-8 are deeper, 9 is body text
_DOCX_MAIN_PART = "word/document.xml"
_SUSPICIOUS_RATIO = 10  # a non-XML part compressed this well is counted against the unpack limit

_EMPTY = T("文件为空", "the file is empty")
_BLANK = T("文件只有空白", "the file contains only whitespace")
_OLD_WORD = T("旧版 Word/WPS 格式无法读取，请另存为 .docx 或 .txt",
              "old Word/WPS format cannot be read: save it as .docx or .txt")
_DAMAGED_DOCX = T("docx 文件已损坏或不完整", "the .docx file is damaged or incomplete")
_UNKNOWN_ENCODING = T("无法识别文件编码，可能不是文本文件",
                      "cannot tell the text encoding: this may not be a text file")


@dataclass(frozen=True, slots=True)
class Source:
    """One draft as read: its decoded text and, for .docx, heading levels from Word styles."""

    path: str              # as the user gave it; "<stdin>" for "-"
    format: str            # "txt" | "md" | "docx"
    encoding: str | None   # codec used ("utf-8", "utf-8-sig", "utf-16-le", "gb18030", "big5" …); None for docx
    text: str              # BOM removed; line breaks exactly as in the file
    heading_levels: Mapping[int, int] = field(default_factory=dict)  # docx: 0-based line -> level 1-4


class ReadError(Exception):
    """A file that cannot be checked: ``.path`` and ``.message`` (a :class:`T`)."""

    def __init__(self, path: str, message: T):
        super().__init__(f"{path}: {message.zh}")
        self.path = path
        self.message = message


def read_source(path: str | os.PathLike, *, max_bytes: int = 200 * 2**20,
                max_docx_xml_bytes: int = 64 * 2**20) -> Source:
    """Read a draft from ``path`` ("-" reads all of standard input)."""
    if path == "-":
        name = "<stdin>"
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as error:
            raise ReadError(name, _os_message(error)) from None
    else:
        name = os.fspath(path)
        _check_extension(name)
        data = _read_file(name, max_bytes)
    if len(data) > max_bytes:
        raise ReadError(name, _too_large(max_bytes))
    return _parse(data, name, max_docx_xml_bytes)


def read_bytes(data: bytes, path: str, *, max_docx_xml_bytes: int = 64 * 2**20) -> Source:
    """Read a draft already in memory; ``path`` names it and its extension picks the format."""
    _check_extension(path)
    return _parse(data, path, max_docx_xml_bytes)


# --------------------------------------------------------------------------- files

def _read_file(name: str, max_bytes: int) -> bytes:
    try:
        with open(name, "rb") as file:
            if os.fstat(file.fileno()).st_size > max_bytes:
                raise ReadError(name, _too_large(max_bytes))
            return file.read(max_bytes + 1)
    except OSError as error:
        raise ReadError(name, _os_message(error)) from None
    except ValueError:  # e.g. a NUL character in the name
        raise ReadError(name, T("文件名无效", "invalid file name")) from None


def _os_message(error: OSError) -> T:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return T("文件不存在", "no such file")
    if isinstance(error, IsADirectoryError):
        return T("这是文件夹，不是文件", "this is a directory, not a file")
    if isinstance(error, PermissionError):
        return T("没有读取权限", "permission denied")
    reason = error.strerror or str(error)
    return T(f"无法读取文件：{reason}", f"cannot read the file: {reason}")


def _too_large(limit: int) -> T:
    return T(f"文件超过 {_mb(limit)} MB 的上限", f"the file is larger than the {_mb(limit)} MB limit")


def _mb(size: int) -> str:
    return f"{size / 2**20:.3g}"


def _not_text(kind: T) -> T:
    return T(f"不是文本草稿（{kind.zh}），请另存为 .docx 或 .txt",
             f"not a text draft ({kind.en}): save it as .docx or .txt")


def _check_extension(path: str) -> None:
    """Reject formats known by name to be unreadable before reading any bytes."""
    extension = os.path.splitext(path)[1].lower()
    if extension in OLD_WORD_EXTENSIONS:
        raise ReadError(path, _OLD_WORD)
    if extension in _KIND_BY_EXTENSION:
        raise ReadError(path, _not_text(_KIND_BY_EXTENSION[extension]))


def _parse(data: bytes, path: str, max_docx_xml_bytes: int) -> Source:
    """Sniff the content (zip, old Word, magic numbers), then decode or unpack it."""
    if not data:
        raise ReadError(path, _EMPTY)
    extension = os.path.splitext(path)[1].lower()
    if data.startswith(_ZIP_MAGIC):
        source = _read_docx(data, path, max_docx_xml_bytes, named_docx=extension == ".docx")
    elif data.startswith(_OLE2_MAGIC):
        raise ReadError(path, _OLD_WORD)
    elif extension == ".docx":
        raise ReadError(path, _DAMAGED_DOCX)
    else:
        for magic, kind in _KIND_BY_MAGIC:
            if data.startswith(magic):
                raise ReadError(path, _not_text(kind))
        text, encoding = _decode(data, path)
        source = Source(path, TEXT_FORMATS.get(extension, "txt"), encoding, text, {})
    if not source.text.replace("\ufeff", "").strip():
        raise ReadError(path, _BLANK)
    return source


# --------------------------------------------------------------------------- text

def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text and the codec used (conventions §7)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _check_controls(data[len(bom):].decode(codec, "replace"), path), codec
    if b"\x00" in data:  # UTF-16 without BOM (its ASCII has NUL bytes), else binary
        reading = _most_plausible(_strict_readings(data, _UTF16_CODECS))
        if reading is None:
            raise ReadError(path, _not_text(_BINARY))
    else:
        try:
            return _check_controls(data.decode("utf-8"), path), "utf-8"
        except UnicodeDecodeError:
            pass
        reading = (_most_plausible(_strict_readings(data, _LEGACY_CODECS))
                   or _most_plausible(_lenient_readings(data)))
        if reading is None:
            raise ReadError(path, _UNKNOWN_ENCODING)
    codec, text = reading
    return _check_controls(text, path), codecs.lookup(codec).name


def _strict_readings(data: bytes, codecs_to_try: tuple[str, ...]) -> list[tuple[str, str]]:
    readings = []
    for codec in codecs_to_try:
        try:
            readings.append((codec, data.decode(codec)))
        except UnicodeDecodeError:
            pass
    return readings


def _most_plausible(readings: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The (codec, text) with the most ordinary characters (ties: the earlier); None if all are garbage."""
    best = max(readings, key=lambda reading: _plausibility(reading[1]), default=None)
    return best if best is not None and _plausibility(best[1]) >= _MIN_PLAUSIBILITY else None


def _lenient_readings(data: bytes) -> list[tuple[str, str]]:
    """Readings of text with invalid bytes: ours with U+FFFD, plus charset-normalizer's guess."""
    from charset_normalizer import from_bytes

    readings = [(codec, data.decode(codec, "replace")) for codec in _LENIENT_CODECS]
    guess = from_bytes(data).best()
    if guess is not None:
        readings.append((guess.encoding, str(guess)))
    return readings


def _plausibility(text: str) -> float:
    """Share of characters ordinary in a Chinese draft: ASCII, punctuation, digits, common hanzi."""
    counts = Counter(text[:_SAMPLE_CHARS])
    total = sum(counts.values())
    ordinary = sum(n for char, n in counts.items() if _is_ordinary(char))
    return ordinary / total if total else 1.0


def _is_ordinary(char: str) -> bool:
    if char.isascii():
        return char.isprintable() or char in "\t\n\r\f\v"
    return unicodedata.category(char)[0] in "PZN" or _is_common_hanzi(char)


def _is_common_hanzi(char: str) -> bool:
    """In GB2312 level 1 (3,755 simplified) or Big5's 5,401 frequent traditional characters."""
    for codec, low, high in (("gb2312", 0xB0A1, 0xD7F9), ("big5", 0xA440, 0xC67E)):
        try:
            code = int.from_bytes(char.encode(codec), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    return False


def _check_controls(text: str, path: str) -> str:
    """``text`` unless control characters show it is binary data."""
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) * 100 > len(sample):
        raise ReadError(path, _not_text(_BINARY))
    return text


# --------------------------------------------------------------------------- docx

def _read_docx(data: bytes, path: str, max_xml_bytes: int, *, named_docx: bool) -> Source:
    """Paragraphs and table rows in document order; heading levels from styles and outline levels.

    Word auto-numbering (``w:numPr``) is not part of the text and is not used for levels.
    """
    import zipfile  # only .docx needs it (and it pulls in shutil, bz2, lzma)
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist()
                           if info.filename.endswith((".xml", ".rels"))
                           or info.file_size > _SUSPICIOUS_RATIO * (info.compress_size + 4096))
    except zipfile.BadZipFile:
        raise ReadError(path, _DAMAGED_DOCX if named_docx or b"word/" in data else _not_text(_ARCHIVE)) from None
    if _DOCX_MAIN_PART not in names:
        raise ReadError(path, _DAMAGED_DOCX if named_docx else _not_text(_ARCHIVE))
    too_large = ReadError(path, T(f"docx 解压后超过 {_mb(max_xml_bytes)} MB 的上限",
                                  f"the .docx unpacks to more than the {_mb(max_xml_bytes)} MB limit"))
    if unpacked > max_xml_bytes:
        raise too_large
    try:  # declared sizes can lie: inflate once, piece by piece, counting what comes out
        _check_inflated_size(data, max_xml_bytes, too_large)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise ReadError(path, _DAMAGED_DOCX) from None

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import LxmlError

    lines: list[str] = []
    levels: dict[int, int] = {}
    style_levels: dict[str | None, int | None] = {}
    try:
        for block in docx.Document(io.BytesIO(data)).iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_row_line(row) for row in block.rows)
                continue
            level = _heading_level(block, style_levels)
            if level:
                levels[len(lines)] = level
            lines.extend(block.text.split("\n"))  # soft line breaks (w:br) start new lines
    except (zipfile.BadZipFile, PackageNotFoundError, LxmlError, zlib.error, EOFError,
            KeyError, ValueError, NotImplementedError):
        raise ReadError(path, _DAMAGED_DOCX) from None
    return Source(path, "docx", None, "\n".join(lines), levels)


def _check_inflated_size(data: bytes, limit: int, too_large: ReadError) -> None:
    """Raise ``too_large`` as soon as the archive's members inflate to more than ``limit`` bytes."""
    import zipfile

    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                while piece := member.read(2**20):
                    total += len(piece)
                    if total > limit:
                        raise too_large


def _row_line(row) -> str:
    """Cells joined by " | "; a horizontally merged cell once, a vertically merged one in every row."""
    cells = []
    for cell in row.cells:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return " | ".join(cell.text.replace("\n", " ") for cell in cells)


def _heading_level(paragraph, style_levels: dict[str | None, int | None]) -> int | None:
    """Level 1-4 from the paragraph's own w:outlineLvl, else from its style (cached by style id)."""
    own = paragraph._p.find(_OUTLINE_PATH)
    if own is not None:
        return _OUTLINE_LEVELS.get(own.get(f"{_W}val"))
    style_id = paragraph._p.style
    if style_id not in style_levels:  # style lookups are slow in python-docx
        style_levels[style_id] = _style_level(paragraph.style)
    return style_levels[style_id]


def _style_level(style) -> int | None:
    """Level of a paragraph style: named Heading N or 标题 N, else w:outlineLvl along its based-on chain."""
    match = _HEADING_STYLE.fullmatch(style.name or "") if style is not None else None
    if match:
        return int(match[1])
    for _ in range(10):  # based-on chains are short; a cycle is not followed
        if style is None:
            break
        outline = style.element.find(_OUTLINE_PATH)
        if outline is not None:
            return _OUTLINE_LEVELS.get(outline.get(f"{_W}val"))
        style = style.base_style
    return None
