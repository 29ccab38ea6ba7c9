# error: 4:29
# why: columns count characters, not bytes: the float after the non-ASCII string
def f(n):
    assert n, "ééé 日本"; x = 1.5
    return n
