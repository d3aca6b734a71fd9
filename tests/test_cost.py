"""Cost estimates: each price rule, the unknowns, the table column and the detail pane's line."""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult

from tui.api.models import Video
from tui.cost import DEAREST_KNOWN_PRICE, CostTotal, estimate, family, money, rate_for, total
from tui.widgets.detail_pane import DetailPane
from tui.widgets.table_row import Layout, Palette, render_header, render_row

NOW = 1_795_000_000.0


def video(**fields: Any) -> Video:
    base: dict[str, Any] = {
        "id": "video_cost0000000000000000000000001",
        "model": "sora-2",
        "status": "completed",
        "progress": 100,
        "created_at": int(NOW) - 600,
        "completed_at": int(NOW) - 60,
        "size": "1280x720",
        "seconds": "8",
        "prompt": "a lighthouse at dusk",
    }
    base.update(fields)
    return Video.model_validate(base)


# --- the price table --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "size", "seconds", "shown"),
    [
        ("sora-2", "1280x720", "8", "$0.80"),  # $0.10/s, official
        ("sora-2", "720x1280", "4", "$0.40"),
        ("sora-2-pro", "1280x720", "12", "$3.60"),  # $0.30/s, official
        ("sora-2-pro", "720x1280", "4", "$1.20"),
        ("sora-2-pro", "1024x1792", "20", "$10.00"),  # $0.50/s, third party
        ("sora-2-pro", "1792x1024", "8", "$4.00"),
        ("sora-2-2025-10-06", "1280x720", "8", "$0.80"),  # snapshots price as their family
        ("sora-2-2025-12-08", "720x1280", "16", "$1.60"),
        ("sora-2-pro-2025-10-06", "1280x720", "4", "$1.20"),
    ],
)
def test_known_prices(model: str, size: str, seconds: str, shown: str) -> None:
    assert estimate(video(model=model, size=size, seconds=seconds)).short() == shown


@pytest.mark.parametrize(
    ("model", "size", "seconds", "why"),
    [
        ("sora-2-pro", "1920x1080", "8", "size"),  # 1080p: no published price
        ("sora-2-pro", "1080x1920", "8", "size"),
        ("sora-2", "1792x1024", "8", "size"),  # sora-2 has no price beyond 720p
        ("wan-2.1", "1280x720", "8", "model"),  # a compatible server's own model
        ("sora-3", "1280x720", "8", "model"),
        ("sora-2-preview", "1280x720", "8", "model"),  # not a dated snapshot
        ("", "1280x720", "8", "model"),
        ("sora-2", "1280x720", "", "length"),
        ("sora-2", "1280x720", "8.5", "length"),
        ("sora-2", "", "8", "size"),
    ],
)
def test_unknowns_are_a_question_mark(model: str, size: str, seconds: str, why: str) -> None:
    cost = estimate(video(model=model, size=size, seconds=seconds))
    assert not cost.known and cost.short() == "?"
    assert why in cost.why_unknown()
    assert cost.explain(size).startswith("? (")


def test_families_and_rates() -> None:
    assert family("sora-2-pro-2025-10-06") == "sora-2-pro"
    assert family("sora-2-2025-10-06") == "sora-2"
    assert family("sora-2-pro-x") is None
    official = rate_for("sora-2-pro", "720x1280")
    assert official is not None and official.verified and official.cents_per_second == 30
    tall = rate_for("sora-2-pro", "1024x1792")
    assert tall is not None and not tall.verified and tall.cents_per_second == 50
    assert rate_for("sora-2-pro", "1920x1080") is None


def test_explanations() -> None:
    assert estimate(video()).explain("1280x720") == "$0.80 (8 s × $0.10/s, sora-2 720p)"
    tall = video(model="sora-2-pro", size="1024x1792", seconds="4")
    assert estimate(tall).explain("1024x1792") == (
        "$2.00 (4 s × $0.50/s, sora-2-pro 1024x1792, unverified third-party price)"
    )


def test_money() -> None:
    assert money(0) == "$0.00" and money(5) == "$0.05" and money(123456) == "$1,234.56"


