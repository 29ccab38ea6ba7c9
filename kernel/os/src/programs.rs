//! What the demo runs: the benchmark programs (embedded at build time, with
//! small arguments), one program per Python exception minijit can raise,
//! each with a call that traps followed by one that must succeed, and
//! programs over buffers that call host functions, with the Ethernet frames
//! they filter.
//!
//! Plain data with no dependencies, so that the host's boot test
//! (`tests/tests/kernel_boot.rs`) includes this very file and computes the
//! interpreter's answer to every call the kernel makes.

/// A program and the calls made to it.
pub struct Demo {
    /// The name it is shown under.
    pub name: &'static str,
    /// Python source.
    pub source: &'static str,
    /// Compile with fuel checks (needed for FuelExhausted).
    pub fuel: bool,
    /// The calls, in order.
    pub calls: &'static [Call],
}

/// One call and the limits it runs under.
pub struct Call {
    /// The function called.
    pub func: &'static str,
    /// Its arguments.
    pub args: &'static [i64],
    /// Deepest call nesting allowed.
    pub recursion_limit: u32,
    /// Fuel budget, for programs compiled with fuel.
    pub fuel: Option<u64>,
    /// The exception the call must raise, if it must.
    pub trap: Option<&'static str>,
}

const fn ok(func: &'static str, args: &'static [i64]) -> Call {
    Call {
        func,
        args,
        recursion_limit: 1000,
        fuel: None,
        trap: None,
    }
}

const fn raises(func: &'static str, args: &'static [i64], trap: &'static str) -> Call {
    Call {
        trap: Some(trap),
        ..ok(func, args)
    }
}

const fn bench(name: &'static str, source: &'static str, call: &'static [Call]) -> Demo {
    Demo {
        name,
        source,
        fuel: false,
        calls: call,
    }
}

/// The benchmark programs of `bench/`, with arguments small enough for
/// software emulation.
pub const BENCHMARKS: &[Demo] = &[
    bench(
        "fib.py",
        include_str!("../../../bench/fib.py"),
        &[ok("fib", &[20])],
    ),
    bench(
        "gcd.py",
        include_str!("../../../bench/gcd.py"),
        &[ok("gcd_sum", &[50])],
    ),
    bench(
        "collatz.py",
        include_str!("../../../bench/collatz.py"),
        &[ok("collatz_longest", &[1000])],
    ),
    bench(
        "mandel.py",
        include_str!("../../../bench/mandel.py"),
        &[ok("mandel", &[24])],
    ),
    bench(
        "primes.py",
        include_str!("../../../bench/primes.py"),
        &[ok("count_primes", &[5000])],
    ),
    bench(
        "sum_loop.py",
        include_str!("../../../bench/sum_loop.py"),
        &[ok("sum_loop", &[10000])],
    ),
    bench(
        "tak.py",
        include_str!("../../../bench/tak.py"),
        &[ok("tak", &[18, 12, 6])],
    ),
    bench(
        "xorshift.py",
        include_str!("../../../bench/xorshift.py"),
        &[ok("xorshift", &[10000])],
    ),
];

/// One program per exception kind: a call that raises it, then a call to
/// the same code that must answer normally.
pub const TRAPS: &[Demo] = &[
    Demo {
        name: "overflow.py",
        source: "def mul(a, b):\n    return a * b\n",
        fuel: false,
        calls: &[
            raises("mul", &[1 << 62, 2], "OverflowError"),
            ok("mul", &[6, 7]),
        ],
    },
    Demo {
        name: "zero_division.py",
        source: "def div(a, b):\n    return a // b\n",
        fuel: false,
        calls: &[raises("div", &[1, 0], "ZeroDivisionError"), ok("div", &[7, 2])],
    },
    Demo {
        name: "value.py",
        source: "def shift(a, n):\n    return a << n\n",
        fuel: false,
        calls: &[raises("shift", &[1, -1], "ValueError"), ok("shift", &[1, 10])],
    },
    Demo {
        name: "assertion.py",
        source: "def check(x):\n    assert x > 0, \"x must be positive\"\n    return x\n",
        fuel: false,
        calls: &[raises("check", &[-5], "AssertionError"), ok("check", &[5])],
    },
    Demo {
        name: "unbound.py",
        source: "def maybe(c):\n    if c:\n        y = 1\n    return y\n",
        fuel: false,
        calls: &[raises("maybe", &[0], "UnboundLocalError"), ok("maybe", &[1])],
    },
    Demo {
        name: "recursion.py",
        source: "def depth(n):\n    if n == 0:\n        return 0\n    return depth(n - 1) + 1\n",
        fuel: false,
        calls: &[
            Call {
                recursion_limit: 100,
                ..raises("depth", &[1000], "RecursionError")
            },
            Call {
                recursion_limit: 100,
                ..ok("depth", &[50])
            },
        ],
    },
    Demo {
        name: "fuel.py",
        source: "def spin(n):\n    total = 0\n    while n > 0:\n        total += n\n        n -= 1\n    return total\n",
        fuel: true,
        calls: &[
            Call {
                fuel: Some(1000),
                ..raises("spin", &[1_000_000], "FuelExhausted")
            },
            Call {
                fuel: Some(1000),
                ..ok("spin", &[100])
            },
        ],
    },
];

