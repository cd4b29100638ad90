"""Dwell: rest the pointer on a target for dwell_time to activate it, once per visit."""

from __future__ import annotations

import pytest

from alsreader.access.clock import FakeClock
from alsreader.access.dwell import Dwell


def make(dwell_time: float = 1.2) -> tuple[Dwell, FakeClock, list[str]]:
    clock = FakeClock()
    fired: list[str] = []
    return Dwell(dwell_time, clock, listener=fired.append), clock, fired


def test_progress_fills_and_fires_once_at_dwell_time() -> None:
    dwell, clock, fired = make()
    dwell.pointer_at("faster")
    assert dwell.progress() == 0.0
    clock.advance(0.6)
    assert dwell.progress("faster") == pytest.approx(0.5)
    assert dwell.progress("slower") == 0.0
    assert dwell.tick() is None
    clock.advance(0.59)
    assert dwell.tick() is None
    clock.advance(0.02)
    assert dwell.tick() == "faster"
    assert fired == ["faster"]
    assert dwell.spent
    assert dwell.progress() == 0.0


def test_staying_on_a_target_never_fires_again() -> None:
    dwell, clock, fired = make()
    dwell.pointer_at("faster")
    for _ in range(200):
        clock.advance(0.05)
        dwell.pointer_at("faster")  # every mouse move reports the same target
        dwell.tick()
    assert fired == ["faster"]


def test_leaving_and_coming_back_fires_again() -> None:
    dwell, clock, fired = make()
    dwell.pointer_at("faster")
    clock.advance(1.3)
    dwell.tick()
    dwell.pointer_at(None)
    clock.advance(0.1)
    dwell.tick()
    dwell.pointer_at("faster")
    clock.advance(1.3)
    dwell.tick()
    assert fired == ["faster", "faster"]


def test_moving_to_another_target_resets_the_fill() -> None:
    dwell, clock, fired = make()
    dwell.pointer_at("faster")
    clock.advance(1.0)
    dwell.pointer_at("slower")
    assert dwell.progress() == 0.0
    clock.advance(1.0)
    assert dwell.tick() is None
    clock.advance(0.3)
    assert dwell.tick() == "slower"
    assert fired == ["slower"]


def test_pointer_over_nothing_never_fires() -> None:
    dwell, clock, fired = make()
    dwell.pointer_at(None)
    clock.advance(10.0)
    assert dwell.tick() is None
    assert dwell.progress() == 0.0
    assert fired == []
