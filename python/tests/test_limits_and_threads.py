"""time_limit, Ctrl-C and threads: long calls stop cleanly and release the GIL."""

import os
import signal
import threading
import time

import numpy as np
import pytest

import negsim


def slow_game(n=40, seed=1):
    rng = np.random.default_rng(seed)
    return negsim.bimatrix(rng.random((n, n)), rng.random((n, n)))


def test_time_limit_gives_limit_error_with_the_partial_result():
    with pytest.raises(negsim.LimitError) as info:
        negsim.solve(slow_game(), "enum", time_limit=0.05)
    err = info.value
    assert err.exit_code == 3 and "time limit of 0.05 s reached" in str(err)
    if err.result is not None:  # the verified equilibria found before the limit
        assert not err.result.complete and err.result.limit_reached["kind"] == "time"
        for eq in err.result:
            assert eq.max_regret <= 1e-6
    partial = negsim.solve(slow_game(), "enum", time_limit=0.05, partial=True) if err.result is not None else None
    if partial is not None:
        assert not partial.complete


def test_ctrl_c_interrupts_a_long_solve_cleanly():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    game = slow_game()
    timer = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            negsim.solve(game, "enum", time_limit=60)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 30
    # Python's own handler is back: a later Ctrl-C is Python's KeyboardInterrupt.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    # And the module still works.
    assert len(negsim.solve(negsim.bimatrix(np.eye(2), np.eye(2)), "enum")) == 3


def test_threads_solve_in_parallel_with_the_same_answers():
    games = [slow_game(8, seed) for seed in range(8)]
    expected = [negsim.solve(g, "enum").gambit() for g in games]
    results = [None] * len(games)

    def work(i):
        results[i] = negsim.solve(games[i], "enum").gambit()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(games))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_gil_is_released_during_a_solve():
    # While one thread solves, another keeps running Python code.
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        with pytest.raises(negsim.LimitError):
            negsim.solve(slow_game(), "enum", time_limit=0.3)
    finally:
        done.set()
        t.join()
    assert len(ticks) > 20


def test_sigint_reaches_pythons_handlers_between_and_during_solves():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    got = []
    old = signal.signal(signal.SIGINT, lambda signum, frame: got.append(signum))
    try:
        small = negsim.bimatrix(np.eye(2), np.eye(2))
        negsim.solve(small, "enum")  # negsim's handler is now in front of Python's
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100):
            if got:
                break
            time.sleep(0.01)
        assert got == [signal.SIGINT]  # the user's handler ran, nothing was raised
        # During a long solve: the solve stops, the user's handler runs, and the
        # call raises KeyboardInterrupt (the solve was cut short).
        timer = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                negsim.solve(slow_game(), "enum", time_limit=60)
        finally:
            timer.cancel()
        assert got == [signal.SIGINT, signal.SIGINT]
        # Ignored Ctrl-C: the solve is not interrupted.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.kill(os.getpid(), signal.SIGINT)
        assert len(negsim.solve(small, "enum")) == 3
    finally:
        signal.signal(signal.SIGINT, old)
