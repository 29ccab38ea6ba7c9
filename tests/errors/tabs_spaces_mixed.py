# error: 5:2
# why: indentation mixes tabs and spaces inconsistently (points at the statement)
def f(n):
        x = 1
	return x
