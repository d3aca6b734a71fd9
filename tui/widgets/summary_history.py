"""The summary's figures over the whole history: per day and model, jobs, failures (and the
failure rate) and the estimated spend. Model names come from servers: shown literally."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from tui.cost import money
from tui.history.notes import DaySummary
from tui.text import one_line

MODEL_CELLS = 24


def history_summary_text(rows: Sequence[DaySummary] | None) -> Text:
    """One line per (day, model), newest day first, then the totals; None: no history."""
    if rows is None:
        return Text("No history (off, or not available): only the loaded jobs above.", style="dim")
    if not rows:
        return Text("The history holds no job yet.", style="dim")
    text = Text()
    jobs = failed = 0
    spend = 0.0
    for row in rows:
        jobs, failed = jobs + row.jobs, failed + row.failed
        spend += row.cost or 0.0
        model = one_line(row.model, limit=MODEL_CELLS).ljust(MODEL_CELLS)
        text.append(f"{row.day}  ")
        text.append_text(Text(model))
        jobs_word = "job " if row.jobs == 1 else "jobs"
        text.append(
            f" {row.jobs:>5} {jobs_word}  {_failures(row.failed, row.jobs)}  {_spend(row.cost)}\n"
        )
    days = len({row.day for row in rows})
    text.append(
        f"{days} days · {jobs:,} jobs · {_failures(failed, jobs)} · {_spend(spend)}", style="bold"
    )
    return text


def _failures(failed: int, jobs: int) -> str:
    rate = f"{failed / jobs:.0%}" if jobs else "—"
    return f"{failed:>4} failed ({rate:>4})"


def _spend(cost: float | None) -> str:
    return "cost unknown" if cost is None else f"{money(round(cost * 100))} spent"
