"""The sora-tui application: one App that lays out the dashboard and hosts the features."""

from tui.app.composition import FEATURES
from tui.app.sora_app import SoraApp

__all__ = ["FEATURES", "SoraApp"]
