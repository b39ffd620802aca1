import AAPDomain

/// `aap report call --json` (and each call of `aap demo --json`): the call view, then its money view, ranking and waitlist.
struct CallReportOutput: Encodable {
    /// One case holding an award, in the money view.
    struct MoneyRow: Encodable {
        let `case`: String
        let awardedCents: Money
        let committed: Bool
        let paidCents: Money
        let spentCents: Money
        let recoveredCents: Money
        let toPayCents: Money
    }

    /// One scored case, best first.
    struct Ranked: Encodable {
        let `case`: String
        let weightedScore: Double
        let state: String
        let awardedCents: Money
    }

    let call: CallOutput
    let money: [MoneyRow]
    let ranking: [Ranked]
    let waitlist: [String]
    let waitlistFundable: [String]

    private enum CodingKeys: String, CodingKey { case money, ranking, waitlist, waitlistFundable }

    /// The call's keys first, then the report's, in one object.
    func encode(to encoder: any Encoder) throws {
        try call.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(money, forKey: .money)
        try container.encode(ranking, forKey: .ranking)
        try container.encode(waitlist, forKey: .waitlist)
        try container.encode(waitlistFundable, forKey: .waitlistFundable)
    }
}
