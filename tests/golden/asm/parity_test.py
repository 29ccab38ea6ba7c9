# x % 2 == 0 after strength reduction is (x & 1) == 0: one `test x, 1`, no
# copy of x and no `and`.
def steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count
