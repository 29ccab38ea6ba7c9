# Found by differential mutation testing (mutants of tests/programs that
# minijit accepts, checked against CPython).
#
# Bug: a `\` line continuation on the last line of the file is accepted.
# CPython refuses the file: "SyntaxError: unexpected EOF while parsing".
# minijit compiles it and f(5) returns 5. (The `# call:` line is up here
# because a comment after the `\` would be joined to the return line.)
# call: f(5)

def f(x):
    return x \
