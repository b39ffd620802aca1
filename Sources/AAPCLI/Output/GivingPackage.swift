import AAPDomain

/// A 360Giving data package (standard 1.4), in the order and spelling of the published schema
/// (encoded with ``JSONValueEncoder/KeyStyle/asIs``); absent optional fields are left out.
struct GivingPackage: Encodable {
    /// An amount in euros: an integer when whole, else with its cents (`47800.2`).
    struct Euros: Encodable {
        let money: Money

        init(_ money: Money) { self.money = money }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if money.cents % 100 == 0 {
                try container.encode(money.cents / 100)
            } else {
                try container.encode(Double(money.cents) / 100)
            }
        }
    }

    /// An organisation: the recipient, the funder, the publisher.
    struct Organization: Encodable {
        let id: String
        let name: String
        var organisationType: String?
        var addressCountry: String?
    }

    /// The publisher of the package.
    struct Publisher: Encodable {
        let identifier: String
        let name: String
    }

    /// The years a multi-year grant runs.
    struct PlannedDates: Encodable {
        let startDate: String
        let endDate: String
        let duration: Int
    }

    /// Where the grant is spent: a département, or the whole region.
    struct Location: Encodable {
        let name: String
        let countryCode: String
        var geoCode: String?
        var geoCodeType: String?
        var description: String?
    }

    /// The call the grant was awarded under.
    struct Programme: Encodable {
        let code: String
        let title: String
    }

    /// An application, commitment or disbursement.
    struct Transaction: Encodable {
        let id: String
        let transactionDate: String?
        let value: Euros
        var currency = "EUR"
        let description: String
        let provider: String
        let recipient: String
    }

    /// One award.
    struct Grant: Encodable {
        let id: String
        let title: String
        let description: String
        var currency = "EUR"
        let amountAwarded: Euros
        let awardDate: String
        let recipientOrganization: [Organization]
        let fundingOrganization: [Organization]
        let amountAppliedFor: Euros
        let amountDisbursed: Euros
        let plannedDates: [PlannedDates]?
        let beneficiaryLocation: [Location]
        let grantProgramme: [Programme]?
        var fromOpenCall = "Yes"
        let applicationTransaction: [Transaction]
        let commitmentTransaction: [Transaction]?
        let disbursementTransaction: [Transaction]?
        let dateModified: String?
    }

    let grants: [Grant]
    var version = "1.4"
    let title: String
    let description: String
    let identifier: String
    let modified: String?
    let publisher: Publisher
    let license: String
}
