"""A whole day with one input alone: keys, one switch, two switches or dwell (issue 14).

Each test starts at the library and, with nothing but its input (and the fake clock moving),
opens a document, reads and pauses, jumps to section 4 through Sections, reads faster, opens
and closes the help, goes back to the library through the menu, opens the other document and
quits through the confirmation. After every step it checks what the person would see.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from alsreader.access import FakeClock
from alsreader.access.steps import common_actions
from alsreader.config import Settings
from alsreader.speech.events import SpeechState
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.confirm_quit import ConfirmQuitScreen
from alsreader.ui.screens.help import HelpScreen
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.menu import MenuScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow
from alsreader.ui.widgets.outline import Outline

from .access_driver import SwitchDriver, access_app, speech
from .ui_helpers import DOCUMENTS, reader_ready, shown, wait_for

SIZE = (120, 40)
SECTION_4 = 3
"""Index of the fourth section of garden.md ("Autumn")."""
PACE_STEP = 15
"""Words per minute one Faster adds."""
TOLERANCE = 0.25
"""Fake seconds the driver may lose to its ticks over one action."""


def _figures() -> dict[str, float]:
    """The README's seconds at default timings, by action."""
    return {label: seconds for label, _steps, seconds in common_actions(sections=5)}


async def _library_ready(pilot: Pilot[object]) -> LibraryScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                   and len(app.screen.rows()) == 2)
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def _garden_first(library: LibraryScreen) -> tuple[Path, Path]:
    """The garden (five sections) to open first, then the other document."""
    paths = [row.value for row in library.rows()]
    assert all(isinstance(path, Path) for path in paths)
    garden = next(path for path in paths if isinstance(path, Path) and path.name == "garden.md")
    other = next(path for path in paths if path is not garden)
    assert isinstance(other, Path)
    return garden, other


async def _focus_row(pilot: Pilot[object], press: Callable[[str], Awaitable[None]],
                     path: Path) -> None:
    """Move the keyboard focus to the library row of ``path`` with the arrows."""
    app = pilot.app
    for key in ("down", "down", "up", "up", "up"):
        focused = app.focused
        if isinstance(focused, ListRow) and focused.value == path:
            return
        await press(key)
    raise AssertionError(f"the arrows never reached the row of {path.name}")


def _document_of(screen: ReaderScreen) -> Path:
    return screen.path.resolve()


def _row_target(app: ReaderApp, path: Path) -> str:
    """The scan target id of the library row of ``path``."""
    for target_id, target in app.access.targets.items():
        widget = target.widget
        if isinstance(widget, ListRow) and isinstance(widget.value, Path) \
                and widget.value.resolve() == path.resolve():
            return target_id
    raise AssertionError(f"no row for {path} among {list(app.access.targets)}")


async def _row_target_arrived(pilot: Pilot[object], app: ReaderApp, path: Path) -> str:
    """:func:`_row_target` once the library's targets reached the access controller (they
    arrive on its next tick after the screen changes)."""
    for _ in range(100):
        app.access.tick()
        if any(isinstance(target.widget, ListRow) for target in app.access.targets.values()):
            break
        await pilot.pause(0.01)
    return _row_target(app, path)


def _section_target(app: ReaderApp, section: int) -> str:
    """The scan target id of the outline row of ``section`` (while choosing)."""
    for target_id, target in app.access.targets.items():
        widget = target.widget
        if isinstance(widget, Outline) and target.option is not None \
                and widget.get_option_at_index(target.option).id == f"section-{section}":
            return target_id
    raise AssertionError(f"no row for section {section} among {list(app.access.targets)}")


def _rate(app: ReaderApp) -> int:
    narrator = app.narrator
    assert narrator is not None
    return narrator.voice.rate


async def _targets_of(driver: SwitchDriver, kind: type, wanted: str | None = None) -> None:
    """Let the app run until ``kind`` is on top and its targets reached the scanner."""
    app = driver.pilot.app
    assert isinstance(app, ReaderApp)
    await wait_for(driver.pilot, lambda: isinstance(app.screen, kind))
    for _ in range(200):
        await driver.tick()
        if app.access.targets and (wanted is None or wanted in app.access.targets):
            return
        await driver.pilot.pause(0.01)
    raise AssertionError(f"the targets of {kind.__name__} never arrived")


async def _at_rest(driver: SwitchDriver) -> float:
    """Wake the scan if it rests; the fake time when the highlight is on the first entry."""
    await driver.tick()
    scanner = driver.access.scanner
    if scanner.highlighted_entry is None:
        await driver.press(driver.select_key)
        await driver.tick()
    # From rest (README): the last press (a wake press, or the one that brought this screen)
    # is over, so the next press counts; a terminal reports no releases, so that takes the
    # key's repeat window.
    wait = driver._too_soon(driver.select_key)
    if wait:
        await driver.tick(wait)
    first = driver.level_entries()[0]
    assert scanner.highlighted == first.id
    return driver.clock.now()


