"""The installed voices as large rows: the engine's default first, then every voice by name.

Each voice is a :class:`ListRow` (title: the voice's name; detail: its id and languages), so
it is reached by keys (up / down, Enter), by a pointer, or by a switch scanning the rows in
groups. The voice in use is marked. Choosing a row posts ``VoicePicker.VoiceChosen``.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.events import DescendantFocus
from textual.message import Message

from alsreader.speech.synthesizer import VoiceInfo
from alsreader.ui.widgets.list_row import ListRow
from alsreader.ui.widgets.plain_scroll import PlainScroll

CHOSEN_MARK = "▶ "
"""Marks the voice in use (a shape, not only a colour)."""
DEFAULT_VOICE_TITLE = "Default voice"


class VoicePicker(PlainScroll):
    """A scrolling list of the installed voices, the one in use marked."""

    DEFAULT_CSS = """
    VoicePicker {
        height: 1fr;
        border: heavy $foreground;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    class VoiceChosen(Message):
        """A voice was chosen (Enter, click, or a switch)."""

        def __init__(self, voice_id: str | None) -> None:
            super().__init__()
            self.voice_id = voice_id
            """The chosen voice's id (None: the engine's default voice)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Choose a voice"
        self._chosen: str | None = None
        self._last_focused: ListRow | None = None

    @property
    def rows(self) -> list[ListRow]:
        """One row per voice, the default voice first."""
        return list(self.query(ListRow))

    def show_voices(self, voices: Sequence[VoiceInfo], chosen: str | None) -> None:
        """List ``voices`` (sorted by name) with ``chosen`` marked."""
        self._chosen = chosen
        self._last_focused = None
        self.remove_children()
        rows = [ListRow(DEFAULT_VOICE_TITLE, "the speech engine's own choice", value=None)]
        for voice in sorted(voices, key=lambda v: (v.name.casefold(), v.id)):
            languages = ", ".join(voice.languages)
            detail = voice.id + (f" · {languages}" if languages else "")
            rows.append(ListRow(voice.name, detail, value=voice.id))
        self.mount_all(rows)
        self._mark()

    def set_chosen(self, chosen: str | None) -> None:
        """Mark ``chosen`` as the voice in use."""
        self._chosen = chosen
        self._mark()

    def _mark(self) -> None:
        for row in self.rows:
            row.update(marker=CHOSEN_MARK if row.value == self._chosen else "")

    def chosen_row(self) -> ListRow | None:
        """The row of the voice in use (None if it is not installed)."""
        for row in self.rows:
            if row.value == self._chosen:
                return row
        return None

    def focused_voice(self) -> tuple[bool, str | None]:
        """(True, id) of the row that has (or last had) the focus; (False, None) if none.

        The last one counts because a click on a control (Hear sample) takes the focus.
        """
        row = self._last_focused
        if row is None or not row.is_attached:
            return False, None
        value = row.value
        return True, value if isinstance(value, str) else None

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, ListRow):
            self._last_focused = event.widget

    def focus_chosen(self) -> None:
        """Put the focus on the voice in use (or the first row) and scroll it into view."""
        row = self.chosen_row()
        rows = self.rows
        if row is None and rows:
            row = rows[0]
        if row is not None:
            row.focus(scroll_visible=False)
            self.scroll_to_widget(row, animate=False, top=True)

    @on(ListRow.Chosen)
    def _row_chosen(self, message: ListRow.Chosen) -> None:
        message.stop()
        value = message.row.value
        self.post_message(self.VoiceChosen(value if isinstance(value, str) else None))
