"""Hostile documents, file names and settings in the real app (Pilot), and spoken for real.

What is checked is what the screen really shows (the compositor's lines, toasts included):
brackets that look like Textual markup appear literally, nothing in a file name reaches the
terminal as an escape sequence, and a refused file is a plain message on screen. The text the
narrator would speak is synthesized by the real espeak-ng: every hostile sentence gives a
clip, none takes absurdly long.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from alsreader.config import Settings
from alsreader.document import load_document
from alsreader.document.pronounce import Pronouncer
from alsreader.speech.synthesizer import Synthesizer, Voice
from alsreader.ui.app import make_app
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.sentence_view import SentenceView

from .reliability_support import escapes_in, flat_text, no_escapes, screen_text
from .ui_helpers import quick_settings, reader_app, reader_ready, shown, wait_for

MARKUP_DOC = (
    "# [bold]Title[/]\n\n"
    "Plain [bold]not bold[/bold] text. A [link=https://evil.example]link[/link] here.\n\n"
    "## [/]\n\n"
    "An [@click=app.quit]action[/] that must not run. Closing [/i] alone.\n\n"
    "## [$accent]Variables[/]\n\n"
    "Colours [red on white]x[/] and [[double]] brackets.\n"
)

HOSTILE_TEXT = (
    "Hello \x1b[31mred\x1b[0m and \x1b]2;PWNED\x07 title. "
    "Zero\u200bwidth and \u202eoverride\u202c marks. שלום עולם. Emoji 👍🏽 and 👨‍👩‍👧 here. "
    "Markup [bold]x[/] and [@click=app.quit]y[/]. "
    + " ".join(["endless"] * 400)
)


async def test_markup_in_the_document_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.md"
    path.write_text(MARKUP_DOC, encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await reader_ready(pilot)
        await pilot.pause(0.1)
        shown = screen_text(app)
        for literal in ("[bold]not bold[/bold]", "[link=https://evil.example]", "[bold]Title[/]"):
            assert literal in shown, f"{literal} not shown literally:\n{shown}"
        # The heading "[/]" is one Textual's markup parser refuses: bookmark it (the toast
        # quotes the title) and move through every section.
        await pilot.press("down")
        await wait_for(pilot, lambda: "[@click=app.quit]action[/]" in screen_text(app))
        await pilot.press("b")
        await wait_for(pilot, lambda: "Bookmark added: [/]" in screen_text(app))
        await pilot.press("down")
        await wait_for(pilot, lambda: "[red on white]x[/]" in screen_text(app))
        assert "[$accent]Variables[/]" in screen_text(app)
        await pilot.press("space")  # read it: the status changes, nothing is interpreted
        await pilot.pause(0.5)
        await pilot.press("space")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ReaderScreen)
        assert app.is_running
        assert no_escapes(screen_text(app))


async def test_settings_problems_quoting_markup_are_shown_literally(tmp_path: Path) -> None:
    """A caregiver's typo like ``keys: {"[/]": x}`` is quoted in a toast, not parsed."""
    config = tmp_path / "config.yaml"
    config.write_text('keys:\n  "[/]": x\n  play_pause: "[bold]"\nvoice:\n  rate: "[/]"\n',
                      encoding="utf-8")
    document = tmp_path / "doc.md"
    document.write_text("# Doc\n\nOne sentence. Two sentences.\n", encoding="utf-8")
    app = make_app(document, config_path=config, player="silent")
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await reader_ready(pilot)
        await wait_for(pilot, lambda: "[/]" in screen_text(app))
        assert app.is_running


async def test_file_names_cannot_inject_escapes_or_markup(tmp_path: Path) -> None:
    """A file name may hold any byte but "/" and NUL: none of it acts on the terminal."""
    name = "\x1b]2;PWNED\x07[@click=app.quit]ev\x1b[5mil\tname.txt"
    path = tmp_path / name
    path.write_text("hello there. A second sentence here.\n", encoding="utf-8")
    document = load_document(path)
    assert no_escapes(document.title)
    assert "[@click=app.quit]" in document.title
    app = reader_app(path)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await reader_ready(pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: "Bookmark added" in screen_text(app))
        shown = screen_text(app)
        assert "[@click=app.quit]evil" in shown
        assert no_escapes(shown)
        assert "PWNED" not in shown


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("[@click=app.quit]empty.md", b"", "no text to read"),
        ("[b]binary.txt", os.urandom(3000) + b"\x00\x01\x02", "does not look like text"),
        ("\x1b[2Jcleared.txt", b"\x00" * 100, "does not look like text"),
    ],
    ids=["empty", "binary", "escape-name"],
)
async def test_refused_files_are_a_plain_message_on_screen(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    app = reader_app(path)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: expected in flat_text(app)
                       and "Press Escape to go to the library" in flat_text(app))
        shown = screen_text(app)
        assert no_escapes(shown), escapes_in(shown)
        if "[" in name and "\x1b" not in name:
            assert name.split(".")[0] in shown  # the name is quoted as it is
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReaderScreen))
        assert app.is_running


async def test_a_file_deleted_before_opening_is_a_plain_message(tmp_path: Path) -> None:
    """The last document was deleted (or its stick pulled) between two sessions."""
    path = tmp_path / "gone.md"
    path.write_text("# Gone\n\nSoon. Very soon.\n", encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(110, 30)) as pilot:
        await reader_ready(pilot)
        await pilot.press("right")
        await pilot.pause(0.2)
    path.unlink()
    again = make_app(None, settings=quick_settings(), player="silent")
    async with again.run_test(size=(110, 30), notifications=True) as pilot:
        # The library opens instead (with the bundled documents); nothing is lost or raised.
        await wait_for(pilot, lambda: isinstance(again.screen, LibraryScreen)
                       and bool(again.screen.rows()))
        assert again.is_running


