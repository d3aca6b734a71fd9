"""HelpScreen: the keys of the screen beneath, in sections, without framework noise, with the
keys of the app's keymap, in two columns when one does not fit; closes with escape, q or ?."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tests.app_helpers import app_for, wait_for
from tui.actions import JOB, Action
from tui.emulator import EmulatorServer
from tui.widgets.help_screen import (
    SECTIONS,
    BindingGroup,
    HelpScreen,
    bindings_text,
    side_by_side,
    split_columns,
)

FRAMEWORK_NOISE = (
    "Scroll Left",
    "Scroll Right",
    "Page Left",
    "Page Right",
    "Scroll Up",
    "Copy selected text",
    "Focus Next",
    "Focus Previous",
    "Move cursor left",
    "Delete character left",
)


class Gadget(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "gadget", "Gadget thing"),
        Binding("j,down", "cursor_down", "Down", show=False),
    ]

    def action_gadget(self) -> None:
        pass

    def action_cursor_down(self) -> None:
        pass


class Other(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("o", "other", "Other widget thing")]

    def action_other(self) -> None:
        pass


class HelpApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "foo", "Do the foo", id="foo"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("h", "hidden", "Never shown"),
        Binding("n", "new_job", "New job", id="new_job"),
    ]

    def compose(self) -> ComposeResult:
        yield Gadget()
        yield Other()
        yield VerticalScroll()  # Textual's own scroll bindings: never listed

    def action_foo(self) -> None:
        pass

    def action_new_job(self) -> None:
        pass

    def action_help(self) -> None:
        # The app's registry names the sections of its own actions (tui/actions.py).
        self.push_screen(HelpScreen({"new_job": Action("new_job", "n", "New job", JOB)}))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "hidden"


def help_text(app: App[None]) -> str:
    return str(app.screen.query_one("#help-bindings", Static).visual)


def rows_of(app: App[None]) -> dict[str, dict[str, str]]:
    """Group title → description → keys, as the open help screen has them."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return {g.title: {r.description: r.keys for r in g.rows} for g in screen.groups}


async def test_sections_first_then_unknown_actions_by_where_they_apply() -> None:
    async with HelpApp().run_test(size=(100, 40)) as pilot:
        pilot.app.query_one(Gadget).focus()
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        groups = rows_of(pilot.app)
        # known actions go to their section whichever node binds them
        assert groups["Navigation"]["Down"] == "j, ↓"
        assert groups["Navigation"]["Next / previous pane"] == "tab, shift+tab"
        assert groups["Job actions"] == {"New job": "n"}
        assert groups["App"] == {"Command palette": "^p", "Help": "?", "Quit": "^q"}
        # the rest: named after where it applies, the focused widget first
        assert groups["Gadget (focused)"] == {"Gadget thing": "g"}
        assert groups["When Other is focused"] == {"Other widget thing": "o"}
        assert groups["Other keys"] == {"Do the foo": "x"}
        titles = list(groups)
        assert titles[:3] == ["Navigation", "Job actions", "App"]  # SECTIONS order
        text = help_text(pilot.app)
        assert text.index("Gadget (focused)") < text.index("Other keys")
        assert "Never shown" not in text  # check_action False hides it, like the footer
        for noise in FRAMEWORK_NOISE:  # Screen's ctrl+c, the ScrollView's arrows and pages
            assert noise not in text, noise
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


async def test_a_remapped_binding_shows_its_new_key() -> None:
    app = HelpApp()
    async with app.run_test(size=(100, 40)) as pilot:
        app.set_keymap({"foo": "z", "new_job": "ctrl+n,N"})
        await pilot.press("question_mark")
        groups = rows_of(app)
        assert groups["Other keys"] == {"Do the foo": "z"}
        assert groups["Job actions"] == {"New job": "^n, N"}
        lines = [line.split() for line in help_text(app).splitlines()]
        assert ["z", "Do", "the", "foo"] in lines
        assert not any(line[:1] == ["x"] for line in lines)  # the old key is gone
        await pilot.press("escape")
        await pilot.press("z")  # and it is what the app answers to, as the help says
        assert not isinstance(app.screen, HelpScreen)


def test_columns_are_split_in_order_and_evenly() -> None:
    def group(title: str, rows: int) -> BindingGroup:
        from tui.widgets.help_screen import BindingRow

        return BindingGroup(title, tuple(BindingRow(str(n), f"row {n}") for n in range(rows)))

    groups = [group("a", 9), group("b", 8), group("c", 5), group("d", 8), group("e", 4)]
    left, right = split_columns(groups, 2)
    assert [g.title for g in left] == ["a", "b"] and [g.title for g in right] == ["c", "d", "e"]
    assert split_columns(groups, 1) == [groups]
    text = side_by_side([bindings_text(left), bindings_text(right)], gap=3)
    lines = text.plain.split("\n")
    assert len(lines) == max(len(bindings_text(c).plain.split("\n")) for c in (left, right))
    column_two = lines[0].index("c")  # the right column starts at the same cell on every line
    assert all(
        line[column_two - 3 : column_two] == "   " for line in lines if len(line) > column_two
    )
    assert lines[0].startswith("a") and lines[0].endswith("c")


# --- the real app ---------------------------------------------------------------------------


async def test_the_apps_keys_fill_the_sections_and_fit_160x45(emulator: EmulatorServer) -> None:
    app = app_for(emulator)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), "the help screen")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        groups = rows_of(app)
        assert list(groups) == list(SECTIONS)  # every binding of the app has its section
        assert groups["Filters"]["Show failed"] == "5"
        assert groups["Find & order"]["Search"] == "/"
        assert groups["Job actions"]["Delete"] == "D, del"
        assert groups["App"]["Quit"] == "q, ^q"
        assert groups["App"]["Command palette"] == "^p"
        text = help_text(app)
        for noise in FRAMEWORK_NOISE:
            assert noise not in text, noise
        # every key the footer would offer is in the help, under its (possibly remapped) key
        for key, active in app.dashboard_screen.active_bindings.items():
            if active.binding.system or not active.binding.show:
                continue
            shown = app.get_key_display(active.binding)
            assert any(
                shown in keys.split(", ") for rows in groups.values() for keys in rows.values()
            ), key
        assert screen.columns == 2
        scroll = screen.query_one("#help-scroll", VerticalScroll)
        await pilot.pause()
        assert scroll.max_scroll_y == 0  # all of it on screen, no scrolling

        two_columns = max(len(line) for line in text.splitlines())
        await pilot.resize_terminal(two_columns, 30)  # two columns no longer fit: one, scrolled
        await wait_for(lambda: screen.columns == 1, "one column")
        await pilot.pause()
        assert scroll.max_scroll_y > 0


async def test_help_follows_the_config_keymap(emulator: EmulatorServer) -> None:
    app = app_for(emulator)
    async with app.run_test(size=(160, 45)) as pilot:
        app.set_keymap({"refresh": "f5", "toggle_thumbnails": "T"})  # what [keys] does
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), "the help screen")
        view = rows_of(app)["View"]
        assert view["Refresh"] == "f5" and view["Thumbnails"] == "T"
        footer_keys = {
            active.binding.id: app.get_key_display(active.binding)
            for active in app.dashboard_screen.active_bindings.values()
        }
        assert footer_keys["refresh"] == "f5"  # the footer and the help agree
