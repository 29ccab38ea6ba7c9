"""Module docstring: ignored. It may say anything, "quotes", 'quotes', # not a
comment, 1.5, [lists], return None -- none of it is code.
"""
# Docstrings: a string literal used as a statement is ignored: at the top of
# the module, between definitions, as a function docstring (one line or many,
# single or double quotes, triple or not), and in the middle of a body,
# including inside if/while/for bodies.

"""A second module-level string, between definitions."""

'single-quoted module string'


def documented(n):
    """Return n plus one."""
    return n + 1


# call: documented(41)


def multi_line(n):
    """Return twice n.

    The text has several lines, a "quoted" word, an escaped \" quote, a
    backslash \\ and a # that is not a comment.
    """
    return 2 * n


# call: multi_line(21)


def single_quoted(n):
    'A docstring in single quotes.'
    return n - 1


# call: single_quoted(43)


def triple_single(n):
    '''Triple single quotes, with "double" inside.'''
    return n * n


# call: triple_single(7)


def middle(n):
    x = n + 1
    """A string in the middle of the body is a no-op."""
    x *= 2
    "another one"
    return x


# call: middle(20)


def in_blocks(n):
    """Strings inside nested blocks."""
    s = 0
    for i in range(n):
        "in a for body"
        if i % 2 == 0:
            """in an if body"""
            s += i
        else:
            'in an else body'
    while n > 0:
        """in a while body"""
        n -= 1
    return s


# call: in_blocks(10)


def only_docstring_then_return():
    """Docstring first; the body still ends in a return."""
    return 7


# call: only_docstring_then_return()


def escapes(n):
    "Escapes: \n \t \\ \' \" \x41 \u00e9 and non-ASCII text: é ü ß 日本."
    return n


# call: escapes(3)


"""A string after the last function."""


def named_escapes(n):
    """Named escapes, \N{EM DASH} and \N{latin small letter e with acute},
    as Python reads them: the docstring is ignored, so no name is looked up.
    A lone surrogate, \ud800, is a string's character in Python too."""
    return n * 2


# call: named_escapes(5)
