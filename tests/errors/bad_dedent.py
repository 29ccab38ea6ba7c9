# error: 6:7
# why: the dedent matches no outer level (points at the statement)
def f(n):
    if n:
        x = 1
      return n