async def _open_by_switch(driver: SwitchDriver, path: Path) -> ReaderScreen:
    """Choose the library row of ``path``; the reader showing it, its targets scanned."""
    app = driver.pilot.app
    assert isinstance(app, ReaderApp)
    await driver.choose(_row_target(app, path))
    reader = await reader_ready(driver.pilot)
    assert _document_of(reader) == path.resolve()
    await _targets_of(driver, ReaderScreen, "play_pause")
    return reader


async def _from_the_menu(driver: SwitchDriver, entry: str) -> None:
    """Menu on the reader, then ``entry`` in it."""
    await driver.choose("menu")
    await _targets_of(driver, MenuScreen, entry)
    await driver.choose(entry)


async def _switch_day(pilot: Pilot[object], driver: SwitchDriver, *,
                      timed: bool) -> dict[str, float]:
    """The whole day by switch; returns fake seconds per action (when ``timed``)."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    clock = driver.clock
    seconds: dict[str, float] = {}

    def took(label: str, since: float) -> None:
        seconds[label] = max(driver._last_down.values()) - since

    library = await _library_ready(pilot)
    await _targets_of(driver, LibraryScreen, "row:0")
    first_path, other_path = _garden_first(library)

    reader = await _open_by_switch(driver, first_path)

    # Read, then pause (any press pauses while reading).
    since = await _at_rest(driver)
    await driver.choose("play_pause")
    took("Play or pause", since)
    await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
    play = reader.query_one("#control-play_pause", BigButton)
    await wait_for(pilot, lambda: str(play.label) == "Pause")
    await driver.tick()
    assert driver.access.scanner.reading
    await driver.press(driver.select_key)
    await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
    await wait_for(pilot, lambda: str(play.label) == "Play")
    assert app.screen is reader

    # Jump to section 4: Sections, then its row in the list.
    since = await _at_rest(driver)
    await driver.choose("sections")
    await wait_for(pilot, lambda: reader.choosing)
    await _targets_of(driver, ReaderScreen, "close_list")
    await driver.choose(_section_target(app, SECTION_4))
    took("Jump to section 4 (Sections, then the 4th row)", since)
    await wait_for(pilot, lambda: shown(reader)[0] == SECTION_4)
    assert not reader.choosing
    await wait_for(pilot, lambda: speech(app) is SpeechState.READING)  # a jump reads on
    await driver.tick()
    await driver.press(driver.select_key)  # pause again
    await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
    await _targets_of(driver, ReaderScreen, "faster")

    # Faster.
    rate = _rate(app)
    since = await _at_rest(driver)
    await driver.choose("faster")
    took("Faster", since)
    await wait_for(pilot, lambda: _rate(app) == rate + PACE_STEP)
    assert shown(reader)[0] == SECTION_4

    # Help, through the menu; its only target closes it.
    since = await _at_rest(driver)
    await _from_the_menu(driver, "help")
    took("Help (Menu, Help)", since)
    await _targets_of(driver, HelpScreen, "close_help")
    assert list(app.access.targets) == ["close_help"]
    await driver.choose("close_help")
    await wait_for(pilot, lambda: app.screen is reader)
    await _targets_of(driver, ReaderScreen, "menu")
    assert shown(reader)[0] == SECTION_4

    # Back to the library, through the menu.
    since = await _at_rest(driver)
    await _from_the_menu(driver, "library")
    took("Go to the library (Menu, Library)", since)
    library = await _library_ready(pilot)
    await _targets_of(driver, LibraryScreen, "row:1")

    reader = await _open_by_switch(driver, other_path)

    # Quit: Menu, Quit, then Quit in the confirmation.
    since = await _at_rest(driver)
    await _from_the_menu(driver, "quit")
    await _targets_of(driver, ConfirmQuitScreen, "confirm_quit")
    assert driver.access.scanner.highlighted == "keep_reading"  # the harmless answer first
    await driver.choose("confirm_quit")
    took("Quit (Menu, Quit, then Quit again to confirm)", since)
    await wait_for(pilot, lambda: not app.is_running)
    assert clock.now() > 0
    return seconds if timed else {}


async def test_a_whole_day_by_keys_alone() -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, "keys", clock, Settings())

    async def press(key: str) -> None:
        clock.advance(1.0)  # a deliberate press: well after the last (the repeat guard)
        await pilot.press(key)

    async with app.run_test(size=SIZE) as pilot:
        library = await _library_ready(pilot)
        first_path, other_path = _garden_first(library)
        await _focus_row(pilot, press, first_path)
        await press("enter")
        reader = await reader_ready(pilot)
        assert _document_of(reader) == first_path.resolve()

        await press("space")
        await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
        await press("space")
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)

        await press("s")
        assert reader.choosing
        outline = reader.query_one(Outline)
        assert app.focused is outline
        for _ in range(SECTION_4 - (outline.highlighted or 0)):
            await press("down")
        await press("enter")
        await wait_for(pilot, lambda: shown(reader)[0] == SECTION_4)
        assert not reader.choosing

        rate = _rate(app)
        await press("plus")
        await wait_for(pilot, lambda: _rate(app) == rate + PACE_STEP)

        await press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press("escape")
        assert app.screen is reader
        assert shown(reader)[0] == SECTION_4

        await press("m")
        assert isinstance(app.screen, MenuScreen)
        await press("l")
        await _library_ready(pilot)
        await _focus_row(pilot, press, other_path)
        await press("enter")
        reader = await reader_ready(pilot)
        assert _document_of(reader) == other_path.resolve()

        await press("q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await press("y")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_value == 0


async def test_a_whole_day_by_one_switch_at_default_timings() -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, "one-switch", clock, Settings())
    async with app.run_test(size=SIZE) as pilot:
        driver = SwitchDriver(pilot, clock)
        seconds = await _switch_day(pilot, driver, timed=True)
    assert app.return_value == 0
    assert set(driver.keys_pressed) == {"space"}
    figures = _figures()
    for label, took in seconds.items():
        assert took <= figures[label] + TOLERANCE, (label, took, figures[label])


async def test_a_whole_day_by_two_switches() -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, "two-switch", clock, Settings())
    async with app.run_test(size=SIZE) as pilot:
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await _switch_day(pilot, driver, timed=False)
    assert app.return_value == 0
    assert set(driver.keys_pressed) <= {"space", "enter"}


async def _dwell_on(pilot: Pilot[object], clock: FakeClock, target_id: str) -> None:
    """Rest the pointer on ``target_id`` (a control or a list row) past the dwell time."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(100):  # until the screen's targets reached the controller
        app.access.tick()
        if target_id in app.access.targets:
            break
        await pilot.pause(0.01)
    target = app.access.targets[target_id]
    assert target.widget is not None
    if target.option is not None:
        # A row of the outline: one line of border, then two lines per row.
        await pilot.hover(target.widget, offset=(6, 1 + 2 * target.option))
    else:
        await pilot.hover(target.widget)
    await pilot.pause()
    app.access.tick()
    assert app.access.dwell.target == target_id
    dwell = app.settings.access.dwell_time
    for _ in range(round((dwell + 0.1) / 0.05)):
        clock.advance(0.05)
        app.access.tick()
    await pilot.pause()
    assert app.access.activations[-1] == target_id


