#!/usr/bin/env python3
"""Drives `kernel --interactive` in a pseudo-terminal, as a person would.

usage: kernel_pty.py LAUNCHER

Checks that the prompt shows before anything is typed (the launcher passes
the kernel's output through as it comes, not line by line), that keys typed
at the prompt reach the kernel whole and are echoed, that a definition and a
call work, and that Ctrl-D at an empty prompt ends the session with success.
Prints what the terminal showed; exits 1 on the first failed check.
"""
import os, pty, select, sys, time

launcher = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.execv(launcher, [launcher, "--interactive", "--timeout", "120"])

shown = b""


def read_until(needle, seconds=90):
    """Reads the terminal until `needle` shows; the text read so far."""
    global shown
    deadline = time.time() + seconds
    while needle not in shown:
        left = deadline - time.time()
        if left <= 0:
            fail("no %r on the terminal" % needle)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                fail("the terminal closed before %r" % needle)
            if not chunk:
                fail("the terminal closed before %r" % needle)
            shown += chunk
    return shown


def fail(why):
    sys.stdout.write(shown.decode(errors="replace"))
    print("\nFAILED: " + why)
    sys.exit(1)


def type_keys(text):
    for ch in text.encode():
        os.write(fd, bytes([ch]))
        time.sleep(0.002)


# The prompt shows with no newline after it (the help before it ends
# with these words; its examples hold `>>> ` too).
read_until(b"ends with FuelExhausted.")
read_until(b"FuelExhausted.\r\n>>> ")
type_keys("def sq(x):\r")
read_until(b"... ")
type_keys("    return x * x\r\r")
type_keys("sq(11)\r")
read_until(b"121")
# Ctrl-D at an empty prompt ends the session.
read_until(b">>> ", 30)
os.write(fd, b"\x04")
_, status = os.waitpid(pid, 0)
try:
    while True:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        shown += chunk
except OSError:
    pass
sys.stdout.write(shown.decode(errors="replace"))
code = os.waitstatus_to_exitcode(status)
if code != 0:
    print("\nFAILED: the launcher exited with %d" % code)
    sys.exit(1)
if b"def sq(x):" not in shown:
    print("\nFAILED: the typed definition was not echoed whole")
    sys.exit(1)
print("\nOK")
