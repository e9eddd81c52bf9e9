"""Deterministic synthetic corpus of 工会工作计划 drafts for tests and benchmarks.

    python benchmarks/generate.py OUT_DIR --kind submissions --count 300 --seed 1
    python benchmarks/generate.py OUT_DIR --kind collections --count 2000 --size-kb 40 --seed 1
    python benchmarks/generate.py OUT_DIR --kind single --size-kb 10
    python benchmarks/generate.py OUT_DIR --kind big --size-mb 10

Same arguments give byte-identical output: every random choice comes from a
``random.Random`` seeded with a string derived from (seed, kind, file index), no clock,
no set iteration, no hash-dependent order.  Because each file has its own generator,
``--jobs N`` (collections only) produces the same bytes as a single process.

The ground truth goes to ``OUT_DIR/manifest.json`` (see ``Manifest``).  Text is built from
the invented phrase bank in ``benchmarks/phrases.py``.
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import random
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import phrases as P  # type: ignore[no-redef]
else:
    from . import phrases as P

GENERATOR = "plancheck-synth/1"
KINDS = ("submissions", "collections", "single", "big")
ELEMENTS = P.ELEMENTS

# --------------------------------------------------------------------------- numbering

_CN_DIGITS = "〇一二三四五六七八九"


def cn(n: int) -> str:
    """Chinese numeral for 1..999 as used in headings (十一, 二十三, 一百零五)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _CN_DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    return head + _CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else "")


def _enclosed(base: int, limit: int, fallback: str):
    def tok(n: int) -> str:
        return chr(base + n - 1) if 1 <= n <= limit else fallback.format(n=n, cn=cn(n))
    return tok


# style name -> (weight, token function)
L1_STYLES = {"一、": (12, lambda n: f"{cn(n)}、"), "一．": (1, lambda n: f"{cn(n)}．"),
             "一.": (1, lambda n: f"{cn(n)}."), "一、 ": (1, lambda n: f"{cn(n)}、 ")}
L2_STYLES = {"（一）": (8, lambda n: f"（{cn(n)}）"), "(一)": (4, lambda n: f"({cn(n)})"),
             "（一）、": (1, lambda n: f"（{cn(n)}）、"), "㈠": (1, _enclosed(0x3220, 10, "（{cn}）"))}
L3_STYLES = {"1、": (10, lambda n: f"{n}、"), "1.": (4, lambda n: f"{n}."), "1．": (2, lambda n: f"{n}．"),
             "1. ": (1, lambda n: f"{n}. "), "⒈": (1, _enclosed(0x2488, 20, "{n}."))}
L4_STYLES = {"（1）": (5, lambda n: f"（{n}）"), "(1)": (2, lambda n: f"({n})"), "⑴": (2, _enclosed(0x2474, 20, "({n})"))}
L5_TOK = _enclosed(0x2460, 20, "{n})")
ORDINALS = (("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"),
            ("一要", "二要", "三要", "四要", "五要", "六要", "七要", "八要"),
            ("第一，", "第二，", "第三，", "第四，", "第五，", "第六，", "第七，", "第八，"))


def _wchoice(rng: random.Random, styles: dict):
    names = list(styles)
    name = rng.choices(names, weights=[styles[k][0] for k in names])[0]
    return name, styles[name][1]


_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})

# --------------------------------------------------------------------------- plan model


@dataclass
class Topic:
    key: str                       # topic key (phrases.TOPICS key, an element, "guiding", …)
    tag: str | None                # element this topic is evidence for
    heading: str
    mode: str = "items"            # items | paras | inline | schedule
    items: list[tuple[str, str]] = field(default_factory=list)   # (text, origin)
    paras: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """A generated plan: abstract blocks plus its ground truth."""

    title: str
    unit: str
    sector: str
    year: int
    elements: dict[str, bool]
    months: list[int]
    blocks: list[tuple]
    style: dict
    traps: list[str] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)
    year_mismatch: bool = False
    web: bool = False

    def truth(self) -> dict:
        return {"title": self.title, "unit": self.unit, "sector": self.sector, "year": self.year,
                "elements": dict(self.elements), "months": list(self.months),
                "year_mismatch": self.year_mismatch, "residue": bool(self.residue),
                "residue_tokens": list(self.residue), "traps": list(self.traps),
                "web_boilerplate": self.web}


class Ctx:
    """Per-plan values for the phrase templates."""

    def __init__(self, rng: random.Random, sector: str, unit: str, year: int):
        s = P.SECTORS[sector]
        self.rng = rng
        self.values = {
            "Y": year, "UNIT": unit, "U": rng.choice(s["union"]), "S": rng.choice(s["staff"]),
            "C": rng.choice(s["congress"]), "CF": rng.choice(s["congress_full"]),
            "D": rng.choice(s["disclosure"]), "L": rng.choice(s["leader"]), "SUB": rng.choice(s["sub"]),
            "SHORT": rng.choice(s["short"]),
            "SUP": rng.choice(P.SUPERIORS_SCHOOL if sector == "school" else P.SUPERIORS), "PL": rng.choice(P.PLACES),
            "N": 3, "P": 90, "K": 50,
        }

    def fmt(self, template: str) -> str:
        if "{" not in template:
            return template
        v, rng = self.values, self.rng
        v["N"] = rng.randint(2, 8)
        v["P"] = rng.choice((80, 85, 90, 95, 98))
        v["K"] = rng.choice((20, 30, 50, 60, 100, 120, 200))
        return template.format_map(v)


def make_unit(rng: random.Random, sector: str) -> str:
    pattern = rng.choice(P.SECTORS[sector]["units"])
    pl = rng.choice(P.PLACES)
    pl2 = rng.choice([p for p in P.PLACES if p != pl])
    return pattern.format(PL=pl, PL2=pl2)


def make_title(rng: random.Random, unit: str, year: int) -> str:
    r = rng.random()
    if r < 0.8:
        return f"{year}年{unit}工会工作计划"
    if r < 0.9:
        return f"{unit}工会{year}年工作计划"
    return f"{year}年度{unit}工会工作计划"


