# error: 7:1
# why: if __name__ == "__main__": is a module-level if
def f(n):
    return n


if __name__ == "__main__":
    f(1)
