"""Settings of one emulator instance."""

from __future__ import annotations

from dataclasses import dataclass

FLAVOURS = ("openai", "vllm", "sglang", "litellm", "relay")


@dataclass
class EmulatorConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0 = pick a free port
    jobs: int = 300
    seed: int = 1
    speed: float = 1.0  # >1 makes jobs queue and render faster; the clock itself stays real time
    api_key: str | None = None  # when set, require "Authorization: Bearer <key>"
    flavour: str = "openai"  # "openai" | "vllm" | "sglang" | "litellm" | "relay" (API.md §8)
    fault_rate: float = 0.0  # random faults on this fraction of API requests (seeded)
    manual_clock: bool = False  # time moves only via world.advance(seconds)
    default_limit: int = 20
    epoch: float | None = (
        None  # the world's "now" at start (unix s); None = the wall clock at start
    )
    # LiteLLM 1.108.7 drops limit/after/order on list: every call gets the first page (API.md §8)
    litellm_ignores_paging: bool = False
    # Demo mode: submit a seeded job at start and every demo_traffic_seconds. Never on a manual
    # clock: tests and screenshots need the world exactly as seeded.
    demo_traffic: bool = False
    demo_traffic_seconds: float = 20.0

    def __post_init__(self) -> None:
        if self.flavour not in FLAVOURS:
            raise ValueError(
                f"unknown flavour {self.flavour!r}; expected one of {', '.join(FLAVOURS)}"
            )
        if self.speed <= 0:
            raise ValueError("speed must be > 0")
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")
        if self.jobs < 0:
            raise ValueError("jobs must be >= 0")
        if self.demo_traffic_seconds <= 0:
            raise ValueError("demo_traffic_seconds must be > 0")
        if self.litellm_ignores_paging and self.flavour != "litellm":
            raise ValueError("ignoring paging is a quirk of the litellm flavour only")
