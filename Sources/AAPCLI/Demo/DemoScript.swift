import AAPDomain
import AAPStorage
import Foundation

/// The story the demo tells, written through the same store and rules as the command line.
struct DemoScript {
    let store: Store
    let quiet: Bool

    let admin = "admin.dreets"
    let manager = "resp.garcia"
    let instructor = "instr.roux"
    let instructor2 = "instr.benali"
    let chair = "chair.durand"
    let members = ["membre.fabre", "membre.lopez"]
    let finance = "fin.moreau"
    let auditor = "audit.ccomptes"

    /// Where the demo's actors keep their private keys (beside the store, never inside it).
    let keys: KeyDirectory

    init(store: Store, keys: KeyDirectory, quiet: Bool) { self.store = store; self.keys = keys; self.quiet = quiet }

    /// The actor's public key: from the demo key directory, created there on first use.
    private func publicKey(_ actor: String) throws -> String {
        try keys.keyCreatingIfNeeded(for: actor).publicKeyBase64
    }

    mutating func run() throws {
        let samples = DemoData.applications()
        func rows(_ call: String) -> [SampleApplication] { samples.filter { $0.call == call } }

        step("Initialisation du magasin, des workflows et des acteurs")
        var setup: [ActorCommand] = [ActorCommand(.registerActor(RegisterActor(actor: admin, name: "Camille Martin", roles: ["admin"], publicKey: try publicKey(admin))), by: admin)]
        setup += EmbeddedWorkflows.files.compactMap { try? WorkflowDefinition.load(Data($0.content.utf8)) }.map { ActorCommand(.registerWorkflow($0), by: admin) }
        let people: [(String, String, [String])] = [
            (manager, "Inès Garcia", ["manager"]), (instructor, "Paul Roux", ["instructor"]),
            (instructor2, "Samia Benali", ["instructor"]), (chair, "Hélène Durand", ["committee_chair", "committee_member"]),
            (members[0], "Jean Fabre", ["committee_member"]), (members[1], "Marta Lopez", ["committee_member"]),
            (finance, "Louis Moreau", ["finance"]), (auditor, "Claire Petit", ["auditor"]),
        ]
        setup += try people.map { ActorCommand(.registerActor(RegisterActor(actor: $0.0, name: $0.1, roles: $0.2, publicKey: try publicKey($0.0))), by: admin) }
        try write(setup)

        // 1. France Relance call: the whole life of a call, from submission to payment.
        let relance = "AAP-RELANCE-ASSO-2021"
        step("Appel \(relance) : création, comité, 7 dossiers")
        try write([
            by(manager, .createCall(CreateCall(
                call: relance, kind: "aap", title: "Soutien aux associations de lutte contre la pauvreté (France Relance)",
                envelope: "300000", opensOn: "2021-02-01", closesOn: "2021-04-30", applicantKinds: ["association"],
                measures: ["SN3.9 Lutter contre la précarité alimentaire", "SN3.1 Faciliter l'accès au numérique"],
                fundingSource: "RELANCE", criteria: ["pertinence:40", "faisabilite:30", "impact:30"]
            ))),
            by(manager, .advanceCall(AdvanceCall(call: relance, action: "publish"))),
            by(manager, .setCommittee(SetCommittee(call: relance, chair: chair, members: members, quorum: 2))),
        ])
        let received = ["2021-03-02", "2021-03-09", "2021-03-15", "2021-03-22", "2021-04-02", "2021-04-12", "2021-04-28"]
        try write(rows(relance).enumerated().map { i, row in
            by(instructor, .submitCase(SubmitCase(call: relance, fields: row.submitFields(receivedOn: received[i % received.count]))))
        })
        let r = (1...7).map { "\(relance)-\(String(format: "%04d", $0))" }
        step("Instruction : pièces demandées, irrecevabilité, propositions au comité")
        try write([
            advance(instructor, r[2], "request-documents", ["missing": "Budget prévisionnel et statuts signés", "due_on": "2021-05-15"]),
            advance(instructor, r[2], "receive-documents", ["received_on": "2021-05-06"]),
            advance(instructor, r[4], "declare-inadmissible", reason: "Dossier hors champ : action de parentalité non éligible à ce volet"),
        ] + [0, 1, 2, 3, 5, 6].map { advance(instructor, r[$0], "start-review") } + [
            advance(instructor, r[0], "propose", ["opinion": "favorable", "proposed_amount": "60000"]),
            advance(instructor, r[1], "propose", ["opinion": "favorable", "proposed_amount": "90000"]),
            advance(instructor, r[2], "propose", ["opinion": "reserved", "proposed_amount": "150000"]),
            advance(instructor, r[3], "propose", ["opinion": "favorable", "proposed_amount": "40000"]),
            advance(instructor, r[5], "propose", ["opinion": "favorable", "proposed_amount": "100000"]),
            advance(instructor, r[6], "propose", ["opinion": "unfavorable", "proposed_amount": "0"]),
        ])
        step("Comité : conflit d'intérêts, notes, décisions dans l'enveloppe")
        let grids: [[String: String]] = [
            ["pertinence": "5", "faisabilite": "4", "impact": "4"], ["pertinence": "4", "faisabilite": "4", "impact": "5"],
            ["pertinence": "4", "faisabilite": "3", "impact": "4"], ["pertinence": "4", "faisabilite": "4", "impact": "3"],
            ["pertinence": "5", "faisabilite": "5", "impact": "4"], ["pertinence": "2", "faisabilite": "2", "impact": "1"],
        ]
        var session: [ActorCommand] = [
            advance(members[1], r[1], "declare-conflict", reason: "Administratrice de l'association porteuse"),
        ]
        for (index, caseIndex) in [0, 1, 2, 3, 5, 6].enumerated() {
            for scorer in [chair, members[0], members[1]] where !(scorer == members[1] && caseIndex == 1) {
                var grid = grids[index]
                if scorer == members[0], let p = grid["impact"], let n = Int(p), n > 1 { grid["impact"] = String(n - 1) }
                session.append(advance(scorer, r[caseIndex], "score", grid))
            }
        }
        session += [
            advance(chair, r[5], "select", ["awarded_amount": "100000", "decided_on": "2021-06-10"]),
            advance(chair, r[0], "select", ["awarded_amount": "60000", "decided_on": "2021-06-10"]),
            advance(chair, r[1], "select", ["awarded_amount": "90000", "decided_on": "2021-06-10"]),
            advance(chair, r[3], "select", ["awarded_amount": "40000", "decided_on": "2021-06-10"]),
            advance(chair, r[2], "waitlist", reason: "Projet solide mais l'enveloppe restante ne couvre pas le montant proposé"),
            advance(chair, r[6], "reject", reason: "Projet peu abouti : partenariats et budget à consolider"),
        ]
        try write(session)
        try show(refused: [advance(chair, r[2], "select", ["awarded_amount": "150000"])], what: "sélection au-delà de l'enveloppe")
        step("Désistement d'un lauréat : l'enveloppe libérée permet de retenir le dossier en liste complémentaire")
        try write([
            advance(instructor, r[5], "withdraw", reason: "Le porteur renonce : cofinancement départemental non obtenu"),
            advance(chair, r[2], "select", ["awarded_amount": "110000", "decided_on": "2021-07-08"]),
        ])
        step("Conventions, versements, bilan, évaluation et solde")
        try write([
            advance(finance, r[0], "sign-agreement", ["instrument": "convention", "reference": "CONV-2021-031", "signed_on": "2021-07-01"]),
            advance(finance, r[0], "pay", ["amount": "30000", "kind": "advance", "paid_on": "2021-07-20", "ej": "2103456789"]),
            advance(instructor, r[0], "receive-report", ["received_on": "2022-05-30", "spent_amount": "58000"]),
            advance(instructor, r[0], "evaluate", ["outcome": "achieved", "note": "Camion en service", "indicators": "beneficiaires_par_mois=1200; tournees_par_semaine=6"]),
            advance(finance, r[0], "pay", ["amount": "28000", "kind": "balance", "paid_on": "2022-07-05"]),
            advance(finance, r[0], "close"),
            advance(finance, r[1], "sign-agreement", ["instrument": "convention", "reference": "CONV-2021-032", "signed_on": "2021-07-02"]),
            advance(finance, r[1], "pay", ["amount": "45000", "kind": "advance", "paid_on": "2021-07-21"]),
            advance(finance, r[3], "sign-agreement", ["instrument": "convention", "reference": "CONV-2021-033", "signed_on": "2021-07-05"]),
            advance(finance, r[2], "sign-agreement", ["instrument": "convention", "reference": "CONV-2021-040", "signed_on": "2021-09-01"]),
            by(manager, .advanceCall(AdvanceCall(call: relance, action: "close"))),
            by(manager, .advanceCall(AdvanceCall(call: relance, action: "publish-results"))),
        ])

        // 2. "1 000 premiers jours": a call still in progress.
        let milleJours = "AAP-1000J-2021"
        step("Appel \(milleJours) : un appel en cours d'instruction")
        try write([
            by(manager, .createCall(CreateCall(
                call: milleJours, kind: "aap", title: "1 000 premiers jours en Occitanie : santé des jeunes enfants et accompagnement des parents",
                envelope: "120000", opensOn: "2021-06-01", closesOn: "2021-09-30", measures: ["SN1.2 Accompagner la parentalité"],
                fundingSource: "ENV-COMMISSAIRE", criteria: ["pertinence:50", "territoire:25", "partenariat:25"]
            ))),
            by(manager, .advanceCall(AdvanceCall(call: milleJours, action: "publish"))),
            by(manager, .setCommittee(SetCommittee(call: milleJours, chair: chair, members: members))),
        ] + rows(milleJours).enumerated().map { i, row in
            by(instructor2, .submitCase(SubmitCase(call: milleJours, fields: row.submitFields(receivedOn: ["2021-07-05", "2021-08-16", "2021-09-27"][i % 3]))))
        })
        let m = (1...3).map { "\(milleJours)-\(String(format: "%04d", $0))" }
        try write([
            advance(instructor2, m[0], "start-review"),
            advance(instructor2, m[0], "propose", ["opinion": "favorable", "proposed_amount": "55000"]),
            advance(chair, m[0], "score", ["pertinence": "4", "territoire": "5", "partenariat": "4"]),
            advance(instructor2, m[1], "start-review"),
            advance(instructor2, m[2], "request-documents", ["missing": "Attestation de non-assujettissement à la TVA", "due_on": "2021-10-31"]),
        ])

        // 3. A closed AMI with two stages.
        let ami = "AMI-ACCUEIL-POUR-TOUS-2021"
        step("AMI fermé \(ami) : territoires présélectionnés, deux étapes")
        try write([
            by(manager, .createCall(CreateCall(
                call: ami, kind: "ami", title: "Accueil pour tous : modes d'accueil du jeune enfant dans les territoires prioritaires",
                envelope: "300000", opensOn: "2021-03-01", closesOn: "2021-06-30", departements: ["09", "11", "66", "82"],
                applicantKinds: ["commune", "epci", "syndicat", "departement"],
                measures: ["SN1.4 Faciliter l'accès à un mode d'accueil pour tous les enfants"], fundingSource: "AAP-FLECHAGE-NATIONAL",
                criteria: ["besoin:40", "qualite:30", "insertion:30"]
            ))),
            by(manager, .advanceCall(AdvanceCall(call: ami, action: "publish"))),
            by(manager, .setCommittee(SetCommittee(call: ami, chair: chair, members: members, quorum: 2))),
        ] + rows(ami).enumerated().map { i, row in
            by(instructor, .submitCase(SubmitCase(call: ami, fields: row.submitFields(receivedOn: ["2021-04-14", "2021-05-20"][i % 2]))))
        })
        var outsider = rows("AAP-1000J-2021").first?.submitFields(receivedOn: "2021-05-03") ?? [:]
        outsider["departement"] = "31"
        outsider["applicant_name"] = "Communauté de communes des Coteaux du Girou"
        try show(refused: [by(instructor, .submitCase(SubmitCase(call: ami, fields: outsider)))], what: "candidature hors des départements de l'AMI fermé")
        let a = (1...2).map { "\(ami)-\(String(format: "%04d", $0))" }
        try write([
            advance(instructor, a[0], "start-review"), advance(instructor, a[1], "start-review"),
            advance(chair, a[0], "shortlist"), advance(chair, a[1], "shortlist"),
            advance(instructor, a[0], "receive-proposal", ["amount_requested": "200000", "title": "Micro-crèche AVIP et relais petite enfance itinérant en Arize-Lèze", "received_on": "2021-09-10"]),
            advance(instructor, a[1], "receive-proposal", ["amount_requested": "150000", "title": "Multi-accueil de 20 places dont 6 réservées aux familles en insertion", "received_on": "2021-09-14"]),
            advance(instructor, a[0], "propose", ["opinion": "favorable", "proposed_amount": "180000"]),
            advance(instructor, a[1], "propose", ["opinion": "favorable", "proposed_amount": "150000"]),
            advance(chair, a[0], "score", ["besoin": "5", "qualite": "4", "insertion": "5"]),
            advance(members[0], a[0], "score", ["besoin": "5", "qualite": "4", "insertion": "4"]),
            advance(chair, a[1], "score", ["besoin": "4", "qualite": "4", "insertion": "3"]),
            advance(members[1], a[1], "score", ["besoin": "4", "qualite": "3", "insertion": "4"]),
            advance(chair, a[0], "select", ["awarded_amount": "180000", "years": "2", "first_year": "2022", "decided_on": "2021-10-05"]),
            advance(chair, a[1], "waitlist", reason: "Enveloppe insuffisante ; à reprendre si des crédits se libèrent"),
            by(manager, .advanceCall(AdvanceCall(call: ami, action: "close"))),
        ])

        // 4. A labelling AMI: a fixed grant of 15 000 € a year for three years, paid year by year.
        let pcb = "AMI-PCB-2021"
        step("AMI de labellisation \(pcb) : 15 000 € par an pendant 3 ans, versés tranche par tranche")
        try write([
            by(manager, .createCall(CreateCall(
                call: pcb, kind: "ami", title: "Labellisation de points conseil budget (PCB)", envelope: "90000",
                opensOn: "2021-01-15", closesOn: "2021-03-31", applicantKinds: ["association", "ccas"],
                measures: ["SN3.7 Déployer des points conseil budget"], fundingSource: "P304", criteria: ["besoin:50", "qualite:50"]
            ))),
            by(manager, .advanceCall(AdvanceCall(call: pcb, action: "publish"))),
            by(manager, .setCommittee(SetCommittee(call: pcb, chair: chair, members: members, quorum: 2))),
        ] + rows(pcb).enumerated().map { i, row in
            by(instructor2, .submitCase(SubmitCase(call: pcb, fields: row.submitFields(receivedOn: ["2021-02-10", "2021-03-02"][i % 2]))))
        })
        let p = (1...2).map { "\(pcb)-\(String(format: "%04d", $0))" }
        var labelling: [ActorCommand] = []
        for id in p {
            labelling += [
                advance(instructor2, id, "start-review"), advance(chair, id, "shortlist"),
                advance(instructor2, id, "receive-proposal", ["amount_requested": "45000", "title": "Point conseil budget labellisé 2021-2023"]),
                advance(instructor2, id, "propose", ["opinion": "favorable", "proposed_amount": "45000"]),
                advance(chair, id, "score", ["besoin": "4", "qualite": "4"]), advance(members[0], id, "score", ["besoin": "5", "qualite": "4"]),
                advance(chair, id, "select", ["awarded_amount": "45000", "years": "3", "first_year": "2021", "decided_on": "2021-04-20"]),
                advance(finance, id, "sign-agreement", ["instrument": "convention", "reference": "CPO-PCB-\(id.suffix(4))", "signed_on": "2021-05-03"]),
                advance(finance, id, "pay", ["amount": "15000", "kind": "instalment", "year": "2021", "paid_on": "2021-05-20"]),
            ]
        }
        labelling += [
            advance(instructor2, p[0], "receive-report", ["received_on": "2022-04-12", "spent_amount": "15000", "year": "2021"]),
            advance(instructor2, p[0], "evaluate", ["outcome": "achieved", "note": "Permanences tenues", "indicators": "menages_accompagnes=142; dossiers_surendettement=23"]),
            advance(finance, p[0], "pay", ["amount": "15000", "kind": "instalment", "year": "2022", "paid_on": "2022-05-18"]),
        ]
        try write(labelling)
        try show(refused: [advance(finance, p[0], "pay", ["amount": "5000", "kind": "instalment", "year": "2022", "paid_on": "2022-09-10"])],
                 what: "versement au-delà de la tranche annuelle")

        // 5. The granting authority named in the open-data exports (aap export scdl, aap export 360giving).
        step("Autorité attributaire des exports open data : DREETS Occitanie")
        try write([by(admin, .setAuthority(SetAuthority(name: "DREETS Occitanie", siret: DemoData.authoritySiret)))])

        // 6. A call whose applications come from a spreadsheet, through the path of `aap import applications`.
        let acteurs = "AAP-GT-ACTEURS-2021"
        step("Appel \(acteurs) : candidatures importées d'un tableur (aap import applications)")
        try write([
            by(manager, .createCall(CreateCall(
                call: acteurs, kind: "aap", title: "Soutien aux acteurs des groupes de travail de la stratégie pauvreté",
                envelope: "100000", opensOn: "2021-03-01", closesOn: "2021-05-31",
                measures: Array(Set(rows(acteurs).map(\.measure))).sorted(), fundingSource: "P304",
                criteria: ["pertinence:50", "impact:50"]
            ))),
            by(manager, .advanceCall(AdvanceCall(call: acteurs, action: "publish"))),
            by(manager, .setCommittee(SetCommittee(call: acteurs, chair: chair, members: members))),
        ])
        let spreadsheet = DemoData.importFile(rows(acteurs), received: ["2021-04-06", "2021-04-19", "2021-05-03", "2021-05-21"])
        let state: StoreState = try store.load().state
        guard let call = (try? CallID.parse(acteurs)).flatMap({ state.calls[$0] }) else {
            throw CLIFailure(.data, "Démonstration interrompue : appel \(acteurs) introuvable")
        }
        let imported = ApplicationImport.read(text: spreadsheet, call: call, in: state)
        if let problem = imported.problems.first {
            throw CLIFailure(.data, "Démonstration interrompue (import) : \(problem.text)")
        }
        do {
            let clock = try Clock.now()
            try store.execute(imported.commands.map { by(instructor, $0) }, at: clock.at, today: clock.today, keys: keys)
        } catch let batch as BatchRefusal {
            throw CLIFailure(.data, "Démonstration interrompue (import) : \(imported.problem(refused: batch.refusal, row: batch.index).text)")
        }
        if !quiet { Console.out("  ↳ \(imported.rows.count) candidatures importées en une écriture") }
        let g = (1...imported.rows.count).map { "\(acteurs)-\(String(format: "%04d", $0))" }
        try write(g.prefix(2).map { advance(instructor, $0, "start-review") })
    }

