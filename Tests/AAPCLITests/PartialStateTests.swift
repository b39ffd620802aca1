import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// A command decides on the part of the state it reads (its call, its case, the other cases of the
/// call only when its rules count them). These tests check, on the demo's log (five calls, AAP and
/// AMI, committees, decisions within envelopes, payments, reports, closures), that this part gives
/// exactly the decision the whole state gives: the same event, or the same refusal word for word;
/// and so does the state an audit keeps, where finished cases have lost their history.
@Suite("État partiel : mêmes décisions que l'état complet")
struct PartialStateTests {
    /// What deciding gave: the event, or the refusal's kind, message and allowed actions.
    enum Outcome: Equatable {
        case event(Event)
        case refusal(String, String, [String])
        case other(String)
    }

    static func outcome(_ command: Command, in state: StoreState, actor: String, today: CalendarDate) -> Outcome {
        do {
            return .event(try Decider.decide(command, in: state, context: DecisionContext(actor: actor, today: today)))
        } catch let refusal as Refusal {
            return .refusal("\(refusal.kind)", refusal.message, refusal.allowedActions)
        } catch {
            return .other("\(error)")
        }
    }

    /// Writes the full state as state rows.
    static func write(_ full: StoreState, into rows: InMemoryStateRows) throws {
        try rows.write(StateCache.update(for: full, changes: StateChanges(), head: LogHead(seq: full.eventCount, hash: String(repeating: "a", count: 64)),
                                         replacesAll: true))
    }

    /// The state the store would give `command` from the rows: only what the command reads.
    static func partial(for command: Command, rows: InMemoryStateRows) throws -> StoreState {
        let cache = try #require(try StateCache.open(rows))
        var state = cache.state
        #expect(try cache.fill(&state, for: command))
        return state
    }

    @Test("Chaque événement du journal de démonstration, et les actions possibles à côté, décidés sur l'état partiel")
    func partialStateDecidesLikeTheFullState() throws {
        let ws = try Workspace()
        let demo = ws.path("demo")
        let run = try ws.run(["demo", "--store", demo.path], setStore: false)
        #expect(run.code == 0, "\(run)")
        let loaded = try Store(directory: demo.path).load()
        let rows = InMemoryStateRows()
        var state = StoreState()
        // The state an audit keeps: finished cases without their history.
        var retired = StoreState()
        var retiredCases = 0
        var compared = 0
        var partialSmaller = 0
        for (index, recorded) in loaded.events.enumerated() {
            let today = try #require(ParisCalendar.calendarDate(ofTimestamp: recorded.at))
            let actor = recorded.actor.value
            // The recorded event itself.
            var commands = [Command(recording: recorded.event)]
            // Every 10th step, every action of every case and call, by this event's actor and by the case's last actor.
            if index % 10 == 0 {
                for c in state.cases.values.sorted(by: { $0.id < $1.id }) {
                    for action in state.workflow(c.workflow)?.actions ?? [] where !action.isCreation {
                        commands.append(.advanceCase(AdvanceCase(caseID: c.id.value, action: action.id, fields: [:])))
                    }
                }
                for id in state.callOrder {
                    guard let call = state.calls[id] else { continue }
                    for action in state.workflow(call.callWorkflow)?.actions ?? [] where !action.isCreation {
                        commands.append(.advanceCall(AdvanceCall(call: id.value, action: action.id)))
                    }
                }
            }
            try Self.write(state, into: rows)
            for command in commands {
                let part = try Self.partial(for: command, rows: rows)
                if part.cases.count < state.cases.count { partialSmaller += 1 }
                let whole = Self.outcome(command, in: state, actor: actor, today: today)
                let fromPart = Self.outcome(command, in: part, actor: actor, today: today)
                #expect(fromPart == whole, "seq \(recorded.seq) : \(command)")
                #expect(Self.outcome(command, in: retired, actor: actor, today: today) == whole, "retiré, seq \(recorded.seq) : \(command)")
                compared += 1
            }
            state.apply(recorded)
            retired.apply(recorded)
            if let id = recorded.event.caseID {
                retired.retireIfFinished(id)
                if retired.cases[id] != state.cases[id] { retiredCases += 1 }
            }
        }
        #expect(compared > 1000)
        #expect(retiredCases >= 3)
        // The point of it all: most decisions read far less than the whole state.
        #expect(partialSmaller > compared / 2)
    }
}
