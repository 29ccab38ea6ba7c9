# error: 4:12
# why: decimal literals with leading zeros are not allowed (Python refuses 012)
def f(n):
    return 012
