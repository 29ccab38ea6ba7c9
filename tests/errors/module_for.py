# error: 4:1
# why: a for loop at module level
X = 0
for i in range(3):
    X += i


def f(n):
    return n