def _item_text(ctx: Ctx, pool: tuple, entry: tuple[str, str] | None = None) -> str:
    """One numbered item: ``title。body`` / ``body`` / ``title。action，action。`` (+ a target clause)."""
    items, extras, actions = pool
    rng = ctx.rng
    title, body = entry if entry is not None else rng.choice(items)
    r = rng.random()
    if r < 0.4 or not actions:
        text = f"{title}。{body}"
    elif r < 0.55:
        text = body
    else:
        acts = rng.sample(actions, 2) if rng.random() < 0.5 else [rng.choice(actions)]
        if rng.random() < 0.3:
            acts.append(rng.choice(P.GENERIC_ACTIONS))
        text = f"{title}。" + "，".join(acts) + "。"
    if extras and rng.random() < 0.3:
        text += rng.choice(extras)
    return ctx.fmt(text)


def _pool(key: str, sector: str, present: dict[str, bool]) -> tuple[tuple, tuple[str, ...], tuple[str, ...]]:
    """(items, extra clauses, action clauses) of a topic."""
    actions = P.ACTIONS.get(key, ())
    if key == "rights-protection":
        return P.RIGHTS_ITEMS, P.RIGHTS_EXTRA, actions
    if key == "finance-audit":
        return P.FINANCE_ITEMS, P.FINANCE_EXTRA, actions
    if key == "womens-work":
        items = P.WOMEN_ITEMS + (P.WOMEN_RIGHTS_ITEMS if present.get("rights-protection") else ())
        return items, P.WOMEN_EXTRA, actions
    if key == "closing":
        return P.CLOSING_ITEMS, (), actions
    if key == "sector":
        return (P.SCHOOL_TOPIC if sector == "school" else P.HOSPITAL_TOPIC)[1], P.NEUTRAL_EXTRA, actions
    return P.TOPICS[key][1], P.NEUTRAL_EXTRA, actions


ORDER = ("education", "organisation", "democracy", "rights-protection", "competition", "sector", "hardship",
         "womens-work", "culture", "safety", "home", "finance-audit", "self")


