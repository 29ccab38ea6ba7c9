# `if i & 1:` branches on the bits of `i` under a mask: one `test i, 1`
# and a jump, with no copy of `i` and no `and` (the value `i & 1` is read
# only by the branch).
def mark_odd(b: bytearray):
    for i in range(len(b)):
        if i & 1:
            b[i] = 1
