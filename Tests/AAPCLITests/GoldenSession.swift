import Foundation

/// The demo session (`Sources/AAPCLI/Demo/DemoScript.swift`) told through the command line, one step per
/// golden file: the same five calls, applicants, committee, decisions, payments and spreadsheet import,
/// then every report, export and check, a few refusals, and the `--json` output of the read commands and of a few
/// writes (steps 80-85). Built once per test run.
enum GoldenSession {
    /// What the session recorded: the golden files' bytes, and the steps that could not run.
    struct Recording: Sendable {
        let files: [String: Data]
        let failures: [String: String]
    }

    static let recorded: Result<Recording, any Error> = Result {
        let recorder = try GoldenRecorder(actors: actors)
        var failures: [String: String] = [:]
        for (name, body) in steps {
            do { try recorder.step(name) { try body(recorder) } } catch { failures[name] = "\(error)" }
        }
        return Recording(files: recorder.files, failures: failures)
    }

    static var stepNames: [String] { steps.map(\.name) }

    // The people of the demo.
    static let admin = "admin.dreets", manager = "resp.garcia", instructor = "instr.roux", instructor2 = "instr.benali"
    static let chair = "chair.durand", fabre = "membre.fabre", lopez = "membre.lopez", finance = "fin.moreau", auditor = "audit.ccomptes"
    /// Everyone with a fixed key.
    static let actors = [admin, manager, instructor, instructor2, chair, fabre, lopez, finance, auditor]

    // The calls of the demo and their cases.
    static let relance = "AAP-RELANCE-ASSO-2021", milleJours = "AAP-1000J-2021", accueil = "AMI-ACCUEIL-POUR-TOUS-2021"
    static let pcb = "AMI-PCB-2021", acteurs = "AAP-GT-ACTEURS-2021"
    static func id(_ call: String, _ n: Int) -> String { "\(call)-000\(n)" }

    typealias Step = (name: String, body: @Sendable (GoldenRecorder) throws -> Void)

