# Simultaneous assignment evaluates every value before assigning.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
