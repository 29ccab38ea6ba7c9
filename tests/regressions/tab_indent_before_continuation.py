# Found by differential mutation testing (mutants of tests/programs that
# minijit accepts, checked against CPython).
#
# Bug: a line holding only tabs and a `\` continuation, continued by a line
# at column 0, is accepted. CPython refuses the file: "TabError: inconsistent
# use of tabs and spaces in indentation" (line 13). minijit runs it: f(5)
# returns 3. With spaces instead of tabs CPython accepts it and also says 3.

def f(x):
	if x:
		\
x = 1
		x = x + 2
	return x

# call: f(5)
# call: f(0)
