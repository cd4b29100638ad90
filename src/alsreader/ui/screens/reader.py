"""The reader: the current section's text, the outline, the status line and the controls.

Every action is one key, a large control, or (later) a switch press, and all of them end up
in the same ``action_*`` methods, which only send commands to the narrator. What is shown
changes when the narrator reports back (``SentenceStarted`` and friends), so the screen never
waits for speech.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import Resize
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import Static
from textual.worker import get_current_worker

from alsreader.access import READER_SCAN_TARGETS, ScanTarget
from alsreader.access.steps import CLOSE_LIST, reader_scan_places
from alsreader.config.declaration import spec_of
from alsreader.document.decode import one_line
from alsreader.document.model import Document, DocumentError, Position
from alsreader.sleep_timer import SleepTimer
from alsreader.speech.events import (
    DocumentFinished,
    NarratorEvent,
    ReadingFaded,
    SectionTitleStarted,
    SentenceStarted,
    SpeechError,
    SpeechState,
    StateChanged,
    WordStarted,
)
from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.base import ReaderScreenBase
from alsreader.ui.screens.menu import MenuScreen
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.control_bar import ControlBar
from alsreader.ui.widgets.outline import Outline
from alsreader.ui.widgets.sentence_view import SentenceView
from alsreader.ui.widgets.status_line import ReadingStatus, StatusLine, format_time_left

if TYPE_CHECKING:
    from alsreader.session import ReadingSession

GROUP_THRESHOLD = 8
"""Up to this many rows are scanned one by one; more are one group scanned in blocks."""
OUTLINE_BESIDE_TEXT = 100
"""Columns from which the outline is shown beside the text; narrower, it replaces the text."""
TALK_CONTROL_FITS = 70
"""Columns from which the Talk control fits beside the others in two rows; narrower, Talk is
in the menu (and still a key and a scan target of its own)."""

CONTROLS: list[tuple[str, str]] = [
    ("play_pause", "Play"),
    ("next_sentence", "Next"),
    ("previous_sentence", "Previous"),
    ("sections", "Sections"),
    ("slower", "Slower"),
    ("faster", "Faster"),
    ("bookmark", "Bookmark"),
    ("menu", "Menu"),
    ("talk", "Talk"),
]
"""The reader's controls in scan order (Play/Pause first): binding id and label."""
OUTLINE_GROUP = "Sections"
"""The scan group of the outline's rows when there are too many to scan one by one."""
SLEEP_CHECK_S = 0.5
"""How often the sleep timer is looked at (it runs out, the status line's time left)."""


ActionT = TypeVar("ActionT", bound=Callable[..., None])


def _once_speech_is_ready(action: ActionT) -> ActionT:
    """A reader action that needs the narrator: run while speech is being set up (right
    after the text is shown), it waits and runs once speech is ready, in the order pressed,
    instead of being lost."""

    @functools.wraps(action)
    def run(screen: ReaderScreen, *args: Any) -> None:
        if screen.session is None and screen._document is not None:
            screen._waiting.append(functools.partial(action, screen, *args))
            return
        action(screen, *args)

    return cast(ActionT, run)


