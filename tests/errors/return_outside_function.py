# error: 3:1
# why: return at module level
return 1
