# Which names are local: a module constant's name assigned anywhere in a
# function (plain, augmented, annotated, tuple or for target) is a local in
# all of the function, so reading it first is UnboundLocalError; a name
# assigned only in code that never runs (after a return, under while 0 or
# if 0, after a break, after a while True that only returns) is a local
# that is never bound; a local bound on an earlier loop step; conditional
# binding through and-conditions.


A = 5


def read_then_assign(c):
    x = A
    A = 7
    return x + A


# call: read_then_assign(1)


def aug_const(c):
    A += 1
    return A


# call: aug_const(1)


def cond_assign(c):
    if c:
        A = 3
    return A


# call: cond_assign(1)
# call: cond_assign(0)


def loop_var(c):
    for A in range(c):
        pass
    return A


# call: loop_var(3)
# call: loop_var(0)


def param_named(A):
    return A * 2


# call: param_named(4)


def tuple_local(c):
    A, b = c, A
    return b


# call: tuple_local(9)


def annotated_local(c):
    A: int = c
    return A


# call: annotated_local(2)


def after_ret(n):
    if n:
        return y
    return 0
    y = 1


# call: after_ret(1)
# call: after_ret(0)


def while0(n):
    while 0:
        y = 1
    return y


# call: while0(1)


def if0(n):
    if 0:
        y = 5
    if n:
        return y
    return 2


# call: if0(1)
# call: if0(0)


def after_true(n):
    while True:
        if n:
            return z
        return 3
    z = 1


# call: after_true(1)
# call: after_true(0)


def after_break(n):
    for i in range(3):
        break
        w = 1
    return w


# call: after_break(1)


def loop_later(n):
    s = 0
    for i in range(n):
        if i > 0:
            s += t
        t = i * 10
    return s


# call: loop_later(3)
# call: loop_later(1)


def aug_unbound(n):
    if n:
        q = 1
    q += 1
    return q


# call: aug_unbound(1)
# call: aug_unbound(0)


def tuple_unbound(n):
    if n:
        a = 1
    a, b = 2, a
    return b


# call: tuple_unbound(1)
# call: tuple_unbound(0)


def short(n):
    if n > 0 and n < 10:
        v = 1
    if n > 0:
        return v
    return 0


# call: short(5)
# call: short(50)
# call: short(-1)
