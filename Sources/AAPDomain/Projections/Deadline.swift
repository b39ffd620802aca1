/// A date the law or good practice sets for a case, computed from its events (never typed in).
public struct Deadline: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Requested documents are due (the `due_on` of `request-documents`).
        case documents
        /// Two months after receipt of a complete financial request with no decision, silence means
        /// rejection (CRPA L231-4 3°).
        case implicitRejection = "implicit_rejection"
        /// A selected case with no signed agreement 60 days after the decision.
        case agreement
        /// The financial report (compte rendu financier) is due six months after the end of the
        /// financial year of the grant (loi 2000-321 art. 10).
        case report

        /// The French name shown to people.
        public var label: String {
            switch self {
            case .documents: "pièces demandées"
            case .implicitRejection: "rejet implicite"
            case .agreement: "convention ou arrêté à signer"
            case .report: "compte rendu financier"
            }
        }
    }

    public let caseID: CaseID
    public let kind: Kind
    public let dueOn: CalendarDate
    /// What is awaited, in French.
    public let detail: String

    public init(caseID: CaseID, kind: Kind, dueOn: CalendarDate, detail: String) {
        self.caseID = caseID; self.kind = kind; self.dueOn = dueOn; self.detail = detail
    }
}

extension StoreState {
    /// Every pending deadline of every case, earliest first; `dateOf` turns a log `at` into a date.
    public func deadlines(dateOf: (String) -> CalendarDate?) -> [Deadline] {
        var result: [Deadline] = []
        for callID in callOrder {
            guard let call = calls[callID] else { continue }
            for c in cases(of: call) { result += deadlines(of: c, dateOf: dateOf) }
        }
        return result.sorted { ($0.dueOn, $0.caseID, $0.kind.rawValue) < ($1.dueOn, $1.caseID, $1.kind.rawValue) }
    }

    func deadlines(of c: CaseState, dateOf: (String) -> CalendarDate?) -> [Deadline] {
        guard let workflow = workflow(c.workflow), let definition = workflow.state(c.state), !definition.terminal else { return [] }
        var result: [Deadline] = []
        let request = workflow.action(withEffect: .documentsRequest)
        let waitsForDocuments = workflow.isReached(c.state, by: request)
        if waitsForDocuments, let due = workflow.recorded(.dueOn, by: request, on: c)?.string.flatMap(CalendarDate.isISO) {
            let missing = workflow.recorded(.missingDocuments, by: request, on: c)?.string ?? ""
            result.append(Deadline(caseID: c.id, kind: .documents, dueOn: due, detail: missing))
        }
        if RuleBook.awaitsDecision(c, in: self), !waitsForDocuments {
            // The delay runs from the receipt of the complete request: the documents, when some were requested.
            // For an AMI, the detailed proposal is the request the decision answers.
            let receipts = [workflow.action(withEffect: .documentsReceipt), workflow.action(withEffect: .proposalReceipt)]
            let later = receipts.compactMap { workflow.recorded(.receivedOn, by: $0, on: c)?.string.flatMap(CalendarDate.isISO) }
            let start = ([c.receivedOn] + later).max() ?? c.receivedOn
            result.append(Deadline(caseID: c.id, kind: .implicitRejection, dueOn: start.adding(months: 2),
                                   detail: "demande reçue complète le \(start.french) sans décision"))
        }
        let agreement = workflow.action(withEffect: .agreement)
        if let agreement, agreement.from.contains(c.state) {
            let award = workflow.decision(.award)
            let decided = workflow.recorded(.decidedOn, by: award, on: c)?.string.flatMap(CalendarDate.isISO)
                ?? award.flatMap { c.actionAt[$0.id] }.flatMap(dateOf)
            if let decided {
                result.append(Deadline(caseID: c.id, kind: .agreement, dueOn: decided.adding(days: 60),
                                       detail: "retenu le \(decided.french) pour \(c.amounts.awarded.formatted)"))
            }
        }
        for year in pendingReportYears(c, in: workflow, dateOf: dateOf) {
            guard let due = CalendarDate(year: year + 1, month: 6, day: 30) else { continue }
            result.append(Deadline(caseID: c.id, kind: .report, dueOn: due, detail: "exercice \(year)"))
        }
        return result
    }

    /// The financial years whose report is still awaited: every year of a multi-year grant not yet
    /// reported, or the year of a single-year grant until its report arrives.
    func pendingReportYears(_ c: CaseState, in workflow: WorkflowDefinition, dateOf: (String) -> CalendarDate?) -> [Int] {
        guard workflow.state(c.state)?.reportsDue == true else { return [] }
        if c.years > 1, let range = c.grantYears { return range.filter { c.spentByYear[$0] == nil } }
        let agreement = workflow.action(withEffect: .agreement)
        guard workflow.isReached(c.state, by: agreement), !c.reportReceived else { return [] }
        if let first = c.firstYear { return [first] }
        if let signed = workflow.recorded(.signedOn, by: agreement, on: c)?.string.flatMap(CalendarDate.isISO) { return [signed.year] }
        if let at = agreement.flatMap({ c.actionAt[$0.id] }), let date = dateOf(at) { return [date.year] }
        return []
    }
}
