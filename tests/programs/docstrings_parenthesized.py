# A string literal in parentheses used as a statement is a docstring like
# any other (Python's ast holds the same string): at module level, as a
# function's docstring, after a semicolon, implicitly concatenated over
# lines, in nested parentheses, and as the whole body of a None function.


("""A module docstring in parentheses.""")


def f(n):
    ("""A function docstring in parentheses.""")
    ('one'); n += 1
    (
        'implicitly '
        "concatenated"
    )
    if n > 2:
        ((('nested parentheses')))
        return n * 2
    ("between statements")
    return n


# call: f(1)
# call: f(5)


('a string between definitions')


def g():
    ('only a parenthesized docstring')


# call: g()
