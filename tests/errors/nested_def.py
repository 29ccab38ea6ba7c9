# error: 4:5
# why: functions are defined at module level only
def f(n):
    def g(x):
        return x
    return n
