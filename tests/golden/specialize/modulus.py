# fix: powmod m=1000003
# With the modulus fixed, every `% m` becomes a multiply-high, a shift and
# a multiply-subtract (strength reduction); `m` leaves the signature.
def powmod(b, e, m):
    r = 1
    b = b % m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r
