"""The oracle for the tests: the original Python function (`f.py_func`)
run on copies of the same arguments."""

import array
import copy


def outcome(func, args):
    """What `func(*args)` gives: ("ok", value) or ("raise", type, message)."""
    try:
        return ("ok", func(*args))
    except Exception as e:  # noqa: BLE001 - any exception is an answer
        return ("raise", type(e), str(e))


def fresh(args):
    """Copies of the mutable arguments, so that both runs start alike."""
    out = []
    for a in args:
        if isinstance(a, (bytearray, list)):
            out.append(copy.copy(a))
        elif isinstance(a, array.array):
            out.append(array.array(a.typecode, a))
        else:
            out.append(a)
    return out


def same(jitted, *args):
    """Runs the jitted function and the original on fresh copies of `args`
    and checks that the results or exceptions and the final contents of
    the buffers are the same. Returns the jitted outcome."""
    py_args = fresh(args)
    jit_args = fresh(args)
    want = outcome(jitted.py_func, py_args)
    got = outcome(jitted, jit_args)
    assert got == want, f"{jitted.__name__}{tuple(args)}: jit {got}, Python {want}"
    assert jit_args == py_args, f"{jitted.__name__}{tuple(args)}: buffers differ"
    return got
