# error: 8:7
# why: a bytearray passed for a bytes parameter
def g(b: bytes):
    return len(b)


def f(b: bytearray):
    g(b)
