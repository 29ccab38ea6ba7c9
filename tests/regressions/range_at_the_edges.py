# for loops whose last step would leave the 64-bit range (the loop must
# stop, not wrap), and range steps that are 0 or huge.

def count(start, stop, step):
    n = 0
    last = 0
    for i in range(start, stop, step):
        n += 1
        last = i
    return n * 1000 + (last & 997)

def nested(k):
    total = 0
    for i in range(9223372036854775807 - k, 9223372036854775807):
        for j in range(-9223372036854775807 - 1 + k, -9223372036854775807 - 1, -1):
            total += 1
    return total

# call: count(9223372036854775804, 9223372036854775807, 1)
# call: count(9223372036854775803, 9223372036854775807, 2)
# call: count(-9223372036854775805, -9223372036854775807, -1)
# call: count(-9223372036854775807, 9223372036854775807, 4611686018427387904)
# call: count(-9223372036854775807, 9223372036854775807, 9223372036854775807)
# call: count(9223372036854775807, -9223372036854775807, -4611686018427387904)
# call: count(0, 9223372036854775807, 4611686018427387905)
# call: count(1, 5, 0)
# call: count(5, 1, -9223372036854775807)
# call: nested(3)
