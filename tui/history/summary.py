"""Spend and failures per UTC day and model over the whole history (the `i` view).

SQLite counts the jobs by day, model, size, length and failure; the prices of `tui.cost` are
applied to each group (so 100k jobs are a few hundred groups, not 100k records). As in
`tui.cost`, a failed job is likely not billed: it counts as a failure, not as spend.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Final

from tui.contract import FAILED
from tui.cost import billed_seconds, rate_for
from tui.history.notes import DaySummary

_GROUPS: Final = """
    SELECT date(created_at, 'unixepoch'), model, size, seconds, status = ?, count(*)
    FROM jobs GROUP BY 1, 2, 3, 4, 5
"""


@dataclass
class _Tally:
    jobs: int = 0
    failed: int = 0
    cents: int = 0
    priced: int = 0  # jobs whose price is known (failed ones included)


def _cents(model: str, size: str, seconds: str) -> int | None:
    length, rate = billed_seconds(seconds), rate_for(model, size)
    return None if length is None or rate is None else length * rate.cents_per_second


def summary(connection: sqlite3.Connection) -> list[DaySummary]:
    """Newest day first, then by model. ``cost`` is None when no job of the group has a price."""
    tallies: dict[tuple[str, str], _Tally] = {}
    for day, model, size, seconds, failed, jobs in connection.execute(_GROUPS, (FAILED,)):
        tally = tallies.setdefault((day, model), _Tally())
        tally.jobs += jobs
        cents = _cents(model, size, seconds)
        if failed:
            tally.failed += jobs
        if cents is not None:
            tally.priced += jobs
            tally.cents += 0 if failed else cents * jobs
    by_model = sorted(tallies.items(), key=lambda item: item[0][1])
    ordered = sorted(by_model, key=lambda item: item[0][0], reverse=True)
    return [
        DaySummary(day, model, t.jobs, t.failed, t.cents / 100 if t.priced else None)
        for (day, model), t in ordered
    ]


def added_up(summaries: list[list[DaySummary]]) -> list[DaySummary]:
    """Several histories' summaries as one (a fleet: one file per server), in the same order;
    a group's cost is known when any server's is."""
    if len(summaries) == 1:
        return summaries[0]
    groups: dict[tuple[str, str], DaySummary] = {}
    for rows in summaries:
        for row in rows:
            key = (row.day, row.model)
            seen = groups.get(key)
            if seen is None:
                groups[key] = row
                continue
            costs = [cost for cost in (seen.cost, row.cost) if cost is not None]
            groups[key] = DaySummary(
                row.day,
                row.model,
                seen.jobs + row.jobs,
                seen.failed + row.failed,
                sum(costs) if costs else None,
            )
    by_model = sorted(groups.values(), key=lambda row: row.model)
    return sorted(by_model, key=lambda row: row.day, reverse=True)
