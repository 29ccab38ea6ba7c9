# x % 2 == 0 after strength reduction is (x & 1) == 0: one `test x, 1`, no
# copy of x and no `and`. The branch on it is if-converted: both arms are
# computed (3 * x + 1 as two `lea`s) and a `cmove` picks one. The checked
# 3 * x + 1 cannot overflow while x is within a third of the range, which
# one unsigned compare tests first (the loop's second compare); beyond it,
# the original branch and its overflow checks run.
# loop compares: 2
def steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count
