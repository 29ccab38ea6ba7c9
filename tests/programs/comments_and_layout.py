# Layout: comments everywhere (own line at any indentation, after code, in
# continued lines), blank lines (also with trailing spaces) inside bodies,
# backslash continuation, implicit continuation inside parentheses, call
# argument lists and parameter lists, semicolons between simple statements,
# simple statements on the same line as the colon (if n < 2: return n),
# several statements after one colon, and indentation by 2, 4 and 8 spaces in
# different functions (and uneven steps inside one function).


def one_line_if(n):
    if n < 2: return n
    return one_line_if(n - 1) + one_line_if(n - 2)


# call: one_line_if(10)


def semicolons(n):
    a = n; b = a * 2; c = b + 1
    a += 1; b -= 1
    return a + b + c


# call: semicolons(5)


def several_after_colon(n):
    if n > 0: n -= 1; n *= 10; n += 3
    else: n = -n; n += 100
    return n


# call: several_after_colon(5)
# call: several_after_colon(-5)


def one_line_loops(n):
    s = 0
    while n > 0: s += n; n -= 1
    for i in range(3): s += i; s *= 2
    return s


# call: one_line_loops(4)


def backslash(a, b):
    total = a + \
        b * 2 + \
        3
    if a > 0 and \
       b > 0:
        return total
    return \
        -total


# call: backslash(1, 2)
# call: backslash(-1, 2)


def implicit(a,
             b,
             c):
    x = (a +
         b *
         c)
    y = max(a,
            b,   # a comment inside the call
            c
            )
    return (x
            - y
            )


# call: implicit(2, 3, 4)


def comments(n):  # comment after the header
    # comment at body level
    x = n  # comment after a statement
# comment at column 1 inside a body
            # comment indented deeper than the body
    if x > 0:
        # comment inside the if
        x += 1

        # after a blank line
    else:
        x -= 1
    # before the return
    return x  # after the return
    # after the last statement


# call: comments(5)
# call: comments(-5)


def blank_lines(n):

    x = n
    
    
    y = x * 2
        
    return y


# call: blank_lines(21)


def two_spaces(n):
  if n > 0:
    return n
  return -n


# call: two_spaces(-4)


def eight_spaces(n):
        if n > 0:
                return n
        return -n


# call: eight_spaces(-8)


def mixed_depths(n):
    if n > 0:
          if n > 10:
                 return 2
          return 1
    return 0


# call: mixed_depths(11)
# call: mixed_depths(5)
# call: mixed_depths(0)


def parens_everywhere(n):
    if (n > 0):
        return (((n)))
    while (n < 0):
        n = (n + (1))
    return (n)


# call: parens_everywhere(3)
# call: parens_everywhere(-3)


def continued_condition(a, b, c):
    if (a < b
            and b < c):
        return 1
    return 0


# call: continued_condition(1, 2, 3)
# call: continued_condition(3, 2, 1)


def continued_tuple_assign(a, b):
    a, b = b, (a
                + 0)
    x, y = \
        a, b
    return x * 10 + y


# call: continued_tuple_assign(1, 2)


def long_line(n):
    return n + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25 + 26 + 27 + 28 + 29 + 30 + 31 + 32 + 33 + 34 + 35 + 36 + 37 + 38 + 39 + 40


# call: long_line(0)
