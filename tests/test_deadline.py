"""`lobkit.deadline.hard_deadline`: whatever the main thread is doing, it stops at the
deadline — even code that swallows the first `ResourceLimit` — and nothing is left behind."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from lobkit.deadline import REPEAT, hard_deadline
from lobkit.errors import ResourceLimit


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_busy_loop_stops_at_the_deadline() -> None:
    start = time.monotonic()
    with pytest.raises(ResourceLimit, match="whole command"), hard_deadline(0.3, "whole command"):
        spin(30)
    assert time.monotonic() - start < 0.3 + 2


def test_code_that_swallows_the_limit_is_stopped_again() -> None:
    swallowed = []
    with pytest.raises(ResourceLimit, match="again"), hard_deadline(0.2, "again"):
        try:
            spin(30)
        except ResourceLimit:
            swallowed.append(time.monotonic())  # a handler that goes on regardless
        spin(30)  # stopped by the repeated alarm
    assert len(swallowed) == 1


def test_another_limit_inside_is_reported_as_the_deadline_once_it_fired() -> None:
    with pytest.raises(ResourceLimit, match="^the deadline$"), hard_deadline(0.2, "the deadline"):
        try:
            spin(30)
        except ResourceLimit:
            raise ResourceLimit("time limit of 0.1 s reached") from None


def test_work_that_ends_in_time_is_untouched_and_nothing_is_left_armed() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with hard_deadline(5, "unused"):
        spin(0.05)
    assert signal.getsignal(signal.SIGALRM) == before
    assert not [t for t in threading.enumerate() if t.name == "lobkit-deadline"]
    spin(REPEAT + 0.2)  # no late alarm arrives


def test_no_deadline_outside_the_main_thread_or_without_a_limit() -> None:
    done = []

    def work() -> None:
        with hard_deadline(0.05, "never"):
            spin(0.3)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    with hard_deadline(None, "never"):
        spin(0.1)
    assert done == [True]
