/// The money of a call: for each case whose award counts against the envelope, what was awarded,
/// committed, paid, spent, recovered and is still to pay; and the call's totals.
public struct MoneyView: Sendable, Equatable {
    /// One case whose award counts against the envelope.
    public struct Row: Sendable, Equatable {
        public let caseID: CaseID
        public let awarded: Money
        /// Whether its agreement (convention or arrêté) was signed.
        public let agreementSigned: Bool
        public let paid: Money
        public let spent: Money
        public let recovered: Money
        /// What is owed (the award, or what was spent once reported) less what was paid net of recoveries, never below zero.
        public let toPay: Money

        public init(caseID: CaseID, awarded: Money, agreementSigned: Bool, paid: Money, spent: Money, recovered: Money, toPay: Money) {
            self.caseID = caseID; self.awarded = awarded; self.agreementSigned = agreementSigned
            self.paid = paid; self.spent = spent; self.recovered = recovered; self.toPay = toPay
        }

        /// The award when the agreement is signed, else zero.
        public var committed: Money { agreementSigned ? awarded : .zero }
    }

    public let envelope: Money
    /// In submission order.
    public let rows: [Row]
    /// The awards that count against the envelope.
    public let awarded: Money
    /// The counted awards backed by a signed agreement.
    public let committed: Money
    /// Paid over every case of the call (a released award's payments included).
    public let paid: Money
    /// Recovered over every case of the call.
    public let recovered: Money
    /// Still to pay over the rows.
    public let toPay: Money
    /// Requested over every case of the call.
    public let requested: Money

    public init(envelope: Money, rows: [Row], awarded: Money, committed: Money, paid: Money, recovered: Money, toPay: Money, requested: Money) {
        self.envelope = envelope; self.rows = rows; self.awarded = awarded; self.committed = committed
        self.paid = paid; self.recovered = recovered; self.toPay = toPay; self.requested = requested
    }

    public init(call: CallState, in state: StoreState) {
        let cases = state.cases(of: call)
        let rows = cases.filter(state.holdsAward).map { c in
            Row(caseID: c.id, awarded: c.amounts.awarded, agreementSigned: state.agreementSigned(c), paid: c.amounts.paid,
                spent: c.amounts.spent, recovered: c.amounts.recovered, toPay: Swift.max(.zero, c.owed - c.amounts.netPaid))
        }
        self.init(
            envelope: call.envelope, rows: rows,
            awarded: rows.reduce(.zero) { $0 + $1.awarded }, committed: rows.reduce(.zero) { $0 + $1.committed },
            paid: cases.reduce(.zero) { $0 + $1.amounts.paid }, recovered: cases.reduce(.zero) { $0 + $1.amounts.recovered },
            toPay: rows.reduce(.zero) { $0 + $1.toPay }, requested: cases.reduce(.zero) { $0 + $1.amounts.requested }
        )
    }

    /// What is left of the envelope.
    public var remaining: Money { envelope - awarded }

    /// The ids of the cases whose counted award is backed by a signed agreement, in submission order.
    public var committedCaseIDs: [CaseID] { rows.filter(\.agreementSigned).map(\.caseID) }
}
