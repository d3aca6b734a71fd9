"""PollPolicy: one frozen value, built from Settings; what Settings does not say keeps defaults."""

from __future__ import annotations

import dataclasses

import pytest

from tui.feed.policy import PollPolicy
from tui.settings import Settings


def test_a_policy_takes_page_size_and_intervals_from_settings() -> None:
    policy = PollPolicy.from_settings(Settings(page_size=20, fast_interval=1.5, slow_interval=9))
    assert (policy.page_size, policy.fast_interval, policy.slow_interval) == (20, 1.5, 9)
    assert dataclasses.replace(policy, page_size=50, fast_interval=2, slow_interval=15) == (
        PollPolicy()
    )


def test_default_settings_give_the_default_policy() -> None:
    assert PollPolicy.from_settings(Settings()) == PollPolicy()


def test_a_policy_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PollPolicy().page_size = 3  # type: ignore[misc]
