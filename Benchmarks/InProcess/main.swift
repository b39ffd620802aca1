// aap-bench: in-process measurements of the store, for the rows a process per event cannot measure.
//
//   aap-bench lifecycle --store DIR --workflows DIR [--cases N] [--unsigned] [--state-every N]
//
// Creates a store in DIR (which must not exist), registers the actors, the workflows, one call and
// its committee, then runs N case lifecycles (submit, start-review, propose, score ×2, select,
// sign-agreement, pay advance, receive-report, evaluate, pay balance, close: 12 events), one
// `Store.execute` per event, i.e. one decision and one durable append (write + fdatasync, then the
// head.json anchor) per event, each line signed with its actor's Ed25519 key unless --unsigned.
// The state files (a cache; the log is the truth) are written every N events (default 1000, as a
// long-lived process would; 1 is what the CLI does, one process per command) and once more at the
// end, inside the measured time. The same lifecycle as Benchmarks/peers/eventsourcing_peer.py.
// Prints one JSON line.
import AAPDomain
import AAPStorage
import Foundation

struct Failure: Error, CustomStringConvertible {
    let description: String
}

func argument(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func run() throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.first == "lifecycle", let storePath = argument("--store", in: arguments),
          let workflowsPath = argument("--workflows", in: arguments) else {
        throw Failure(description: "usage: aap-bench lifecycle --store DIR --workflows DIR [--cases N] [--unsigned] [--state-every N]")
    }
    let stateEvery = argument("--state-every", in: arguments).flatMap(Int.init) ?? 1000
    let caseCount = argument("--cases", in: arguments).flatMap(Int.init) ?? 100
    let signed = !arguments.contains("--unsigned")
    guard let today = CalendarDate(year: 2026, month: 7, day: 15) else { throw Failure(description: "date") }
    let at = "2026-07-15T08:00:00Z"

    let store = try Store.create(directory: storePath)
    store.stateRowsInterval = max(1, stateEvery)
    let keys = signed ? KeyDirectory(path: storePath + ".keys") : nil
    let staff: [(String, String)] = [
        ("admin", "admin"), ("resp.garcia", "manager"), ("instr.roux", "instructor"), ("chair.durand", "committee_chair"),
        ("membre.fabre", "committee_member"), ("fin.moreau", "finance"),
    ]
    var setup: [ActorCommand] = []
    for (actor, role) in staff {
        let key = try keys?.keyCreatingIfNeeded(for: actor).publicKeyBase64
        setup.append(ActorCommand(.registerActor(RegisterActor(actor: actor, roles: [role], publicKey: key)), by: "admin"))
    }
    for name in ["call", "aap", "ami"] {
        let data = try Data(contentsOf: URL(fileURLWithPath: workflowsPath).appendingPathComponent("\(name).json"))
        setup.append(ActorCommand(.registerWorkflow(try WorkflowDefinition.load(data)), by: "admin"))
    }
    let call = "AAP-BENCH-2026"
    var create = CreateCall(call: call, kind: "aap", title: "Appel de mesure", envelope: "\(caseCount * 40_000)",
                            opensOn: "2026-01-15", closesOn: "2026-12-31")
    create.criteria = ["pertinence:50", "impact:50"]
    setup += [
        ActorCommand(.createCall(create), by: "resp.garcia"),
        ActorCommand(.advanceCall(AdvanceCall(call: call, action: "publish")), by: "resp.garcia"),
        ActorCommand(.setCommittee(SetCommittee(call: call, chair: "chair.durand", members: ["membre.fabre"], quorum: 2)), by: "resp.garcia"),
    ]
    try store.execute(setup, at: at, today: today, keys: keys)

    var events = 0
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        for n in 1...caseCount {
            let id = "\(call)-\(String(repeating: "0", count: max(0, 4 - String(n).count)))\(n)"
            let award = 30_000 + (n % 7) * 1_000
            func advance(_ action: String, _ fields: [String: String] = [:], by actor: String) -> ActorCommand {
                ActorCommand(.advanceCase(AdvanceCase(caseID: id, action: action, fields: fields)), by: actor)
            }
            let steps: [ActorCommand] = [
                ActorCommand(.submitCase(SubmitCase(call: call, fields: [
                    "applicant_name": "Association \(n)", "applicant_kind": "association", "siret": "73282932000074",
                    "departement": "31", "title": "Garage solidaire", "amount_requested": "60000", "received_on": "2026-04-12",
                ])), by: "instr.roux"),
                advance("start-review", by: "instr.roux"),
                advance("propose", ["opinion": "favorable", "proposed_amount": "\(award)"], by: "instr.roux"),
                advance("score", ["pertinence": "4", "impact": "3"], by: "chair.durand"),
                advance("score", ["pertinence": "5", "impact": "4"], by: "membre.fabre"),
                advance("select", ["awarded_amount": "\(award)"], by: "chair.durand"),
                advance("sign-agreement", ["instrument": "convention", "reference": "CONV-\(n)", "signed_on": "2026-07-01"], by: "fin.moreau"),
                advance("pay", ["amount": "\(award / 2)", "kind": "advance", "paid_on": "2026-07-02"], by: "fin.moreau"),
                advance("receive-report", ["received_on": "2026-07-10", "spent_amount": "\(award)"], by: "instr.roux"),
                advance("evaluate", ["outcome": "achieved", "note": "Objectifs atteints"], by: "instr.roux"),
                advance("pay", ["amount": "\(award - award / 2)", "kind": "balance", "paid_on": "2026-07-12"], by: "fin.moreau"),
                advance("close", by: "fin.moreau"),
            ]
            for step in steps {
                try store.execute([step], at: at, today: today, keys: keys)
                events += 1
            }
        }
        store.flushStateRows()
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("{\"events\": \(events), \"seconds\": \(seconds), \"events_per_s\": \(Double(events) / seconds), \"signed\": \(signed), \"cases\": \(caseCount), \"state_every\": \(stateEvery)}")
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("aap-bench : \(error)\n".utf8))
    exit(1)
}
