# Indentation with tabs only (one tab per level, nested three deep), with a
# continuation line and a comment indented by tabs. No space is used to indent.


def tabs(n):
	s = 0
	for i in range(n):
		if i % 2 == 0:
			s += i
		else:
			# odd values count negative
			s -= i
	while s > 100:
		s -= 100
	return s + \
		1


# call: tabs(0)
# call: tabs(10)
# call: tabs(1000)


def tabs_helper(a, b):
	if a < b:
		return tabs(b - a)
	return tabs(a - b)


# call: tabs_helper(3, 20)
