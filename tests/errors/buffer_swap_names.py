# error: 4:5
# why: buffers are not values: two buffer parameters cannot be swapped
def f(x: bytes, y: bytes):
    x, y = y, x
    return 0
