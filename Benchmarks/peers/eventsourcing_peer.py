#!/usr/bin/env python3
"""Peer: the Python `eventsourcing` library (SQLite recorder) on the same case lifecycle as aap.

  lifecycle --db PATH --cases K   decide + durable append, one event per commit (app.save after each command)
  replay    --db PATH             reconstruct every case aggregate from its events (no snapshots)
Prints one JSON object: events, seconds, events_per_s, library version.
The lifecycle is aap's: submit, start-review, propose, score x2, select, sign-agreement, pay (advance),
receive-report, evaluate, pay (balance), close -- with the same kind of guards (state, role, amounts).
"""
import argparse
import json
import os
import sys
import time
from importlib.metadata import version
from uuid import NAMESPACE_URL, uuid5

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Refused(Exception):
    pass


class Case(Aggregate):
    @event("Submitted")
    def __init__(self, call, applicant, siret, departement, title, amount_requested, received_on, actor):
        self.call, self.applicant, self.siret, self.departement = call, applicant, siret, departement
        self.title, self.requested, self.received_on = title, amount_requested, received_on
        self.state, self.scores, self.awarded, self.paid, self.spent = "submitted", {}, 0, 0, 0
        self.history = [actor]

    def _need(self, *states):
        if self.state not in states:
            raise Refused(f"case is {self.state}")

    def start_review(self, actor):
        self._need("submitted"); self._start_review(actor)

    @event("ReviewStarted")
    def _start_review(self, actor):
        self.state = "in_review"

    def propose(self, actor, opinion, proposed_amount):
        self._need("in_review")
        if proposed_amount > self.requested: raise Refused("above requested")
        self._propose(actor, opinion, proposed_amount)

    @event("Proposed")
    def _propose(self, actor, opinion, proposed_amount):
        self.state, self.proposed = "proposed", proposed_amount

    def score(self, actor, grid):
        self._need("proposed")
        if actor in self.scores: raise Refused("one score per member")
        self._score(actor, grid)

    @event("Scored")
    def _score(self, actor, grid):
        self.scores[actor] = grid

    def select(self, actor, awarded_amount):
        self._need("proposed")
        if len(self.scores) < 2: raise Refused("quorum")
        self._select(actor, awarded_amount)

    @event("Selected")
    def _select(self, actor, awarded_amount):
        self.state, self.awarded = "selected", awarded_amount

    def sign_agreement(self, actor, reference):
        self._need("selected"); self._sign(actor, reference)

    @event("AgreementSigned")
    def _sign(self, actor, reference):
        self.state = "granted"

    def pay(self, actor, amount, kind):
        self._need("granted", "report_received", "evaluated")
        if self.paid + amount > self.awarded: raise Refused("above award")
        self._pay(actor, amount, kind)

    @event("Paid")
    def _pay(self, actor, amount, kind):
        self.paid += amount

    def receive_report(self, actor, spent):
        self._need("granted"); self._report(actor, spent)

    @event("ReportReceived")
    def _report(self, actor, spent):
        self.state, self.spent = "report_received", spent

    def evaluate(self, actor, outcome):
        self._need("report_received"); self._evaluate(actor, outcome)

    @event("Evaluated")
    def _evaluate(self, actor, outcome):
        self.state = "evaluated"

    def close(self, actor):
        self._need("evaluated")
        if self.paid != min(self.awarded, self.spent): raise Refused("not settled")
        self._close(actor)

    @event("Closed")
    def _close(self, actor):
        self.state = "closed"


class Cases(Application):
    pass


def app_for(db):
    return Cases(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": db})


def lifecycle(app, n):
    """One case's 12 commands, each decided then saved (one commit, one event)."""
    award = 30000 + (n % 7) * 1000
    c = Case("AAP-BENCH-2026", f"Association {n}", "73282932000074", "31", "Garage solidaire", 60000, "2026-04-12", "instr.roux")
    app.save(c)
    steps = [
        lambda: c.start_review("instr.roux"),
        lambda: c.propose("instr.roux", "favorable", award),
        lambda: c.score("chair.durand", {"pertinence": 4, "impact": 3}),
        lambda: c.score("membre.fabre", {"pertinence": 5, "impact": 4}),
        lambda: c.select("chair.durand", award),
        lambda: c.sign_agreement("fin.moreau", f"CONV-{n}"),
        lambda: c.pay("fin.moreau", award // 2, "advance"),
        lambda: c.receive_report("instr.roux", award),
        lambda: c.evaluate("instr.roux", "achieved"),
        lambda: c.pay("fin.moreau", award - award // 2, "balance"),
        lambda: c.close("fin.moreau"),
    ]
    for step in steps:
        step()
        app.save(c)
    return c.id


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["lifecycle", "replay"])
    p.add_argument("--db", required=True)
    p.add_argument("--cases", type=int, default=100)
    a = p.parse_args()
    ids_path = a.db + ".ids"
    if a.mode == "lifecycle":
        for suffix in ("", "-wal", "-shm", ".ids"):
            if os.path.exists(a.db + suffix):
                os.remove(a.db + suffix)
        app = app_for(a.db)
        t0 = time.perf_counter()
        ids = [lifecycle(app, n) for n in range(a.cases)]
        dt = time.perf_counter() - t0
        with open(ids_path, "w") as f:
            f.write("\n".join(str(i) for i in ids))
        events = a.cases * 12
    else:
        app = app_for(a.db)
        ids = [line.strip() for line in open(ids_path) if line.strip()]
        from uuid import UUID
        uuids = [UUID(i) for i in ids]
        t0 = time.perf_counter()
        events = 0
        for u in uuids:
            c = app.repository.get(u)
            events += c.version
            assert c.state == "closed"
        dt = time.perf_counter() - t0
    print(json.dumps({"peer": "eventsourcing " + version("eventsourcing"), "mode": a.mode, "events": events,
                      "seconds": dt, "events_per_s": events / dt}))


if __name__ == "__main__":
    main()