class PlanBuilder:
    """Builds one plan to a target size (lines or UTF-8 bytes)."""

    def __init__(self, rng: random.Random, *, sector: str | None = None, year: int | None = None,
                 elements: dict[str, bool] | None = None, fmt: str = "txt", layout: str | None = None):
        self.rng = rng
        self.sector = sector or rng.choices(list(P.SECTORS), weights=[3, 3, 2, 2, 2])[0]
        self.year = year or rng.choice((2023, 2024, 2024, 2025, 2025, 2026))
        self.unit = make_unit(rng, self.sector)
        self.ctx = Ctx(rng, self.sector, self.unit, self.year)
        self.fmt = fmt
        if elements is None:
            probs = {"guiding-ideology": 0.7, "rights-protection": 0.7, "finance-audit": 0.6,
                     "womens-work": 0.65, "monthly-schedule": 0.65}
            elements = {e: rng.random() < probs[e] for e in ELEMENTS}
        self.elements = elements
        self.layout = layout or rng.choices(("flat", "nested"), weights=(5, 4))[0]
        self.title = make_title(rng, self.unit, self.year)
        self.topics: list[Topic] = []
        self.preamble: list[str] = []
        self.schedule: list[tuple[tuple[int, ...], list[str]]] = []
        self.months: list[int] = []
        self.traps: list[str] = []
        self.residue: list[str] = []
        self.year_mismatch = False
        self.size_lines = 0
        self.size_bytes = 0

    # -- content ---------------------------------------------------------------------
    def build(self, *, target_lines: int | None = None, target_bytes: int | None = None,
              traps: int = 0, residue: bool = False, year_mismatch: bool = False,
              group_size: int | None = None) -> Plan:
        rng, ctx, el = self.rng, self.ctx, self.elements
        # preamble
        pre = [ctx.fmt(rng.choice(P.PREAMBLE_LEAD))]
        if el["guiding-ideology"] and rng.random() < 0.35:
            pre.insert(0, ctx.fmt(rng.choice(P.PREAMBLE_IDEOLOGY)))
        if rng.random() < 0.6:
            pre.append(ctx.fmt(rng.choice(P.PREAMBLE_PURPOSE)))
        pre.append(ctx.fmt(rng.choice(P.HANDOVER)))
        if rng.random() < 0.4 and len(pre) > 2:  # hand-over glued to the previous paragraph
            pre[-2:] = [pre[-2] + pre[-1]]
        self.preamble = pre
        # topics
        if el["guiding-ideology"]:
            t = Topic("guiding", "guiding-ideology", ctx.fmt(rng.choice(P.GUIDING_HEADINGS)), mode="paras")
            t.paras = [ctx.fmt(b) for b in rng.sample(P.GUIDING_BODY, rng.randint(1, 3))]
            self.topics.append(t)
        if rng.random() < 0.3:
            t = Topic("goal", None, rng.choice(P.GOAL_HEADINGS), mode="paras")
            t.paras = [ctx.fmt(rng.choice(P.GOAL_BODY))]
            self.topics.append(t)
        neutral = ["education", "organisation", "democracy", "competition", "hardship", "culture", "safety",
                   "home", "self"]
        if target_lines is not None:
            want = (target_lines - 25) / 7
        elif target_bytes is not None:
            want = target_bytes / 1100
        else:
            want = 5
        small = target_bytes is not None and target_bytes < 3500
        n_neutral = max(2 if small else 3, min(len(neutral), round(want) + rng.randint(-1, 1)))
        chosen = set(rng.sample(neutral, n_neutral))
        if self.sector in ("school", "hospital") and rng.random() < 0.5:
            chosen.add("sector")
        for e in ("rights-protection", "finance-audit", "womens-work"):
            if el[e]:
                chosen.add(e)
        for key in ORDER:
            if key not in chosen:
                continue
            if key == "rights-protection":
                heading, tag = rng.choice(P.RIGHTS_HEADINGS), key
            elif key == "finance-audit":
                heading, tag = rng.choice(P.FINANCE_HEADINGS), key
            elif key == "womens-work":
                heads = [h for h in P.WOMEN_HEADINGS if el["rights-protection"] or "权益" not in h]
                heading, tag = rng.choice(heads), key
            elif key == "sector":
                heading, tag = rng.choice((P.SCHOOL_TOPIC if self.sector == "school" else P.HOSPITAL_TOPIC)[0]), None
            else:
                heading, tag = rng.choice(P.TOPICS[key][0]), None
            t = Topic(key, tag, ctx.fmt(heading))
            pool = _pool(key, self.sector, el)
            for entry in rng.sample(pool[0], min(len(pool[0]), rng.randint(1, 2) if small else rng.randint(2, 4))):
                t.items.append((_item_text(ctx, pool, entry), key))
            if rng.random() < 0.15 and len(t.items) >= 2:
                t.mode = "inline"
            self.topics.append(t)
        self._build_schedule()
        if rng.random() < 0.5:
            t = Topic("closing", None, rng.choice(P.CLOSING_HEADINGS))
            pool = _pool("closing", self.sector, el)
            for entry in rng.sample(P.CLOSING_ITEMS, rng.randint(2, 3)):
                t.items.append((_item_text(ctx, pool, entry), "closing"))
            self.topics.append(t)
        self.closing_para = ctx.fmt(rng.choice(P.CLOSING_PARA)) if rng.random() < 0.5 else None
        # traps, residue, mismatch
        neutral_topics = [t for t in self.topics if t.tag is None and t.mode in ("items", "inline")
                          and t.key not in ("closing", "goal")]
        if traps and neutral_topics:
            absent = [k for k, (e, _) in P.TRAPS.items() if not el[e]]
            others = [k for k in P.TRAPS if k not in absent]
            pick = rng.sample(absent, min(traps, len(absent)))
            if len(pick) < traps:
                pick += rng.sample(others, min(traps - len(pick), len(others)))
            for k in pick:
                t = rng.choice(neutral_topics)
                t.items.insert(rng.randint(0, len(t.items)), (ctx.fmt(P.TRAPS[k][1]), "trap"))
                self.traps.append(k)
        if residue and neutral_topics:
            for token, sentence in rng.sample(P.RESIDUE_SENTENCES, rng.randint(1, 3)):
                t = rng.choice(neutral_topics)
                t.items.insert(rng.randint(0, len(t.items)), (ctx.fmt(sentence), "residue"))
                self.residue.append(token)
        self.year_mismatch = year_mismatch
        self._fill(target_lines, target_bytes, group_size)
        blocks = self._layout(group_size)
        return Plan(self.title, self.unit, self.sector, self.year, dict(el), list(self.months), blocks,
                    self.style, self.traps, self.residue, self.year_mismatch)

    def _build_schedule(self) -> None:
        rng, ctx = self.rng, self.ctx
        if not self.elements["monthly-schedule"]:
            return
        k = rng.choices(range(3, 13), weights=(2, 2, 2, 3, 3, 3, 4, 5, 5, 8))[0]
        months = sorted(rng.sample(range(1, 13), k))
        self.months = months
        present = self.elements
        slots: list[tuple[tuple[int, ...], list[str]]] = []
        i = 0
        while i < len(months):
            run = [months[i]]
            while (i + len(run) < len(months) and months[i + len(run)] == run[-1] + 1 and len(run) < 4
                   and rng.random() < (0.25 if len(run) == 1 else 0.4)):
                run.append(months[i + len(run)])
            acts: list[str] = []
            for m in run:
                pool = [txt for tag, txt in P.MONTH_ACTIVITIES[m] if tag is None or present.get(tag)]
                acts.extend(rng.sample(pool, min(len(pool), rng.randint(1, 2))))
            slots.append((tuple(run), [ctx.fmt(a) for a in acts]))
            i += len(run)
        if self.sector == "school" and rng.random() < 0.3:  # school-year order 9..12, 1..8
            slots = [s for s in slots if s[0][0] >= 9] + [s for s in slots if s[0][0] < 9]
        self.schedule = slots

    # -- size ------------------------------------------------------------------------
    def _fill(self, target_lines: int | None, target_bytes: int | None, group_size: int | None) -> None:
        rng, ctx = self.rng, self.ctx
        self.style = self._choose_style()
        base = self._layout(group_size)
        lines = sum(1 for b in base if b[0] != "table") + sum(len(b[2]) + 2 for b in base if b[0] == "table")
        nbytes = sum(len(_block_text(b).encode()) + 8 for b in base)
        fillable = [t for t in self.topics if t.mode == "items" and t.key not in ("closing",)]
        if not fillable:
            return
        pools = {t.key: _pool(t.key, self.sector, self.elements) for t in fillable}
        base_w = [3.0 if t.tag else 2.0 for t in fillable]
        seen = {text for t in fillable for text, _ in t.items}
        while (target_lines is not None and lines < target_lines) or (
                target_bytes is not None and nbytes < target_bytes):
            # favour short topics so that sections grow evenly
            weights = [w / (1 + len(t.items)) for w, t in zip(base_w, fillable)]
            t = rng.choices(fillable, weights=weights)[0]
            text = _item_text(ctx, pools[t.key])
            for _ in range(4):  # avoid repeating an item word for word
                if text not in seen:
                    break
                text = _item_text(ctx, pools[t.key])
            seen.add(text)
            t.items.append((text, t.key))
            lines += 1
            nbytes += len(text.encode()) + 7
            if group_size and len(t.items) % group_size == 1:
                lines += 1
                nbytes += 30

    def _choose_style(self) -> dict:
        rng = self.rng
        style = {
            "l1": _wchoice(rng, L1_STYLES), "l2": _wchoice(rng, L2_STYLES), "l3": _wchoice(rng, L3_STYLES),
            "l4": _wchoice(rng, L4_STYLES), "ordinals": rng.choice(ORDINALS),
            "subitems": rng.random() < 0.2, "heading_period": rng.random() < 0.1,
            "indent": rng.choices(("\u3000\u3000", "", "  "), weights=(4, 4, 2))[0],
            "blank": rng.random() < 0.25, "guiding_oneline": rng.random() < 0.1,
            "month_form": rng.choices(("d", "d份", "cn", "cn份"), weights=(5, 2, 1, 3))[0],
            "colon": rng.choices(("：", ":", "　"), weights=(8, 2, 1))[0],
            "md_bold": rng.random() < 0.3, "md_bullets": rng.random() < 0.3,
            "docx_bare": rng.random() < 0.3, "docx_merge": rng.random() < 0.3,
            "signature": rng.random() < 0.7,
            "sig_day": (rng.randint(1, 2), rng.randint(1, 28)),
        }
        if self.fmt == "docx":
            style["schedule"] = rng.choices(("table", "line", "block"), weights=(8, 1, 1))[0]
        elif self.fmt == "md":
            style["schedule"] = rng.choices(("table", "line", "block", "inline"), weights=(4, 3, 2, 1))[0]
        else:
            style["schedule"] = rng.choices(("line", "block", "inline", "numbered"), weights=(5, 3, 2, 2))[0]
        return style

    # -- layout ----------------------------------------------------------------------
    def _month_label(self, months: tuple[int, ...]) -> str:
        rng, form = self.rng, self.style["month_form"]
        if len(months) == 1:
            m = months[0]
            if m == 1 and rng.random() < 0.3:
                return rng.choice(("元月", "元月份"))
            r = rng.random()
            if form.startswith("d"):
                num = str(m)
                if r < 0.05:
                    num = f"{m:02d}"
                elif r < 0.1:
                    num = num.translate(_FULLWIDTH_DIGITS)
                return num + ("月份" if form == "d份" else "月")
            return cn(m) + ("月份" if form == "cn份" else "月")
        a, b = months[0], months[-1]
        if len(months) == 2:
            return rng.choice((f"{cn(a)}、{cn(b)}月份", f"{a}、{b}月", f"{a}-{b}月", f"{a}—{b}月"))
        return rng.choice((f"{a}-{b}月", f"{a}—{b}月", f"{a}至{b}月", f"{cn(a)}至{cn(b)}月", f"{a}~{b}月份"))

    def _layout(self, group_size: int | None = None) -> list[tuple]:
        rng, st, ctx = self.rng, self.style, self.ctx
        l1, l2, l3, l4 = st["l1"][1], st["l2"][1], st["l3"][1], st["l4"][1]
        hp = "。" if st["heading_period"] else ""
        blocks: list[tuple] = [("title", self.title)]
        if self.year_mismatch and not self.schedule:
            blocks.append(("para", f"{self.year - 1}年，{ctx.values['U']}将继续围绕中心、服务大局，扎实推进各项工作。",
                           "mismatch"))
        blocks.extend(("para", p, "preamble") for p in self.preamble)
        n1 = 0

        def items_of(t: Topic, level: int) -> None:
            if t.mode == "inline":
                ords = st["ordinals"]
                parts = []
                for i, (text, _) in enumerate(t.items[:len(ords)]):
                    parts.append(ords[i] + text.rstrip("。").replace("。", "，"))
                blocks.append(("para", "；".join(parts) + "。", t.key))
                return
            tok = l3 if level == 3 else l4
            groups = [t.items]
            if group_size:
                groups = [t.items[i:i + group_size] for i in range(0, len(t.items), group_size)]
            pool = _pool(t.key, self.sector, self.elements)[0] if t.key not in ("guiding", "goal") else ()
            for g, chunk in enumerate(groups, 1):
                if group_size:
                    head = ctx.fmt(rng.choice(pool)[0]) if pool else t.heading
                    blocks.append(("h", 2, l2(g), head + hp))
                for k, (text, origin) in enumerate(chunk, 1):
                    blocks.append(("item", level, tok(k), text, origin))
                    if st["subitems"] and pool and rng.random() < 0.12:
                        for j, entry in enumerate(rng.sample(pool, min(len(pool), rng.randint(2, 3))), 1):
                            sub = L5_TOK(j) if level == 4 else l4(j)
                            blocks.append(("item", level + 1, sub, ctx.fmt(entry[0]) + "。", origin))

        def schedule_blocks(level_tok: str, heading: str) -> None:
            if self.year_mismatch:
                heading = f"{self.year - 1}年" + heading.replace(f"{self.year}年", "")
            blocks.append(("h", 1, level_tok, heading + hp))
            form, colon = st["schedule"], st["colon"]
            slots = self.schedule
            if form == "table":
                rows = []
                owners = [o for o in P.SCHEDULE_OWNERS
                          if not (o == "经审会" and not self.elements["finance-audit"])
                          and not (o == "女工委" and not self.elements["womens-work"])]
                for months, acts in slots:
                    label = self._month_label(months)
                    for a in acts:
                        rows.append((label, a, rng.choice(owners)))
                blocks.append(("table", ("月份", "工作内容", "责任部门"), rows))
            elif form == "line":
                for months, acts in slots:
                    blocks.append(("sched", self._month_label(months) + colon + "；".join(acts) + "。"))
            elif form == "block":
                for months, acts in slots:
                    blocks.append(("label", self._month_label(months)))
                    for k, a in enumerate(acts, 1):
                        blocks.append(("item", 3, l3(k), a + "。", "schedule"))
            elif form == "inline":
                i = 0
                while i < len(slots):
                    n = rng.randint(2, 4)
                    seg = "".join(self._month_label(m) + "：" + "；".join(a) + "。" for m, a in slots[i:i + n])
                    blocks.append(("sched", seg))
                    i += n
            else:  # numbered: "3、三月：…"
                for k, (months, acts) in enumerate(slots, 1):
                    blocks.append(("item", 3, l3(k), self._month_label(months) + "：" + "；".join(acts) + "。",
                                   "schedule"))

        sched_heading = rng.choice(P.SCHEDULE_HEADINGS_SCHOOL if self.sector == "school" else P.SCHEDULE_HEADINGS)
        sched_heading = ctx.fmt(sched_heading)
        mains = [t for t in self.topics if t.key not in ("guiding", "goal", "closing")]
        heads = [t for t in self.topics if t.key in ("guiding", "goal")]
        closing = [t for t in self.topics if t.key == "closing"]
        for t in heads:
            n1 += 1
            if t.key == "guiding" and st["guiding_oneline"]:
                blocks.append(("h", 1, l1(n1), t.heading + "：" + t.paras[0], t.key))
                blocks.extend(("para", p, t.key) for p in t.paras[1:])
            else:
                blocks.append(("h", 1, l1(n1), t.heading + hp))
                blocks.extend(("para", p, t.key) for p in t.paras)
        if self.layout == "nested" and not group_size:
            n1 += 1
            blocks.append(("h", 1, l1(n1), rng.choice(P.MAIN_HEADINGS) + hp))
            for n2, t in enumerate(mains, 1):
                blocks.append(("h", 2, l2(n2), t.heading + hp))
                items_of(t, 3)
        else:
            for t in mains:
                n1 += 1
                blocks.append(("h", 1, l1(n1), t.heading + hp))
                items_of(t, 3)
        if self.schedule:
            n1 += 1
            schedule_blocks(l1(n1), sched_heading)
        for t in closing:
            n1 += 1
            blocks.append(("h", 1, l1(n1), t.heading + hp))
            items_of(t, 3)
        if self.closing_para:
            blocks.append(("para", self.closing_para, "closing"))
        if st["signature"]:
            sig = self.unit + rng.choice(("工会委员会", "工会"))
            m, d = st["sig_day"]
            blocks.append(("sig", sig))
            blocks.append(("sig", f"{self.year}年{m}月{d}日"))
        return blocks


