"""The emulator's own control plane: /_emulator/faults, /_emulator/state, /_emulator/advance."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .faults import Fault, FaultPlan
from .world import World


class Control:
    def __init__(self, world: World, faults: FaultPlan, flavour: str, records: list[Any]) -> None:
        self.world = world
        self.faults = faults
        self.flavour = flavour
        self.records = records

    def routes(self) -> list[Route]:
        return [
            Route("/_emulator/faults", self.add_fault, methods=["POST"]),
            Route("/_emulator/faults", self.clear_faults, methods=["DELETE"]),
            Route("/_emulator/faults", self.list_faults, methods=["GET"]),
            Route("/_emulator/state", self.state, methods=["GET"]),
            Route("/_emulator/advance", self.advance, methods=["POST"]),
        ]

    def _faults(self) -> list[dict[str, Any]]:
        return [fault.to_dict() for fault in self.faults.pending()]

    async def add_fault(self, request: Request) -> Response:
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict):
                raise TypeError("expected a JSON object")
            fault = Fault.from_dict(data)
        except (ValueError, TypeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        self.faults.add(fault)
        return JSONResponse({"faults": self._faults()})

    async def clear_faults(self, request: Request) -> Response:
        self.faults.clear()
        return JSONResponse({"faults": []})

    async def list_faults(self, request: Request) -> Response:
        return JSONResponse({"faults": self._faults()})

    async def state(self, request: Request) -> Response:
        counts = self.world.counts()
        return JSONResponse(
            {
                "flavour": self.flavour,
                "jobs": len(self.world),
                "by_status": dict(sorted(counts.items())),
                "clock": self.world.now,
                "manual_clock": self.world.manual_clock,
                "fault_rate": self.faults.rate,
                "faults": self._faults(),
                "requests": len(self.records),
            }
        )

    async def advance(self, request: Request) -> Response:
        try:
            seconds = float(json.loads(await request.body() or b"{}").get("seconds", 0))
            self.world.advance(seconds)
        except (ValueError, TypeError, AttributeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return await self.state(request)
