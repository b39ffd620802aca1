/// What the log says happened to one case, in order: the facts exports need beyond the folded state
/// (every payment with its date, the agreement, the decision date, the last change).
public struct CaseTimeline: Sendable, Equatable {
    /// One payment (an action whose amount adds to `paid`).
    public struct Payment: Sendable, Equatable {
        public let seq: Int
        public let amount: Money
        /// The date the action records (`paid_on`), else the Paris date of the event.
        public let date: CalendarDate?
        /// Advance, instalment or balance, when recorded (as the workflow marks the value).
        public let kind: ValueMeaning?
        /// The yearly tranche it belongs to, for multi-year grants.
        public let year: Int?
    }

    /// One recovery asked from the beneficiary (an action whose amount adds to `recovered`).
    public struct Recovery: Sendable, Equatable {
        public let seq: Int
        public let amount: Money
        public let date: CalendarDate?
    }

    /// The signed agreement (convention or arrêté).
    public struct Agreement: Sendable, Equatable {
        public let seq: Int
        public let signedOn: CalendarDate?
        public let reference: String?
        /// Convention or arrêté, as the workflow marks the recorded value.
        public let instrument: ValueMeaning?
    }

    /// When the application was logged (the log's `at`).
    public internal(set) var submittedAt: String?
    /// The date of the committee decision that awarded the grant (`decided_on`, else the Paris date of the event).
    public internal(set) var decidedOn: CalendarDate?
    public internal(set) var agreement: Agreement?
    public internal(set) var payments: [Payment] = []
    public internal(set) var recoveries: [Recovery] = []
    /// The `at` of the last event of the case.
    public internal(set) var lastAt: String?
    public internal(set) var lastSeq = 0

    public init(
        submittedAt: String? = nil, decidedOn: CalendarDate? = nil, agreement: Agreement? = nil, payments: [Payment] = [],
        recoveries: [Recovery] = [], lastAt: String? = nil, lastSeq: Int = 0
    ) {
        self.submittedAt = submittedAt; self.decidedOn = decidedOn; self.agreement = agreement; self.payments = payments
        self.recoveries = recoveries; self.lastAt = lastAt; self.lastSeq = lastSeq
    }

    /// The timelines of every case, from the events of a loaded log (in log order); `dateOf` turns
    /// a log `at` into the calendar date of the event.
    public static func all(_ events: [RecordedEvent], state: StoreState, dateOf: (String) -> CalendarDate?) -> [CaseID: CaseTimeline] {
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
                t.record(e, recorded: recorded, workflow: state.cases[e.caseID].flatMap { state.workflow(of: $0) }, eventDay: dateOf(recorded.at))
                timelines[e.caseID] = t
            case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .authoritySet,
                 .actorKeyRotated, .actorKeyRevoked:
                break
            }
        }
        return timelines
    }

    private mutating func record(_ e: CaseAdvanced, recorded: RecordedEvent, workflow: WorkflowDefinition?, eventDay: CalendarDate?) {
        lastAt = recorded.at
        lastSeq = recorded.seq
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
    public var paymentDates: [CalendarDate] { payments.compactMap(\.date).sorted() }
}
