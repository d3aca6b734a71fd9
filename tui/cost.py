"""What a job costs: a price per generated second by model family and size, and the estimates.

Prices (USD per generated second), from /work/shared/API.md §10 "Pricing and timing":
- sora-2, 720x1280 / 1280x720: $0.10/s. Official: the Sora 2 model page [MODEL],
  developers.openai.com/api/docs/models/sora-2.
- sora-2-pro, 720x1280 / 1280x720: $0.30/s. Official: the same page's comparison table [MODEL].
- sora-2-pro, 1024x1792 / 1792x1024: $0.50/s. Third parties only (apiyi, cometapi, yingtu): they agree,
  but OpenAI never confirmed it, so the estimate says "unverified".
- sora-2-pro at 1920x1080 / 1080x1920, and sora-2 at any size but 720p: no price found, shown as "?".
Billing is per generated second (API.md §10: "an 8 s sora-2 clip costs $0.80").

Dated snapshots (``sora-2-2025-10-06``, ``sora-2-pro-2025-10-06``) are priced as their family. Any
other model (a compatible server's own) has no price: "?" rather than a guess.

Failed jobs: whether OpenAI bills them is not documented (API.md §11 lists no answer). Providers of
this kind usually charge only for delivered output, so a failed job's estimate is shown struck
through as "likely not billed" and is kept out of totals (reported on its own line instead).

Money is counted in integer cents: every known rate is a whole number of cents per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from tui.api.models import FAILED, KNOWN_SECONDS, Video

UNKNOWN: Final = "?"
RATES_SOURCE: Final = "API.md §10"
FAILED_NOTE: Final = "failed: likely not billed"

_720P: Final = frozenset({"720x1280", "1280x720"})
_TALL_PRO: Final = frozenset({"1024x1792", "1792x1024"})
_SNAPSHOT: Final = re.compile(r"^(sora-2(?:-pro)?)(?:-\d{4}-\d{2}-\d{2})?$")


class Rate(NamedTuple):
    """A price per generated second and where it comes from."""

    cents_per_second: int
    resolution: str | None  # how people name the size class ("720p"); None: say the size itself
    verified: bool  # False: third-party figures only


# (family, sizes) → rate. A size class missing here has no known price.
_RATES: Final[tuple[tuple[str, frozenset[str], Rate], ...]] = (
    ("sora-2", _720P, Rate(10, "720p", verified=True)),
    ("sora-2-pro", _720P, Rate(30, "720p", verified=True)),
    ("sora-2-pro", _TALL_PRO, Rate(50, None, verified=False)),
)


def _dearest_known_cents() -> int:
    longest = max(int(seconds) for seconds in KNOWN_SECONDS)
    return longest * max(rate.cents_per_second for _, _, rate in _RATES)


def money(cents: int) -> str:
    """``$0.80``, ``$1,234.50``."""
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}.{rest:02d}"


# The longest known clip at the dearest rate: the widest a known price gets (a table's cost column).
DEAREST_KNOWN_PRICE: Final = money(_dearest_known_cents())


def family(model: str) -> str | None:
    """``sora-2`` or ``sora-2-pro`` for a known model or one of its dated snapshots, else None."""
    match = _SNAPSHOT.match(model.strip())
    return match.group(1) if match else None


def rate_for(model: str, size: str) -> Rate | None:
    """The price per second of ``model`` at ``size``, or None when nobody published one."""
    name = family(model)
    for rate_family, sizes, rate in _RATES:
        if name == rate_family and size in sizes:
            return rate
    return None


def billed_seconds(seconds: str) -> int | None:
    text = seconds.strip()
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class Estimate:
    """One job's estimated price; ``cents`` is None when it cannot be known."""

    cents: int | None
    seconds: int | None
    rate: Rate | None
    family: str | None
    failed: bool

    @property
    def known(self) -> bool:
        return self.cents is not None

    @property
    def billed(self) -> bool:
        """Counted in totals: known and not failed."""
        return self.cents is not None and not self.failed

    def short(self) -> str:
        """The table cell: ``$0.80`` or ``?``."""
        return money(self.cents) if self.cents is not None else UNKNOWN

    def why_unknown(self) -> str:
        if self.seconds is None:
            return "unknown length"
        if self.family is None:
            return "no price for this model"
        return "no published price for this size"

    def explain(self, size: str) -> str:
        """``$0.80 (8 s × $0.10/s, sora-2 720p)`` or ``? (no price for this model)``."""
        if self.cents is None or self.rate is None or self.seconds is None:
            return f"{UNKNOWN} ({self.why_unknown()})"
        rate = self.rate
        where = f"{self.family} {rate.resolution or size}"
        unverified = ", unverified third-party price" if not rate.verified else ""
        per_second = money(rate.cents_per_second)
        return f"{money(self.cents)} ({self.seconds} s × {per_second}/s, {where}{unverified})"


def estimate(video: Video) -> Estimate:
    """What ``video`` costs (or will cost once rendered), by the table above."""
    seconds = billed_seconds(video.seconds)
    rate = rate_for(video.model, video.size)
    cents = seconds * rate.cents_per_second if (seconds is not None and rate) else None
    return Estimate(cents, seconds, rate, family(video.model), video.status == FAILED)


@dataclass
class CostTotal:
    """The sum over some jobs: billed cents, failed (likely not billed) cents, and unknowns."""

    jobs: int = 0
    cents: int = 0
    failed_cents: int = 0
    unknown: int = 0
    by_model: dict[str, int] = field(default_factory=dict)

    def add(self, video: Video) -> None:
        self.jobs += 1
        cost = estimate(video)
        if cost.cents is None:
            self.unknown += 1
        elif cost.failed:
            self.failed_cents += cost.cents
        else:
            self.cents += cost.cents
            model = video.model or UNKNOWN
            self.by_model[model] = self.by_model.get(model, 0) + cost.cents

    def line(self) -> str:
        """``$12.40 over 31 jobs (2 without a price; $1.20 failed, likely not billed)``."""
        notes = []
        if self.unknown:
            notes.append(f"{self.unknown} without a price")
        if self.failed_cents:
            notes.append(f"{money(self.failed_cents)} failed, likely not billed")
        tail = f" ({'; '.join(notes)})" if notes else ""
        plural = "" if self.jobs == 1 else "s"
        return f"{money(self.cents)} over {self.jobs} job{plural}{tail}"


def total(videos: Iterable[Video]) -> CostTotal:
    result = CostTotal()
    for video in videos:
        result.add(video)
    return result
