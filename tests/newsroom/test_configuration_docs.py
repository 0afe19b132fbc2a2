"""`.env.example` lists every variable docs/configuration.md describes, and no other: an operator
copying it sees every setting there is."""

import re
import subprocess
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


def test_the_example_environment_reads_the_same_in_a_shell_as_in_systemd():
    """The site reads no file: its environment comes from systemd's EnvironmentFile= or a shell
    that sources the file (docs/deploying.md). Both must read each value as written."""
    shell = subprocess.run(
        ["/bin/sh", "-c", 'set -a && . ./.env.example && echo "$NEWSROOM_ORGANISATION"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert shell.stderr == ""
    assert shell.stdout == "Northwind Labs\n"
