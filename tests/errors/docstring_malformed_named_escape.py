# error: 4:21
# why: a \N escape without {NAME} is malformed, in a docstring too
def f(n):
    """A bad escape \N{} here."""
    return n
