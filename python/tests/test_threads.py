"""The GIL is released while compiled code runs: other threads run Python
and jitted code meanwhile, and concurrent calls give the right answers."""

import threading
import time

import minijit


@minijit.jit
def busy(n):
    total = 0
    for i in range(n):
        total = (total + i * i) % 1000003
    return total


def test_other_threads_run_while_compiled_code_runs():
    n = 40_000_000
    expected = busy.py_func(200_000)
    assert busy(200_000) == expected
    ticks = 0
    done = threading.Event()

    def work():
        busy(n)
        done.set()

    worker = threading.Thread(target=work)
    start = time.perf_counter()
    worker.start()
    # With the GIL held by the call, this loop could not run until it ends.
    while not done.is_set():
        ticks += 1
    worker.join()
    elapsed = time.perf_counter() - start
    assert ticks > 1000, (ticks, elapsed)


def test_concurrent_calls():
    results = {}

    def work(k):
        results[k] = [busy(10_000 + k), busy(k)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(8):
        assert results[k] == [busy.py_func(10_000 + k), busy.py_func(k)]


@minijit.jit
def handshake(flags: bytearray, me: int, other: int, limit: int) -> int:
    n = 0
    while n < limit:
        flags[me] = 1
        if flags[other] == 1:
            return n + 1
        n += 1
    return 0


def test_two_threads_run_compiled_code_at_the_same_time():
    # Each call raises its flag and waits, in compiled code, to see the
    # other's: only calls that run at the same time can both see it. With
    # the GIL held, the first would give up after `limit` rounds (seconds).
    flags = bytearray(2)
    results = [None, None]

    def run(me):
        results[me] = handshake(flags, me, 1 - me, 2_000_000_000)

    threads = [threading.Thread(target=run, args=(me,)) for me in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] > 0 and results[1] > 0, results


@minijit.jit
def count_down(n):
    if n == 0:
        return 0
    return 1 + count_down(n - 1)


@minijit.jit
def summed(n):
    t = 0
    for i in range(n):
        t += i
    return t


def test_threads_with_small_stacks_run_compiled_code():
    # Python lets a thread have 32 KiB of stack. The stack kept free below
    # compiled frames (128 KiB for a large stack) once took all of it, and
    # every call that loops or calls raised RecursionError.
    results = {}

    def run():
        results["loop"] = summed(10)
        results["calls"] = count_down(50)

    for size in (32 << 10, 128 << 10):
        old = threading.stack_size(size)
        try:
            thread = threading.Thread(target=run)
            thread.start()
            thread.join()
        finally:
            threading.stack_size(old)
        assert results == {"loop": 45, "calls": 50}, size
        results.clear()
