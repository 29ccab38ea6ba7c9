# fix: count_port port=443
# A packet filter over a buffer of 4-byte records (2-byte port, 2 bytes of
# flags): with the port fixed, the comparison is with a constant.
def count_port(packets: bytes, port):
    hits = 0
    for i in range(0, len(packets) - 3, 4):
        p = packets[i] << 8 | packets[i + 1]
        if p == port and packets[i + 2] & 1:
            hits += 1
    return hits
