"""The stylesheets the portal ships are whole: every block closed where it opens (a brace lost in a
merge silently puts the rules after it inside a @media print block, as the language tabs once were)."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHEETS = sorted(p for p in [*ROOT.glob("static/css/*.css"), *ROOT.glob("plugins/*/static/*.css")])


def depth_problems(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    depth, problems = 0, []
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                problems.append(f"line {number}: a }} closes nothing")
                depth = 0
    if depth:
        problems.append(f"{depth} block(s) never closed")
    return problems


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_of_a_stylesheet_is_closed(sheet):
    assert depth_problems(sheet.read_text(encoding="utf-8")) == []


def test_a_lost_brace_is_found():
    assert depth_problems("@media print { a { color: red; }\n.tab { x: y; }") == ["1 block(s) never closed"]
    assert depth_problems("a { b: c; } }") == ["line 1: a } closes nothing"]
