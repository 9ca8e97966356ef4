"""docs/cbs-aanlevering.md documents the layout the code really writes."""

from pathlib import Path

import pytest

from rapportage.cbs import layout

DOC = Path(__file__).resolve().parents[2] / "docs" / "cbs-aanlevering.md"


@pytest.mark.parametrize("code", list(layout.RECORDSOORTEN))
def test_the_documented_table_of_every_record_type_matches_the_layout(code):
    # Regenerate with: python -m rapportage.cbs.layout
    assert layout.markdown(layout.RECORDSOORTEN[code]) in DOC.read_text(encoding="utf-8")


def test_record_length_and_line_end_are_documented():
    tekst = DOC.read_text(encoding="utf-8")
    assert f"**{layout.RECORDLENGTE} characters**" in tekst
    assert layout.REGELEINDE == b"\r\n" and "**CR LF**" in tekst
