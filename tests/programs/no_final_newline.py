# The last line of this file has no newline at its end, and the file ends
# inside an indented block, so the closing dedents come from the end of input.
# call: last(14)
# call: last(-1)


def last(n):
    if n > 0:
        return n * 3
    return n