async def _away(pilot: Pilot[object]) -> None:
    """Move the pointer onto plain text, so the next visit to a control presses again."""
    await pilot.hover("#text")
    await pilot.pause()


async def test_a_whole_day_by_dwell() -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, "dwell", clock, Settings())
    async with app.run_test(size=SIZE) as pilot:
        library = await _library_ready(pilot)
        first_path, other_path = _garden_first(library)
        app.access.tick()
        await _dwell_on(pilot, clock, await _row_target_arrived(pilot, app, first_path))
        reader = await reader_ready(pilot)
        assert _document_of(reader) == first_path.resolve()

        play = reader.query_one("#control-play_pause", BigButton)
        await _dwell_on(pilot, clock, "play_pause")
        await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
        await wait_for(pilot, lambda: str(play.label) == "Pause")
        await _away(pilot)
        await _dwell_on(pilot, clock, "play_pause")
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
        await wait_for(pilot, lambda: str(play.label) == "Play")

        await _dwell_on(pilot, clock, "sections")
        await wait_for(pilot, lambda: reader.choosing)
        await _dwell_on(pilot, clock, _section_target(app, SECTION_4))
        await wait_for(pilot, lambda: shown(reader)[0] == SECTION_4)
        assert not reader.choosing

        rate = _rate(app)
        await _dwell_on(pilot, clock, "faster")
        await wait_for(pilot, lambda: _rate(app) == rate + PACE_STEP)

        await _dwell_on(pilot, clock, "menu")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        await _dwell_on(pilot, clock, "help")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await _dwell_on(pilot, clock, "close_help")
        await wait_for(pilot, lambda: app.screen is reader)
        assert shown(reader)[0] == SECTION_4

        await _dwell_on(pilot, clock, "menu")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        await _dwell_on(pilot, clock, "library")
        library = await _library_ready(pilot)

        await _dwell_on(pilot, clock, await _row_target_arrived(pilot, app, other_path))
        reader = await reader_ready(pilot)
        assert _document_of(reader) == other_path.resolve()

        await _dwell_on(pilot, clock, "menu")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        await _dwell_on(pilot, clock, "quit")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await _dwell_on(pilot, clock, "confirm_quit")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_value == 0
