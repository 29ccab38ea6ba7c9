# error: 7:3
# why: found by mutation testing: tabs then `\` fix the indentation at column 16 in both of CPython's measures, so the next line's two tabs are inconsistent (CPython: TabError)
def f(x):
	if x:
		\
x = 1
		x = x + 2
	return x
