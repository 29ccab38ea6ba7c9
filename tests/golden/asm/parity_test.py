# x % 2 == 0 after strength reduction is (x & 1) == 0: one `test x, 1`, no
# copy of x and no `and`. The loop variable stays in one register: each arm
# computes the new x in place (the old one is dead there, a hole in its
# interval), so no move joins the arms and the loop ends in one `jne`.
def steps(x):
    count = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count
