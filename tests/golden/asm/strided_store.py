# The sieve's loops: the strided store loop keeps its counter below the
# length (its loop test proves it), so the store takes no bounds check and
# the loop test is the innermost loop's only compare.
def mark_composites(flags: bytearray) -> None:
    n = len(flags)
    p = 2
    while p * p < n:
        for j in range(p * p, n, p):
            flags[j] = 1
        p += 1
