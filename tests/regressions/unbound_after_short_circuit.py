# A loop's condition that reads a maybe-unbound local on one way only
# (`1 or x` never reads x; `c or x` reads it only when c is false): the
# body and the code after the loop must still check the local, and raise
# UnboundLocalError where CPython does. The lowering once took the slots
# of the last way into the loop body for all of them (found by
# differential, seed 41008517).

def after_or(n):
    for i0 in range(0, n, 1):
        pass
    w1 = 0
    while w1 < 1 and (1 or i0):
        w1 += 1
    return i0

def in_body(n, c):
    for i in range(n):
        pass
    k = 0
    while k < 2 and (c or i >= 0):
        k += 1
        if k == 2:
            return i
    return -1

def buffer_index(p: bytes, b: bytearray, n):
    for i0 in range(0, n, 1):
        pass
    w1 = 0
    while w1 < 1 and (1 or i0 or 0):
        w1 += 1
    b[i0] |= 0
    return 0

# call: after_or(0)
# call: after_or(3)
# call: in_body(0, 1)
# call: in_body(0, 0)
# call: in_body(4, 1)
# call: in_body(4, 0)
# call: buffer_index(b'', bytearray(b''), 0)
# call: buffer_index(b'', bytearray(b'ab'), 2)
