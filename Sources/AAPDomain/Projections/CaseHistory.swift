/// Every event of one case, in log order, as the case's history shows it: who did what, from
/// which state to which, with what fields, and the date the action took effect.
public struct CaseHistory: Sendable, Equatable {
    /// One line of a case's history.
    public struct Entry: Sendable, Equatable {
        public let seq: Int
        public let at: String
        public let actor: ActorID
        public let action: String
        /// Nil for the submission.
        public let from: String?
        public let to: String
        public let fields: [String: FieldValue]
        public let reason: String?
        /// The date the action took effect (its first declared date field other than a due date; the
        /// receipt date for the submission), when it has one.
        public let effectiveOn: CalendarDate?

        public init(
            seq: Int, at: String, actor: ActorID, action: String, from: String?, to: String, fields: [String: FieldValue],
            reason: String?, effectiveOn: CalendarDate?
        ) {
            self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.from = from; self.to = to
            self.fields = fields; self.reason = reason; self.effectiveOn = effectiveOn
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The history of case `id` from the recorded events (in log order) and the folded state.
    public init(of id: CaseID, events: [RecordedEvent], state: StoreState) {
        entries = events.compactMap { recorded in
            switch recorded.event {
            case .caseSubmitted(let e) where e.caseID == id:
                var fields: [String: FieldValue] = [
                    "applicant_name": .string(e.applicant.name), "applicant_kind": .string(e.applicant.kind.rawValue),
                    "departement": .string(e.applicant.departement.code), "title": .string(e.title),
                    "amount_requested": .money(e.amountRequested), "received_on": .string(e.receivedOn.iso),
                ]
                if let siret = e.applicant.siret { fields["siret"] = .string(siret.value) }
                if let rna = e.applicant.rna { fields["rna"] = .string(rna.value) }
                if let late = e.lateReason { fields["late_reason"] = .string(late) }
                let creation = state.workflow(e.workflow)?.creationAction
                return Entry(seq: recorded.seq, at: recorded.at, actor: recorded.actor, action: creation?.id ?? "submit", from: nil,
                             to: creation?.to ?? "submitted", fields: fields, reason: nil, effectiveOn: e.receivedOn)
            case .caseAdvanced(let e) where e.caseID == id:
                let declared = state.cases[id].flatMap { state.workflow($0.workflow)?.action(e.action) }?.fields ?? []
                let effective = declared.filter { $0.type == .date && $0.meaning != .dueOn }.lazy
                    .compactMap { e.fields[$0.id]?.string.flatMap(CalendarDate.isISO) }.first
                return Entry(seq: recorded.seq, at: recorded.at, actor: recorded.actor, action: e.action, from: e.from, to: e.to,
                             fields: e.fields.values, reason: e.reason, effectiveOn: effective)
            case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .caseSubmitted, .caseAdvanced,
                 .authoritySet, .actorKeyRotated, .actorKeyRevoked:
                return nil
            }
        }
    }
}
