# error: 3:1
# why: from-import is not supported
from os import path


def f(n):
    return n
