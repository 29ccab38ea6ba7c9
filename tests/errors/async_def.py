# error: 3:1
# why: async functions are not supported
async def f(n):
    return n
