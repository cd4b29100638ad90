"""The garbage collector during start-up: held until the app starts, then start-up frozen.

Starting the reader imports a few hundred modules and builds thousands of long-lived objects
(classes, styles, widgets, settings) and no garbage worth collecting. Python's cycle
collector still runs on every few hundred new objects, and each run walks what was built
so far: measured here, about 130 collections and one full one, 60-90 ms on a busy 2-core
machine, the largest single piece of the reader's start-up beyond Textual's own.

So ``alsreader`` (``cli.main``) holds the collector first thing, and the app lets it go
when it starts running (``on_mount``): everything imported and built by then is frozen
(:func:`gc.freeze`, never scanned again) and the collector runs as usual for what comes
after, young objects only, which is cheap. That is before any screen reads a document: a
document's objects (and the garbage of reading it) must stay collectable, or a closed book
would stay in memory. Code that never held it (tests, a program that builds the app itself)
is left alone. No Textual here.
"""

from __future__ import annotations

import gc

_held = False


def hold_collection() -> None:
    """Pause the cycle collector for start-up (if it runs now); see :func:`release_collection`."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collection() -> None:
    """End start-up: freeze what start-up built and run the collector again. Only the first
    call after :func:`hold_collection` does anything; without one, nothing happens."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def collection_held() -> bool:
    """Whether start-up holds the collector now."""
    return _held
