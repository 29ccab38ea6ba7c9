# A guard clause is tested before the prologue, on the parameters where
# they arrive: the early return (more than half of fib's calls) takes no
# stack check, saves no register and makes no frame; the code after the
# prologue does not test it again. fib calls itself at two places and is
# small: each call is a copy of its body (a frame counted, no call), whose
# own calls stay calls, so the base cases below the top take no call.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z
