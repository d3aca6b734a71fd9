"""Command line: flags, environment and the config file → Settings → the dashboard, a command,
or the emulator."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from tui import __version__
from tui.config import ConfigError, config_path, load_config
from tui.settings import Settings, resolve_settings

DESCRIPTION = (
    "A terminal dashboard for OpenAI Videos API jobs. With no OPENAI_API_KEY and no --base-url "
    "(or with --demo) it runs on an embedded emulator. `list` and `show` print without the "
    "dashboard, for pipes and cron. The emulator alone: `sora-tui emulator --help`."
)
EPILOG = (
    "Settings come from flags, then the environment (OPENAI_API_KEY, OPENAI_BASE_URL, "
    "OPENAI_ORG_ID, OPENAI_PROJECT_ID), then the config file (--config, $SORA_TUI_CONFIG, or "
    "config.toml in the platform's config dir), then defaults."
)


def _add_global_flags(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The flags every command takes. Sub-commands repeat them with SUPPRESS defaults, so a flag
    works before or after the command word without one position resetting the other."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--demo", action="store_true", default=default(False), help="use the embedded emulator"
    )
    parser.add_argument(
        "--base-url",
        default=default(None),
        help="API base URL (default: the profile's, $OPENAI_BASE_URL or https://api.openai.com/v1)",
    )
    parser.add_argument(
        "--profile",
        default=default(None),
        metavar="NAME",
        help="a [profiles.NAME] of the config file",
    )
    parser.add_argument(
        "--config", default=default(None), metavar="PATH", help="the config file to read"
    )
    parser.add_argument(
        "--page-size",
        type=int,
        default=default(None),
        help="jobs per list request in the dashboard, 1..100 (default 50)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=default(False),
        help="turn off every action that changes a job (in every profile)",
    )


def build_parser() -> argparse.ArgumentParser:
    from tui.commands.run import add_list_arguments, add_show_arguments

    parser = argparse.ArgumentParser(prog="sora-tui", description=DESCRIPTION, epilog=EPILOG)
    _add_global_flags(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"sora-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    listing = commands.add_parser(
        "list",
        help="print jobs (a table, --json or --csv)",
        description="Print jobs, newest first: a table for people, --json or --csv for programs.",
        epilog=EPILOG,
    )
    add_list_arguments(listing)
    _add_global_flags(listing, suppress=True)
    show = commands.add_parser(
        "show",
        help="print one job: every field, the full prompt and the error",
        description="Print one job: every field, the full prompt and the error.",
        epilog=EPILOG,
    )
    add_show_arguments(show)
    _add_global_flags(show, suppress=True)
    commands.add_parser(
        "emulator", help="serve an emulated Videos API (see `sora-tui emulator --help`)"
    )
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["emulator"]:
        return _emulator_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.command == "emulator":  # global flags came first; the emulator takes none of them
        return _emulator_main([])
    try:
        settings = settings_from(args)
    except ConfigError as error:
        for line in str(error).splitlines():
            print(f"sora-tui: {line}", file=sys.stderr)
        return 2
    except ValidationError as error:
        for problem in error.errors(include_input=False):
            print(f"sora-tui: {problem['loc'][0]}: {problem['msg']}", file=sys.stderr)
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
