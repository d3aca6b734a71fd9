"""Faults to inject: what goes wrong, where, and how often."""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, fields
from typing import Any

FAULT_KINDS = ("status", "html", "truncated", "garbage", "reset", "slow", "hang", "repeat")


@dataclass
class Fault:
    """One planned fault.

    kind: "status" (error envelope), "html" (an HTML error page, 502 unless `status` says otherwise),
    "truncated" (the real answer with its body cut in half), "garbage" (200 with a non-JSON body),
    "reset" (the connection is dropped without an answer), "slow" (`delay` s, then the real answer),
    "hang" (no answer until the client gives up, at most 300 s), "repeat" (the real answer as if
    the query had no `after`: a broken cache or proxy that serves the first page again).
    """

    kind: str
    status: int = 500
    retry_after: str | None = None
    retry_after_ms: str | None = None
    should_retry: str | None = None
    message: str | None = None  # "status": the error message to send instead of the usual one
    delay: float = 0.0
    count: int = 1  # how many requests it hits; -1 = forever
    path: str = "/v1/videos"  # prefix of the request path
    method: str | None = None  # None = any method

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r}; expected one of {', '.join(FAULT_KINDS)}"
            )
        if self.count == 0 or self.count < -1:
            raise ValueError("count must be -1 (forever) or >= 1")
        if self.delay < 0:
            raise ValueError("delay must be >= 0")

    def matches(self, method: str, path: str) -> bool:
        return path.startswith(self.path) and (
            self.method is None or self.method.upper() == method.upper()
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fault:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        values = dict(data)
        for name in ("retry_after", "retry_after_ms", "should_retry"):
            if values.get(name) is not None:
                values[name] = (
                    str(values[name]).lower() if name == "should_retry" else str(values[name])
                )
        for name, convert in (("status", int), ("count", int), ("delay", float)):
            if name in values:
                values[name] = convert(values[name])
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """`503`, `503:retry_after=2`, `reset`, `slow:delay=2,count=-1`, `html:path=/v1/videos/`."""
        head, _, rest = spec.partition(":")
        values: dict[str, Any] = (
            {"kind": "status", "status": int(head)} if head.isdigit() else {"kind": head}
        )
        for item in filter(None, rest.split(",")):
            name, sep, value = item.partition("=")
            if not sep:
                raise ValueError(f"expected name=value in fault spec, got {item!r}")
            values[name.strip()] = value.strip()
        return cls.from_dict(values)


# The mix drawn for random faults (weight, fault): what flaky servers and proxies actually do.
_RANDOM_MIX: tuple[tuple[int, Fault], ...] = (
    (15, Fault("status", status=500)),
    (10, Fault("status", status=502)),
    (15, Fault("status", status=503, retry_after="1")),
    (15, Fault("status", status=429, retry_after="1")),
    (10, Fault("truncated")),
    (10, Fault("html", status=502)),
    (15, Fault("reset")),
    (10, Fault("slow", delay=1.0)),
)


class FaultPlan:
    """Planned faults (first match wins, counted down) plus random ones at `rate` (seeded)."""

    def __init__(self, rate: float = 0.0, seed: int = 1) -> None:
        self.rate = rate
        self._rng = random.Random(f"{seed}:faults")
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request, if any (a planned fault's count goes down by one)."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.count > 0:
                        fault.count -= 1
                        if fault.count == 0:
                            self._faults.remove(fault)
                    return fault
            if self.rate > 0 and self._rng.random() < self.rate:
                weights = [weight for weight, _ in _RANDOM_MIX]
                return self._rng.choices([fault for _, fault in _RANDOM_MIX], weights=weights)[0]
            return None