/// The exceptions [`TRAPS`] covers, one program each.
pub const TRAP_KINDS: [&str; 7] = [
    "OverflowError",
    "ZeroDivisionError",
    "ValueError",
    "AssertionError",
    "UnboundLocalError",
    "RecursionError",
    "FuelExhausted",
];

/// A program of the buffers and host functions part. It is compiled with
/// the kernel's host functions declared: `print(...)` (any number of
/// integers, written to the serial port as one line `print: 1 2 3`) and
/// `ticks()` (the TSC).
pub struct BufferDemo {
    /// The name it is shown under.
    pub name: &'static str,
    /// Python source.
    pub source: &'static str,
    /// What is done with it, in order.
    pub steps: &'static [Step],
}

/// What the kernel does with a [`BufferDemo`], and the lines it prints.
pub enum Step {
    /// Calls the function with every frame of [`PACKETS`] as its `bytes`
    /// argument, one line each (`accept(packet 3: 60 bytes) = 0  # what it
    /// is`); each answer must also be the frame's [`Packet::accept`]. Then a
    /// summary: `3 of 13 packets accepted: 0, 1, 10`.
    EveryPacket(&'static str),
    /// One call: a `NAME was REPR` line for each writable buffer argument,
    /// the lines its `print` calls write, the call's line (`f(text) =
    /// None`, `f(packet 11: 14 bytes) -> IndexError: ...`), then a `NAME is
    /// REPR` line for each writable buffer with its final contents.
    Call(BufferCall),
}

/// One call of a [`BufferDemo`].
pub struct BufferCall {
    /// The function called.
    pub func: &'static str,
    /// Its arguments.
    pub args: &'static [Input],
    /// The exception the call must raise, if it must.
    pub trap: Option<&'static str>,
}

/// An argument of a [`BufferCall`] and how the call's line shows it.
pub enum Input {
    /// An integer, shown as itself.
    Int(i64),
    /// `PACKETS[i]` as a `bytes` (read-only, in the kernel's static
    /// memory), shown as `packet 3: 60 bytes`.
    Packet(usize),
    /// A fresh `bytearray` with these contents, shown by its name; its
    /// lines show it as Python's `repr` does (`bytearray(b'...')`).
    ByteArray(&'static str, &'static [u8]),
    /// A fresh `list[int]` of this many zeros, shown by its name; its lines
    /// show it as `[0] * 300` before the call, after it as its first and
    /// last three items, whether they ascend, and the FNV-1a hash of the
    /// items' little-endian bytes: `[-5, -2, 0, ..., 7, 9, 12] (300
    /// items, ascending, fnv-1a 0x...)`.
    Zeros(&'static str, usize),
}

/// The buffers and host functions part: a packet filter run over
/// [`PACKETS`] and an IndexError on a runt frame, an in-place `bytearray`
/// transform, the heapsort of `bench/` over a `list[int]`, and compiled
/// code calling the host functions.
pub const BUFFERS: &[BufferDemo] = &[
    BufferDemo {
        name: "packet_filter.py",
        source: include_str!("../py/packet_filter.py"),
        steps: &[
            Step::EveryPacket("accept"),
            Step::Call(BufferCall {
                func: "ttl",
                args: &[Input::Packet(RUNT)],
                trap: Some("IndexError"),
            }),
            Step::Call(BufferCall {
                func: "ttl",
                args: &[Input::Packet(0)],
                trap: None,
            }),
        ],
    },
    BufferDemo {
        name: "rot13.py",
        source: "\
def rot13(text: bytearray) -> None:
    for i, c in enumerate(text):
        if 65 <= c <= 90:
            text[i] = (c - 65 + 13) % 26 + 65
        elif 97 <= c <= 122:
            text[i] = (c - 97 + 13) % 26 + 97
",
        steps: &[Step::Call(BufferCall {
            func: "rot13",
            args: &[Input::ByteArray(
                "text",
                b"Pbzcvyrq va gur xreary, ehaavat ba vgf bja cntrf.",
            )],
            trap: None,
        })],
    },
    BufferDemo {
        name: "heapsort.py",
        source: include_str!("../../../bench/heapsort.py"),
        steps: &[Step::Call(BufferCall {
            func: "heapsort",
            args: &[Input::Zeros("a", 300), Input::Int(12345)],
            trap: None,
        })],
    },
    BufferDemo {
        name: "host_calls.py",
        source: "\
def squares(n: int) -> int:
    t0 = ticks()
    total = 0
    for i in range(1, n + 1):
        total += i * i
        print(i, i * i, total)
    return ticks() - t0 >= 0
",
        steps: &[Step::Call(BufferCall {
            func: "squares",
            args: &[Input::Int(4)],
            trap: None,
        })],
    },
];

/// An Ethernet frame for the packet filter, and whether it must pass.
pub struct Packet {
    /// What it is, shown after its line.
    pub note: &'static str,
    /// The frame, from the destination MAC address on (no FCS).
    pub bytes: &'static [u8],
    /// Whether `accept` must return 1 for it: a TCP SYN (without ACK) to
    /// port 80 or 443 in a well-formed IPv4 datagram.
    pub accept: bool,
}

/// The frame of [`PACKETS`] too short for an IPv4 header.
pub const RUNT: usize = 11;

/// The frames the packet filter runs over, held in the kernel's static
/// memory. Frames shorter than Ethernet's 60 bytes are padded unless they
/// are meant to be short.
pub const PACKETS: &[Packet] = &[
    Packet {
        note: "TCP SYN to port 80",
        bytes: &frame::<60>(SYN_80),
        accept: true,
    },
    Packet {
        note: "TCP SYN to port 443, IPv4 options (IHL 6)",
        bytes: &frame::<60>(Ipv4 {
            ihl: 6,
            dst_port: 443,
            ..SYN_80
        }),
        accept: true,
    },
    Packet {
        note: "TCP SYN+ACK to port 443",
        bytes: &frame::<60>(Ipv4 {
            dst_port: 443,
            flags: TCP_SYN | TCP_ACK,
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "TCP SYN to port 22",
        bytes: &frame::<60>(Ipv4 {
            dst_port: 22,
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "TCP ACK to port 80",
        bytes: &frame::<60>(Ipv4 {
            flags: TCP_ACK,
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "UDP to port 53",
        bytes: &frame::<60>(Ipv4 {
            protocol: 17,
            dst_port: 53,
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "ARP request",
        bytes: &ARP_REQUEST,
        accept: false,
    },
    Packet {
        note: "IP version 6 under ethertype 0x0800",
        bytes: &frame::<60>(Ipv4 {
            version: 6,
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "IPv4 total length 1500 in a 60-byte frame",
        bytes: &frame::<60>(Ipv4 {
            total: Some(1500),
            ..SYN_80
        }),
        accept: false,
    },
    Packet {
        note: "truncated: 10 of the TCP header's 20 bytes",
        bytes: &frame::<44>(SYN_80),
        accept: false,
    },
    Packet {
        note: "TCP SYN to port 443 with TCP options",
        bytes: &frame::<74>(Ipv4 {
            dst_port: 443,
            tcp_options: true,
            ..SYN_80
        }),
        accept: true,
    },
    Packet {
        note: "Ethernet header only",
        bytes: &frame::<14>(SYN_80),
        accept: false,
    },
    Packet {
        note: "IHL 4, shorter than an IPv4 header",
        bytes: &frame::<60>(Ipv4 { ihl: 4, ..SYN_80 }),
        accept: false,
    },
];

const TCP_SYN: u8 = 0x02;
const TCP_ACK: u8 = 0x10;

/// What [`frame`] puts in its IPv4 datagram.
struct Ipv4 {
    version: u8,
    /// Header length in 32-bit words (5 without options).
    ihl: u8,
    /// The total length field; `None`: the datagram's real length.
    total: Option<u16>,
    /// 6 (TCP: a 20-byte header, or 40 with options) or 17 (UDP: an
    /// 8-byte header and 4 bytes of payload).
    protocol: u8,
    dst_port: u16,
    /// TCP flags.
    flags: u8,
    /// The 20 bytes of options a SYN from Linux carries.
    tcp_options: bool,
}

/// A new connection to port 80 from 10.0.2.15:49152.
const SYN_80: Ipv4 = Ipv4 {
    version: 4,
    ihl: 5,
    total: None,
    protocol: 6,
    dst_port: 80,
    flags: TCP_SYN,
    tcp_options: false,
};

/// An ARP request: who has 10.0.2.2? Tell 10.0.2.15.
const ARP_REQUEST: [u8; 42] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08,
    0x06, // Ethernet
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, // Ethernet/IPv4, request
    0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 10, 0, 2, 15, // sender
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 10, 0, 2, 2, // target
];

/// An Ethernet frame of `N` bytes carrying `ip` from 10.0.2.15 to
/// 10.0.2.2, with correct IPv4 and TCP/UDP checksums: cut after `N` bytes,
/// zero-padded up to `N`.
const fn frame<const N: usize>(ip: Ipv4) -> [u8; N] {
    let mut f = [0u8; 128];
    let header: [u8; 14] = [
        0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x00,
    ];
    let mut i = 0;
    while i < 14 {
        f[i] = header[i];
        i += 1;
    }
    let ihl = ip.ihl as usize * 4;
    let l4 = 14 + ihl;
    let l4_len = if ip.protocol == 17 {
        12
    } else if ip.tcp_options {
        40
    } else {
        20
    };
    let total = ihl + l4_len;
    let total_field = match ip.total {
        Some(t) => t,
        None => total as u16,
    };
    put16(
        &mut f,
        14,
        ((ip.version as u16) << 12) | ((ip.ihl as u16) << 8),
    );
    put16(&mut f, 16, total_field);
    put16(&mut f, 18, 0x1c46); // identification
    put16(&mut f, 20, 0x4000); // don't fragment
    f[22] = 64; // TTL
    f[23] = ip.protocol;
    let addresses = [10, 0, 2, 15, 10, 0, 2, 2];
    i = 0;
    while i < 8 {
        f[26 + i] = addresses[i];
        i += 1;
    }
    // Options: no-operation, no-operation, no-operation, end of list.
    i = 34;
    while i < l4 {
        f[i] = if i + 1 == l4 { 0 } else { 1 };
        i += 1;
    }
    let header_checksum = !sum16(&f, 14, ihl, 0);
    put16(&mut f, 24, header_checksum);
    put16(&mut f, l4, 49152); // source port
    put16(&mut f, l4 + 2, ip.dst_port);
    if ip.protocol == 17 {
        put16(&mut f, l4 + 4, l4_len as u16);
        put16(&mut f, l4 + 8, 0x1234); // a DNS query's id and flags
        put16(&mut f, l4 + 10, 0x0100);
    } else {
        put16(&mut f, l4 + 4, 0x5eed); // sequence number
        put16(&mut f, l4 + 6, 0x0001);
        if ip.flags & TCP_ACK != 0 {
            put16(&mut f, l4 + 10, 0x0bad); // acknowledgment number
        }
        f[l4 + 12] = ((l4_len / 4) as u8) << 4;
        f[l4 + 13] = ip.flags;
        put16(&mut f, l4 + 14, 64240); // window
        if ip.tcp_options {
            // MSS 1460, SACK permitted, timestamps, NOP, window scale 7.
            let options: [u8; 20] = [
                2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 1, 3, 3, 7,
            ];
            i = 0;
            while i < 20 {
                f[l4 + 20 + i] = options[i];
                i += 1;
            }
        }
    }
    // The pseudo-header: addresses, protocol and the TCP/UDP length.
    let pseudo = sum16(&f, 26, 8, ip.protocol as u32 + l4_len as u32);
    let checksum_at = if ip.protocol == 17 { l4 + 6 } else { l4 + 16 };
    let checksum = !sum16(&f, l4, l4_len, pseudo as u32);
    put16(&mut f, checksum_at, checksum);
    let mut out = [0u8; N];
    i = 0;
    while i < N {
        out[i] = f[i];
        i += 1;
    }
    out
}

const fn put16(f: &mut [u8; 128], at: usize, v: u16) {
    f[at] = (v >> 8) as u8;
    f[at + 1] = v as u8;
}

/// The ones' complement sum of `len` bytes of `f` from `at`, plus `add`.
const fn sum16(f: &[u8; 128], at: usize, len: usize, add: u32) -> u16 {
    let mut sum = add;
    let mut i = 0;
    while i < len {
        sum += ((f[at + i] as u32) << 8) | f[at + i + 1] as u32;
        i += 2;
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}
