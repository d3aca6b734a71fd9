"""Command line: flags and environment → Settings → the dashboard, or the emulator."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from tui import __version__
from tui.settings import from_sources


def _dashboard_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sora-tui",
        description=(
            "A terminal dashboard for OpenAI Videos API jobs. With no OPENAI_API_KEY (or with --demo) "
            "it runs on an embedded emulator. Other commands: `sora-tui emulator --help`."
        ),
    )
    parser.add_argument("--demo", action="store_true", help="run on the embedded emulator")
    parser.add_argument(
        "--base-url", help="API base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1)"
    )
    parser.add_argument("--page-size", type=int, help="jobs per list request, 1..100 (default 50)")
    parser.add_argument("--version", action="version", version=f"sora-tui {__version__}")
    return parser


def _emulator_main(argv: Sequence[str]) -> int:
    from tui.emulator.cli import add_arguments, run

    parser = argparse.ArgumentParser(
        prog="sora-tui emulator", description="Serve an emulated OpenAI Videos API on loopback."
    )
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["emulator"]:
        return _emulator_main(args_list[1:])
    args = _dashboard_parser().parse_args(args_list)
    try:
        settings = from_sources(base_url=args.base_url, demo=args.demo, page_size=args.page_size)
    except ValidationError as error:
        for problem in error.errors():
            print(f"sora-tui: {problem['loc'][0]}: {problem['msg']}", file=sys.stderr)
        return 2

    from tui.app import SoraApp

    SoraApp(settings).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
