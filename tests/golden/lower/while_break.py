# while with break and continue; a local that may be unbound after the loop.
def find(n, k):
    i = 0
    while True:
        if i == n:
            break
        i += 1
        if i % 2:
            continue
        if i * i > k:
            found = i
            break
    return found
