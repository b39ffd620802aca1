#!/usr/bin/env python3
"""Peer: the raw rate of (append ~350 bytes, fdatasync) on this disk -- the ceiling of one-fsync-per-event."""
import json, os, sys, time
path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
line = b"x" * 349 + b"\n"
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
t0 = time.perf_counter()
for _ in range(n):
    os.write(fd, line)
    os.fdatasync(fd)
dt = time.perf_counter() - t0
os.close(fd); os.remove(path)
print(json.dumps({"peer": "fdatasync", "events": n, "seconds": dt, "events_per_s": n / dt}))
