#!/usr/bin/env python3
"""Builds the peer table for the `sqlite3` CLI row: N event-like rows, indexed, in WAL mode.
The measured command is then (see Benchmarks/run):
  sqlite3 DB "PRAGMA synchronous=FULL; INSERT INTO events(stream,version,at,actor,type,data) VALUES(...);"
"""
import json, os, sqlite3, sys
path, n = sys.argv[1], int(sys.argv[2])
for s in ("", "-wal", "-shm"):
    if os.path.exists(path + s):
        os.remove(path + s)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL, at TEXT, actor TEXT, type TEXT, data TEXT)")
db.execute("CREATE UNIQUE INDEX events_stream ON events(stream, version)")
payload = json.dumps({"action": "score", "fields": {"pertinence": 4, "impact": 5}, "note": "x" * 200})
db.execute("BEGIN")
db.executemany("INSERT INTO events(stream, version, at, actor, type, data) VALUES (?,?,?,?,?,?)",
               ((f"AAP-BENCH-{i // 12:07d}", i % 12, "2028-01-01T00:00:00Z", "chair.durand", "case.advanced", payload) for i in range(n)))
db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
