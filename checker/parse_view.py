"""What ``plancheck parse FILE`` shows: a document's structure as a rich tree or as JSON.

Both views hold the same tree — plans, their sections and sub-sections, the blocks in them
(paragraphs, items, schedule entries with their months) and the web furniture outside
every plan — and place each node at its line and column in the original file.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from checker.i18n import DEFAULT_LANG, T
from checker.model import Block, Document, Plan, Section

if TYPE_CHECKING:
    from rich.tree import Tree

_TEXT_WIDTH = 40    # characters of a paragraph shown in the tree
_KIND = {
    "title": T("标题", "title"),
    "marker": T("分篇标记", "marker"),
    "heading": T("标题", "heading"),
    "item": T("条目", "item"),
    "text": T("段落", "text"),
    "schedule": T("月度安排", "schedule"),
    "furniture": T("网页杂项", "furniture"),
}
_PLAN = T("计划 {index}", "Plan {index}")
_UNTITLED = T("（无标题）", "(untitled)")
_MONTHS = T("{months} 月", "months {months}")
_FURNITURE = T("计划之外的网页杂项（{count} 行）", "web furniture outside the plans ({count} lines)")
_NO_PLAN = T("没有找到计划内容", "no plan content found")


# --------------------------------------------------------------------------- shared walk

def _children(blocks: list[Block], sections: list[Section]) -> list[Block | Section]:
    """Blocks and sections of one container in document order."""
    return sorted([*blocks, *sections], key=_start)


def _start(node: Block | Section) -> int:
    return node.heading.start if isinstance(node, Section) else node.start


def _plan_children(plan: Plan) -> list[Block | Section]:
    """A plan's own blocks (its preamble and entries between its sections) and its sections."""
    inside = {id(block) for section in plan.sections for block in section.all_blocks()}
    own = [block for block in plan.blocks if id(block) not in inside and block is not plan.marker]
    return _children(own, plan.sections)


def _span(document: Document, start: int, end: int) -> dict:
    start_line, start_column = document.location(start)
    end_line, end_column = document.norm.location(end, end=True)
    return {"start_line": start_line, "start_column": start_column, "end_line": end_line, "end_column": end_column}


# --------------------------------------------------------------------------- JSON

def to_json(document: Document) -> dict:
    """The document's structure as plain JSON data; columns are 1-based, end columns exclusive."""
    return {
        "path": document.path,
        "format": document.format,
        "encoding": document.encoding,
        "plans": [_plan_json(document, plan) for plan in document.plans],
        "furniture": [_block_json(document, block) for block in document.furniture],
    }


def _plan_json(document: Document, plan: Plan) -> dict:
    return {
        "kind": "plan",
        "index": plan.index,
        "title": plan.title,
        **_span(document, plan.start, plan.end),
        "marker": _block_json(document, plan.marker) if plan.marker else None,
        "children": [_node_json(document, node) for node in _plan_children(plan)],
    }


def _node_json(document: Document, node: Block | Section) -> dict:
    if isinstance(node, Block):
        return _block_json(document, node)
    heading = _block_json(document, node.heading)
    heading["kind"] = "section"
    heading["end_line"], heading["end_column"] = document.norm.location(_section_end(node), end=True)
    heading["children"] = [_node_json(document, child) for child in _children(node.blocks, node.children)]
    return heading


def _section_end(section: Section) -> int:
    return max(block.end for block in section.all_blocks())


def _block_json(document: Document, block: Block) -> dict:
    return {
        "kind": block.kind,
        "text": block.text,
        **_span(document, block.start, block.end),
        "level": block.level,
        "number": block.number,
        "style": block.style,
        "title": block.title,
        "months": list(block.months),
    }


# --------------------------------------------------------------------------- rich tree

def render_tree(document: Document, lang: str = DEFAULT_LANG) -> "Tree":
    """The document's structure as a rich tree, labels in ``lang``."""
    from rich.text import Text
    from rich.tree import Tree

    header = Text(document.path, style="bold")
    header.append(f"  {document.format}" + (f" · {document.encoding}" if document.encoding else ""), style="dim")
    tree = Tree(header)
    for plan in document.plans:
        label = Text(_PLAN.format(index=plan.index)(lang), style="bold cyan")
        label.append(f"  {plan.title or _UNTITLED(lang)}  ")
        label.append(_where(document, plan.start), style="dim")
        branch = tree.add(label)
        if plan.marker is not None:
            branch.add(_block_label(document, plan.marker, lang))
        for node in _plan_children(plan):
            _add_node(branch, document, node, lang)
    if not document.plans:
        tree.add(Text(_NO_PLAN(lang), style="yellow"))
    if document.furniture:
        furniture = tree.add(Text(_FURNITURE.format(count=len(document.furniture))(lang), style="dim"))
        for block in document.furniture:
            furniture.add(_block_label(document, block, lang))
    return tree


def _add_node(branch: "Tree", document: Document, node: Block | Section, lang: str) -> None:
    if isinstance(node, Block):
        branch.add(_block_label(document, node, lang))
        return
    sub = branch.add(_block_label(document, node.heading, lang))
    for child in _children(node.blocks, node.children):
        _add_node(sub, document, child, lang)


def _block_label(document: Document, block: Block, lang: str):
    from rich.text import Text

    label = Text(_where(document, block.start) + "  ", style="dim", no_wrap=True, overflow="ellipsis")
    text = block.text if len(block.text) <= _TEXT_WIDTH else block.text[:_TEXT_WIDTH] + "…"
    if block.kind == "heading":
        label.append(f"L{block.level} " if block.level else "", style="magenta")
        label.append(text, style="bold")
        return label
    label.append(f"{_KIND[block.kind](lang)} ", style="green" if block.kind == "schedule" else "blue")
    if block.months:
        label.append(_MONTHS.format(months="、".join(map(str, block.months)))(lang) + " ", style="green")
    label.append(text, style="dim" if block.kind in ("text", "furniture") else "")
    return label


def _where(document: Document, offset: int) -> str:
    line, column = document.location(offset)
    return f"{line}:{column}"
