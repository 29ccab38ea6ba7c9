# Corners of Python's grammar inside the subset: trailing commas in parameter
# and argument lists, a trailing semicolon, no spaces around operators and
# keywords next to parentheses (if(x):, return(x), not(x), while(n>0):),
# operator sequences that the lexer must split (x--1 is x - (-1), a<-b is
# a < (-b), ~-x, -~x, x**-1), and pass on the same line as the colon.


def trailing_commas(a, b,):
    return max(a, b,) * 10 + min(
        a,
        b,
    ) + add3(a, b, 1,)


def add3(
    a,
    b,
    c,
):
    return a + b + c


# call: trailing_commas(3, 4)


def trailing_semicolon(n):
    n += 1;
    return n;


# call: trailing_semicolon(41)


def no_spaces(x):
    y=x*2+1;z=-x
    if(y>z):return(y-z)
    elif(y==z):return-1
    while(x>0):x-=1
    return~x


# call: no_spaces(5)
# call: no_spaces(-5)
# call: no_spaces(0)


def minus_minus(x):
    return x--1


# call: minus_minus(5)


def less_negative(a, b):
    return a<-b


# call: less_negative(-5, 3)
# call: less_negative(5, 3)


def unary_runs(x):
    return ~-x + -~x + - - -x + +-+x + (not(x)) + (not-x)


# call: unary_runs(5)
# call: unary_runs(0)


def pow_neg_literal(x):
    return x**-1


# call: pow_neg_literal(1)
# call: pow_neg_literal(0)


def keywords_next_to_parens(a, b):
    r = (a)if(b)else(b)
    if(a)and(b):
        r += 100
    if not(a)or(b):
        r += 1000
    return(r)


# call: keywords_next_to_parens(3, 4)
# call: keywords_next_to_parens(0, 4)
# call: keywords_next_to_parens(3, 0)


def pass_on_colon_line(n):
    if n: pass
    else: n = 1
    for i in range(n): pass
    return n


# call: pass_on_colon_line(0)
# call: pass_on_colon_line(5)
