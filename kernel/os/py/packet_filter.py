# A packet filter over one Ethernet frame: accept a new TCP connection (SYN
# without ACK) to port 80 or 443 carried in IPv4; reject anything else.
# Every field is read only after len(pkt) shows that it is there, so a
# truncated frame is rejected rather than raising IndexError.
#   minijit run kernel/os/py/packet_filter.py accept @frame.bin

ETH_HEADER = 14
ETHERTYPE_IPV4 = 0x0800
PROTO_TCP = 6
SYN = 0x02
ACK = 0x10


def be16(pkt: bytes, i: int) -> int:
    return (pkt[i] << 8) | pkt[i + 1]


def accept(pkt: bytes) -> int:
    n = len(pkt)
    if n < ETH_HEADER + 20:
        return 0
    if be16(pkt, 12) != ETHERTYPE_IPV4:
        return 0
    ip = ETH_HEADER
    if (pkt[ip] >> 4) != 4:
        return 0
    ihl = (pkt[ip] & 0x0F) * 4
    total = be16(pkt, ip + 2)
    # The IPv4 header, a TCP header's 20 bytes and the whole datagram must
    # be in the frame (which may carry padding after it).
    if ihl < 20 or total < ihl + 20 or ip + total > n:
        return 0
    if pkt[ip + 9] != PROTO_TCP:
        return 0
    tcp = ip + ihl
    data_offset = (pkt[tcp + 12] >> 4) * 4
    if data_offset < 20 or ihl + data_offset > total:
        return 0
    port = be16(pkt, tcp + 2)
    if port != 80 and port != 443:
        return 0
    return (pkt[tcp + 13] & (SYN | ACK)) == SYN


def ttl(pkt: bytes) -> int:
    # No length check: on a frame too short for an IPv4 header this raises
    # IndexError, and the kernel carries on.
    return pkt[ETH_HEADER + 8]
