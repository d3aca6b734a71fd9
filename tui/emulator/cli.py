"""`sora-tui emulator` / `python -m tui.emulator`: serve the emulator in the foreground."""

from __future__ import annotations

import argparse

from .churn import Churn
from .config import FLAVOURS, EmulatorConfig
from .faults import Fault
from .server import EmulatorServer


def _fault(spec: str) -> Fault:
    try:
        return Fault.parse(spec)
    except (ValueError, TypeError) as error:
        raise argparse.ArgumentTypeError(f"bad fault {spec!r}: {error}") from None


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, got {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8123,
        help="port to listen on, 0 = any free (default: %(default)s)",
    )
    parser.add_argument(
        "--jobs", type=int, default=300, help="jobs in the starting world (default: %(default)s)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        help="seed of the world and of random faults (default: %(default)s)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="how much faster than real time jobs queue and render (default: %(default)s)",
    )
    parser.add_argument(
        "--api-key", default=None, help="require 'Authorization: Bearer KEY' on API requests"
    )
    parser.add_argument(
        "--flavour",
        choices=FLAVOURS,
        default="openai",
        help="which server's quirks to reproduce (default: %(default)s)",
    )
    parser.add_argument(
        "--ignore-paging",
        action="store_true",
        help="with --flavour litellm: list ignores limit, after and order, as LiteLLM 1.108.7 "
        "does (every call returns the first page, has_more true)",
    )
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        help="fraction of API requests that get a random fault (default: %(default)s)",
    )
    parser.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="SPEC",
        help="plan a fault, repeatable: KIND or STATUS, then optional :name=value,... "
        "e.g. 503:retry_after=2  reset  slow:delay=2,count=-1  truncated  html  garbage  hang",
    )
    parser.add_argument(
        "--churn",
        type=_interval,
        default=None,
        metavar="SECONDS",
        help="a busy world: every SECONDS, create, fail or delete jobs at random or move time "
        "on (seeded by --seed; default: off)",
    )


def config_from(args: argparse.Namespace) -> EmulatorConfig:
    return EmulatorConfig(
        host=args.host,
        port=args.port,
        jobs=args.jobs,
        seed=args.seed,
        speed=args.speed,
        api_key=args.api_key,
        flavour=args.flavour,
        fault_rate=args.fault_rate,
        litellm_ignores_paging=args.ignore_paging,
    )


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C; returns the exit status."""
    try:
        config = config_from(args)
    except ValueError as error:
        print(f"emulator: {error}")
        return 2
    server = EmulatorServer(config)
    for fault in args.fault:
        server.faults.add(fault)
    try:
        server.bind()
    except OSError as error:
        print(f"emulator: cannot listen on {config.host}:{config.port}: {error.strerror or error}")
        return 1
    churn = None
    if args.churn is not None:
        churn = Churn(server.world, seed=config.seed, interval=args.churn)
    busy = "" if churn is None else f", churn every {args.churn:g}s"
    paging = ", list ignores paging" if config.litellm_ignores_paging else ""
    print(
        f"Videos API emulator on {server.base_url} ({config.jobs} jobs, seed {config.seed}, "
        f"speed {config.speed:g}{busy}{paging})",
        flush=True,
    )
    if churn is not None:
        churn.start()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        if churn is not None:
            churn.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.emulator", description="Serve the Videos API emulator."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))
