#!/usr/bin/env python3
"""Peer: SQLite batched inserts (WAL, synchronous=FULL), one transaction (one sync) per batch.
Rows look like aap events (~350-byte JSON payload), into an indexed table.
Prints JSON: events, seconds, events_per_s."""
import argparse, json, os, sqlite3, time

p = argparse.ArgumentParser()
p.add_argument("--db", required=True)
p.add_argument("--batch", type=int, default=5000)
p.add_argument("--batches", type=int, default=10)
a = p.parse_args()
for s in ("", "-wal", "-shm"):
    if os.path.exists(a.db + s):
        os.remove(a.db + s)
db = sqlite3.connect(a.db, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL, at TEXT, actor TEXT, type TEXT, data TEXT)")
db.execute("CREATE UNIQUE INDEX events_stream ON events(stream, version)")
payload = json.dumps({"case": "AAP-BENCH-2026-0001", "action": "score", "fields": {"pertinence": 4, "faisabilite": 3, "impact": 5},
                      "reason": None, "state": "proposed", "note": "x" * 180})
seq = 0
t0 = time.perf_counter()
for b in range(a.batches):
    rows = []
    for i in range(a.batch):
        seq += 1
        rows.append((f"AAP-BENCH-2026-{seq // 12:06d}", seq % 12, "2028-01-01T00:00:00Z", "chair.durand", "case.advanced", payload))
    db.execute("BEGIN")
    db.executemany("INSERT INTO events(stream, version, at, actor, type, data) VALUES (?,?,?,?,?,?)", rows)
    db.execute("COMMIT")
dt = time.perf_counter() - t0
print(json.dumps({"peer": "sqlite " + sqlite3.sqlite_version, "events": seq, "seconds": dt, "events_per_s": seq / dt}))
