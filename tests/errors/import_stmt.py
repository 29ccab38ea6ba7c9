# error: 3:1
# why: import is not supported
import os


def f(n):
    return n
