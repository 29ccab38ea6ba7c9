# error: 4:9
# why: strings are not supported; the right-to-left override in it is shown as U+FFFD
def f():
    x = "‮abc" # ⁦note
    return x
