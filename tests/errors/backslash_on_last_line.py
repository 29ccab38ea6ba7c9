# error: 4:14
# why: a `\` continuation on the last line (found by mutation testing; CPython: unexpected EOF)
def f(x):
    return x \
