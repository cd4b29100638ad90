"""Reading state: round trip, bookmarks, damaged files set aside, threads, save failures."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alsreader import locations
from alsreader.document.model import Position
from alsreader.state import Bookmark, ReadingState, document_key

T0 = datetime(2026, 11, 27, 16, 0, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return T0


def test_default_location_is_the_state_file() -> None:
    state = ReadingState.load()
    assert state.path == locations.state_file()
    assert state.last_document is None
    assert state.notices == []


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    book = tmp_path / "book.md"
    other = tmp_path / "other.txt"
    state = ReadingState.load(path, clock=clock)
    assert state.get_position(book) is None
    assert state.set_position(other, Position(0, 3), fraction=0.01, section_title="Start")
    assert state.set_position(book, Position(2, 7), fraction=0.25, section_title="Causes")
    mark = state.add_bookmark(book, Position(1, 4), "the list of symptoms")
    assert mark == Bookmark(1, 4, "the list of symptoms", "2026-11-27T16:00:00+00:00")

    again = ReadingState.load(path)
    assert again.notices == []
    assert again.get_position(book) == Position(2, 7)
    assert again.get_position(str(book)) == Position(2, 7)
    assert again.last_document == book.resolve()
    entry = again.document(book)
    assert entry is not None
    assert (entry.fraction, entry.last_read, entry.section_title) == (
        0.25, "2026-11-27T16:00:00+00:00", "Causes")
    assert again.bookmarks(book) == [mark]
    assert set(again.documents()) == {document_key(book), document_key(other)}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["last_document"] == str(book.resolve())


def test_the_same_file_by_another_path_is_the_same_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = ReadingState(tmp_path / "state.json")
    (tmp_path / "docs").mkdir()
    state.set_position(tmp_path / "docs" / ".." / "book.md", Position(1, 1), fraction=0.5)
    monkeypatch.chdir(tmp_path)
    assert state.get_position(Path("book.md")) == Position(1, 1)


def test_bookmarks_sorted_replaced_and_removed(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "state.json", clock=clock)
    book = tmp_path / "book.md"
    state.add_bookmark(book, Position(3, 0), "late")
    state.add_bookmark(book, Position(1, 2), "early")
    state.add_bookmark(book, Position(3, 0), "late, renamed")
    assert [(b.position, b.label) for b in state.bookmarks(book)] == [
        (Position(1, 2), "early"), (Position(3, 0), "late, renamed")]
    assert state.remove_bookmark(book, Position(1, 2))
    assert not state.remove_bookmark(book, Position(9, 9))
    assert [b.label for b in ReadingState.load(state.path).bookmarks(book)] == ["late, renamed"]
    # A bookmark alone does not make a document the last one read.
    assert state.last_document is None


def test_forget(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "state.json")
    book = tmp_path / "book.md"
    state.set_position(book, Position(1, 0), fraction=0.1)
    state.forget(book)
    again = ReadingState.load(state.path)
    assert again.get_position(book) is None
    assert again.last_document is None


def test_fraction_is_kept_between_0_and_1(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "state.json")
    book = tmp_path / "b.md"
    for value, kept in ((1.5, 1.0), (-0.2, 0.0), (float("nan"), 0.0), (0.5, 0.5)):
        state.set_position(book, Position(0, 0), fraction=value)
        entry = state.document(book)
        assert entry is not None
        assert entry.fraction == kept


@pytest.mark.parametrize(
    "damage",
    [b'{"version": 1, "documents": {"/a": {"section": 1, "sen',  # cut off mid-write
     b"\x00\x00\x00\x00",  # a power cut left zeros
     b"\xff\xfe garbage",
     b"[1, 2, 3]",
     b"[" * 100_000 + b"]" * 100_000],
)
def test_damaged_file_is_set_aside_and_reading_starts_fresh(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(damage)
    state = ReadingState.load(path, clock=clock)
    aside = tmp_path / "state.json.corrupt-20261127T160000"
    assert state.notices == [
        "The saved reading places could not be read; a copy was kept as "
        "state.json.corrupt-20261127T160000; starting fresh."
    ]
    assert aside.read_bytes() == damage
    assert state.last_document is None
    assert state.set_position(tmp_path / "b.md", Position(1, 1), fraction=0.1)
    assert ReadingState.load(path).get_position(tmp_path / "b.md") == Position(1, 1)


def test_damaged_entries_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    good = {"section": 2, "sentence": 5, "fraction": 0.3, "last_read": "x",
            "section_title": "T", "bookmarks": [{"section": 1, "sentence": 0, "label": "b",
                                                 "created": "y"}]}
    path.write_text(json.dumps({
        "version": 1,
        "last_document": "/good",
        "documents": {"/good": good, "/bad": {"section": -1, "sentence": "x"},
                      "/worse": [1, 2]},
    }), encoding="utf-8")
    state = ReadingState.load(path, clock=clock)
    assert state.notices == [
        "The saved reading places had 2 damaged entries; a copy was kept as "
        "state.json.corrupt-20261127T160000; the rest was kept."
    ]
    assert state.get_position("/good") == Position(2, 5)
    assert state.bookmarks("/good") == [Bookmark(1, 0, "b", "y")]
    assert set(ReadingState.load(path).documents()) == {"/good"}
    assert (tmp_path / "state.json.corrupt-20261127T160000").is_file()


def test_a_failed_save_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    state = ReadingState(blocker / "state.json")
    assert not state.set_position(tmp_path / "b.md", Position(0, 1), fraction=0.0)
    assert state.last_error is not None
    assert state.last_error.startswith("Reading places could not be saved: ")
    # The place is still remembered for this session.
    assert state.get_position(tmp_path / "b.md") == Position(0, 1)


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "state.json")
    for i in range(50):
        state.set_position(tmp_path / "b.md", Position(0, i), fraction=i / 50)
    assert os.listdir(tmp_path) == ["state.json"]


def test_threads_can_save_at_once(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "state.json", durable=False)
    errors: list[BaseException] = []

    def reader_thread(n: int) -> None:
        try:
            for i in range(100):
                state.set_position(tmp_path / f"doc{n}.md", Position(n, i), fraction=i / 100)
                if i % 10 == 0:
                    state.add_bookmark(tmp_path / f"doc{n}.md", Position(n, i))
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=reader_thread, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    again = ReadingState.load(state.path)
    assert again.notices == []
    for n in range(4):
        assert again.get_position(tmp_path / f"doc{n}.md") == Position(n, 99)
        assert len(again.bookmarks(tmp_path / f"doc{n}.md")) == 10


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["version", "documents", "last_document", "/a",
                                       "section", "sentence", "fraction", "bookmarks",
                                       "label"]), inner, max_size=4),
    max_leaves=12,
))
def test_any_json_loads_without_raising(data: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        state = ReadingState.load(path, clock=clock)
        assert state.set_position(Path(folder) / "b.md", Position(0, 0), fraction=0.0)
        assert ReadingState.load(path).notices == []


def test_a_place_is_found_again_by_its_sentence_after_the_file_changed(tmp_path: Path) -> None:
    """Text inserted before the saved place moves its index; the sentence is found again
    by its text, in any format, and survives saving and loading the state."""
    from alsreader.document import load_document
    from alsreader.state import ReadingState as State

    book = tmp_path / "diary.md"
    book.write_text("# Monday\n\nWe walked. The sun was out.\n\n# Tuesday\n\nIt rained all day. "
                    "We read by the window.\n", encoding="utf-8")
    document = load_document(book)
    place = Position(1, 2)
    sentence = document.sentence_at(place)
    assert sentence is not None
    assert sentence.text == "We read by the window."
    state = State(tmp_path / "state.json", durable=False)
    state.set_position(book, place, fraction=0.5, sentence=sentence.text)
    book.write_text("# Sunday\n\nA new first day. Quiet.\n\n# Monday\n\nWe walked. The sun was "
                    "out.\n\n# Tuesday\n\nIt rained all day. We read by the window.\n",
                    encoding="utf-8")
    changed = load_document(book)
    reloaded = State.load(tmp_path / "state.json")
    found = reloaded.place_in(changed)
    assert found == Position(2, 2)
    assert changed.sentence_at(found).text == "We read by the window."  # type: ignore[union-attr]
    # Unchanged file: the index is trusted; a sentence that is gone: the nearest valid place.
    assert reloaded.place_in(document) == place
    book.write_text("# Only\n\nEverything else was deleted.\n", encoding="utf-8")
    assert reloaded.place_in(load_document(book)) == Position(0, 1)