def _block_text(b: tuple) -> str:
    kind = b[0]
    if kind in ("title", "para", "sched", "label", "sig", "furn"):
        return b[1]
    if kind in ("h", "item"):
        return b[2] + b[3]
    if kind == "table":
        return "".join("".join(r) for r in b[2])
    return ""

# --------------------------------------------------------------------------- rendering


def render_txt(plan: Plan, *, include_title: bool = True) -> list[str]:
    st = plan.style
    ind = st["indent"]
    out: list[str] = []
    for b in plan.blocks:
        kind = b[0]
        if kind == "title":
            if include_title:
                out.append(b[1])
                out.append("")
            continue
        if kind == "h":
            line = b[2] + b[3]
        elif kind == "item":
            line = ind + b[2] + b[3]
        elif kind == "para":
            line = ind + b[1]
        elif kind == "sched":
            line = ind + b[1]
        elif kind == "table":  # not used for txt plans; render as pipe rows if it happens
            out.append(" | ".join(b[1]))
            out.extend(" | ".join(r) for r in b[2])
            continue
        else:
            line = b[1]
        if st["blank"] and out and out[-1] != "" and kind in ("h", "para"):
            out.append("")
        out.append(line)
    return out


def render_md(plan: Plan) -> list[str]:
    st = plan.style
    out: list[str] = []
    prev = None
    for b in plan.blocks:
        kind = b[0]
        if kind != "item" or prev != "item":
            if out and out[-1] != "":
                out.append("")
        if kind == "title":
            out.append("# " + b[1])
        elif kind == "h":
            text = b[2] + b[3]
            if b[1] == 1:
                out.append(f"**{text}**" if st["md_bold"] else "## " + text)
            else:
                out.append("### " + text)
        elif kind == "item":
            out.append(("- " if st["md_bullets"] else "") + b[2] + b[3])
        elif kind == "table":
            out.append("| " + " | ".join(b[1]) + " |")
            out.append("| " + " | ".join("---" for _ in b[1]) + " |")
            out.extend("| " + " | ".join(r) + " |" for r in b[2])
        else:
            out.append(b[1])
        prev = kind
    return out


