# UnboundLocalError: reading a local on a path where it was never assigned:
# assigned in one branch only, assigned only inside a loop that ran zero
# times, a for variable after an empty range, a local that shares a module
# constant's name read before its assignment (assignment anywhere in the
# function makes the name local everywhere in it), augmented assignment of an
# unassigned name, an assignment in a branch that is never taken (if 0:), and
# reads that are fine because the path assigned the name.

X = 5


def one_branch(n):
    if n > 0:
        y = 1
    return y


# call: one_branch(1)
# call: one_branch(0)


def if_elif_else(n):
    if n == 0:
        r = 10
    elif n == 1:
        pass
    else:
        r = 30
    return r


# call: if_elif_else(0)
# call: if_elif_else(1)
# call: if_elif_else(2)


def loop_zero_times(n):
    for i in range(n):
        last = i * 2
    return last


# call: loop_zero_times(3)
# call: loop_zero_times(0)
# call: loop_zero_times(-1)


def for_var_after_empty(n):
    for i in range(n, 0):
        pass
    return i


# call: for_var_after_empty(-2)
# call: for_var_after_empty(0)


def while_zero_times(n):
    while n > 0:
        z = n
        n -= 1
    return z


# call: while_zero_times(2)
# call: while_zero_times(0)


def shadow_constant(n):
    # X is assigned below, so X is a local of this function on every line.
    if n:
        X = 1
    return X


# call: shadow_constant(1)
# call: shadow_constant(0)


def shadow_constant_read_first(n):
    y = X + n
    X = 2
    return y + X


# call: shadow_constant_read_first(1)


def shadow_constant_aug(n):
    X += n
    return X


# call: shadow_constant_aug(1)


def shadow_constant_annotated(n):
    if n > 5:
        X: int = 100
    return X


# call: shadow_constant_annotated(6)
# call: shadow_constant_annotated(5)


def reads_constant(n):
    # No assignment to X here: X is the module constant.
    return X + n


# call: reads_constant(1)


def aug_unassigned(n):
    if n > 0:
        acc = 0
    acc += n
    return acc


# call: aug_unassigned(3)
# call: aug_unassigned(-3)


def never_taken(n):
    if 0:
        w = 1
    return n + w


# call: never_taken(1)


def assigned_later_in_loop(n):
    # The first iteration reads prev before any iteration assigned it.
    s = 0
    for i in range(n):
        if i > 0 or n > 5:
            s += prev
        prev = i
    return s


# call: assigned_later_in_loop(5)
# call: assigned_later_in_loop(6)
# call: assigned_later_in_loop(0)


def tuple_partial(n):
    if n:
        a, b = 1, 2
    else:
        a = 3
    return a * 10 + b


# call: tuple_partial(1)
# call: tuple_partial(0)


def unbound_in_condition(n):
    if n > 0:
        flag = n % 2
    if flag:
        return 1
    return 0


# call: unbound_in_condition(3)
# call: unbound_in_condition(-3)


def unbound_in_argument(n):
    if n > 0:
        v = n
    return abs(v)


# call: unbound_in_argument(-4)


def unbound_after_break(n):
    for i in range(10):
        if i == n:
            break
        found = i
    return found


# call: unbound_after_break(3)
# call: unbound_after_break(0)


def unbound_only_when_read(n):
    # The unassigned name is only read on the path that assigned it.
    if n > 0:
        q = n * 2
    if n > 0:
        return q
    return -1


# call: unbound_only_when_read(4)
# call: unbound_only_when_read(-4)


def dropped_read(n):
    # Even a value that is not used is read: the read itself traps.
    if n > 0:
        t = n
    u = t
    return 0


# call: dropped_read(1)
# call: dropped_read(0)
