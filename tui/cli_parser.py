"""The command line's grammar: global flags, the ``list``, ``show`` and ``history`` commands."""

from __future__ import annotations

import argparse

from tui import __version__
from tui.contract import PAGE_LIMIT_MAX, PAGE_SIZE_MIN

DESCRIPTION = (
    "A terminal dashboard for OpenAI Videos API jobs. With no OPENAI_API_KEY and no --base-url "
    "(or with --demo) it runs on an embedded emulator. `list` and `show` print without the "
    "dashboard, for pipes and cron. Every job seen is kept in a local history (`sora-tui "
    "history --help`). The emulator alone: `sora-tui emulator --help`."
)
EPILOG = (
    "Settings come from flags, then the environment (OPENAI_API_KEY, OPENAI_BASE_URL, "
    "OPENAI_ORG_ID, OPENAI_PROJECT_ID), then the config file (--config, $SORA_TUI_CONFIG, or "
    "config.toml in the platform's config dir), then defaults."
)


AFTER_COMMAND = "profile_after_command"


def profiles_given(args: argparse.Namespace) -> list[str]:
    """Every --profile, in the order given, before the command word and after it."""
    return [*(getattr(args, "profile", None) or []), *getattr(args, AFTER_COMMAND, [])]


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
    # Repeatable, and before or after the command word alike: the command's own copy has its
    # own dest (a sub-command parses into a fresh namespace), joined to the first by
    # ``profiles_given``.
    parser.add_argument(
        "--profile",
        action="append",
        dest=AFTER_COMMAND if suppress else "profile",
        default=default(None),
        metavar="NAME",
        help="a [profiles.NAME] of the config file; repeat it for a fleet of servers "
        "(`list` and `show` ask each; default: the file's [fleet], else default_profile)",
    )
    parser.add_argument(
        "--fleet",
        default=default(None),
        metavar="NAME",
        help="the profiles of a [fleets.NAME] of the config file (not with --profile)",
    )
    parser.add_argument(
        "--config", default=default(None), metavar="PATH", help="the config file to read"
    )
    parser.add_argument(
        "--page-size",
        type=int,
        default=default(None),
        help=(
            f"jobs per list request in the dashboard, {PAGE_SIZE_MIN}..{PAGE_LIMIT_MAX} (default 50)"
        ),
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=default(False),
        help="turn off every action that changes a job (in every profile)",
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        default=default(False),
        help="neither read nor write the local history of jobs (config: [history] enabled)",
    )


def build_parser() -> argparse.ArgumentParser:
    # Imported when a parser is built, not with this module: it brings in the API's models.
    from tui.commands.arguments import add_list_arguments, add_show_arguments
    from tui.commands.history_arguments import add_history_arguments

    parser = argparse.ArgumentParser(prog="sora-tui", description=DESCRIPTION, epilog=EPILOG)
    _add_global_flags(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"sora-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    printing = (
        (
            "list",
            "print jobs (a table, --json or --csv)",
            (
                "Print jobs, newest first: a table for people, --json or --csv for programs. With "
                "a fleet (several --profile, --fleet NAME or the config's [fleet]) every server is "
                "asked at once and its jobs carry a server field (a SERVER column)."
            ),
            add_list_arguments,
        ),
        (
            "show",
            "print one job: every field, the full prompt and the error",
            (
                "Print one job: every field, the full prompt and the error. With a fleet, "
                "SERVER:ID asks that server, an ID alone asks every server."
            ),
            add_show_arguments,
        ),
    )
    for name, summary, description, add_arguments in printing:
        command = commands.add_parser(name, help=summary, description=description, epilog=EPILOG)
        add_arguments(command)
        _add_global_flags(command, suppress=True)
    history = commands.add_parser(
        "history",
        help="the local history of jobs: path, prune, export",
        description="The local history of every job seen (one per server and profile).",
        epilog=EPILOG,
    )
    _add_global_flags(history, suppress=True)
    add_history_arguments(history, lambda command: _add_global_flags(command, suppress=True))
    commands.add_parser(
        "emulator", help="serve an emulated Videos API (see `sora-tui emulator --help`)"
    )
    return parser
