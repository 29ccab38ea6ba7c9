# Recursion around the limit (1000 frames, the entry call is depth 1),
# reached directly, through a caller, by mutual recursion and with the
# arithmetic of the deepest frame overflowing: checked CPython counts
# frames exactly as minijit does.

def down(n):
    if n <= 1:
        return n * 1 + 0
    return down(n - 1) + 1

def via(n):
    return down(n) - 1

def ping(n, acc):
    if n <= 0:
        return acc
    return pong(n - 1, acc + 2)

def pong(n, acc):
    if n <= 0:
        return acc * 3
    return ping(n - 1, acc - 1)

def deepest_overflows(n, x):
    if n <= 1:
        return x + x
    return deepest_overflows(n - 1, x)

# call: down(999)
# call: down(1000)
# call: down(1001)
# call: via(998)
# call: via(999)
# call: via(1000)
# call: ping(998, 0)
# call: ping(999, 0)
# call: ping(1000, 0)
# call: deepest_overflows(1000, 4611686018427387904)
# call: deepest_overflows(1001, 4611686018427387904)
# call: deepest_overflows(1000, 7)