_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def render_docx(plan: Plan) -> bytes:
    import datetime

    import docx  # python-docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    st = plan.style
    d = docx.Document()
    cp = d.core_properties
    cp.author = ""
    cp.title = plan.title
    cp.created = cp.modified = datetime.datetime(2024, 1, 1)
    cp.last_modified_by = ""
    cp.revision = 1
    # style ids looked up once: python-docx resolves a style name on every call otherwise
    sid = {name: d.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2")}

    def para(text: str, style: str | None = None, align=None):
        p = d.add_paragraph(text)
        if style:
            p._p.get_or_add_pPr().style = sid[style]
        if align is not None:
            p.alignment = align
        return p

    for b in plan.blocks:
        kind = b[0]
        if kind == "title":
            para(b[1], "Title", WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "h":
            text = b[3] if st["docx_bare"] else b[2] + b[3]
            para(text, "Heading 1" if b[1] == 1 else "Heading 2")
        elif kind == "item":
            para(b[2] + b[3])
        elif kind == "table":
            header, rows = b[1], b[2]
            table = d.add_table(rows=1, cols=len(header))
            table.style = d.styles["Table Grid"]
            for cell, h in zip(table.rows[0].cells, header):
                cell.text = h
            first_cells = []
            for r, row in enumerate(rows):
                cells = table.add_row().cells
                first_cells.append(cells[0])
                for c, v in enumerate(row):
                    if c == 0 and st["docx_merge"] and r > 0 and rows[r - 1][0] == v:
                        continue  # merged below; the month is written once
                    cells[c].text = v
            if st["docx_merge"]:
                start = 0
                for r in range(1, len(rows) + 1):
                    if r == len(rows) or rows[r][0] != rows[start][0]:
                        if r - 1 > start:
                            first_cells[start].merge(first_cells[r - 1])
                        start = r
        elif kind == "sig":
            para(b[1], None, WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            para(b[1])
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so identical content gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


_S2T = None


def to_traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc
        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


_NO_SPLIT_START = set("一二三四五六七八九十元正腊冬月第首其再最总此另是要")


def split_lines(rng: random.Random, lines: list[str], n: int) -> tuple[list[str], int]:
    """Simulate page-break splits: cut up to n long prose lines mid-sentence."""
    candidates = [i for i, ln in enumerate(lines) if len(ln) > 45]
    done = 0
    cuts: dict[int, int] = {}
    for i in rng.sample(candidates, min(n, len(candidates))):
        ln = lines[i]
        for _ in range(6):
            p = rng.randint(15, len(ln) - 12)
            a, b = ln[p - 1], ln[p]
            if ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" and b not in _NO_SPLIT_START
                    and "月" not in ln[p:p + 4] and not any(ch.isdigit() for ch in ln[p:p + 4])):
                cuts[i] = p
                done += 1
                break
    if not cuts:
        return lines, 0
    out: list[str] = []
    for i, ln in enumerate(lines):
        if i in cuts:
            out.append(ln[:cuts[i]])
            out.append(ln[cuts[i]:])
        else:
            out.append(ln)
    return out, done


def web_wrap(rng: random.Random, title: str, year: int, collection_word: str) -> tuple[list[str], list[str]]:
    """Furniture for a plan copied from a template site: (lines before, lines after)."""
    user = rng.choice(P.WEB_USERS)
    stamp = f"{year - 1}-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 22):02d}:" \
            f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    head = [title, f"时间：{stamp}", user, rng.choice(P.WEB_INTRO).format(T=title), ""]
    tail = ["", rng.choice(P.WEB_TAIL), rng.choice(P.WEB_RELATED_HEAD)]
    for k, t in enumerate(rng.sample(P.WEB_RELATED_TITLES, rng.randint(3, 5)), 1):
        tail.append(f"{k}." + t.format(Y=year, C=collection_word, N=rng.randint(3, 10)))
    tail.append(rng.choice(P.WEB_TAIL))
    return head, tail

# --------------------------------------------------------------------------- manifest


@dataclass
class Manifest:
    """Ground truth of one generated corpus; written as OUT_DIR/manifest.json.

    Submission/single/big file entries: path, format (txt|md|docx|doc), encoding (a Python
    codec name that decodes the bytes: utf-8, utf-8-sig, gb18030, utf-16; null for docx/doc),
    newline, script, title, unit (as written in the file), sector, year (of the title),
    elements {guiding-ideology, rights-protection, finance-audit, womens-work,
    monthly-schedule: bool}, months (months with a schedule label, 1-12), near_copy_of,
    year_mismatch, residue, residue_tokens, traps, web_boilerplate, ascii_punct,
    split_lines, unreadable, bytes.
    Collection entries: path, format, encoding, title, announced, marker_styles,
    ascii_punct, split_lines, bytes, plans [per plan: title, unit, sector, year, elements,
    months, year_mismatch, residue, residue_tokens, traps, web_boilerplate].
    """

    kind: str
    seed: int
    count: int
    size_kb: int | None
    files: list[dict] = field(default_factory=list)
    generator: str = GENERATOR

    def to_dict(self) -> dict:
        return {"generator": self.generator, "kind": self.kind, "seed": self.seed, "count": self.count,
                "size_kb": self.size_kb, "files": self.files}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def write(self, out_dir: Path) -> Path:
        path = Path(out_dir) / "manifest.json"
        path.write_text(self.to_json(), encoding="utf-8")
        return path

# --------------------------------------------------------------------------- submissions

TXT_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")


def _encode(text_lines: list[str], encoding: str) -> tuple[bytes, str]:
    if encoding in ("gb18030", "utf-16"):
        text = "\r\n".join(text_lines) + "\r\n"
        newline = "crlf"
    else:
        text = "\n".join(text_lines) + "\n"
        newline = "lf"
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le"), newline
    return text.encode(encoding), newline


def _assign_roles(rng: random.Random, count: int) -> list[dict]:
    roles = [{"format": "txt", "encoding": "utf-8", "traditional": False, "unreadable": None,
              "copy_of": None, "web": False, "residue": False, "mismatch": False} for _ in range(count)]
    idx = list(range(count))
    rng.shuffle(idx)
    pos = 0

    def take(n: int) -> list[int]:
        nonlocal pos
        got = idx[pos:pos + n]
        pos += len(got)
        return got

    n_unread = 2 if count >= 10 else (1 if count >= 3 else 0)
    for i, what in zip(take(n_unread), ("empty", "doc")):
        roles[i]["unreadable"] = what
        roles[i]["format"] = "doc" if what == "doc" else "txt"
        roles[i]["encoding"] = None
    # formats for the rest (guarantee one of each when there is room)
    rest = idx[pos:]
    kinds = ["docx", "md", "gb18030", "utf-16", "trad", "utf-8-sig"] if len(rest) >= 12 else []
    weights = {"utf-8": 55, "utf-8-sig": 5, "gb18030": 12, "utf-16": 6, "md": 10, "docx": 10, "trad": 4}
    names = list(weights)
    for n, i in enumerate(rest):
        k = kinds[n] if n < len(kinds) else rng.choices(names, weights=[weights[x] for x in names])[0]
        r = roles[i]
        if k == "docx":
            r["format"], r["encoding"] = "docx", None
        elif k == "md":
            r["format"], r["encoding"] = "md", "utf-8"
        elif k == "trad":
            r["traditional"] = True
        else:
            r["encoding"] = k
    readable = sorted(rest)
    if count >= 10:
        # near copies: copy index after its source, both in text formats
        n_copy = max(2, round(count * 0.05))
        text_ok = [i for i in readable if roles[i]["format"] in ("txt", "md") and not roles[i]["traditional"]]
        copies = sorted(rng.sample(text_ok[1:], min(n_copy, max(0, len(text_ok) - 1))))
        sources_used: list[int] = []
        for c in copies:
            cands = [s for s in text_ok if s < c and roles[s]["copy_of"] is None and s not in copies]
            if not cands:
                continue
            s = rng.choice(cands)
            roles[c]["copy_of"] = s
            if roles[s]["format"] == "md":
                roles[c]["format"], roles[c]["encoding"] = "md", "utf-8"
            elif roles[c]["format"] == "md":
                roles[c]["format"], roles[c]["encoding"] = "txt", "utf-8"
            sources_used.append(s)
        plain = [i for i in readable if roles[i]["copy_of"] is None and i not in sources_used]
        for i in rng.sample(plain, min(len(plain), max(1, round(count * 0.05)))):
            roles[i]["web"] = True
    plain = [i for i in readable if roles[i]["copy_of"] is None]
    for i in rng.sample(plain, min(len(plain), max(1, round(count * 0.08)))):
        roles[i]["residue"] = True
    for i in rng.sample(plain, min(len(plain), max(1, round(count * 0.06)))):
        roles[i]["mismatch"] = True
    return roles


def _near_copy(rng: random.Random, src: Plan) -> Plan:
    plan = copy.deepcopy(src)
    new_unit = make_unit(rng, src.sector)
    while new_unit == src.unit:
        new_unit = make_unit(rng, src.sector)
    ctx = Ctx(rng, src.sector, new_unit, src.year)
    ctx.values["S"] = P.SECTORS[src.sector]["staff"][0]
    plan.unit = new_unit
    plan.title = src.title.replace(src.unit, new_unit)
    blocks = [tuple(x.replace(src.unit, new_unit) if isinstance(x, str) else x for x in b) for b in plan.blocks]
    present = src.elements
    editable = [i for i, b in enumerate(blocks)
                if (b[0] == "item" and b[4] not in ("trap", "residue", "schedule", "mismatch"))
                or (b[0] == "para" and b[2] in ("preamble", "guiding"))]
    n = max(1, round(len(editable) * rng.uniform(0.08, 0.18)))
    for i in sorted(rng.sample(editable, min(n, len(editable)))):
        b = blocks[i]
        if b[0] == "para":
            pool = P.GUIDING_BODY if b[2] == "guiding" else P.PREAMBLE_LEAD
            blocks[i] = ("para", ctx.fmt(rng.choice(pool)), b[2])
        else:
            key = b[4]
            blocks[i] = ("item", b[1], b[2], _item_text(ctx, _pool(key, src.sector, present)), key)
    plan.blocks = blocks
    plan.web = False
    return plan


def _write_doc(rng: random.Random) -> bytes:
    """A legacy .doc look-alike: OLE2 signature followed by noise (not parseable)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(24) + rng.randbytes(rng.randint(4000, 8000))


def _plan_lines(plan: Plan, fmt: str) -> list[str]:
    return render_md(plan) if fmt == "md" else render_txt(plan)


def gen_submissions(out_dir: Path, count: int, seed: int) -> list[dict]:
    master = random.Random(f"{seed}:submissions:roles")
    roles = _assign_roles(master, count)
    plans: dict[int, Plan] = {}
    entries: list[dict] = []
    sources = {r["copy_of"] for r in roles if r["copy_of"] is not None}
    for i, role in enumerate(roles):
        rng = random.Random(f"{seed}:submissions:{i}")
        fmt = role["format"]
        ext = {"txt": ".txt", "md": ".md", "docx": ".docx", "doc": ".doc"}[fmt]
        name = f"branch-{i + 1:04d}{ext}"
        path = out_dir / name
        entry = {"path": name, "format": fmt, "encoding": role["encoding"], "newline": None,
                 "script": "simplified", "title": None, "unit": None, "sector": None, "year": None,
                 "elements": {e: False for e in ELEMENTS}, "months": [], "near_copy_of": None,
                 "year_mismatch": False, "residue": False, "residue_tokens": [], "traps": [],
                 "web_boilerplate": False, "ascii_punct": False, "split_lines": 0, "unreadable": False}
        if role["unreadable"]:
            data = _write_doc(rng) if role["unreadable"] == "doc" else b""
            path.write_bytes(data)
            entry.update(unreadable=True, bytes=len(data))
            entries.append(entry)
            continue
        if role["copy_of"] is not None:
            src = plans[role["copy_of"]]
            plan = _near_copy(rng, src)
            entry["near_copy_of"] = entries[role["copy_of"]]["path"]
        else:
            builder = PlanBuilder(rng, fmt=fmt)
            n_traps = rng.choice((0, 0, 1, 1, 2, 3))
            plan = builder.build(target_lines=rng.randint(36, 170), traps=n_traps,
                                 residue=role["residue"], year_mismatch=role["mismatch"])
            plan.web = role["web"] and fmt != "docx"   # web text is only written into txt/md files
        plans[i] = plan
        entry.update(plan.truth())
        if fmt == "docx":
            data = render_docx(plan)
        else:
            lines = _plan_lines(plan, fmt)
            if plan.web:
                head, tail = web_wrap(rng, plan.title, plan.year,
                                      rng.choice(P.SECTORS[plan.sector]["collection"]))
                lines = head + lines + tail
            pristine = role["copy_of"] is None and i not in sources  # keep copy pairs comparable
            if fmt == "txt" and pristine and rng.random() < 0.12:
                lines, entry["split_lines"] = split_lines(rng, lines, rng.randint(1, 4))
            if fmt == "txt" and pristine and rng.random() < 0.1:
                lines = [ln.translate(ASCII_PUNCT) for ln in lines]
                entry["ascii_punct"] = True
            if role["traditional"]:
                lines = to_traditional("\n".join(lines)).split("\n")
                entry["script"] = "traditional"
                entry["unit"] = to_traditional(plan.unit)
                entry["title"] = to_traditional(plan.title)
            data, entry["newline"] = _encode(lines, role["encoding"])
        path.write_bytes(data)
        entry["bytes"] = len(data)
        entries.append(entry)
    return entries

# --------------------------------------------------------------------------- collections

MARKER_STYLES = ("篇N", "【篇N】", "第N篇")


def _marker(rng: random.Random, style: str, n: int, base_title: str, plan_title: str, cn_num: bool) -> str:
    num = cn(n) if cn_num else str(n)
    if style == "篇N":
        return f"{base_title} 篇{num}" if rng.random() < 0.7 else f"{base_title}篇{num}"
    if style == "【篇N】":
        return f"【篇{num}】{plan_title}"
    return f"第{num}篇：{plan_title}" if rng.random() < 0.7 else f"第{num}篇 {plan_title}"


def gen_collection(seed: int, index: int, size_kb: int) -> tuple[str, bytes, dict]:
    rng = random.Random(f"{seed}:collections:{index}")
    target = size_kb * 1024
    sector = rng.choices(list(P.SECTORS), weights=[3, 3, 2, 3, 2])[0]
    word = rng.choice(P.SECTORS[sector]["collection"])
    year = rng.choice((2023, 2024, 2025, 2026))
    n = min(rng.randint(3, 9), max(2, target // 3500))
    announced = n if rng.random() < 0.8 else rng.randint(3, 10)
    base_title = rng.choice((f"{word}工会工作计划", f"{year}年{word}工会工作计划", f"{word}工会年度工作计划"))
    title = f"{year}年{word}工会工作计划" + rng.choice(P.COLLECTION_COUNT_FORMS).format(N=announced)
    ascii_punct = rng.random() < 0.4
    site = rng.choice(P.SITES)
    head, tail = web_wrap(rng, title, year, word)
    head = [rng.choice(P.BREADCRUMB).format(SITE=site), ""] + head
    style0 = MARKER_STYLES[index % 3]
    mixed = rng.random() < 0.15
    cn_num = rng.random() < 0.3
    fixed = head + tail
    fixed_bytes = sum(len(x.encode()) + 1 for x in fixed)
    out: list[str] = list(head)
    plans: list[dict] = []
    styles: list[str] = []
    used = fixed_bytes
    split_total = 0
    for k in range(1, n + 1):
        style = MARKER_STYLES[(index + k - 1) % 3] if mixed else style0
        remaining = target - used
        want = max(1500, remaining // (n - k + 1))
        builder = PlanBuilder(rng, sector=sector if rng.random() < 0.8 else None,
                              year=year if rng.random() < 0.85 else None)
        plan = builder.build(target_bytes=int(want * 0.95), traps=rng.choice((0, 1, 1, 2)),
                             residue=rng.random() < 0.1, year_mismatch=rng.random() < 0.05)
        marker = _marker(rng, style, k, base_title, plan.title, cn_num)
        lines = [marker] + render_txt(plan, include_title=rng.random() < 0.5) + [""]
        if rng.random() < 0.3:
            lines, s = split_lines(rng, lines, rng.randint(1, 3))
            split_total += s
        if ascii_punct:
            lines = [ln.translate(ASCII_PUNCT) for ln in lines]
        used += sum(len(x.encode()) + 1 for x in lines)
        out.extend(lines)
        styles.append(style)
        plans.append(plan.truth())
    out.extend(tail)
    text = "\n".join(out) + "\n"
    data = text.encode("utf-8")
    entry = {"path": f"collection-{index + 1:04d}.txt", "format": "txt", "encoding": "utf-8", "title": title,
             "announced": announced, "marker_styles": styles, "ascii_punct": ascii_punct,
             "split_lines": split_total, "bytes": len(data), "plans": plans}
    return entry["path"], data, entry


def _collection_job(args: tuple[int, int, int]) -> tuple[str, bytes, dict]:
    return gen_collection(*args)


def gen_collections(out_dir: Path, count: int, seed: int, size_kb: int, jobs: int = 1) -> list[dict]:
    entries: list[dict] = []
    tasks = [(seed, i, size_kb) for i in range(count)]
    if jobs > 1 and count > 1:
        import multiprocessing as mp
        with mp.get_context("spawn" if sys.platform == "win32" else "fork").Pool(jobs) as pool:
            results = pool.imap(_collection_job, tasks, chunksize=16)
            for name, data, entry in results:
                (out_dir / name).write_bytes(data)
                entries.append(entry)
    else:
        for t in tasks:
            name, data, entry = gen_collection(*t)
            (out_dir / name).write_bytes(data)
            entries.append(entry)
    return entries

# --------------------------------------------------------------------------- single / big


def gen_one(out_dir: Path, kind: str, seed: int, size_kb: int) -> list[dict]:
    target = size_kb * 1024
    big = kind == "big"

    def build(goal: int) -> Plan:
        rng = random.Random(f"{seed}:{kind}:0")
        elements = {e: True for e in ELEMENTS} if big else None
        builder = PlanBuilder(rng, elements=elements, layout="flat" if big else None)
        # keep level-2 and level-3 numbers within two digits up to ~15 MB
        group = max(40, min(99, -(-goal // (128 * 13 * 60)))) if big else None
        return builder.build(target_bytes=goal, traps=rng.randint(1, 3), group_size=group)

    plan = build(int(target * 0.97))
    if not big:  # one calibration pass: the size estimate ignores numbering and indentation
        got = len("\n".join(render_txt(plan)).encode()) + 1
        plan = build(int(target * 0.97 * target / got))
    lines = render_txt(plan)
    data, newline = _encode(lines, "utf-8")
    name = f"plan-{kind}.txt"
    (out_dir / name).write_bytes(data)
    entry = {"path": name, "format": "txt", "encoding": "utf-8", "newline": newline, "script": "simplified"}
    entry.update(plan.truth())
    entry.update(near_copy_of=None, ascii_punct=False, split_lines=0, unreadable=False, bytes=len(data))
    return [entry]

# --------------------------------------------------------------------------- API / CLI

DEFAULT_SIZE_KB = {"collections": 40, "single": 10, "big": 10 * 1024}


def generate(out_dir: Path, kind: str, count: int = 1, seed: int = 1, size_kb: int | None = None,
             jobs: int = 1) -> Manifest:
    """Generate a corpus into ``out_dir`` and write ``out_dir/manifest.json``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if kind != "submissions" and size_kb is None:
        size_kb = DEFAULT_SIZE_KB[kind]
    if kind in ("single", "big"):
        count = 1
    manifest = Manifest(kind=kind, seed=seed, count=count, size_kb=size_kb if kind != "submissions" else None)
    if kind == "submissions":
        manifest.files = gen_submissions(out_dir, count, seed)
    elif kind == "collections":
        manifest.files = gen_collections(out_dir, count, seed, int(size_kb), jobs)
    else:
        manifest.files = gen_one(out_dir, kind, seed, int(size_kb))
    manifest.write(out_dir)
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a deterministic synthetic corpus of 工会工作计划 drafts.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--kind", choices=KINDS, default="submissions")
    ap.add_argument("--count", type=int, default=None, help="files (submissions: 300, collections: 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size-kb", type=int, default=None, help="target size per file in KB (collections, single)")
    ap.add_argument("--size-mb", type=float, default=None, help="target size in MB (big)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (collections); output is identical")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    count = args.count if args.count is not None else {"submissions": 300, "collections": 2000}.get(args.kind, 1)
    size_kb = args.size_kb
    if args.size_mb is not None:
        size_kb = int(args.size_mb * 1024)
    t0 = time.perf_counter()
    m = generate(args.out_dir, args.kind, count, args.seed, size_kb, jobs=args.jobs)
    if not args.quiet:
        total = sum(f.get("bytes", 0) for f in m.files)
        print(f"{len(m.files)} file(s), {total / 1e6:.1f} MB in {time.perf_counter() - t0:.2f} s -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