    static let steps: [Step] = [
        ("01-init", { g in
            try g.run(["init", "--admin", admin, "--name", "Camille Martin"])
        }),
        ("02-actor-add", { g in
            for (actor, name, roles) in [
                (manager, "Inès Garcia", ["manager"]), (instructor, "Paul Roux", ["instructor"]), (instructor2, "Samia Benali", ["instructor"]),
                (chair, "Hélène Durand", ["committee_chair", "committee_member"]), (fabre, "Jean Fabre", ["committee_member"]),
                (lopez, "Marta Lopez", ["committee_member"]), (finance, "Louis Moreau", ["finance"]),
            ] {
                try g.run(["actor", "add", actor, "--name", name] + roles.flatMap { ["--role", $0] }, as: admin)
            }
            try g.run(["actor", "add", auditor, "--role", "auditor", "--name", "Claire Petit",
                       "--public-key", try GoldenRecorder.publicKey(for: auditor)], as: admin)
        }),
        ("03-workflow-list", { g in try g.run(["workflow", "list"]) }),
        ("04-workflow-show-aap", { g in try g.run(["workflow", "show", "aap"]) }),
        ("05-workflow-graph-call", { g in try g.run(["workflow", "graph", "call"]) }),
        ("06-workflow-graph-ami-mermaid", { g in try g.run(["workflow", "graph", "ami", "--format", "mermaid"], stdoutAs: "mmd") }),
        ("07-workflow-graph-aap-dot", { g in try g.run(["workflow", "graph", "aap", "--format", "dot"], stdoutAs: "dot") }),

        // 1. France Relance: the whole life of a call.
        ("10-call-create-relance", { g in
            try g.run(["call", "create", relance, "--kind", "aap", "--title", "Soutien aux associations de lutte contre la pauvreté (France Relance)",
                       "--envelope", "300000", "--opens", "2021-02-01", "--closes", "2021-04-30", "--applicant-kind", "association",
                       "--measure", "SN3.9 Lutter contre la précarité alimentaire", "--measure", "SN3.1 Faciliter l'accès au numérique",
                       "--funding-source", "RELANCE", "--criterion", "pertinence:40", "--criterion", "faisabilite:30", "--criterion", "impact:30"],
                      as: manager)
            try g.run(["call", "advance", relance, "publish"], as: manager)
        }),
        ("11-committee-set-relance", { g in
            try g.run(["committee", "set", relance, "--chair", chair, "--member", fabre, "--member", lopez, "--quorum", "2"], as: manager)
        }),
        ("12-case-submit-relance", { g in
            for row in [
                ("Association Garrigue Solidaire", "12970536480783", "W304348605", "30", "Camion frigorifique pour la collecte et la distribution en Cévennes", "68000", "2021-03-02"),
                ("Épicerie solidaire Lauragais Partage", "19213025048974", "W317521644", "31", "Épicerie solidaire itinérante en zone blanche du Lauragais", "95 000", "2021-03-09"),
                ("Union régionale Partage Alimentaire Occitanie", "19840029328810", "W310158828", "REG", "Plateforme logistique régionale et chaîne du froid pour les associations habilitées", "240000", "2021-03-15"),
                ("Réseau Numérique Inclusif des Corbières", "19149704970106", "W115208625", "11", "Médiation numérique à domicile pour personnes âgées isolées", "42000", "2021-03-22"),
                ("Parents Relais Montpelliérains", "11072405137718", "W345188922", "34", "Soutien à la parentalité des familles monoparentales en QPV", "55000", "2021-04-02"),
                ("Mobil'Adour Insertion", "17585014800875", "W653740934", "65", "Location solidaire de véhicules et garage associatif", "120000", "2021-04-12"),
                ("Pas à Pas Emploi Quercy", "19281623948416", "W828981748", "82", "Chantiers courts de remobilisation pour allocataires du RSA", "60000", "2021-04-28"),
            ] {
                try g.run(["case", "submit", relance, "--applicant", row.0, "--applicant-kind", "association", "--siret", row.1, "--rna", row.2,
                           "--departement", row.3, "--title", row.4, "--amount", row.5, "--received", row.6], as: instructor)
            }
        }),
        ("13-call-show-relance", { g in try g.run(["call", "show", relance]) }),
        ("14-case-advance-instruction", { g in
            let r = (1...7).map { id(relance, $0) }
            try g.run(["case", "advance", r[2], "request-documents", "--set", "missing=Budget prévisionnel et statuts signés", "--set", "due_on=2021-05-15"], as: instructor)
            try g.run(["case", "advance", r[2], "receive-documents", "--set", "received_on=2021-05-06"], as: instructor)
            try g.run(["case", "advance", r[4], "declare-inadmissible", "--reason", "Dossier hors champ : action de parentalité non éligible à ce volet"], as: instructor)
            for n in [0, 1, 2, 3, 5, 6] { try g.run(["case", "advance", r[n], "start-review"], as: instructor) }
            for (n, opinion, amount) in [(0, "favorable", "60000"), (1, "favorable", "90000"), (2, "reserved", "150000"),
                                         (3, "favorable", "40000"), (5, "favorable", "100000"), (6, "unfavorable", "0")] {
                try g.run(["case", "advance", r[n], "propose", "--set", "opinion=\(opinion)", "--set", "proposed_amount=\(amount)"], as: instructor)
            }
        }),
        ("15-case-list-proposed", { g in try g.run(["case", "list", "--call", relance, "--state", "proposed"]) }),
        ("16-batch-committee-relance", { g in
            let r = (1...7).map { id(relance, $0) }
            var lines = [["case", "advance", r[1], "declare-conflict", "--reason", "Administratrice de l'association porteuse", "--as", lopez]]
            let grids = [(0, 5, 4, 4), (1, 4, 4, 5), (2, 4, 3, 4), (3, 4, 4, 3), (5, 5, 5, 4), (6, 2, 2, 1)]
            for (n, pertinence, faisabilite, impact) in grids {
                for scorer in [chair, fabre, lopez] where !(scorer == lopez && n == 1) {
                    let adjusted = scorer == fabre && impact > 1 ? impact - 1 : impact
                    lines.append(["case", "advance", r[n], "score", "--set", "pertinence=\(pertinence)", "--set", "faisabilite=\(faisabilite)",
                                  "--set", "impact=\(adjusted)", "--as", scorer])
                }
            }
            for (n, amount) in [(5, "100000"), (0, "60000"), (1, "90000"), (3, "40000")] {
                lines.append(["case", "advance", r[n], "select", "--set", "awarded_amount=\(amount)", "--set", "decided_on=2021-06-10", "--as", chair])
            }
            lines.append(["case", "advance", r[2], "waitlist", "--reason", "Projet solide mais l'enveloppe restante ne couvre pas le montant proposé", "--as", chair])
            lines.append(["case", "advance", r[6], "reject", "--reason", "Projet peu abouti : partenariats et budget à consolider", "--as", chair])
            try g.run(["batch", "-"], stdin: batch(lines))
        }),
        ("17-refusal-select-beyond-envelope", { g in
            try g.run(["case", "advance", id(relance, 3), "select", "--set", "awarded_amount=150000"], as: chair)
        }),
        ("18-case-advance-withdraw-and-select", { g in
            try g.run(["case", "advance", id(relance, 6), "withdraw", "--reason", "Le porteur renonce : cofinancement départemental non obtenu"], as: instructor)
            try g.run(["case", "advance", id(relance, 3), "select", "--set", "awarded_amount=110000", "--set", "decided_on=2021-07-08"], as: chair)
        }),
        ("19-case-advance-funding", { g in
            let r1 = id(relance, 1)
            try g.run(["case", "advance", r1, "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2021-031", "--set", "signed_on=2021-07-01"], as: finance)
            try g.run(["case", "advance", r1, "pay", "--set", "amount=30000", "--set", "kind=advance", "--set", "paid_on=2021-07-20", "--set", "ej=2103456789"], as: finance)
            try g.run(["case", "advance", r1, "receive-report", "--set", "received_on=2022-05-30", "--set", "spent_amount=58000"], as: instructor)
            try g.run(["case", "advance", r1, "evaluate", "--set", "outcome=achieved", "--set", "note=Camion en service",
                       "--set", "indicators=beneficiaires_par_mois=1200; tournees_par_semaine=6"], as: instructor)
            try g.run(["case", "advance", r1, "pay", "--set", "amount=28000", "--set", "kind=balance", "--set", "paid_on=2022-07-05"], as: finance)
            try g.run(["case", "advance", r1, "close"], as: finance)
            try g.run(["case", "advance", id(relance, 2), "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2021-032", "--set", "signed_on=2021-07-02"], as: finance)
            try g.run(["case", "advance", id(relance, 2), "pay", "--set", "amount=45000", "--set", "kind=advance", "--set", "paid_on=2021-07-21"], as: finance)
            try g.run(["case", "advance", id(relance, 4), "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2021-033", "--set", "signed_on=2021-07-05"], as: finance)
            try g.run(["case", "advance", id(relance, 3), "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2021-040", "--set", "signed_on=2021-09-01"], as: finance)
        }),
        ("20-call-advance-relance", { g in
            try g.run(["call", "advance", relance, "close"], as: manager)
            try g.run(["call", "advance", relance, "publish-results"], as: manager)
        }),

        // 2. "1 000 premiers jours": a call still in review, written as one batch.
        ("21-call-create-1000j", { g in
            try g.run(["call", "create", milleJours, "--kind", "aap",
                       "--title", "1 000 premiers jours en Occitanie : santé des jeunes enfants et accompagnement des parents",
                       "--envelope", "120 000", "--opens", "2021-06-01", "--closes", "2021-09-30", "--measure", "SN1.2 Accompagner la parentalité",
                       "--funding-source", "ENV-COMMISSAIRE", "--criterion", "pertinence:50", "--criterion", "territoire:25", "--criterion", "partenariat:25",
                       "--publish"], as: manager)
            try g.run(["committee", "set", milleJours, "--chair", chair, "--member", fabre, "--member", lopez], as: manager)
        }),
        ("22-batch-submit-and-review-1000j", { g in
            let m = (1...3).map { id(milleJours, $0) }
            let submit = ["case", "submit", milleJours]
            try g.run(["batch", "-"], stdin: batch([
                submit + ["--applicant", "Communauté de communes des Causses et Vallons", "--applicant-kind", "epci", "--siret", "16599956668290",
                          "--departement", "48", "--title", "Parcours périnatalité et espace sensoriel en milieu rural", "--amount", "60000",
                          "--received", "2021-07-05", "--as", instructor2],
                submit + ["--applicant", "Association Petits Pas Ariégeois", "--applicant-kind", "association", "--siret", "12170730131122",
                          "--rna", "W097664483", "--departement", "09", "--title", "Prévention de l'épuisement des parents d'enfants de 0 à 3 ans",
                          "--amount", "38000", "--received", "2021-08-16", "--as", instructor2],
                submit + ["--applicant", "Compagnie Éveil des Tout-Petits", "--applicant-kind", "association", "--siret", "12044914552769",
                          "--rna", "W321483911", "--departement", "32", "--title", "Éveil artistique des tout-petits dans les lieux d'accueil ruraux",
                          "--amount", "27000", "--received", "2021-09-27", "--as", instructor2],
                ["case", "advance", m[0], "start-review", "--as", instructor2],
                ["case", "advance", m[0], "propose", "--set", "opinion=favorable", "--set", "proposed_amount=55000", "--as", instructor2],
                ["case", "advance", m[0], "score", "--set", "pertinence=4", "--set", "territoire=5", "--set", "partenariat=4", "--as", chair],
                ["case", "advance", m[1], "start-review", "--as", instructor2],
                ["case", "advance", m[2], "request-documents", "--set", "missing=Attestation de non-assujettissement à la TVA",
                 "--set", "due_on=2021-10-31", "--as", instructor2],
            ]))
        }),

        // 3. A closed AMI in two stages.
        ("23-call-create-accueil", { g in
            try g.run(["call", "create", accueil, "--kind", "ami",
                       "--title", "Accueil pour tous : modes d'accueil du jeune enfant dans les territoires prioritaires",
                       "--envelope", "300000", "--opens", "2021-03-01", "--closes", "2021-06-30"]
                      + ["09", "11", "66", "82"].flatMap { ["--departement", $0] }
                      + ["commune", "epci", "syndicat", "departement"].flatMap { ["--applicant-kind", $0] }
                      + ["--measure", "SN1.4 Faciliter l'accès à un mode d'accueil pour tous les enfants", "--funding-source", "AAP-FLECHAGE-NATIONAL",
                         "--criterion", "besoin:40", "--criterion", "qualite:30", "--criterion", "insertion:30", "--publish"], as: manager)
            try g.run(["committee", "set", accueil, "--chair", chair, "--member", fabre, "--member", lopez, "--quorum", "2"], as: manager)
        }),
        ("24-case-submit-accueil", { g in
            try g.run(["case", "submit", accueil, "--applicant", "Communauté de communes Terres d'Arnave", "--applicant-kind", "epci",
                       "--siret", "15502168641577", "--departement", "09",
                       "--title", "Micro-crèche à vocation d'insertion professionnelle et relais itinérant", "--amount", "210000",
                       "--received", "2021-04-14"], as: instructor)
            try g.run(["case", "submit", accueil, "--applicant", "SIVU Enfance Fenouillèdes-Agly", "--applicant-kind", "syndicat",
                       "--siret", "14570813776750", "--departement", "66", "--title", "Multi-accueil avec places réservées aux familles précaires",
                       "--amount", "180000", "--received", "2021-05-20"], as: instructor)
        }),
        ("25-refusal-submit-outside-departements", { g in
            try g.run(["case", "submit", accueil, "--applicant", "Communauté de communes des Coteaux du Girou", "--applicant-kind", "epci",
                       "--siret", "16599956668290", "--departement", "31", "--title", "Parcours périnatalité et espace sensoriel en milieu rural",
                       "--amount", "60000", "--received", "2021-05-03"], as: instructor)
        }),
        ("26-case-advance-accueil", { g in
            let a = (1...2).map { id(accueil, $0) }
            for c in a { try g.run(["case", "advance", c, "start-review"], as: instructor) }
            for c in a { try g.run(["case", "advance", c, "shortlist"], as: chair) }
            try g.run(["case", "advance", a[0], "receive-proposal", "--set", "amount_requested=200000",
                       "--set", "title=Micro-crèche AVIP et relais petite enfance itinérant en Arize-Lèze", "--set", "received_on=2021-09-10"], as: instructor)
            try g.run(["case", "advance", a[1], "receive-proposal", "--set", "amount_requested=150000",
                       "--set", "title=Multi-accueil de 20 places dont 6 réservées aux familles en insertion", "--set", "received_on=2021-09-14"], as: instructor)
            try g.run(["case", "advance", a[0], "propose", "--set", "opinion=favorable", "--set", "proposed_amount=180000"], as: instructor)
            try g.run(["case", "advance", a[1], "propose", "--set", "opinion=favorable", "--set", "proposed_amount=150000"], as: instructor)
            try g.run(["case", "advance", a[0], "score", "--set", "besoin=5", "--set", "qualite=4", "--set", "insertion=5"], as: chair)
            try g.run(["case", "advance", a[0], "score", "--set", "besoin=5", "--set", "qualite=4", "--set", "insertion=4"], as: fabre)
            try g.run(["case", "advance", a[1], "score", "--set", "besoin=4", "--set", "qualite=4", "--set", "insertion=3"], as: chair)
            try g.run(["case", "advance", a[1], "score", "--set", "besoin=4", "--set", "qualite=3", "--set", "insertion=4"], as: lopez)
            try g.run(["case", "advance", a[0], "select", "--set", "awarded_amount=180000", "--set", "years=2", "--set", "first_year=2022",
                       "--set", "decided_on=2021-10-05"], as: chair)
            try g.run(["case", "advance", a[1], "waitlist", "--reason", "Enveloppe insuffisante ; à reprendre si des crédits se libèrent"], as: chair)
            try g.run(["call", "advance", accueil, "close"], as: manager)
        }),

        // 4. A labelling AMI: 15 000 € a year for three years, paid year by year.
        ("27-call-create-pcb", { g in
            try g.run(["call", "create", pcb, "--kind", "ami", "--title", "Labellisation de points conseil budget (PCB)", "--envelope", "90000",
                       "--opens", "2021-01-15", "--closes", "2021-03-31", "--applicant-kind", "association", "--applicant-kind", "ccas",
                       "--measure", "SN3.7 Déployer des points conseil budget", "--funding-source", "P304",
                       "--criterion", "besoin:50", "--criterion", "qualite:50", "--publish"], as: manager)
            try g.run(["committee", "set", pcb, "--chair", chair, "--member", fabre, "--member", lopez, "--quorum", "2"], as: manager)
            try g.run(["case", "submit", pcb, "--applicant", "CCAS de Sainte-Arlette-du-Lez", "--applicant-kind", "ccas", "--siret", "14239738959509",
                       "--departement", "34", "--title", "Labellisation d'un point conseil budget au CCAS", "--amount", "45000",
                       "--received", "2021-02-10"], as: instructor2)
            try g.run(["case", "submit", pcb, "--applicant", "Association Budget et Vous Gascogne", "--applicant-kind", "association",
                       "--siret", "19373442366506", "--rna", "W324089625", "--departement", "32",
                       "--title", "Point conseil budget itinérant en milieu rural", "--amount", "45000", "--received", "2021-03-02"], as: instructor2)
        }),
        ("28-batch-labelling-pcb", { g in
            var lines: [[String]] = []
            for n in 1...2 {
                let c = id(pcb, n)
                lines += [
                    ["case", "advance", c, "start-review", "--as", instructor2],
                    ["case", "advance", c, "shortlist", "--as", chair],
                    ["case", "advance", c, "receive-proposal", "--set", "amount_requested=45000", "--set", "title=Point conseil budget labellisé 2021-2023", "--as", instructor2],
                    ["case", "advance", c, "propose", "--set", "opinion=favorable", "--set", "proposed_amount=45000", "--as", instructor2],
                    ["case", "advance", c, "score", "--set", "besoin=4", "--set", "qualite=4", "--as", chair],
                    ["case", "advance", c, "score", "--set", "besoin=5", "--set", "qualite=4", "--as", fabre],
                    ["case", "advance", c, "select", "--set", "awarded_amount=45000", "--set", "years=3", "--set", "first_year=2021",
                     "--set", "decided_on=2021-04-20", "--as", chair],
                    ["case", "advance", c, "sign-agreement", "--set", "instrument=convention", "--set", "reference=CPO-PCB-000\(n)",
                     "--set", "signed_on=2021-05-03", "--as", finance],
                    ["case", "advance", c, "pay", "--set", "amount=15000", "--set", "kind=instalment", "--set", "year=2021",
                     "--set", "paid_on=2021-05-20", "--as", finance],
                ]
            }
            let p1 = id(pcb, 1)
            lines += [
                ["case", "advance", p1, "receive-report", "--set", "received_on=2022-04-12", "--set", "spent_amount=15000", "--set", "year=2021", "--as", instructor2],
                ["case", "advance", p1, "evaluate", "--set", "outcome=achieved", "--set", "note=Permanences tenues",
                 "--set", "indicators=menages_accompagnes=142; dossiers_surendettement=23", "--as", instructor2],
                ["case", "advance", p1, "pay", "--set", "amount=15000", "--set", "kind=instalment", "--set", "year=2022", "--set", "paid_on=2022-05-18", "--as", finance],
            ]
            try g.run(["batch", "-"], stdin: batch(lines))
        }),
        ("29-refusal-pay-beyond-tranche", { g in
            try g.run(["case", "advance", id(pcb, 1), "pay", "--set", "amount=5000", "--set", "kind=instalment", "--set", "year=2022",
                       "--set", "paid_on=2022-09-10"], as: finance)
        }),

        // 5. The granting authority of the open-data exports.
        ("30-refusal-export-scdl-without-authority", { g in try g.run(["export", "scdl"]) }),
        ("31-authority-set", { g in
            try g.run(["authority", "set", "--name", "DREETS Occitanie", "--siret", "13002526500013"], as: admin)
        }),

        // 6. Applications from a spreadsheet.
        ("32-call-create-acteurs", { g in
            try g.run(["call", "create", acteurs, "--kind", "aap", "--title", "Soutien aux acteurs des groupes de travail de la stratégie pauvreté",
                       "--envelope", "100000", "--opens", "2021-03-01", "--closes", "2021-05-31"]
                      + ["SN0 Transversal (connaissance et valorisation)", "SN0 Transversal (participation)",
                         "SN2.1 Informer les jeunes sur leurs droits et promouvoir leur engagement",
                         "SN2.4 Lutter contre le décrochage scolaire et accompagner l'obligation de formation"].flatMap { ["--measure", $0] }
                      + ["--funding-source", "P304", "--criterion", "pertinence:50", "--criterion", "impact:50", "--publish"], as: manager)
            try g.run(["committee", "set", acteurs, "--chair", chair, "--member", fabre, "--member", lopez], as: manager)
        }),
        ("33-import-dry-run-problems", { g in
            let file = try g.write(spreadsheet(broken: true), to: "candidatures-erreurs.csv")
            try g.run(["import", "applications", file.path, "--call", acteurs, "--dry-run"], as: instructor)
        }),
        ("34-import-dry-run", { g in
            let file = try g.write(spreadsheet(broken: false), to: "candidatures.csv")
            try g.run(["import", "applications", file.path, "--call", acteurs, "--dry-run"], as: instructor)
        }),
        ("35-import-applications", { g in
            try g.run(["import", "applications", g.path("candidatures.csv").path, "--call", acteurs], as: instructor)
            for n in 1...2 { try g.run(["case", "advance", id(acteurs, n), "start-review"], as: instructor) }
        }),

        // What the session left: lists, cases, reports, deadlines, audit.
        ("40-call-list", { g in try g.run(["call", "list"]) }),
        ("41-case-list", { g in try g.run(["case", "list"]) }),
        ("42-case-show-relance-0001", { g in try g.run(["case", "show", id(relance, 1)], as: finance) }),
        ("43-case-show-pcb-0001", { g in try g.run(["case", "show", id(pcb, 1)]) }),
        ("44-case-history-relance-0001", { g in try g.run(["case", "history", id(relance, 1)]) }),
        ("45-case-history-accueil-0001", { g in try g.run(["case", "history", id(accueil, 1)]) }),
        ("46-report-call-relance", { g in try g.run(["report", "call", relance]) }),
        ("47-report-call-1000j", { g in try g.run(["report", "call", milleJours]) }),
        ("48-report-call-accueil", { g in try g.run(["report", "call", accueil]) }),
        ("49-report-call-pcb", { g in try g.run(["report", "call", pcb]) }),
        ("50-report-call-acteurs", { g in try g.run(["report", "call", acteurs]) }),
        ("51-report-committee-relance", { g in try g.run(["report", "committee", relance]) }),
        ("52-report-committee-accueil", { g in try g.run(["report", "committee", accueil]) }),
        ("53-due", { g in
            try g.run(["due", "--on", "2021-09-01"])
            try g.run(["due", "--on", "2022-06-01", "--all"])
        }),
        ("54-audit-verify", { g in try g.run(["audit", "verify"]) }),
        ("55-audit-replay", { g in
            try g.run(["audit", "replay"])
            try g.run(["audit", "replay", "--until", "60"])
        }),
        ("56-audit-checkpoint", { g in
            let note = g.path("store/checkpoints/00000142.note")
            try g.run(["audit", "checkpoint"], as: auditor, writes: (note, "note"))
            try g.run(["audit", "verify", "--checkpoint", note.path])
        }),
        ("57-todo", { g in
            for person in [instructor, chair, fabre, finance, manager] { try g.run(["todo", "--on", "2021-09-01"], as: person) }
            try g.run(["todo"], as: auditor)
            try g.run(["todo", "--on", "2021-09-01", "--json"], as: fabre)
        }),

        // Exports (built from the log alone).
        ("60-export-scdl", { g in try g.run(["export", "scdl"], stdoutAs: "csv") }),
        ("61-export-scdl-all", { g in try g.run(["export", "scdl", "--all"], stdoutAs: "csv") }),
        ("62-export-scdl-call-until", { g in try g.run(["export", "scdl", "--call", relance, "--all", "--until", "133"], stdoutAs: "csv") }),
        ("63-export-360giving", { g in try g.run(["export", "360giving"], stdoutAs: "json") }),
        ("64-export-cases", { g in try g.run(["export", "cases"], stdoutAs: "csv") }),
        ("65-export-cases-excel", { g in try g.run(["export", "cases", "--excel"], stdoutAs: "csv") }),
        ("66-report-call-html", { g in
            let file = g.path("bilan-relance.html")
            try g.run(["report", "call", relance, "--html", file.path], writes: (file, "html"))
        }),

        // Refusals: one French line on stderr, exit 1 (a rule or a permission) or 65 (bad data).
        ("70-refusals", { g in
            try g.run(["case", "advance", id(relance, 7), "select", "--set", "awarded_amount=10000"], as: chair)
            try g.run(["case", "advance", id(milleJours, 1), "select", "--set", "awarded_amount=55000"], as: instructor2)
            try g.run(["case", "advance", id(milleJours, 2), "score", "--set", "pertinence=4"], as: chair)
            try g.run(["case", "submit", milleJours, "--applicant", "Association Test", "--applicant-kind", "association", "--siret", "12345678901234",
                       "--departement", "31", "--title", "Projet", "--amount", "1000", "--received", "2021-07-01"], as: instructor)
            try g.run(["case", "show", "AAP-1000J-2021-0099"])
            try g.run(["case", "advance", id(milleJours, 2), "propose", "--set", "opinion=favorable", "--set", "proposed_amount=beaucoup"], as: instructor2)
        }),

        // Usage errors: one French line on stderr, exit 64, raised while parsing (nothing read or written).
        ("71-usage-errors", { g in
            try g.run(["case", "list", "--bogus"])
            try g.run(["case", "list", "--stat", "submitted"])
            try g.run(["case", "sbumit"])
            try g.run(["call", "create", "AAP-X-2026", "--kind", "aap"], as: manager)
            try g.run(["committee", "set", relance, "--chair", chair, "--quorum", "deux"], as: manager)
            try g.run(["committee", "set", relance, "--chair", chair], as: manager)
            try g.run(["case", "advance", id(milleJours, 2), "score", "--set", "pertinence"], as: chair)
            try g.run(["case", "advance", id(milleJours, 2), "score", "--set", "pertinence=4", "--set", "pertinence=5"], as: chair)
            try g.run(["case", "advance", id(milleJours, 2), "start-review"])
            try g.run(["workflow", "graph", "aap", "--format", "png"])
        }),

        // `--json`: the read commands on the finished store, then a few writes (after the rest, so earlier steps keep their clock).
        ("80-json-workflow-actor-call", { g in
            try g.run(["workflow", "list", "--json"])
            try g.run(["workflow", "show", "ami", "--json"])
            try g.run(["actor", "list", "--json"])
            try g.run(["call", "list", "--json"])
            try g.run(["call", "show", relance, "--json"])
            try g.run(["call", "show", acteurs, "--json"])
        }),
        ("81-json-case", { g in
            try g.run(["case", "list", "--call", relance, "--json"])
            try g.run(["case", "show", id(relance, 1), "--json"], as: finance)
            try g.run(["case", "show", id(pcb, 1), "--json"])
            try g.run(["case", "show", id(milleJours, 1), "--json"])
            try g.run(["case", "history", id(relance, 1), "--json"])
            try g.run(["case", "history", id(accueil, 1), "--json"])
        }),
        ("82-json-report", { g in
            try g.run(["report", "call", relance, "--json"])
            try g.run(["report", "call", milleJours, "--json"])
            try g.run(["report", "call", accueil, "--json"])
            try g.run(["report", "committee", relance, "--json"])
            try g.run(["report", "committee", accueil, "--json"])
            try g.run(["due", "--on", "2022-06-01", "--all", "--json"])
        }),
        ("83-json-audit", { g in
            try g.run(["audit", "verify", "--json"])
            try g.run(["audit", "replay", "--until", "60", "--json"])
            try g.run(["audit", "verify", "--checkpoint", g.path("store/checkpoints/00000142.note").path, "--json"])
            try g.run(["audit", "prove", id(relance, 1), "--checkpoint", g.path("store/checkpoints/00000142.note").path, "--json"])
            try g.run(["import", "applications", g.path("candidatures-erreurs.csv").path, "--call", acteurs, "--dry-run", "--json"], as: instructor)
        }),
        ("84-json-writes", { g in
            try g.run(["actor", "add", "instr.json", "--role", "instructor", "--name", "Jo Son",
                       "--public-key", try GoldenRecorder.publicKey(for: "instr.json"), "--json"], as: admin)
            try g.run(["call", "create", "AAP-JSON-2022", "--kind", "aap", "--title", "Appel « JSON » \\ barre oblique inverse", "--envelope", "10000",
                       "--opens", "2022-01-01", "--closes", "2022-12-31", "--criterion", "pertinence:100", "--json"], as: manager)
            try g.run(["call", "advance", "AAP-JSON-2022", "publish", "--json"], as: manager)
            try g.run(["committee", "set", "AAP-JSON-2022", "--chair", chair, "--member", fabre, "--json"], as: manager)
            try g.run(["case", "submit", "AAP-JSON-2022", "--applicant", "Association \"Guillemets\"", "--applicant-kind", "association",
                       "--siret", "12970536480783", "--departement", "31", "--title", "Projet", "--amount", "1000,50", "--received", "2022-02-01", "--json"], as: instructor)
            try g.run(["case", "advance", "AAP-JSON-2022-0001", "start-review", "--json"], as: instructor)
            try g.run(["batch", "-", "--json"], stdin: batch([["case", "advance", "AAP-JSON-2022-0001", "propose", "--set", "opinion=favorable",
                                                                "--set", "proposed_amount=1000", "--as", instructor]]))
            try g.run(["authority", "set", "--name", "DREETS Occitanie", "--siret", "13002526500013", "--json"], as: admin)
            try g.run(["actor", "rotate-key", "instr.json", "--public-key", try GoldenRecorder.publicKey(for: "instr.json 2"), "--json"], as: admin)
            try g.run(["actor", "revoke-key", "instr.json", "--reason", "Départ", "--json"], as: admin)
            try g.run(["audit", "checkpoint", "--json"], as: auditor)
            try g.run(["init", "--admin", admin, "--store", g.path("store-json").path, "--json"])
        }),
        ("85-json-audit-verify-altered", { g in
            // A copy of the store with one byte of line 16 changed (same length): the failure is a JSON document too.
            let copy = g.path("store-altered")
            try FileManager.default.copyItem(at: g.path("store"), to: copy)
            let segment = copy.appendingPathComponent("log/000001.jsonl")
            let text = try String(contentsOf: segment, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "Camion frigorifique", with: "Camion frigorifiquE").utf8).write(to: segment)
            try g.run(["audit", "verify", "--store", copy.path, "--json"])
        }),
    ]

    /// The lines of an `aap batch` file.
    static func batch(_ lines: [[String]]) -> String {
        lines.map { line in
            let data = (try? JSONSerialization.data(withJSONObject: line, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// The demo's spreadsheet for `AAP-GT-ACTEURS-2021` as a French spreadsheet saves it (BOM, semicolons,
    /// CRLF, kinds written as in the sample file); `broken` spoils three rows for `--dry-run` to list.
    static func spreadsheet(broken: Bool) -> String {
        let header = "applicant_name;applicant_kind;siret;rna;departement;title;amount_requested;received_on"
        let rows = [
            "Collectif Aller-Vers Rouergue;association;13634834982010;W120507556;12;Ateliers de persévérance scolaire pour collégiens ruraux;32000;2021-04-06",
            broken
                ? "Association Regards Croisés Albigeois;association;18030670655701;W810746193;81;Formation à la participation de personnes accompagnées aux groupes de travail;18000;2021-04-19"
                : "Association Regards Croisés Albigeois;association;18030670655700;W810746193;81;Formation à la participation de personnes accompagnées aux groupes de travail;18000;2021-04-19",
            broken
                ? "Coordination des radios associatives solidaires;association;17043697667674;W318776014;99;\"Émissions de valorisation; des actions associatives\";45000;2021-05-03"
                : "Coordination des radios associatives solidaires;association;17043697667674;W318776014;REG;Émissions de valorisation des actions associatives contre la pauvreté;45000;2021-05-03",
            broken
                ? "Association Jeunes en Causse;association;17075458413872;W460416218;46;Promotion du service civique auprès des jeunes ruraux;vingt-cinq mille;2021-05-21"
                : "Association Jeunes en Causse;association;17075458413872;W460416218;46;Promotion du service civique auprès des jeunes ruraux;25000;2021-05-21",
        ]
        return "\u{FEFF}" + ([header] + rows).joined(separator: "\r\n") + "\r\n"
    }
}
