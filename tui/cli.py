"""Command line: flags, environment and the config file → Settings → the dashboard, a command,
or the emulator. The grammar of the flags is in ``cli_parser``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from tui.cli_parser import build_parser
from tui.config import ConfigError, config_path, load_config
from tui.settings import Settings, resolve_settings

__all__ = ["build_parser", "main", "settings_from"]


def _emulator_main(argv: Sequence[str]) -> int:
    from tui.emulator.cli import add_arguments, run

    parser = argparse.ArgumentParser(
        prog="sora-tui emulator", description="Serve an emulated OpenAI Videos API on loopback."
    )
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings for parsed ``args``; raises ConfigError or ValidationError with clear messages."""
    path = config_path(args.config)
    if args.config and not Path(path).is_file():
        raise ConfigError(f"--config: no such file: {path}")
    return resolve_settings(
        load_config(path),
        profile=args.profile,
        base_url=args.base_url,
        demo=args.demo,
        page_size=args.page_size,
        read_only=args.read_only,
        config_path=path,
    )


def _problems(error: ConfigError | ValidationError) -> list[str]:
    """One line per problem, as the user should read them on stderr."""
    if isinstance(error, ConfigError):
        return str(error).splitlines()
    return [f"{p['loc'][0]}: {p['msg']}" for p in error.errors(include_input=False)]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["emulator"]:
        return _emulator_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.command == "emulator":  # global flags came first; the emulator takes none of them
        return _emulator_main([])
    try:
        settings = settings_from(args)
    except (ConfigError, ValidationError) as error:
        for line in _problems(error):
            print(f"sora-tui: {line}", file=sys.stderr)
        return 2

    if args.command == "list":
        from tui.commands.run import list_command

        return list_command(args, settings)
    if args.command == "show":
        from tui.commands.run import show_command

        return show_command(args, settings)

    from tui.app import SoraApp

    SoraApp(settings).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
