# for v in data: the loop tests its counter against the length once per item,
# and reads the item with no bounds check.
def total(data: bytes) -> int:
    s = 0
    for v in data:
        s += v
    return s
