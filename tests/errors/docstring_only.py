# error: 3:1
# why: a body of only a docstring falls off the end (points at def)
def f(n):
    """Nothing else."""
