# An `if`/`elif`/`else` chain: every arm's way out meets in one block
# where the statement ends (not one join per `elif`), with a parameter
# for each local the arms leave different.
def f(op, acc):
    if op == 0:
        acc = acc + 1
    elif op == 1:
        acc = acc * 3
    elif op == 2:
        return acc
    elif op == 3:
        pass
    else:
        acc = -acc
    return acc
