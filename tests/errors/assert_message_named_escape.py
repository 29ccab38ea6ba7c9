# error: 4:25
# why: a \N{...} escape in an assert message (no table of character names)
def f(n):
    assert n > 0, "n is \N{MINUS SIGN}1"
    return n
