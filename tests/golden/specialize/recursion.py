# fix: pow_rec m=97
# The recursive call passes `m` on unchanged: it calls the specialized
# copy itself, and the helper `mulmod` is specialized (and inlined) too.
# The recursion is unrolled once: the call is a copy of the body, whose
# own call stays a call.
def mulmod(a, b, m):
    return a * b % m

def pow_rec(b, e, m):
    if e == 0:
        return 1 % m
    h = pow_rec(b, e // 2, m)
    h = mulmod(h, h, m)
    if e % 2 == 1:
        h = mulmod(h, b, m)
    return h