def test_hostile_sentences_are_spoken_sensibly(tmp_path: Path) -> None:
    """Every sentence of a hostile document becomes a real clip of sensible length."""
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    document = load_document(path)
    speakable = Pronouncer(list(Settings().pronunciations)).speakable
    voice = Voice(rate=300)
    with Synthesizer(tmp_path / "clips") as synthesizer:
        for section in document.sections:
            for sentence in section.sentences:
                text = speakable(sentence.text)
                assert no_escapes(text)
                clip = synthesizer.synthesize(text, voice, urgent=True).result(timeout=30)
                words = len(text.split())
                assert clip.duration_s > 0.2, text
                # At 300 wpm a sentence of n words takes about n/5 s; spelled-out symbols
                # and emoji names add some, but nothing runs away.
                assert clip.duration_s < 3 + words * 1.0, (text, clip.duration_s)
                clip.delete()


async def test_a_library_folder_of_hostile_files(tmp_path: Path) -> None:
    """A folder with a pipe, a symlink loop, binary and empty files and hostile names lists
    safely and fast."""
    folder = tmp_path / "library"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "loop.md").symlink_to("loop.md")  # was a traceback in the library's worker
    (folder / "binary.txt").write_bytes(os.urandom(2000) + b"\x00")
    (folder / "empty.md").write_bytes(b"")
    (folder / "\x1b]2;PWNED\x07named.txt").write_text("Escape name.\n", encoding="utf-8")
    (folder / "[@click=app.quit]markup.md").write_text("Markup name here.\n", encoding="utf-8")
    (folder / "[b]title.md").write_text("# [/] heading [bold]\n\nText.\n", encoding="utf-8")
    app = reader_app(folder)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) >= 3)
        await pilot.pause(0.2)
        shown = screen_text(app)
        assert no_escapes(shown), escapes_in(shown)
        assert "PWNED" not in shown
        assert "[/] heading [bold]" in shown
        assert "[@click=app.quit]" in shown or "Markup name here." in shown
        # The loop and the pipe are left out with one plain line each, not in silence.
        told = " ".join(screen_text(app).split())
        assert "Left out of the library" in told
        assert "loop.md: a link that leads back" in told
        assert app.is_running


async def test_a_file_rewritten_shorter_between_sessions_opens_at_a_valid_place(
    tmp_path: Path,
) -> None:
    """The place was saved deep in a long file; the file is now short: no crash, a real
    sentence is shown."""
    path = tmp_path / "changing.md"
    path.write_text("".join(f"# Part {i}\n\nOne here. Two here. Three here.\n\n"
                            for i in range(8)), encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(110, 30)) as pilot:
        await reader_ready(pilot)
        await pilot.press(*["down"] * 7, "right", "right")
        await wait_for(pilot, lambda: "Section 8 of 8" in screen_text(app))
        await pilot.pause(0.3)
    path.write_text("# Only part\n\nJust this now.\n", encoding="utf-8")
    again = reader_app(path)
    async with again.run_test(size=(110, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert "Section 1 of 1" in screen_text(again)
        assert screen.session is not None
        assert screen.session.document.sentence_at(screen.session.position) is not None
        await pilot.press("space", "right", "left")
        await pilot.pause(0.2)
        assert again.is_running


async def test_a_megabyte_line_opens_and_moves_in_the_reader(tmp_path: Path) -> None:
    """One 1 MB line with no punctuation: the reader opens it, marks a sentence of a sensible
    size, and moves and reads through it."""
    words = ("alpha", "bravo", "delta", "echo", "kilo", "lima")
    path = tmp_path / "endless.txt"
    path.write_text(" ".join(words[i % 6] for i in range(180_000))[: 1024 * 1024],
                    encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("right", "right", "right")
        await wait_for(pilot, lambda: shown(screen) == (0, 3))
        view = screen.query_one("#text", SentenceView)
        assert 0 < len(view.current_text) <= 400
        await pilot.press("space")
        await pilot.pause(0.5)
        await pilot.press("space")
        assert app.is_running


@pytest.mark.parametrize(
    "damage",
    [b'{"version": 1, "documents": {"/x": {"section": 2, "sen', b"\x00" * 300, b"[/] not json",
     b'{"version": 1, "documents": {"/x": {"section": -5, "sentence": "[/]"}}}'],
    ids=["cut-in-half", "zeros", "markup", "bad-values"],
)
async def test_a_damaged_state_file_is_set_aside_and_reading_goes_on(
    tmp_path: Path, isolated_home: Path, damage: bytes
) -> None:
    """A sync tool or a full disk damaged the saved places: the app says so and reads on."""
    state = isolated_home / "data" / "state.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(damage)
    path = tmp_path / "doc.md"
    path.write_text("# Doc\n\nOne sentence. Two sentences.\n", encoding="utf-8")
    app = reader_app(path)
    async with app.run_test(size=(110, 30), notifications=True) as pilot:
        screen = await reader_ready(pilot)
        await wait_for(pilot, lambda: "saved reading places" in flat_text(app).lower())
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.pause(0.2)
    assert json.loads(state.read_text(encoding="utf-8"))["documents"]  # saved afresh
    assert list(state.parent.glob("state.json.corrupt-*"))  # the damaged copy was kept
