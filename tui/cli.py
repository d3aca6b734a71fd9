"""Command line: flags, environment and the config file → a Fleet (one Settings per server; one
server unless a fleet is chosen) → the dashboard, a command, or the emulator. The grammar of the
flags is in ``cli_parser``."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli_parser import build_parser, profiles_given
from tui.config import ConfigError, config_path, read_config
from tui.fleet import Fleet, resolve_fleet
from tui.settings import Settings, SettingsError

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["build_parser", "fleet_from", "main", "settings_from", "start_dashboard"]


def _emulator_main(argv: Sequence[str]) -> int:
    from tui.emulator.cli import add_arguments, run

    parser = argparse.ArgumentParser(
        prog="sora-tui emulator", description="Serve an emulated OpenAI Videos API on loopback."
    )
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def fleet_from(args: argparse.Namespace) -> Fleet:
    """The servers parsed ``args`` choose (one, as before, unless a fleet is chosen); raises
    ConfigError or SettingsError with clear messages."""
    path = config_path(args.config)
    if args.config and not Path(path).is_file():
        raise ConfigError(f"--config: no such file: {path}")
    return resolve_fleet(
        read_config(path),
        profiles=profiles_given(args),
        fleet=args.fleet,
        base_url=args.base_url,
        demo=args.demo,
        page_size=args.page_size,
        read_only=args.read_only,
        history=False if args.no_history else None,  # the flag turns it off; else the file says
        config_path=path,
    )


def settings_from(args: argparse.Namespace) -> Settings:
    """The Settings of the first server parsed ``args`` choose (the only one without a fleet)."""
    return fleet_from(args).default


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["emulator"]:
        return _emulator_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.command == "emulator":  # global flags came first; the emulator takes none of them
        return _emulator_main([])
    try:
        fleet = fleet_from(args)
    except (ConfigError, SettingsError) as error:
        for line in str(error).splitlines():  # one line per problem, as stderr should read
            print(f"sora-tui: {line}", file=sys.stderr)
        return 2

    if args.command == "list":
        from tui.commands.run import list_command

        return list_command(args, fleet)
    if args.command == "show":
        from tui.commands.run import show_command

        return show_command(args, fleet)
    if args.command == "history":
        from tui.commands.history_commands import history_command

        return history_command(args, fleet)

    if fleet.many:
        start_dashboard(fleet.default, build=_fleet_dashboard(fleet))
    else:
        start_dashboard(fleet.default)
    return 0


def _fleet_dashboard(fleet: Fleet) -> Callable[[Settings], App[None]]:
    """The dashboard of every server of ``fleet`` in one table."""

    def build(settings: Settings) -> App[None]:
        from tui.app import SoraApp

        return SoraApp(settings, fleet=fleet)

    return build


def start_dashboard(
    settings: Settings, build: Callable[[Settings], App[None]] | None = None, **run: Any
) -> None:
    """The dashboard (``build``: another app for ``settings``, e.g. a benchmark's), run.

    The cyclic collector is paused from here to the first paint, where the app freezes what is
    alive and turns it back on (tui/app/interpreter.py ``keep_startup_out_of_gc``). Start-up
    builds ~100k objects and almost no garbage (a few thousand objects, frozen with the rest),
    and the collections it would trigger cost a sixth of the time to the first rows.
    """
    gc.disable()
    if build is None:
        from tui.app import SoraApp

        build = SoraApp
    try:
        build(settings).run(**run)
    finally:
        gc.enable()  # had it stopped before its first paint


if __name__ == "__main__":
    raise SystemExit(main())
