"""Pastes as the cleaning tests and the import tests use them: the saved copies of real pages
in ./pasted/, and a list point as Word puts it on the clipboard."""

from pathlib import Path

PASTED = Path(__file__).parent / "pasted"


def pasted(name: str) -> str:
    return (PASTED / name).read_text(encoding="utf-8")


def word_list_item(text: str, *, marker: str = "·", level: int = 1) -> str:
    """A list paragraph as Word puts it on the clipboard: its marker is text only browsers
    without list support show."""
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{level * 0.5}in;"
        f"text-indent:-.25in;mso-list:l0 level{level} lfo1'><![if !supportLists]>"
        f"<span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
        f"</span></span><![endif]>{text}<o:p></o:p></p>"
    )
