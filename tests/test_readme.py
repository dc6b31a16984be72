"""The README describes what the program does: its format list matches the registry."""

from __future__ import annotations

from pathlib import Path

from reader.core import formats

README = Path(__file__).parents[1] / "README.md"


def test_readme_lists_every_format_and_suffix() -> None:
    text = README.read_text("utf-8")
    for fmt in formats.FORMATS:
        assert fmt.label in text, fmt.label
        for suffix in fmt.suffixes:
            if suffix:
                assert f"`{suffix}`" in text, suffix
