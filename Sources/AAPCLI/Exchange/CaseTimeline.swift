import AAPDomain
import AAPStorage

/// What the log says happened to one case, in order: the facts exports need beyond the folded state
/// (every payment with its date, the agreement, the decision date, the last change).
struct CaseTimeline: Sendable {
    /// One payment (an action whose amount adds to `paid`).
    struct Payment: Sendable, Equatable {
        let seq: Int
        let amount: Money
        /// The date the action records (`paid_on`), else the Paris date of the event.
        let date: CalendarDate?
        /// Advance, instalment or balance, when recorded (as the workflow marks the value).
        let kind: ValueMeaning?
        /// The yearly tranche it belongs to, for multi-year grants.
        let year: Int?
    }

    /// One recovery asked from the beneficiary (an action whose amount adds to `recovered`).
    struct Recovery: Sendable, Equatable {
        let seq: Int
        let amount: Money
        let date: CalendarDate?
    }

    /// The signed agreement (convention or arrêté).
    struct Agreement: Sendable, Equatable {
        let seq: Int
        let signedOn: CalendarDate?
        let reference: String?
        /// Convention or arrêté, as the workflow marks the recorded value.
        let instrument: ValueMeaning?
    }

    /// When the application was logged (the log's `at`).
    var submittedAt: String?
    /// The date of the committee decision that awarded the grant (`decided_on`, else the Paris date of the event).
    var decidedOn: CalendarDate?
    var agreement: Agreement?
    var payments: [Payment] = []
    var recoveries: [Recovery] = []
    /// The `at` of the last event of the case.
    var lastAt: String?
    var lastSeq = 0

    /// The timelines of every case, from the events of a loaded log (in log order).
    static func all(_ events: [RecordedEvent], state: StoreState) -> [CaseID: CaseTimeline] {
        var timelines: [CaseID: CaseTimeline] = [:]
        for recorded in events {
            switch recorded.event {
            case .caseSubmitted(let e):
                var t = CaseTimeline()
                t.submittedAt = recorded.at
                t.lastAt = recorded.at
                t.lastSeq = recorded.seq
                timelines[e.caseID] = t
            case .caseAdvanced(let e):
                var t = timelines[e.caseID] ?? CaseTimeline()
                t.record(e, recorded: recorded, workflow: state.cases[e.caseID].flatMap { state.workflow(of: $0) })
                timelines[e.caseID] = t
            case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .authoritySet,
                 .actorKeyRotated, .actorKeyRevoked:
                break
            }
        }
        return timelines
    }

    private mutating func record(_ e: CaseAdvanced, recorded: RecordedEvent, workflow: WorkflowDefinition?) {
        lastAt = recorded.at
        lastSeq = recorded.seq
        let eventDay = ParisCalendar.calendarDate(ofTimestamp: recorded.at)
        guard let action = workflow?.action(e.action) else { return }
        func date(_ meaning: FieldMeaning) -> CalendarDate? { action.value(meaning, in: e.fields)?.string.flatMap { try? CalendarDate.parse($0) } }
        /// The first date field the action recorded, in the order the workflow declares them.
        func declaredDate() -> CalendarDate? {
            action.fields.lazy.filter { $0.type == .date }.compactMap { e.fields[$0.id]?.string.flatMap { try? CalendarDate.parse($0) } }.first
        }
        if action.effect == .decision, workflow?.state(e.to)?.holdsAward == true {
            decidedOn = date(.decidedOn) ?? eventDay
        }
        if action.effect == .agreement {
            agreement = Agreement(
                seq: recorded.seq, signedOn: date(.signedOn) ?? declaredDate() ?? eventDay,
                reference: action.value(.reference, in: e.fields)?.string, instrument: action.valueMeaning(.instrument, in: e.fields)
            )
        }
        for field in action.fields {
            guard let amount = e.fields[field.id]?.money, let slot = field.addsTo.flatMap(AmountSlot.init(rawValue:)) else { continue }
            switch slot {
            case .paid:
                payments.append(Payment(
                    seq: recorded.seq, amount: amount, date: declaredDate() ?? eventDay, kind: action.valueMeaning(.paymentKind, in: e.fields),
                    year: action.value(.year, in: e.fields)?.integer.map(Int.init)
                ))
            case .recovered:
                recoveries.append(Recovery(seq: recorded.seq, amount: amount, date: declaredDate() ?? eventDay))
            case .requested, .proposed, .awarded, .spent:
                break
            }
        }
    }

    /// The dates of the payments, earliest first.
    var paymentDates: [CalendarDate] { payments.compactMap(\.date).sorted() }
}
