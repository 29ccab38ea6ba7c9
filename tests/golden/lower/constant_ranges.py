# Constant bounds decide a range loop's first test: one item is the body
# once (a break leaves it), two or more enter the loop without a test, and
# an `if` without `else` branches straight to where it joins.
def f(n):
    s = n
    for i in range(1):
        if s > 5:
            break
        s += i
    for i in range(3):
        if s > 9:
            s -= 9
    return s
