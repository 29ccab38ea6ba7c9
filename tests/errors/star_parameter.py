# error: 3:7
# why: *args parameters are not supported
def f(*args):
    return 0
