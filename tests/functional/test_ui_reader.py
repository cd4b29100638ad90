"""The reader driven through the real app (Pilot) with the real narrator on the silent player."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from alsreader.document.model import Position
from alsreader.state import ReadingState
from alsreader.ui.app import ReaderApp, make_app
from alsreader.ui.screens.confirm_quit import ConfirmQuitScreen
from alsreader.ui.screens.help import HelpScreen
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.outline import Outline
from alsreader.ui.widgets.sentence_view import SentenceView
from alsreader.ui.widgets.status_line import StatusLine

from .ui_helpers import GARDEN, quick_settings, reader_app, reader_ready, shown, wait_for


async def test_keys_move_the_highlighted_sentence_and_section() -> None:
    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert shown(screen) == (0, 0)
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 2))
        await pilot.press("left")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (2, 0))
        await pilot.press("up")
        await wait_for(pilot, lambda: shown(screen)[0] == 1)
        view = screen.query_one("#text", SentenceView)
        assert view.current_text == "Spring"
        status = screen.query_one("#status").status  # type: ignore[attr-defined]
        assert (status.section, status.sections) == (2, 5)


async def test_clicks_move_the_place_and_choose_a_section() -> None:
    app = reader_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.click("#control-next_sentence")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.click("#control-next_sentence")
        await wait_for(pilot, lambda: shown(screen) == (0, 2))
        await pilot.click("#control-previous_sentence")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        # At 80 columns the outline replaces the text while it is open.
        await pilot.click("#control-sections")
        outline = screen.query_one("#outline", Outline)
        assert outline.display
        assert app.focused is outline
        # Rows are two lines high under a one-line border: row 3 is on lines 7 and 8.
        await pilot.click(outline, offset=(6, 8))
        await wait_for(pilot, lambda: shown(screen)[0] == 3)
        assert not outline.display
        assert screen.query_one("#text", SentenceView).display
        play = screen.query_one("#control-play_pause", BigButton)
        await wait_for(pilot, lambda: play.label == "Pause")  # choosing a section reads it
        await pilot.click("#control-play_pause")
        await wait_for(pilot, lambda: play.label == "Play")
        await pilot.click("#control-play_pause")
        await wait_for(pilot, lambda: play.label == "Pause")
        await pilot.press("space")
        await wait_for(pilot, lambda: play.label == "Play")


async def test_a_restart_reopens_at_the_saved_sentence() -> None:
    app = reader_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("down", "down", "right", "right", "right")
        await wait_for(pilot, lambda: shown(screen) == (2, 3))
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.press("y")
    assert app.return_value == 0
    assert ReadingState.load().get_position(GARDEN) == Position(2, 3)

    again = reader_app(None)  # plain `alsreader`: the last document, where it stopped
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        assert screen.path.resolve() == GARDEN.resolve()
        assert shown(screen) == (2, 3)


async def test_quitting_needs_a_deliberate_yes() -> None:
    app = reader_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        assert app.focused is not None
        assert app.focused.id == "keep"
        await pilot.press("tab", "tab", "q")  # Tab cannot reach Quit; q again does nothing
        assert isinstance(app.screen, ConfirmQuitScreen)
        assert app.focused.id == "keep"
        await pilot.press("enter")  # Enter keeps reading
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.is_running
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.click("#quit")
    assert app.return_value == 0


async def test_bookmarks_are_added_listed_and_jumped_to() -> None:
    app = reader_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("down", "right", "right")
        await wait_for(pilot, lambda: shown(screen) == (1, 2))
        await pilot.press("b")
        outline = screen.query_one("#outline", Outline)
        await wait_for(pilot, lambda: outline.bookmarks == [Position(1, 2)])
        assert [b.position for b in app.state.bookmarks(GARDEN)] == [Position(1, 2)]
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: shown(screen) == (3, 0))
        await pilot.press("s")  # wide screen: the outline is beside the text; s focuses it
        await wait_for(pilot, lambda: app.focused is outline)
        outline.highlighted = outline.option_index_of_bookmark(0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(screen) == (1, 2))


async def test_keymap_remaps_refuses_chords_and_help_follows() -> None:
    settings = quick_settings(keys={"bookmark": "m", "next_sentence": "ctrl+n"})
    app = reader_app(settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        assert any("ctrl" in problem for problem in app.keymap.problems)
        await pilot.press("right")  # the chord was refused, so the default still works
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("m")
        await wait_for(pilot, lambda: len(app.state.bookmarks(GARDEN)) == 1)
        assert screen.query_one("#control-bookmark", BigButton).key_label == "m"
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {entry.description: entry.keys for entry in help_screen.entries}
        assert keys["Bookmark the sentence"] == ("m",)
        assert keys["Read faster"] == ("+", "=")
        assert keys["Play or pause"] == ("Space",)
        assert "Quit" in keys
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_a_doubled_press_is_ignored() -> None:
    app = reader_app(settings=quick_settings(ignore_repeat=5.0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("right", "right", "right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("down")  # a different key is never held back
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        await pilot.pause(0.2)
        assert shown(screen) == (1, 0)


async def test_library_opens_a_document_and_l_returns() -> None:
    from .ui_helpers import DOCUMENTS

    app = reader_app(DOCUMENTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        titles = [row.title for row in library.rows()]
        assert titles == ["A short letter", "Garden notes"]
        garden = library.rows()[1]
        assert garden.detail == "Not started"
        await pilot.click(garden)
        screen = await reader_ready(pilot)
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("escape")  # Esc never leaves the document...
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("l")  # ...leaving is its own action
        await wait_for(pilot, lambda: app.screen is library)
        assert garden.detail.startswith("1% read · last read today")


async def test_the_library_puts_the_book_last_read_first_and_focused() -> None:
    from alsreader import locations

    from .ui_helpers import DOCUMENTS

    state = ReadingState.load(locations.state_file())
    state.set_position(DOCUMENTS / "garden.md", Position(0, 2), fraction=0.1)
    app = reader_app(DOCUMENTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert [row.title for row in library.rows()] == ["Garden notes", "A short letter"]
        # The rows are focused once mounted (after they are listed): wait for it, not race.
        await wait_for(pilot, lambda: app.focused is library.rows()[0])
        await pilot.press("enter")  # one press resumes at the saved sentence
        screen = await reader_ready(pilot)
        assert shown(screen) == (0, 2)


def _controls(app: ReaderApp) -> list[Widget]:
    return [w for w in app.screen.query(BigButton)]


async def test_every_control_is_large_at_80x24_and_60x20() -> None:
    for size in ((80, 24), (60, 20)):
        app = reader_app()
        async with app.run_test(size=size) as pilot:
            screen = await reader_ready(pilot)
            targets = screen.scan_targets()
            assert [t.scan.id for t in targets][:1] == ["play_pause"]
            buttons = [t.widget for t in targets if isinstance(t.widget, BigButton)]
            # Talk is a ninth control where it fits in two rows; at 60 columns, in the menu.
            assert len(buttons) == (9 if size[0] >= 70 else 8)
            assert "talk" in [t.scan.id for t in targets]
            regions = [b.region for b in buttons]
            for button, region in zip(buttons, regions, strict=True):
                assert region.height >= 3, (size, button.id, region)
                assert region.width >= button.needed_width, (size, button.id, region)  # type: ignore[attr-defined]
                assert region.right <= size[0], (size, region)
                assert region.bottom <= size[1], (size, region)
                assert region.bottom <= size[1], (size, region)
            rows = sorted({r.y for r in regions})
            assert len(rows) == 2, rows  # wrapped into a grid of two rows
            for first in regions:  # spaced: no two controls touch
                for second in regions:
                    if first is not second:
                        assert not first.grow((1, 1, 1, 1)).overlaps(second), (first, second)
            text = screen.query_one("#text", SentenceView)
            assert text.region.height >= 5, (size, text.region)


async def test_no_binding_anywhere_in_the_running_app_uses_a_modifier() -> None:
    from alsreader.ui.keymap import chord_problem

    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("b")
        seen: set[str] = set()
        for opened in ("", "question_mark", "escape", "q"):
            if opened:
                await pilot.press(opened)
                await pilot.pause()
            nodes = [app, app.screen, *app.screen.walk_children()]
            for node in nodes:
                for key, bindings in node._bindings.key_to_bindings.items():
                    seen.add(key)
                    assert chord_problem(key) is None, (node, key)
                    for binding in bindings:
                        assert binding.id, (node, key)
        assert screen is not None
        assert {"space", "q", "y", "escape"} <= seen


async def test_without_audio_the_reader_says_why_and_still_moves() -> None:
    app = reader_app(player="no-such-player")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        status = screen.query_one("#status", StatusLine)
        await wait_for(pilot, lambda: status.status.speech.startswith("no audio: "))
        assert "no-such-player" in status.status.speech
        # The reason leads the status line, so a narrow screen that cuts it keeps the reason.
        assert status.render().plain.startswith("No audio: ")
        await pilot.press("space", "right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        assert status.status.speech.startswith("no audio: ")


async def test_with_no_sound_device_the_status_says_reading_is_silent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The sound device is the one edge we fake: none of PulseAudio, PipeWire or ALSA answers.
    from alsreader.speech import player

    monkeypatch.setattr(player, "pulse_answers", lambda *args, **kwargs: False)
    monkeypatch.setattr(player, "_pipewire_answers", lambda: False)
    monkeypatch.setattr(player, "_alsa_device_exists", lambda: False)
    app = reader_app(player="auto")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        status = screen.query_one("#status", StatusLine)
        await pilot.press("space")
        await wait_for(pilot, lambda: status.status.speech.startswith("reading"))
        assert "no sound device" in status.status.speech
        await pilot.press("space")
        await wait_for(pilot, lambda: status.status.speech.startswith("paused"))
        assert "no sound device" in status.status.speech


async def test_clicking_a_sentence_moves_there() -> None:
    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        # Line 0 is the heading, line 1 the gap, line 2 starts the first paragraph.
        await pilot.click("#text", offset=(8, 2))
        await wait_for(pilot, lambda: shown(screen) == (1, 1))


async def test_the_spoken_sentence_is_marked_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = reader_app()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("down", "right")
        await wait_for(pilot, lambda: shown(screen) == (1, 1))
        view = screen.query_one("#text", SentenceView)
        style = view.get_component_rich_style("sentence-view--current")
        assert style.reverse
        assert style.bold
        assert style.underline
        first, _ = view._layout.lines_of_sentence(1) if view._layout else (0, 0)
        strip = view.render_line(first - view.scroll_offset.y)
        assert strip.text.lstrip().startswith("▶")
        assert any(segment.style is not None and segment.style.reverse for segment in strip)
        # Every screen draws under NO_COLOR (a cell without a style would crash the filter).
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.pause()
        await pilot.press("escape", "l")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) > 0)
        await pilot.pause()
        assert app.is_running


async def test_settings_problems_are_shown_once_and_the_app_still_starts(
    isolated_home: Path,
) -> None:
    config = isolated_home / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("voice:\n  rate: fast\ndisplay:\n  theme: light\n", encoding="utf-8")
    app = make_app(GARDEN, player="silent")
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        notes = list(app._notifications)
        problems = [note for note in notes if note.title.startswith("Settings problems")]
        assert len(problems) == 1
        assert "rate" in problems[0].message
        assert app.theme == "alsreader-light"  # the rest of the file still applies


async def test_pace_keys_change_the_rate_and_it_is_kept(isolated_home: Path) -> None:
    from alsreader.config import load_settings

    app = make_app(GARDEN, player="silent")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        status = screen.query_one("#status", StatusLine)
        start = status.status.words_per_minute
        await pilot.press("plus")
        await wait_for(pilot, lambda: status.status.words_per_minute == start + 15)
        await pilot.pause(0.35)  # longer than the default ignore-repeat guard
        await pilot.press("equals_sign")
        await wait_for(pilot, lambda: status.status.words_per_minute == start + 30)
        await pilot.pause(0.35)
        await pilot.press("minus")
        await wait_for(pilot, lambda: status.status.words_per_minute == start + 15)
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.press("y")
    assert load_settings().settings.voice.rate == start + 15


async def test_help_is_complete_and_stable_whatever_has_the_focus() -> None:
    """Issue 14: the reader's help never listed Quit, and after `s` then `?` the section
    keys were gone. Every action is listed with its key and its place in a switch scan."""
    app = reader_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await reader_ready(pilot)
        tables = []
        for before in ((), ("s",)):
            await pilot.press(*before, "question_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            tables.append([(e.description, e.keys, e.scan) for e in help_screen.entries])
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
        assert tables[0] == tables[1]
        rows = {description: (keys, scan) for description, keys, scan in tables[0]}
        assert rows["Quit"] == (("q",), "Menu…, 9 steps")
        assert rows["Next section"] == (("↓",), "Go to…, 6 steps")
        assert rows["Play or pause"] == (("Space",), "1 step")
        assert rows["Leave for the library"][1] == "Menu…, 7 steps"
        assert "Choose a section or bookmark" in rows


async def test_two_switch_mode_says_its_keys_in_the_status_line() -> None:
    from alsreader.ui.widgets.status_line import StatusLine

    app = reader_app(access="two-switch")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        status = str(screen.query_one(StatusLine).render())
        assert "Space: next · Enter: choose" in status


async def test_the_library_changes_folder_by_one_key_or_control(tmp_path: Path) -> None:
    """Issue 14: the library can be narrowed to one folder and back, by `f` or the control
    (so by switch and dwell too: it is a large control among the scan targets)."""
    for name in ("letters", "notes"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}-one.md").write_text(f"# {name} one\n\nText.\n", encoding="utf-8")
        (folder / f"{name}-two.md").write_text(f"# {name} two\n\nText.\n", encoding="utf-8")
    app = reader_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 4)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        control = library.query_one("#control-change_folder", BigButton)
        assert control.label == "Folder: all"
        seen = []
        for _ in range(3):
            await pilot.press("f")
            await pilot.pause()
            seen.append((control.label, sorted(r.title for r in library.rows() if r.display)))
        assert seen[0] == ("Folder: letters", ["letters one", "letters two"])
        assert seen[1] == ("Folder: notes", ["notes one", "notes two"])
        assert seen[2][0] == "Folder: all"
        assert len(seen[2][1]) == 4
        targets = [t.scan.id for t in library.scan_targets()]
        assert "change_folder" in targets
        await pilot.click(control)  # a pointer (or a switch) does the same
        await pilot.pause()
        assert control.label == "Folder: letters"
        assert len([t for t in library.scan_targets() if t.scan.id.startswith("row:")]) == 2
