# Module-level constants: literals, constant expressions using earlier
# constants (all operators, comparisons, and/or, conditional expressions),
# edge values, annotated constants (X: int = 5, F: bool = True), constants
# used before their definition in source order by a function defined earlier,
# reassigned constants (each expression sees the value at that point; the
# functions see the last value), locals and parameters that share a
# constant's name (they are locals), constants as range bounds.

BASE = 10
SQUARE = BASE * BASE
NEG = -BASE
MAX = 9223372036854775807
MIN = -MAX - 1
MASK = (1 << 32) - 1
MIXED = (SQUARE + 3) // 4 % 7 - (NEG ** 2 >> 2) ^ MASK & 0xFF0 | 1
CMP = (SQUARE > BASE) + (BASE == 10) * 2 + (NEG < NEG < 0) * 4
LOGIC = (0 or BASE) + (BASE and 7) * 100 + (not BASE) * 1000
PICK = 5 if SQUARE > 50 else 6
LIMIT: int = 5
FLAG: bool = True
ALSO_FLAG: bool = SQUARE < 0

COUNTER = 1
SNAPSHOT = COUNTER * 100
COUNTER = COUNTER + 1
COUNTER = COUNTER * 10
UNUSED = 12345


def base():
    return BASE


# call: base()


def derived():
    return SQUARE + NEG + MIXED + CMP + LOGIC + PICK


# call: derived()


def edges(k):
    if k == 0:
        return MAX
    if k == 1:
        return MIN
    return MASK


# call: edges(0)
# call: edges(1)
# call: edges(2)


def annotated():
    return LIMIT * 10 + FLAG + ALSO_FLAG * 100


# call: annotated()


def reassigned():
    # SNAPSHOT saw COUNTER == 1; functions see the last value, 20.
    return SNAPSHOT * 1000 + COUNTER


# call: reassigned()


def uses_late():
    # LATE is defined after this function.
    return LATE + 1


LATE = 41


# call: uses_late()


def local_shadow(n):
    # A local named like a constant is a local of this function only.
    BASE = n * 2
    return BASE + SQUARE


# call: local_shadow(4)
# call: base()


def param_shadow(SQUARE):
    return SQUARE + BASE


# call: param_shadow(1)


def loop_to_limit():
    s = 0
    for i in range(LIMIT):
        s += i
    for i in range(NEG, 0, LIMIT):
        s += i
    return s


# call: loop_to_limit()


def later_reassigned():
    return CHANGED


CHANGED = 1
CHANGED = CHANGED + (MAX - 1)

# call: later_reassigned()


def min_overflow():
    # MIN - 1 overflows at run time (it is in a function, not a constant).
    return MIN - 1


# call: min_overflow()
