"""HelpScreen: every binding of the app, the screen and the focusable widgets, grouped; closes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.help_screen import HelpScreen


class Gadget(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "gadget", "Gadget thing"),
        Binding("j,down", "down", "Move down", show=False),
    ]

    def action_gadget(self) -> None:
        pass

    def action_down(self) -> None:
        pass


class Other(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("o", "other", "Other widget thing")]

    def action_other(self) -> None:
        pass


class HelpApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "foo", "Do the foo"),
        Binding("question_mark", "help", "Help"),
        Binding("h", "hidden", "Never shown"),
    ]

    def compose(self) -> ComposeResult:
        yield Gadget()
        yield Other()

    def action_foo(self) -> None:
        pass

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "hidden"


def help_text(app: App[None]) -> str:
    return str(app.screen.query_one("#help-bindings", Static).visual)


async def test_lists_bindings_grouped_and_closes_with_escape() -> None:
    async with HelpApp().run_test(size=(100, 40)) as pilot:
        pilot.app.query_one(Gadget).focus()
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = help_text(pilot.app)
        lines = [line.split() for line in text.splitlines()]
        assert ["x", "Do", "the", "foo"] in lines
        assert ["?", "Help"] in lines
        assert "Gadget thing" in text
        assert "j, down" in text or "j, ↓" in text
        assert "Other widget thing" in text  # reachable after moving focus
        assert "Never shown" not in text  # check_action False hides it, like the footer
        groups = {group.title: group for group in pilot.app.screen.groups}
        assert "Everywhere" in groups and "Gadget (focused)" in groups
        assert "When Other is focused" in groups
        assert any(row.description == "Focus Next" for row in groups["On this screen"].rows)
        assert text.index("Gadget (focused)") < text.index("Everywhere")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_closes_with_q_and_question_mark_without_focus() -> None:
    async with HelpApp().run_test(size=(100, 40)) as pilot:
        pilot.app.screen.set_focus(None)
        for key in ("q", "question_mark"):
            await pilot.press("question_mark")
            assert isinstance(pilot.app.screen, HelpScreen)
            assert "Do the foo" in help_text(pilot.app)
            await pilot.press(key)
            assert not isinstance(pilot.app.screen, HelpScreen)
        assert pilot.app.is_running  # q closed the help, not the app
