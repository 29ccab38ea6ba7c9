# fix: scaled_sum n=100
# With the bound fixed the loop runs a known 100 times: its test compares
# with a constant, and `i` stays in 0..100, so `i * k` only needs `k` checked.
def scaled_sum(n, k):
    t = 0
    for i in range(n):
        t += i * k
    return t
