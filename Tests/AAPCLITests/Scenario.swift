import Foundation
import Testing

/// The people of the tests' DREETS, as in the README and the demo.
enum Staff {
    static let admin = "admin.dreets"
    static let manager = "resp.garcia"
    static let instructor = "instr.roux"
    static let chair = "chair.durand"
    static let member1 = "membre.fabre"
    static let member2 = "membre.lopez"
    static let finance = "fin.moreau"
}

/// Valid identifiers.
enum Ident {
    /// A SIRET whose Luhn sum is right.
    static let siret = "73282932000074"
    /// La Poste (SIREN 356000000): digits sum to a multiple of 5, not Luhn.
    static let laPoste = "35600000000048"
}

/// Steps shared by the scenarios, each one a run of the binary that must succeed.
extension Workspace {
    /// `aap init` then the six actors of the README. Leaves 4 + 6 = 10 events.
    func initWithActors() throws {
        try ok(["init", "--admin", Staff.admin, "--name", "Camille Martin"])
        try addActor(Staff.manager, roles: ["manager"], name: "Inès Garcia")
        try addActor(Staff.instructor, roles: ["instructor"], name: "Paul Roux")
        try addActor(Staff.chair, roles: ["committee_chair", "committee_member"], name: "Hélène Durand")
        try addActor(Staff.member1, roles: ["committee_member"], name: "Jean Fabre")
        try addActor(Staff.member2, roles: ["committee_member"], name: "Marta Lopez")
        try addActor(Staff.finance, roles: ["finance"], name: "Louis Moreau")
    }

    /// Registers an actor: on a shared store as a unit does (the person's own key, made by
    /// `aap key new` on their desk, its public half given to the admin); else the key is made here.
    func addActor(_ actor: String, roles: [String], name: String) throws {
        var arguments = ["actor", "add", actor, "--name", name] + roles.flatMap { ["--role", $0] }
        if engine == .postgres {
            let shown = try run(["key", "show", actor])
            let publicKey = shown.code == 0 ? shown.stdout : try ok(["key", "new", actor]).stdout
            arguments += ["--public-key", publicKey.trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        try ok(arguments, as: Staff.admin)
    }

    /// A published AAP call (2 events) and its committee (1 event).
    func openAAPCall(_ id: String = "AAP-MOB-2026", envelope: String = "250 000", quorum: Int = 2,
                     criteria: [String] = ["pertinence:60", "impact:40"]) throws {
        try ok(["call", "create", id, "--kind", "aap", "--title", "Mobilité solidaire", "--envelope", envelope,
                "--opens", "2026-03-01", "--closes", "2026-05-31", "--publish"] + criteria.flatMap { ["--criterion", $0] },
               as: Staff.manager)
        try ok(["committee", "set", id, "--chair", Staff.chair, "--member", Staff.member1, "--member", Staff.member2,
                "--quorum", String(quorum)], as: Staff.manager)
    }

    /// Submits an application and returns the new case id printed on stdout.
    @discardableResult
    func submit(_ call: String = "AAP-MOB-2026", applicant: String = "Mobil'Adour Insertion", kind: String = "association",
                siret: String = Ident.siret, departement: String = "65", title: String = "Garage solidaire",
                amount: String = "38 000", received: String = "2026-04-12",
                sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ok(submitArguments(call, applicant: applicant, kind: kind, siret: siret, departement: departement,
                                            title: title, amount: amount, received: received),
                            as: Staff.instructor, sourceLocation: sourceLocation)
        return result.out
    }

    func submitArguments(_ call: String = "AAP-MOB-2026", applicant: String = "Mobil'Adour Insertion", kind: String = "association",
                         siret: String = Ident.siret, departement: String = "65", title: String = "Garage solidaire",
                         amount: String = "38 000", received: String = "2026-04-12") -> [String] {
        ["case", "submit", call, "--applicant", applicant, "--applicant-kind", kind, "--siret", siret,
         "--departement", departement, "--title", title, "--amount", amount, "--received", received]
    }

    /// `aap case advance CASE ACTION --set k=v… [--reason R]` as `actor`, which must succeed.
    @discardableResult
    func advance(_ caseID: String, _ action: String, _ fields: [String: String] = [:], reason: String? = nil,
                 as actor: String, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> AapResult {
        try ok(advanceArguments(caseID, action, fields, reason: reason), as: actor, env: env, sourceLocation: sourceLocation)
    }

    func advanceArguments(_ caseID: String, _ action: String, _ fields: [String: String] = [:], reason: String? = nil) -> [String] {
        var args = ["case", "advance", caseID, action]
        for key in fields.keys.sorted() { args += ["--set", "\(key)=\(fields[key] ?? "")"] }
        if let reason { args += ["--reason", reason] }
        return args
    }

    /// Takes a case from submitted to proposed (start-review, propose).
    func review(_ caseID: String, proposed: String) throws {
        try advance(caseID, "start-review", as: Staff.instructor)
        try advance(caseID, "propose", ["opinion": "favorable", "proposed_amount": proposed], as: Staff.instructor)
    }

    /// `case show CASE --json` as seen by `actor`.
    func show(_ caseID: String, as actor: String? = nil) throws -> JSONDoc {
        try okJSON(["case", "show", caseID], as: actor)
    }
}
