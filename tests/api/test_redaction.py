"""The redactor every error's text passes through: the key out, one short line."""

from __future__ import annotations

from tui.api.redaction import REDACTED, Redactor

KEY = "sk-SENTINEL-never-show-me-0123456789"


def test_the_key_is_replaced_wherever_it_appears() -> None:
    redact = Redactor(KEY)
    assert redact.text(f"bad key {KEY}, again {KEY}") == f"bad key {REDACTED}, again {REDACTED}"
    assert redact.field(f"param={KEY}") == f"param={REDACTED}"


def test_a_placeholder_key_too_short_to_be_secret_leaves_text_alone() -> None:
    assert Redactor("x").text("x marks the spot") == "x marks the spot"
    assert Redactor("").text("anything") == "anything"


def test_snippets_are_one_line_cut_with_an_ellipsis() -> None:
    redact = Redactor(KEY)
    assert redact.snippet("a\nb\tc") == "a b c"
    assert redact.snippet("y" * 61) == "y" * 60 + "…"
    assert redact.snippet("y" * 60) == "y" * 60


def test_empty_fields_are_none() -> None:
    assert Redactor(KEY).field(None) is None
    assert Redactor(KEY).field("") is None
