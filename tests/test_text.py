"""Server text is made inert: no markup, no escape sequence, no control character reaches the screen."""

from __future__ import annotations

from tui.text import inert, literal, one_line


def test_markup_is_kept_as_text() -> None:
    text = literal("[bold red]hi[/] [link=http://x]y[/link]")
    assert text.plain == "[bold red]hi[/] [link=http://x]y[/link]"
    assert not text.spans


def test_escape_sequences_are_defused() -> None:
    hostile = "a\x1b[31mred\x1b[0m \x1b]52;c;aGVsbG8=\x07 \x1b]0;title\x1b\\ \x9b2J b"
    shown = inert(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "red" in shown and "52;c;aGVsbG8=" in shown and shown.endswith("b")


def test_control_and_bidi_characters_are_made_visible_or_dropped() -> None:
    shown = inert("x\x00y\rz\u202eevil\x7f")
    assert shown == "x\u2400y\u240dzevil\ufffd"


def test_newlines_kept_only_when_asked() -> None:
    assert inert("a\nb") == "a\u240ab"
    assert inert("a\nb", keep_newlines=True) == "a\nb"
    assert one_line("a\n\n  b\tc") == "a b c"


def test_wide_and_rtl_text_pass_through() -> None:
    assert inert("こんにちは 🎬 مرحبا") == "こんにちは 🎬 مرحبا"


def test_long_text_one_line_is_bounded() -> None:
    assert len(one_line("x" * 32_000, limit=300)) == 300
