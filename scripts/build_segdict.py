"""Build checker/data/segdict.txt, the compact segmentation dictionary (checker/segment.py).

jieba's bundled dict.txt holds 349,000 words (5 MB) and takes about a second to load.
A boundary check only needs the words that can straddle a checked term, which hold a
character of it, plus common words so the sentence around it segments as jieba would:

    segdict = {words with a character of any boundary-checked term of the default rules}
            ∪ {the TOP most frequent words}

The file keeps jieba's format (``word freq``) without part-of-speech tags and starts with
``#total N``, the frequency total of the full dictionary, so word probabilities are the
same as jieba's. After the words come their prefixes that are not words of the file, with
frequency 0, as jieba's own loader adds them: loading is then one dict() call. Run it again after adding a boundary-checked term with new characters:

    /work/venv/bin/python scripts/build_segdict.py
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOP = 12000
TARGET = ROOT / "checker" / "data" / "segdict.txt"
JIEBA_DICT = Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")   # found, not imported


def boundary_characters() -> set[str]:
    """Characters of every boundary-checked term in the default rule pack."""
    from checker.rulepack import default_files, load_rule_file

    chars: set[str] = set()
    for path in default_files():
        for rule in load_rule_file(path, trusted=True):
            for name, value in rule.params.items():
                if not name.endswith("terms") or not isinstance(value, list):
                    continue
                for term in value:
                    if isinstance(term, dict) and term.get("boundary") or rule.params.get("check_boundaries"):
                        chars.update(term["term"] if isinstance(term, dict) else term)
    return chars


def main() -> None:
    entries = [line.split()[:2] for line in JIEBA_DICT.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = sum(int(freq) for _, freq in entries)
    chars = boundary_characters()
    frequent = {word for word, _ in sorted(entries, key=lambda e: -int(e[1]))[:TOP]}
    kept = [(word, freq) for word, freq in entries if word in frequent or chars & set(word)]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with open(TARGET, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"#total {total}\n")
        out.writelines(f"{word} {freq}\n" for word, freq in kept)
        words = {word for word, _ in kept}
        prefixes = dict.fromkeys(word[:end] for word, _ in kept for end in range(1, len(word)))
        out.writelines(f"{prefix} 0\n" for prefix in prefixes if prefix not in words)
    print(f"{TARGET}: {len(kept)} words ({TARGET.stat().st_size // 1024} KB), boundary characters: "
          f"{''.join(sorted(chars))}", file=sys.stderr)


if __name__ == "__main__":
    main()
