"""The store ends equal to the server, whatever happened while the poller paged (property tests).

A fresh small emulator world per example (starting one costs milliseconds); the Poller runs with
a real VideosClient over loopback while random operations change the world and the user pages.
When the operations stop, the poller pages to the end and ticks; the store must then hold every
job of the world exactly once, in order, with its latest status and progress.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.feed.feed_helpers import Feed, running, wait_for
from tests.resilience.world_ops import WORLD_KINDS, Op, apply_to_world, mismatch
from tui.api.client import VideosClient
from tui.emulator import EmulatorConfig, EmulatorServer

PAGE = 5
ops = st.lists(
    st.builds(Op, st.sampled_from((*WORLD_KINDS, "page", "page", "tick")), st.integers(0, 999)),
    min_size=1,
    max_size=25,
)
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cursor_of(feed: Feed) -> str | None:
    """The job the next page will be asked after: the oldest loaded (desc order)."""
    ids = feed.store.ordered_ids()
    return ids[-1] if ids else None


async def one_tick(feed: Feed) -> None:
    seen = feed.ticks()
    feed.poller.refresh_now()
    await wait_for(lambda: feed.ticks() > seen, what="a tick")


async def settle(feed: Feed, server: EmulatorServer) -> None:
    """No more changes: page to the end, then tick until the store agrees (or time runs out)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 3.0
    while loop.time() < deadline:
        if not feed.report.end_reached:
            feed.poller.want_more()
        await one_tick(feed)
        if feed.report.end_reached and not mismatch(
            list(feed.store.ordered_ids()), feed.store, server
        ):
            return
    problems = mismatch(list(feed.store.ordered_ids()), feed.store, server)
    raise AssertionError(f"store never matched the world: {problems}; status {feed.report}")


async def scenario(flavour: str, jobs: int, seed: int, plan: list[Op]) -> None:
    server = EmulatorServer(
        EmulatorConfig(jobs=jobs, seed=seed, manual_clock=True, flavour=flavour)
    )
    server.start()
    try:
        async with (
            VideosClient(base_url=server.base_url, max_retries=0, timeout=5.0) as client,
            running(client, page_size=PAGE, reconcile_every=0.0) as feed,
        ):
            await wait_for(lambda: feed.report.state == "live", what="the first page")
            for op in plan:
                if op.kind == "page":
                    feed.poller.want_more()  # the world may change while the page is on its way
                elif op.kind == "tick":
                    await one_tick(feed)
                else:
                    apply_to_world(server, op, cursor_of(feed))
                await asyncio.sleep(0)  # ok: let the poller interleave with the next change
            await settle(feed, server)
            assert feed.report.end_reached and feed.report.error is None
    finally:
        server.stop()


@PROPERTY
@given(
    flavour=st.sampled_from(("openai", "vllm")),
    jobs=st.integers(0, 24),
    seed=st.integers(1, 50),
    plan=ops,
)
def test_the_store_converges_to_the_world(
    flavour: str, jobs: int, seed: int, plan: list[Op]
) -> None:
    asyncio.run(scenario(flavour, jobs, seed, plan))


def test_more_than_a_page_of_jobs_in_one_second_is_walked_to_the_end() -> None:
    """Found by the property test: 30 jobs created in one second, five a page. Each tick's head
    (known jobs only) used to add a new gap of that second, walked first, so the gap below it
    never closed and the oldest new job was never listed."""
    plan = [Op("create", n) for n in (0, 5, 7, 0, 6, 7)]
    asyncio.run(scenario("openai", 1, 1, plan))
