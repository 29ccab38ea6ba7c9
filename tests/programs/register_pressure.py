# Register pressure: 24 locals live at once across calls, a loop and
# branches, so some must live in memory; every one of them is used at the
# end with its own weight, so a value lost or swapped shows. Also values
# live across a recursive call. (Generated.)


def ident(x):
    return x


def pressure(n):
    v0 = n * 1 + 0
    v1 = n * 2 + 1
    v2 = n * 3 + 4
    v3 = n * 4 + 9
    v4 = n * 5 + 16
    v5 = n * 6 + 25
    v6 = n * 7 + 36
    v7 = n * 8 + 49
    v8 = n * 9 + 64
    v9 = n * 10 + 81
    v10 = n * 11 + 100
    v11 = n * 12 + 121
    v12 = n * 13 + 144
    v13 = n * 14 + 169
    v14 = n * 15 + 196
    v15 = n * 16 + 225
    v16 = n * 17 + 256
    v17 = n * 18 + 289
    v18 = n * 19 + 324
    v19 = n * 20 + 361
    v20 = n * 21 + 400
    v21 = n * 22 + 441
    v22 = n * 23 + 484
    v23 = n * 24 + 529
    for k in range(3):
        v0 = ident(v0 + v1) - k
        v3 = ident(v3 + v4) - k
        v6 = ident(v6 + v7) - k
        v9 = ident(v9 + v10) - k
        v12 = ident(v12 + v13) - k
        v15 = ident(v15 + v16) - k
        v18 = ident(v18 + v19) - k
        v21 = ident(v21 + v22) - k
        if k == 1:
            v1 += v6 % 7
            v5 += v10 % 7
            v9 += v14 % 7
            v13 += v18 % 7
            v17 += v22 % 7
            v21 += v2 % 7
    return v0 * 1 + v1 * 2 + v2 * 3 + v3 * 4 + v4 * 5 + v5 * 6 + v6 * 7 + v7 * 8 + v8 * 9 + v9 * 10 + v10 * 11 + v11 * 12 + v12 * 13 + v13 * 14 + v14 * 15 + v15 * 16 + v16 * 17 + v17 * 18 + v18 * 19 + v19 * 20 + v20 * 21 + v21 * 22 + v22 * 23 + v23 * 24


# call: pressure(0)
# call: pressure(1)
# call: pressure(-7)
# call: pressure(1000000)


def across_recursion(n, a, b, c):
    # a, b, c and six locals must survive the recursive call.
    if n == 0:
        return a + b + c
    x1 = a + 1
    x2 = b * 2
    x3 = c - 3
    x4 = a ^ b
    x5 = b | c
    x6 = a & c
    r = across_recursion(n - 1, x2 % 1000, x3 % 1000, x1 % 1000)
    return r + x1 - x2 + x3 - x4 + x5 - x6 + a * 7 + b * 11 + c * 13


# call: across_recursion(0, 1, 2, 3)
# call: across_recursion(5, 1, 2, 3)
# call: across_recursion(50, -4, 9, 100)


def many_args_many_locals(a, b, c, d, e, f, g, h):
    i = a + h
    j = b + g
    k = c + f
    m = d + e
    p = ident(i) * ident(j) - ident(k) * ident(m)
    return p + a - b + c - d + e - f + g - h + i * j * k * m


# call: many_args_many_locals(1, 2, 3, 4, 5, 6, 7, 8)
# call: many_args_many_locals(-8, 7, -6, 5, -4, 3, -2, 1)
