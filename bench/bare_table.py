"""The yardstick of benchmark 1: a bare Textual app that GETs the first page and paints it.

`python -m bench.bare_table BASE_URL KEY LIMIT`: one ``GET /videos?limit=LIMIT`` (the same first
request sora-tui makes) in a worker, a ``DataTable`` of the jobs, the time (and the peak RSS)
printed once painted.
"""

from __future__ import annotations

import json
import sys
import time

import httpx
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from bench.first_rows import peak_rss_mb

COLUMNS = ("id", "status", "progress", "model", "created_at")


class BareTable(App[None]):
    def __init__(self, base_url: str, key: str, limit: int) -> None:
        super().__init__()
        self.base_url, self.key, self.limit = base_url, key, limit

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        self.run_worker(self.first_page())

    async def first_page(self) -> None:
        headers = {"Authorization": f"Bearer {self.key}"}
        async with httpx.AsyncClient(headers=headers) as client:
            page = await client.get(f"{self.base_url}/videos", params={"limit": self.limit})
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows([[str(job.get(c)) for c in COLUMNS] for job in page.json()["data"]])
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        print(json.dumps({"done": time.time(), "rss_peak": peak_rss_mb()}), flush=True)
        self.exit()


if __name__ == "__main__":
    BareTable(sys.argv[1], sys.argv[2], int(sys.argv[3])).run(headless=True, size=(140, 40))
