# error: 4:1
# why: a block must be indented (points at the first statement of the block)
def f(n):
return n
