"""`.env.example` lists every variable docs/configuration.md describes, and no other: an operator
copying it sees every setting there is."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def documented() -> set[str]:
    rows = (ROOT / "docs" / "configuration.md").read_text().splitlines()
    first_cells = [row.split("|")[1] for row in rows if row.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def listed() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_the_example_environment_lists_every_documented_variable():
    assert documented() - listed() == set()
    assert listed() - documented() == set()