def test_the_dearest_known_price_is_the_longest_clip_at_the_dearest_rate() -> None:
    assert DEAREST_KNOWN_PRICE == "$10.00"  # 20 s of sora-2-pro at 1792x1024, $0.50/s
    assert estimate(video(model="sora-2-pro", size="1792x1024", seconds="20")).short() == "$10.00"


def test_totals_leave_failed_and_unknown_out() -> None:
    jobs = [
        video(),  # 80
        video(id="b", model="sora-2-pro", seconds="4"),  # 120
        video(id="c", status="in_progress", progress=40, completed_at=None),  # 80: will be billed
        video(id="d", status="failed", model="sora-2-pro", seconds="8"),  # 240, likely not billed
        video(id="e", model="mystery"),  # unknown
    ]
    result = total(jobs)
    assert (result.jobs, result.cents, result.failed_cents, result.unknown) == (5, 280, 240, 1)
    assert result.by_model == {"sora-2": 160, "sora-2-pro": 120}
    assert result.line() == "$2.80 over 5 jobs (1 without a price; $2.40 failed, likely not billed)"
    assert CostTotal().line() == "$0.00 over 0 jobs"


# --- the table column ---------------------------------------------------------------------------

PALETTE = Palette(
    base=Style(),
    header=Style(bold=True),
    cursor=Style(reverse=True),
    cursor_colours=False,
    flash=Style(),
    dim=Style(dim=True),
)


def cost_cell(job: Video, layout: Layout) -> str:
    """The row's text under the right-aligned 'Cost' header (the column is 6 cells wide)."""
    header = render_header(layout, PALETTE).text
    end = header.index(" Cost ") + len(" Cost")
    row = render_row(job.id, job, layout, PALETTE, NOW, cursor=False, flash=False)
    return row.text[end - 6 : end]


def test_cost_column_shows_the_estimate() -> None:
    layout = Layout.for_width(160)
    assert cost_cell(video(), layout) == " $0.80"
    assert cost_cell(video(model="sora-2-pro", size="1792x1024", seconds="20"), layout) == "$10.00"
    row = render_row("x", video(), layout, PALETTE, NOW, cursor=False, flash=False)
    assert not any(segment.style and segment.style.strike for segment in row)


def test_cost_column_strikes_failed_and_dims_unknown() -> None:
    layout = Layout.for_width(160)
    failed = video(status="failed", progress=10, completed_at=None)
    row = render_row(failed.id, failed, layout, PALETTE, NOW, cursor=False, flash=False)
    dear = [segment for segment in row if "$0.80" in segment.text]
    assert dear and all(segment.style and segment.style.strike for segment in dear)
    unknown = video(model="mystery")
    row = render_row(unknown.id, unknown, layout, PALETTE, NOW, cursor=False, flash=False)
    assert "$" not in row.text
    assert any(segment.text == "?" and segment.style and segment.style.dim for segment in row)


def test_cost_column_gives_way_on_narrow_tables() -> None:
    wide = Layout.for_width(200)
    assert [c.key for c in wide.columns][5:7] == ["seconds", "cost"]
    narrow = Layout.for_width(80)
    assert "cost" not in [c.key for c in narrow.columns]


# --- the detail pane's line ---------------------------------------------------------------------


class PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailPane(clock=lambda: NOW)


def cost_row(pane: DetailPane) -> str:
    return " ".join(line.strip() for line in pane.fields.value_text("cost").splitlines())


async def test_detail_pane_cost_line() -> None:
    async with PaneApp().run_test(size=(120, 50)) as pilot:
        pane = pilot.app.query_one(DetailPane)
        pane.show(video())
        await pilot.pause()
        assert cost_row(pane) == "$0.80 (8 s × $0.10/s, sora-2 720p)"
        pane.show(video(status="failed", progress=20, completed_at=None))
        await pilot.pause()
        assert "(failed: likely not billed)" in cost_row(pane)
        pane.show(video(model="sora-2-pro", size="1920x1080"))
        await pilot.pause()
        assert cost_row(pane) == "? (no published price for this size)"
