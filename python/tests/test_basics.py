"""The decorator: results against the original function, lazy and eager
compiling, what the wrapper keeps of the original."""

import itertools

import pytest

import minijit
from oracle import same


# The original decorator's example.
@minijit.jit
def f(a, b):
    return a * a - b * b


def test_the_original_example():
    assert f(7, 3) == 40
    for a, b in itertools.product(range(-20, 21, 3), repeat=2):
        same(f, a, b)
    same(f, 3_000_000_000, 2_999_999_999)


@minijit.jit
def collatz_steps(n: int) -> int:
    """Steps of the Collatz sequence from n to 1."""
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def test_loops_and_annotations():
    for n in range(1, 200):
        same(collatz_steps, n)


@minijit.jit
def floor_semantics(a, b):
    return (a // b) * 1000 + a % b


def test_python_semantics_of_floor_division_and_modulo():
    for a, b in itertools.product([-7, -1, 0, 1, 7, 100], [-3, -2, 2, 3, 10]):
        same(floor_semantics, a, b)


@minijit.jit
def nothing(a):
    x = a + 1


def test_a_function_without_return_gives_none():
    assert nothing(1) is None
    same(nothing, 5)


def test_bool_and_index_arguments():
    assert f(True, False) == 1
    same(f, True, 2)

    class Index:
        def __index__(self):
            return 5

    assert f(Index(), 4) == 9


def test_keyword_arguments():
    assert f(b=3, a=7) == 40
    assert f(7, b=3) == 40
    for args, kwargs in [((1, 2, 3), {}), ((1,), {}), ((), {}), ((1,), {"a": 2}), ((1, 2), {"c": 1})]:
        with pytest.raises(TypeError) as jit_error:
            f(*args, **kwargs)
        with pytest.raises(TypeError) as py_error:
            f.py_func(*args, **kwargs)
        assert str(jit_error.value) == str(py_error.value)


def test_wrapper_keeps_the_original():
    assert f.py_func(7, 3) == 40
    assert f.py_func.__name__ == "f"
    assert f.__name__ == "f"
    assert f.__qualname__ == "f"
    assert f.__module__ == __name__
    assert f.__wrapped__ is f.py_func
    assert collatz_steps.__doc__ == "Steps of the Collatz sequence from n to 1."
    assert "minijit.jit" in repr(f)


def test_lazy_compiles_on_first_call_and_eager_at_once():
    @minijit.jit
    def lazy(x):
        return x + 1

    assert lazy.program is None and lazy.signature is None
    assert lazy(1) == 2
    assert lazy.program is not None
    assert lazy.signature == (["int"], "int")

    @minijit.jit(eager=True)
    def eager(x):
        return x * 2

    assert eager.program is not None
    assert eager(21) == 42


def test_jit_of_something_else_is_a_type_error():
    with pytest.raises(TypeError):
        minijit.jit(len)
    with pytest.raises(TypeError):
        minijit.jit(lambda x: x)


def test_integers_outside_64_bits():
    with pytest.raises(OverflowError, match=r"f\(\) argument 'a' does not fit in 64 bits"):
        f(2**63, 1)
    with pytest.raises(OverflowError, match="argument 'b'"):
        f(1, -(2**63) - 1)
    assert f(3037000499, 3037000499) == 0  # a * a just fits
    with pytest.raises(TypeError, match=r"f\(\) argument 'a' must be int, not float"):
        f(1.5, 2)
    with pytest.raises(TypeError, match="must be int, not str"):
        f(1, "2")


def test_disassemble_and_ir():
    text = minijit.disassemble(f)
    assert text.startswith("f:\n")
    assert "imul" in text and "ret" in text
    ir = minijit.ir(f)
    assert "function f {" in ir and "mul" in ir
    assert "function f {" in minijit.ir(f, optimized=False)
    with pytest.raises(TypeError):
        minijit.disassemble(f.py_func)


def test_the_program_is_visible():
    program = f.program
    assert program.functions() == ["f"]
    assert "def f(a, b):" in program.source
    assert program.code_size > 0


def test_the_decorated_object_and_its_state():
    import gc
    import weakref

    assert type(f) is minijit.JitFunction
    assert isinstance(minijit._minijit.state_of(f), minijit.JitState)
    assert minijit._minijit.state_of(f.py_func) is None

    def make():
        @minijit.jit
        def g(x):
            return x + 1

        assert g(1) == 2
        return weakref.ref(minijit._minijit.state_of(g))

    state = make()
    gc.collect()
    assert state() is None  # the function, its state and its code are freed


def test_the_state_is_callable_too():
    # What the front hands every call it does not run itself to (and what
    # Python 3.9 calls through tp_call): the same answers and errors.
    state = minijit._minijit.state_of(f)
    assert state(7, 3) == 40
    assert state(7, b=3) == 40
    with pytest.raises(OverflowError, match="argument 'a'"):
        state(2**64, 1)
    with pytest.raises(TypeError, match="takes 2 positional arguments but 3 were given"):
        state(1, 2, 3)


def test_pickled_copied_and_weakly_referenced_as_a_function():
    # By reference, as pickle takes functions (multiprocessing sends them
    # so): the same object comes back.
    import copy
    import gc
    import pickle
    import weakref

    assert pickle.loads(pickle.dumps(f)) is f
    assert copy.copy(f) is f and copy.deepcopy(f) is f
    ref = weakref.ref(f)
    assert ref() is f

    @minijit.jit
    def local(n):
        return n

    with pytest.raises((pickle.PicklingError, AttributeError), match="local"):
        pickle.dumps(local)
    ref = weakref.ref(local)
    del local
    gc.collect()
    assert ref() is None
