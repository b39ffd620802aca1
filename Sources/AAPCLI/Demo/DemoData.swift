import Foundation
import AAPDomain

/// One row of the sample applications, with a SIRET (and an RNA for associations) made up
/// deterministically from the applicant's name.
struct SampleApplication {
    let call: String
    let applicantName: String
    let applicantKind: ApplicantKind
    /// The kind as the sample file writes it (`EPCI`, `SIAE (ACI)`, `conseil départemental`…).
    let applicantKindText: String
    let departement: String
    let measure: String
    let title: String
    let amountEuros: Int
    let year: Int

    var siret: String { DemoData.siret(for: applicantName) }
    var rna: String? { applicantKind == .association ? DemoData.rna(for: applicantName, departement: departement) : nil }

    /// The fields of `aap case submit` for this row, received on `receivedOn`.
    func submitFields(receivedOn: String) -> [String: String] {
        var fields = [
            "applicant_name": applicantName, "applicant_kind": applicantKind.rawValue, "siret": siret,
            "departement": departement, "title": title, "amount_requested": String(amountEuros), "received_on": receivedOn,
        ]
        fields["rna"] = rna
        return fields
    }
}

/// Parses the sample CSV and makes up identifiers for the demo.
enum DemoData {
    static func applications() -> [SampleApplication] {
        let rows = CSV.parse(SampleApplications.csv)
        guard let header = rows.first else { return [] }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let call = column("call"), let name = column("applicant_name"), let kind = column("applicant_kind"),
              let departement = column("departement_code"), let measure = column("measure"), let title = column("title"),
              let amount = column("amount_requested_eur"), let year = column("year") else { return [] }
        return rows.dropFirst().compactMap { row in
            guard row.count == header.count, let euros = Int(row[amount]), let y = Int(row[year]) else { return nil }
            return SampleApplication(
                call: row[call], applicantName: row[name], applicantKind: applicantKind(row[kind]), applicantKindText: row[kind],
                departement: row[departement],
                measure: row[measure], title: row[title], amountEuros: euros, year: y
            )
        }
    }

    /// Maps the free-text kinds of the sample file to applicant kind ids.
    static func applicantKind(_ text: String) -> ApplicantKind {
        ApplicantKindText.read(text) ?? .autre
    }

    /// The SIRET of the demo's granting authority (made up, valid under INSEE's rule).
    static var authoritySiret: String { siret(for: "DREETS Occitanie") }

    /// A spreadsheet of applications as `aap import applications` reads it (semicolons, BOM, CRLF, the
    /// sample file's kinds as written), with SIRETs, RNA numbers and reception dates added.
    static func importFile(_ rows: [SampleApplication], received: [String]) -> String {
        let header = ["applicant_name", "applicant_kind", "siret", "rna", "departement", "title", "amount_requested", "received_on"]
        return CSVWriter.spreadsheet.render(header: header, rows: rows.enumerated().map { index, row in
            [row.applicantName, row.applicantKindText, row.siret, row.rna ?? "", row.departement, row.title, String(row.amountEuros),
             received.isEmpty ? "" : received[index % received.count]]
        })
    }

    /// A SIRET derived from a name (FNV-1a hash), stable across runs, valid as INSEE defines it: a
    /// SIREN of 8 digits and its Luhn key, then a NIC of 4 digits and the Luhn key of all 14.
    static func siret(for name: String) -> String {
        let value = hash(name)
        let siren = withLuhnKey("1" + padded(value % 10_000_000, to: 7))
        return withLuhnKey(siren + padded((value / 10_000_000) % 10_000, to: 4))
    }

    /// `digits` followed by the digit that makes the whole pass the Luhn check.
    static func withLuhnKey(_ digits: String) -> String {
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            var d = character.wholeNumberValue ?? 0
            if offset % 2 == 0 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return digits + String((10 - sum % 10) % 10)
    }

    private static func padded(_ value: UInt64, to width: Int) -> String {
        let body = String(value)
        return String(repeating: "0", count: max(0, width - body.count)) + body
    }

    /// An RNA number `W` + département-like prefix + digits derived from the name.
    static func rna(for name: String, departement: String) -> String {
        let prefix = departement.filter(\.isNumber).prefix(2)
        let body = String(hash(name + "rna") % 10_000_000)
        let padded = String(repeating: "0", count: max(0, 7 - body.count)) + body
        return "W" + String((prefix.isEmpty ? "31" : String(prefix)).prefix(2)) + padded
    }

    private static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

}

/// A small CSV reader: comma or semicolon separated, double-quoted fields with "" escapes.
enum CSV {
    static func parse(_ text: String, separator: Character = ",") -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case separator: row.append(field); field = ""
            case "\n", "\r\n":
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            case "\r": break
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