    private func by(_ actor: String, _ command: Command) -> ActorCommand { ActorCommand(command, by: actor) }

    private func advance(_ actor: String, _ caseID: String, _ action: String, _ fields: [String: String] = [:], reason: String? = nil) -> ActorCommand {
        ActorCommand(.advanceCase(AdvanceCase(caseID: caseID, action: action, fields: fields, reason: reason)), by: actor)
    }

    private func write(_ commands: [ActorCommand]) throws {
        let clock = try Clock.now()
        do {
            try store.execute(commands, at: clock.at, today: clock.today, keys: keys)
        } catch let batch as BatchRefusal {
            throw CLIFailure(.data, "Démonstration interrompue (commande \(batch.index + 1)) : \(batch.refusal.message)")
        }
    }

    /// Runs commands that the rules must refuse, and shows the refusal.
    private func show(refused commands: [ActorCommand], what: String) throws {
        let clock = try Clock.now()
        do {
            try store.execute(commands, at: clock.at, today: clock.today, keys: keys)
            throw CLIFailure(.data, "Démonstration : la règle attendue n'a pas refusé la \(what)")
        } catch let batch as BatchRefusal {
            if !quiet { Console.out("  ↳ refus attendu (\(what)) : \(batch.refusal.message)") }
        }
    }

    private func step(_ text: String) {
        if !quiet { Console.out("• \(text)") }
    }
}