@remappable
class ReaderScreen(ReaderScreenBase, inherit_bindings=False):
    """Reads one document: text with the spoken sentence marked, outline, status, controls.

    | Key | Description |
    | :- | :- |
    | space | Play or pause. |
    | right / left | Next / previous sentence. |
    | pagedown / pageup | Next / previous paragraph. |
    | down / up | Next / previous section. |
    | plus, equals_sign / minus | Faster / slower. |
    | r | Repeat the sentence. |
    | b | Bookmark the sentence. |
    | z | Sleep timer: off, 15, 30, 45, 60 minutes, the end of the section (each press). |
    | s | Choose a section or bookmark from the list (again: close the list). |
    | m | The menu: library, help, quit, settings. |
    | l | Leave the document for the library (the place is kept). |
    | escape | Close the list (never leaves the document). |
    | tab | Move the focus to the next control. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "play_pause", "Play or pause", id="play_pause"),
        Binding("right", "next_sentence", "Next sentence", id="next_sentence"),
        Binding("left", "previous_sentence", "Previous sentence", id="previous_sentence"),
        Binding("pagedown", "next_paragraph", "Next paragraph", id="next_paragraph"),
        Binding("pageup", "previous_paragraph", "Previous paragraph", id="previous_paragraph"),
        Binding("down", "next_section", "Next section", id="next_section"),
        Binding("up", "previous_section", "Previous section", id="previous_section"),
        Binding("plus,equals_sign", "faster", "Read faster", id="faster"),
        Binding("minus", "slower", "Read slower", id="slower"),
        Binding("r", "repeat", "Repeat the sentence", id="repeat"),
        Binding("b", "bookmark", "Bookmark the sentence", id="bookmark"),
        Binding("z", "sleep_timer", "Sleep timer (each press: the next length)",
                id="sleep_timer"),
        Binding("s", "sections", "Choose a section or bookmark", id="sections"),
        Binding("m", "menu", "Menu (library, help, quit, settings)", id="menu"),
        Binding("l", "library", "Leave for the library", id="library"),
        Binding("escape", "back", "Close the list", id="back"),
        Binding("tab", "app.focus_next", "Next control", id="focus_next"),
    ]

    HELP_TITLE = "Reader"

    class Closed(Message):
        """The reader left its document (Back): the app shows the library."""

    class DocumentLoaded(Message):
        """The document was read (in a worker): its text is shown now, and speech is set up
        right after that frame."""

        def __init__(self, document: Document, position: Position) -> None:
            super().__init__()
            self.document = document
            self.position = position

    class DocumentReady(Message):
        """Speech is set up for the document (in a worker): its session is ready."""

        def __init__(self, session: ReadingSession) -> None:
            super().__init__()
            self.session = session

    class DocumentFailed(Message):
        """The document could not be opened; ``message`` is for the reader."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, services: ReaderServices, path: Path, *,
                 document: Document | None = None) -> None:
        super().__init__(services)
        self.path = path
        """The document's file."""
        self._preloaded = document
        self._document: Document | None = None
        self._shown = Position(0, 0)
        self._waiting: list[Callable[[], object]] = []
        self.session: ReadingSession | None = None
        """The open document and its narrator, once loaded and speech is set up."""
        self._speech = SpeechState.STOPPED
        self._reason = ""
        self._choosing = False
        self._outline_cache: tuple[tuple[int, ...], list[Target]] | None = None
        self.sleep_timer = SleepTimer(services.clock, services.settings.reading.sleep_timer)
        """Stops the reading after a while (counted while reading), fading out."""
        self._sleep_notice: Notification | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        """Outline and text side by side, then the status line and the controls."""
        with Horizontal(id="body"):
            yield Outline(id="outline")
            with Vertical(id="main"):
                # Literal text: a file name may look like markup or hold escape sequences.
                yield Static(f"Opening {one_line(self.path.name)}…", id="message", markup=False)
                yield SentenceView(id="text",
                                   highlight=self.services.settings.reading.highlight)
        yield StatusLine(id="status")
        yield ControlBar(
            [
                BigButton(label, action_id, key_label=self.services.keymap.label(action_id),
                          id=f"control-{action_id}")
                for action_id, label in CONTROLS
            ],
            id="controls",
        )

    def on_mount(self) -> None:
        """Start loading the document (in a worker, so the first frame is drawn at once)."""
        # The (empty) text view and, on a wide screen, the outline have their places from
        # the first frame on, under "Opening…": the text is wrapped once, at its width, in
        # the first frame that shows it.
        self.query_one("#outline", Outline).display = self.size.width >= OUTLINE_BESIDE_TEXT
        self.query_one(f"#control-{CONTROLS[0][0]}", BigButton).focus()
        self.call_after_refresh(self._load)  # the first frame is drawn before any loading
        self.set_interval(SLEEP_CHECK_S, self._check_sleep_timer)

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            document = self._preloaded
            if document is None:
                from alsreader.document import open_document

                # A long book's chapters are read when first needed: the saved place
                # (found by place_in) first, the rest once it is shown.
                document = open_document(self.path)
        except DocumentError as error:
            self.post_message(self.DocumentFailed(str(error)))
            return
        where = self.services.state.place_in(document) or document.beginning()
        self.post_message(self.DocumentLoaded(document, where))

    # A description of its own: by default Textual describes a worker by the repr of its
    # arguments, which for a 3 MB book is a 50 MB string made in 0.4 s.
    @work(thread=True, exclusive=True, group="speech", description="set up speech")
    def _set_up_speech(self, document: Document) -> None:
        # After the frame with the text (start-up time): the pronunciation rules, espeak and
        # the player. What is pressed meanwhile waits for it (_once_speech_is_ready).
        try:
            session = self.services.open_session(document)
        except DocumentError as error:
            self.post_message(self.DocumentFailed(str(error)))
            return
        # A big file is millions of objects, which Python's cycle collector would walk
        # again and again while the reader makes many small ones (counting the words left
        # for the status line: 2.3 s for 110,000 sections, 0.5 s without). The document
        # holds no cycles (it is freed by its references), so what exists now is left out
        # of collections until the reader closes (see on_unmount; not after it closed).
        if self.is_attached:
            gc.freeze()
        self.post_message(self.DocumentReady(session))

    def on_unmount(self) -> None:
        """Let the cycle collector see everything again (frozen when the document opened)."""
        gc.unfreeze()

    @work(thread=True, exclusive=True, group="load-rest")
    def _load_rest(self, session: ReadingSession) -> None:
        from alsreader.document.pending import load_rest

        worker = get_current_worker()
        load_rest(session.document, session.position.section,
                  keep_going=lambda: self.is_attached and not worker.is_cancelled)

    def scan_places(self) -> dict[str, str]:
        """Where each action is in a switch scan (for the help)."""
        return reader_scan_places()

    @property
    def choosing(self) -> bool:
        """Whether the person is choosing from the section list (opened by Sections)."""
        return self._choosing

    def scan_targets(self) -> list[Target]:
        """What a switch scanner steps through, in order.

        Reading: the actions in the grouping of
        :data:`~alsreader.access.READER_SCAN_TARGETS` (Play/Pause first; Go to; Sections;
        Pace; Bookmark; Menu), including actions with a key but no control, then the list
        when it is shown beside the text. Choosing from the list: its rows (one by one, or
        in blocks when there are many), then Close.
        """
        if self._choosing:
            outline = self.query_one("#outline", Outline)
            rows = self._outline_targets(outline)
            if len(rows) <= GROUP_THRESHOLD:
                rows = [replace(row, scan=replace(row.scan, group=None)) for row in rows]
            close = Target(ScanTarget(CLOSE_LIST, "Close the list"), None,
                           run=self.close_list)
            return [*rows, close]
        controls = {button.action_id: button
                    for button in self.query_one("#controls", ControlBar).buttons}
        targets = [
            # A control hidden on a narrow screen (Talk) is still scanned, as its action.
            Target(scan, control if control is not None and control.display else None,
                   run=self._runner(scan.id))
            for scan in READER_SCAN_TARGETS
            for control in [controls.get(scan.id)]
        ]
        outline = self.query_one("#outline", Outline)
        if outline.display:
            # Shown beside the text: its rows can be pointed at (dwell) and are scanned as
            # one last group; Sections is the short way to them.
            targets += self._outline_targets(outline)
        return targets

    def _outline_targets(self, outline: Outline) -> list[Target]:
        # Asked for on every 50 ms tick: a book of 1,500 sections would otherwise build 1,500
        # targets each time. The rows change only with the list, the current section (its
        # mark), the sections in its window or the bookmarks.
        if not outline.rows_ready:
            if not self._choosing:
                return []  # beside the text: its rows come a frame after the text
            outline.ensure_rows()
        key = (id(outline), outline.option_count, outline.current, outline.shown_sections.start,
               len(outline.bookmarks))
        if self._outline_cache is None or self._outline_cache[0] != key:
            self._outline_cache = (key, widget_targets([outline], list_group=OUTLINE_GROUP))
        return list(self._outline_cache[1])

    async def press_control(self, binding_id: str) -> None:
        """Run a control's action, unless the press went to the sleep timer (a dwell, which
        the app never sees as a key or a click, in the timer's last minute)."""
        if self.sleep_timer_pressed():
            return
        await super().press_control(binding_id)

    def _runner(self, binding_id: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.press_control(binding_id)

        return run

    # ------------------------------------------------------------------ narrator reports

    @on(DocumentLoaded)
    def _document_loaded(self, message: DocumentLoaded) -> None:
        self._document = document = message.document
        self.query_one("#message", Static).display = False
        self.query_one("#text", SentenceView).display = True
        position = message.position
        self.query_one("#outline", Outline).show_document(document, position.section)
        self._apply_outline_layout()
        self._show_position(position)
        for notice in document.notices:
            self.notify(notice, title=document.title, timeout=15)
        if not document.sections:
            self._text_drawn()  # nothing to draw: speech now

    @on(SentenceView.FirstDrawn)
    def _text_drawn(self) -> None:
        # The first frame with the document's text is on the screen: speech is set up now,
        # in the background.
        if self._document is not None and self.session is None:
            self._set_up_speech(self._document)

    @on(DocumentReady)
    def _document_ready(self, message: DocumentReady) -> None:
        self.session = session = message.session
        narrator = session.narrator
        if narrator.state is SpeechState.UNAVAILABLE:
            self._speech, self._reason = narrator.state, self._reason or narrator.problem
        bookmarks = session.bookmarks()
        if bookmarks:
            outline = self.query_one("#outline", Outline)
            outline.set_bookmarks(bookmarks)
            outline.highlight_current()
        self._refresh_status()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        # A long book's other chapters are read once the saved place is on the screen.
        self.call_after_refresh(self._load_rest, session)

    @on(DocumentFailed)
    def _document_failed(self, message: DocumentFailed) -> None:
        self.query_one("#message", Static).display = True
        self.query_one("#text", SentenceView).display = False
        self.query_one("#message", Static).update(
            f"{one_line(message.message)}\n\nPress Escape to go to the library."
        )
        self.notify(message.message, title="Could not open", severity="error", timeout=15)

    def narrator_event(self, event: NarratorEvent) -> None:
        """Show what the narrator reported (on the UI thread)."""
        if not self.is_attached or not self.is_mounted:
            return  # a report that arrived while the reader was closing: nothing to show
        try:
            self._narrator_event(event)
        except NoMatches:
            # The app is closing: its widgets go before the screen says it is unmounted,
            # and a report that arrives in between has nothing left to show.
            return

    def _narrator_event(self, event: NarratorEvent) -> None:
        session = self.session
        if isinstance(event, StateChanged):
            # Kept even before the document is shown: "no audio" is often said at once.
            self._speech = event.state
            self._reason = event.reason
            if session is not None and event.state is SpeechState.PAUSED:
                session.save_place()
            self._sleep_timer_follows(event.state)
            self._refresh_status()
            return
        if session is None:
            return
        if isinstance(event, WordStarted):
            self._show_word(session.document, event)
            return
        if isinstance(event, (SentenceStarted, SectionTitleStarted)):
            self._show_position(session.document.clamp(event.position))
            session.save_place(event.position)
        elif isinstance(event, ReadingFaded):
            self.sleep_timer.finished()
            self._tell_sleep_timer("Sleep timer: reading stopped. The place is kept.", 10)
            self._refresh_status()
        elif isinstance(event, SpeechError):
            self.notify(event.message, title="Speech", severity="warning", timeout=10)
        elif isinstance(event, DocumentFinished):
            self.notify("The end of the document.", title=session.document.title, timeout=10)

    def _show_word(self, document: Document, event: WordStarted) -> None:
        """Mark the word being heard, if it belongs to the sentence shown."""
        view = self.query_one("#text", SentenceView)
        sections = document.sections
        if (0 <= event.position.section < len(sections)
                and view.section is sections[event.position.section]
                and view.current == event.position.sentence):
            view.show_word(event.start, event.end)

    def _show_position(self, position: Position) -> None:
        document = self._document
        if document is None:
            return
        if not document.sections:
            return
        section = document.sections[position.section]
        self._shown = position
        self.query_one("#text", SentenceView).show(section, position.sentence)
        self.query_one("#outline", Outline).set_current(position.section)
        self._refresh_status(position)

    def _refresh_status(self, position: Position | None = None) -> None:
        session = self.session
        play = self.query_one("#control-play_pause", BigButton)
        play.label = "Pause" if self._speech is SpeechState.READING else "Play"
        document = self._document
        if document is None:
            return
        where = (position if position is not None else session.position if session is not None
                 else self._shown)
        speech = self._speech.value
        if self._speech is SpeechState.UNAVAILABLE:
            speech = f"no audio: {self._reason}" if self._reason else "no audio"
        elif session is not None and session.narrator.silent_reason:
            speech = f"{speech} (no audio: {session.narrator.silent_reason})"
        self.query_one("#status", StatusLine).status = ReadingStatus(
            title=document.title,
            section=where.section + 1,
            sections=len(document.sections),
            percent=int(document.fraction_read(where) * 100),
            words_per_minute=self.services.settings.voice.rate,
            minutes_left=document.words_from(where) / max(self.services.settings.voice.rate, 1),
            speech=speech,
            access=self.services.access_label(),
            page=document.page_label_of(where),
            sleep=self._sleep_status(),
        )

    def settings_changed(self, names: frozenset[str]) -> None:
        """Show the keys on the controls again (the keymap may have changed) and the status
        (the pace)."""
        for button in self.query_one("#controls", ControlBar).buttons:
            button.key_label = self.services.keymap.label(button.action_id)
        if "reading.sleep_timer" in names:
            self._choose_sleep_timer(self.services.settings.reading.sleep_timer, tell=False)
        if "reading.highlight" in names:
            self.query_one("#text", SentenceView).highlight = (
                self.services.settings.reading.highlight)
        self._refresh_status()

    # ------------------------------------------------------------------ outline panel

    def on_resize(self, event: Resize) -> None:
        self.query_one("#control-talk", BigButton).display = (
            event.size.width >= TALK_CONTROL_FITS)
        self._apply_outline_layout()

    def _apply_outline_layout(self) -> None:
        """Beside the text on a wide screen; on a narrow one, in its place while choosing."""
        if self._document is None:
            return
        wide = self.size.width >= OUTLINE_BESIDE_TEXT
        shown = wide or self._choosing
        outline = self.query_one("#outline", Outline)
        outline.display = shown
        self.set_class(shown and not wide, "-outline-only")
        self.query_one("#main", Vertical).display = wide or not shown
        if not outline.display and outline.has_focus_within:
            self.query_one("#control-play_pause", BigButton).focus()

    def open_list(self) -> None:
        """Show the sections and bookmarks to choose from, the current section highlighted."""
        if self.session is None:
            return
        self._choosing = True
        self._apply_outline_layout()
        outline = self.query_one("#outline", Outline)
        outline.highlight_current()
        outline.focus()

    def close_list(self) -> None:
        """Stop choosing: the list goes (narrow screen) or stays beside the text (wide)."""
        self._choosing = False
        self._apply_outline_layout()
        self.query_one("#control-play_pause", BigButton).focus()
        self.query_one("#text", SentenceView).ensure_visible()

    @on(Outline.SectionChosen)
    def _section_chosen(self, message: Outline.SectionChosen) -> None:
        self._jump(Position(message.section, 0))

    @on(Outline.BookmarkChosen)
    def _bookmark_chosen(self, message: Outline.BookmarkChosen) -> None:
        self._jump(message.position)

    @_once_speech_is_ready
    def _jump(self, position: Position) -> None:
        if self.session is None:
            return
        if self._choosing:
            self.close_list()
        self.session.narrator.goto(self.session.document.clamp(position), play=True)

    @on(SentenceView.SentenceClicked)
    @_once_speech_is_ready
    def _sentence_clicked(self, message: SentenceView.SentenceClicked) -> None:
        if self.session is not None:
            self.session.narrator.goto(Position(message.section, message.sentence))

    # ------------------------------------------------------------------ actions

    @_once_speech_is_ready
    def action_play_pause(self) -> None:
        """Start reading, or pause."""
        if self.session is not None:
            self.session.narrator.toggle()

    @_once_speech_is_ready
    def action_next_sentence(self) -> None:
        """Move to the next sentence."""
        if self.session is not None:
            self.session.narrator.next_sentence()

    @_once_speech_is_ready
    def action_previous_sentence(self) -> None:
        """Move to the previous sentence."""
        if self.session is not None:
            self.session.narrator.previous_sentence()

    @_once_speech_is_ready
    def action_next_paragraph(self) -> None:
        """Move to the start of the next paragraph."""
        if self.session is not None:
            self.session.narrator.next_paragraph()

    @_once_speech_is_ready
    def action_previous_paragraph(self) -> None:
        """Move to the start of the previous paragraph."""
        if self.session is not None:
            self.session.narrator.previous_paragraph()

    @_once_speech_is_ready
    def action_next_section(self) -> None:
        """Move to the start of the next section."""
        if self.session is not None:
            self.session.narrator.next_section()

    @_once_speech_is_ready
    def action_previous_section(self) -> None:
        """Move to the start of this section, or the previous one."""
        if self.session is not None:
            self.session.narrator.previous_section()

    @_once_speech_is_ready
    def action_repeat(self) -> None:
        """Read the current sentence again."""
        if self.session is not None:
            self.session.narrator.repeat_sentence()

    @_once_speech_is_ready
    def action_faster(self) -> None:
        """Read faster."""
        self._change_rate(+1)

    @_once_speech_is_ready
    def action_slower(self) -> None:
        """Read slower."""
        self._change_rate(-1)

    def _change_rate(self, steps: int) -> None:
        if self.session is None:
            return
        voice = self.services.settings.voice
        rate = self.session.change_rate(steps, voice.rate)
        # The settings follow, so a later change of voice keeps this pace (and it is saved
        # when the reader quits).
        voice.rate = rate
        self._refresh_status()

    @_once_speech_is_ready
    def action_bookmark(self) -> None:
        """Bookmark the current sentence."""
        session = self.session
        if session is None:
            return
        where = session.add_bookmark()
        self.query_one("#outline", Outline).set_bookmarks(session.bookmarks())
        title = session.document.sections[where.section].title if session.document.sections else ""
        self.notify(f"Bookmark added: {title}, sentence {where.sentence + 1}.", timeout=5)

    def action_sleep_timer(self) -> None:
        """Step the sleep timer to its next length (off, 15 ... 60 minutes, section end)."""
        self._choose_sleep_timer(self.sleep_timer.next_length(), tell=True)

    @_once_speech_is_ready
    def action_sections(self) -> None:
        """Open the list of sections and bookmarks to jump to one; again, close it."""
        if self.session is None:
            return
        if self._choosing:
            self.close_list()
        else:
            self.open_list()

    def action_back(self) -> None:
        """Close the list (Esc closes the innermost thing and never leaves the document)."""
        if self._choosing:
            self.close_list()
            return
        if self._document is None:
            # The document could not be opened (or is still opening): nothing to leave.
            self.action_library()
            return
        keys = self.services.keymap
        self.notify(f"To leave this document press {keys.label('library')} (Library) or "
                    f"{keys.label('menu')} (Menu).", timeout=5)

    def action_library(self) -> None:
        """Leave the document for the library (the place is saved)."""
        self.leave()
        self.post_message(self.Closed())

    def action_menu(self) -> None:
        """The menu of what is not needed every minute: library, help, quit, settings."""
        def chosen(binding_id: str | None) -> None:
            if binding_id:
                self.call_later(self.press_control, binding_id)

        self.app.push_screen(MenuScreen(self.services), chosen)

    def leave(self) -> None:
        """Pause and save the place (before the screen goes away or the app quits)."""
        if self.session is not None:
            self.session.narrator.pause()
            self.session.save_place()

    # ------------------------------------------------------------------ sleep timer

    def _choose_sleep_timer(self, length: str, *, tell: bool) -> None:
        timer = self.sleep_timer
        timer.choose(length)
        if self.session is not None:
            self.session.narrator.cancel_fade()
            if timer.at_section_end and self._speech is SpeechState.READING:
                self.session.narrator.fade_out(last_section=self.session.position.section)
        if tell:
            self._tell_sleep_timer(f"Sleep timer: {_said(timer.length)}.")
        self._refresh_status()

    def _tell_sleep_timer(self, message: str, timeout: float = 5) -> None:
        """Show ``message`` in place of the sleep timer's last notice: pressing z through the
        lengths leaves one notice, the length chosen, not a stack of them."""
        app = self.app
        previous = self._sleep_notice
        if previous is not None:
            # Textual has no public call to withdraw one notice (its own Toast uses
            # _unnotify when clicked). Queued behind the previous Notify, so a notice not
            # shown yet is still withdrawn, after it arrives.
            app.call_later(app._unnotify, previous)
        notice = Notification(message, timeout=timeout)
        self._sleep_notice = notice
        app.post_message(Notify(notice))

    def _sleep_timer_follows(self, state: SpeechState) -> None:
        """Count the sleep timer's time while the voice reads; hold it otherwise."""
        timer = self.sleep_timer
        session = self.session
        if state is SpeechState.READING:
            timer.reading_started()
            if timer.at_section_end and session is not None:
                session.narrator.fade_out(last_section=session.position.section)
            return
        timer.reading_stopped()
        if timer.fading and session is not None:
            # Paused or stopped before the fade was heard through: the timer is done.
            session.narrator.cancel_fade()
            timer.finished()

    def _check_sleep_timer(self) -> None:
        timer = self.sleep_timer
        if not timer.on or self.session is None:
            return
        if timer.ran_out():
            self.session.narrator.fade_out()
        self._refresh_status()

    def _section_seconds_left(self) -> float | None:
        session = self.session
        if session is None or not session.document.sections:
            return None
        where = session.position
        sentences = session.document.sections[where.section].sentences[where.sentence:]
        words = sum(len(sentence.text.split()) for sentence in sentences if sentence.spoken)
        return 60.0 * words / max(self.services.settings.voice.rate, 1)

    def _sleep_status(self) -> str:
        timer = self.sleep_timer
        if not timer.on:
            return ""
        if timer.fading:
            return "Sleep: fading out"
        left = (self._section_seconds_left() if timer.at_section_end
                else timer.seconds_left()) or 0.0
        if timer.at_section_end:
            return f"Sleep at section end ({format_time_left(left / 60)})"
        return f"Sleep in {format_time_left(left / 60)}"

    def sleep_timer_pressed(self) -> bool:
        """A press (any key, switch or click) arrived: in the sleep timer's last minute it
        gives the whole time again, and True says it was taken for that (so it does
        nothing else: saying "still awake" must not pause the book)."""
        timer = self.sleep_timer
        session = self.session
        if timer.woke_within(self.services.repeat_guard.ignore_repeat):
            return True  # the same press doubled by a tremor
        if session is None or not timer.in_last_minute(self._section_seconds_left()):
            return False
        timer.wake()
        session.narrator.cancel_fade()
        if timer.at_section_end:
            # The end of this section was close: read on to the end of the next one.
            session.narrator.fade_out(last_section=session.position.section + 1)
            again = "until the end of the next section"
        else:
            again = f"{_said(timer.length)} more"
        self._tell_sleep_timer(f"Sleep timer: {again}.")
        self._refresh_status()
        return True


def _said(length: str) -> str:
    """A sleep timer length as a toast says it ("30 minutes", "at the end of the section")."""
    spec = spec_of("reading.sleep_timer")
    name = spec.name_of(length) if spec is not None else length
    return name[:1].lower() + name[1:]
