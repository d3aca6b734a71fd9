"""The yardsticks of benchmark 3: a bare Textual app repainting 10 lines of one widget, or all.

One Line-API ScrollView at the table's terminal size; a "tick" changes 10 of its first 40 lines
and refreshes just those, timed as bench/table_scale.py times ours (the call, then until the
screen has refreshed). A "page" scrolls it a screenful down (every line on screen repainted),
timed as ours to the barrier, with the longest stall. What Textual itself needs for such a
repaint is the floor of ours.
"""

from __future__ import annotations

import asyncio
import json

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bench.table_scale import SIZE, TICKS, Timer

LINES = 40  # the lines a tick changes 10 of
PAGES = 30  # pages scrolled, as many as benchmark 3 scrolls the table


class Lines(ScrollView):
    def __init__(self) -> None:
        super().__init__()
        total = LINES * (PAGES + 2)
        self.texts = [
            f"line {n}: a paper boat drifting down a rainy street at dusk" for n in range(total)
        ]
        self.virtual_size = Size(SIZE[0], total)

    def render_line(self, y: int) -> Strip:
        y += round(self.scroll_y)
        text = self.texts[y] if y < len(self.texts) else ""
        return Strip([Segment(text.ljust(self.size.width))], self.size.width)


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines()


async def main(repeat: int = TICKS) -> dict[str, float]:
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        lines, screen, step = app.query_one(Lines), app.screen, iter(range(1, 1000))

        async def settle() -> None:
            await pilot._wait_for_screen()
            await screen.wait_for_refresh()

        def tick() -> None:
            n = next(step)
            for y in range(n % 4, LINES, 4):  # 10 lines, spread over the widget
                lines.texts[y] = f"line {y}: progress {n}%"
                lines.refresh_line(y)

        timer = Timer(settle, screen.wait_for_refresh)
        timer.lag.start()
        tick_time, tick_stall = await timer.measure(tick, repeat=repeat, one_frame=True)
        page_time, page_stall = await timer.measure(lines.action_page_down, repeat=PAGES)
        timer.lag.stop()
    return {
        "tick": tick_time,
        "tick_stall": tick_stall,
        "page": page_time,
        "page_stall": page_stall,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())), flush=True)
