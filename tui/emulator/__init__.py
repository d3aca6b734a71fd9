"""A Videos API emulator: the same API as OpenAI's /v1/videos on loopback, seeded, with faults.

from tui.emulator import EmulatorConfig, EmulatorServer
with EmulatorServer(EmulatorConfig(jobs=500, seed=3)) as server:
    print(server.base_url)
"""

from .config import EmulatorConfig
from .faults import Fault, FaultPlan
from .server import EmulatorServer
from .wire import RequestRecord
from .world import World

__all__ = ["EmulatorConfig", "EmulatorServer", "Fault", "FaultPlan", "RequestRecord", "World"]
