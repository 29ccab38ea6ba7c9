# `(x << k) & 0xFFFF_FFFF` with k below 32, once the shift is proven not to
# overflow (`shl.wrap`): a 32-bit move and a 32-bit `shl`, which
# zero-extends, and no 64-bit shift before the mask.
def step(x):
    x = x & 0xFFFFFFFF
    x ^= (x << 13) & 0xFFFFFFFF
    x ^= x >> 17
    x ^= (x << 5) & 0xFFFFFFFF
    return x
