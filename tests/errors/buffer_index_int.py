# error: 4:12
# why: indexing an integer parameter (the subscript starts at its value)
def f(n: int):
    return n[0]
