# error: 3:1
# why: a for loop can end, even one whose body returns (points at def)
def f(n):
    for i in range(n):
        return i
