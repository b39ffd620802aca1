import Foundation

/// Decide: checks a command against the state and returns the event it records, or a ``Refusal``.
///
/// Pure: no clock, no I/O. The audit runs it again on every recorded event.
public enum Decider {
    /// The default threshold above which a grant needs a convention (loi 2000-321 art. 10).
    public static let defaultConventionThreshold = Money(cents: 2_300_000)

    public static func decide(_ command: Command, in state: StoreState, context: DecisionContext) throws -> Event {
        switch command {
        case .registerActor(let c): return try registerActor(c, in: state, context: context)
        case .registerWorkflow(let w): return try registerWorkflow(w, in: state, context: context)
        case .createCall(let c): return try createCall(c, in: state, context: context)
        case .advanceCall(let c): return try advanceCall(c, in: state, context: context)
        case .setCommittee(let c): return try setCommittee(c, in: state, context: context)
        case .submitCase(let c): return try submitCase(c, in: state, context: context)
        case .advanceCase(let c): return try advanceCase(c, in: state, context: context)
        case .setAuthority(let c): return try setAuthority(c, in: state, context: context)
        case .rotateKey(let c): return try rotateKey(c, in: state, context: context)
        case .revokeKey(let c): return try revokeKey(c, in: state, context: context)
        }
    }

    // MARK: - Actors and workflows

    static func registerActor(_ c: RegisterActor, in state: StoreState, context: DecisionContext) throws -> Event {
        let id = try value { try ActorID.parse(c.actor) }
        guard !c.roles.isEmpty else { throw Refusal.invalid("role.missing", "Au moins un rôle est requis pour l'acteur « \(id) » (--role)") }
        var roles: [Role] = []
        for name in c.roles {
            let role = try value { try Role.parse(name) }
            if !roles.contains(role) { roles.append(role) }
        }
        let name = try c.name.map { text in try value { try TextInput.validate(text, field: "name", maxLength: 200) } }
        if state.actors.isEmpty {
            // Bootstrap: the first actor registers themself as admin.
            guard context.actor == id.value, roles.contains(.admin) else {
                throw Refusal(.permission, code: "role", "Refusé : le premier acteur du magasin doit être l'administrateur qui l'initialise")
            }
        } else {
            _ = try actor(context, in: state, needs: .admin, for: "enregistrer un acteur")
        }
        guard state.actors[id] == nil else {
            throw Refusal.invalid("actor.exists", "L'acteur « \(id) » existe déjà")
        }
        let publicKey = try c.publicKey.map(checkedPublicKey)
        return .actorRegistered(ActorRegistered(actor: id, name: name, roles: roles.sorted(), publicKey: publicKey))
    }

    static func rotateKey(_ c: RotateKey, in state: StoreState, context: DecisionContext) throws -> Event {
        _ = try actor(context, in: state, needs: .admin, for: "changer la clé d'un acteur")
        let target = try registered(c.actor, in: state)
        let key = try checkedPublicKey(c.publicKey)
        guard key != target.publicKey else { throw Refusal.invalid("key.same", "La nouvelle clé de « \(target.id) » est identique à l'actuelle") }
        return .actorKeyRotated(ActorKeyRotated(actor: target.id, publicKey: key))
    }

    static func revokeKey(_ c: RevokeKey, in state: StoreState, context: DecisionContext) throws -> Event {
        _ = try actor(context, in: state, needs: .admin, for: "révoquer la clé d'un acteur")
        let target = try registered(c.actor, in: state)
        guard target.publicKey != nil else {
            throw Refusal(.rule, code: "key.none", "Refusé : « \(target.id) » n'a pas de clé active à révoquer")
        }
        let reason = try value { try TextInput.validate(c.reason, field: "reason", maxLength: 2000) }
        return .actorKeyRevoked(ActorKeyRevoked(actor: target.id, reason: reason))
    }

    /// A base64 Ed25519 public key (32 bytes), trimmed.
    static func checkedPublicKey(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: trimmed), raw.count == 32 else {
            throw Refusal.invalid("key.invalid", "Clé publique invalide : base64 d'une clé Ed25519 de 32 octets attendu")
        }
        return trimmed
    }

    static func registerWorkflow(_ w: WorkflowDefinition, in state: StoreState, context: DecisionContext) throws -> Event {
        _ = try actor(context, in: state, needs: .admin, for: "enregistrer un workflow")
        do { try WorkflowValidator.validate(w) } catch let error as WorkflowError {
            throw Refusal.invalid("workflow.invalid", "Workflow « \(w.id) » invalide : \(error.message)")
        }
        if let latest = state.latestWorkflow(w.id) {
            guard latest.kind == w.kind else {
                throw Refusal.invalid("workflow.kind", "Le workflow « \(w.id) » est de type \(latest.kind.rawValue), pas \(w.kind.rawValue)")
            }
            guard w.version > latest.version else {
                throw Refusal.invalid("workflow.version", "Le workflow « \(w.id) » est déjà enregistré en version \(latest.version) : la nouvelle version doit être supérieure (reçu \(w.version))")
            }
        }
        return .workflowRegistered(WorkflowRegistered(definition: w))
    }

    static func setAuthority(_ c: SetAuthority, in state: StoreState, context: DecisionContext) throws -> Event {
        _ = try actor(context, in: state, needs: .admin, for: "désigner l'autorité attributaire")
        let name = try value { try TextInput.validate(c.name, field: "name", maxLength: 300) }
        let siret = try value { try Siret.parse(c.siret, rule: context.siretRule) }
        return .authoritySet(AuthoritySet(name: name, siret: siret))
    }

    // MARK: - Calls

    static func createCall(_ c: CreateCall, in state: StoreState, context: DecisionContext) throws -> Event {
        let id = try value { try CallID.parse(c.call) }
        guard state.calls[id] == nil else { throw Refusal.invalid("call.exists", "L'appel \(id) existe déjà") }
        let kind = c.kind.trimmingCharacters(in: .whitespaces).lowercased()
        guard let caseWorkflow = state.latestWorkflow(kind), caseWorkflow.kind == .case else {
            let kinds = state.workflows.values.compactMap { $0.values.first }.filter { $0.kind == .case }.map(\.id).sorted()
            throw Refusal.invalid("call.kind", "Type d'appel inconnu « \(c.kind) » (types possibles : \(kinds.joined(separator: ", ")))")
        }
        guard let callWorkflow = state.latestWorkflow("call"), callWorkflow.kind == .call,
              let creation = callWorkflow.creationAction else {
            throw Refusal.invalid("workflow.missing", "Aucun workflow d'appel « call » n'est enregistré")
        }
        let record = try actor(context, in: state)
        guard state.holds(record, anyOf: creation.allowedRoles(from: nil), on: nil) else {
            throw Refusal(.permission, code: "role", "Refusé : « \(record.id) » n'a pas le rôle \(describeRoles(creation.allowedRoles(from: nil))) requis pour créer un appel")
        }
        let title = try value { try TextInput.validate(c.title, field: "title", maxLength: 300) }
        let envelope = try value { try Money.parse(c.envelope) }
        let opensOn = try value { try CalendarDate.parse(c.opensOn) }
        let closesOn = try value { try CalendarDate.parse(c.closesOn) }
        guard opensOn <= closesOn else {
            throw Refusal.invalid("call.dates", "La date de clôture (\(closesOn.french)) précède la date d'ouverture (\(opensOn.french))")
        }
        var departements: [DepartementCode] = []
        for text in c.departements {
            let code = try value { try DepartementCode.parse(text) }
            if !departements.contains(code) { departements.append(code) }
        }
        var kinds: [ApplicantKind] = []
        for text in c.applicantKinds {
            let kind = try value { try ApplicantKind.parse(text) }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        let measures = try c.measures.map { text in try value { try TextInput.validate(text, field: "measure", maxLength: 200) } }
        let fundingSource = try c.fundingSource.map { text in try value { try TextInput.validate(text, field: "funding_source", maxLength: 200) } }
        let criteria = try parseCriteria(c.criteria)
        let threshold = try c.conventionThreshold.map { text in try value { try Money.parse(text) } } ?? defaultConventionThreshold
        let dispositif = try c.dispositifAide.map { text in try value { try dispositifAide(text) } }
        return .callCreated(CallCreated(
            call: id, kind: kind, callWorkflow: callWorkflow.ref, caseWorkflow: caseWorkflow.ref, title: title, envelope: envelope,
            opensOn: opensOn, closesOn: closesOn, departements: departements, applicantKinds: kinds, measures: measures,
            fundingSource: fundingSource, criteria: criteria, conventionThreshold: threshold, dispositifAide: dispositif
        ))
    }

    /// A *schéma des dispositifs d'aide* id (a UUID there, for example
    /// `65d5b6c7-102c-4440-ac3b-768f708edc0a`): one word of letters, digits, `-`, `_` or `.`, at most 100.
    static func dispositifAide(_ text: String) throws -> String {
        let id = ValueText.trimmed(text)
        let allowed = id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        guard !id.isEmpty, id.count <= 100, allowed else {
            throw ValueError(code: "value.dispositif_aide", "Identifiant de dispositif d'aide invalide \(ValueText.quoted(id)) : lettres, chiffres, « - », « _ » ou « . », 100 caractères au plus (l'identifiant du schéma des dispositifs d'aide)")
        }
        return id
    }

    /// Parses `name:weight` criteria; weights are percentages that must sum to 100.
    static func parseCriteria(_ texts: [String]) throws -> [Criterion] {
        if texts.isEmpty { return [Criterion(name: "global", weight: 100)] }
        var criteria: [Criterion] = []
        for text in texts {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, WorkflowValidator.isIdentifier(parts[0], separator: "_"), let weight = Int(parts[1]), (1...100).contains(weight) else {
                throw Refusal.invalid("call.criterion", "Critère invalide « \(text) » : attendu NOM:POIDS, par exemple pertinence:40 (nom en minuscules, poids de 1 à 100)")
            }
            // A score is written under the criterion's name; a name ending in _cents would read back as an amount.
            guard !parts[0].hasSuffix("_cents") else {
                throw Refusal.invalid("call.criterion", "Critère invalide « \(text) » : un nom de critère ne peut pas finir par _cents (réservé aux montants)")
            }
            guard !criteria.contains(where: { $0.name == parts[0] }) else {
                throw Refusal.invalid("call.criterion", "Critère en double « \(parts[0]) »")
            }
            criteria.append(Criterion(name: parts[0], weight: weight))
        }
        let total = criteria.reduce(0) { $0 + $1.weight }
        guard total == 100 else {
            throw Refusal.invalid("call.criterion", "Les poids des critères doivent totaliser 100 (total reçu : \(total))")
        }
        return criteria
    }

    static func advanceCall(_ c: AdvanceCall, in state: StoreState, context: DecisionContext) throws -> Event {
        let call = try findCall(c.call, in: state)
        guard let workflow = state.workflow(call.callWorkflow) else {
            throw Refusal.invalid("workflow.missing", "Workflow \(call.callWorkflow) introuvable pour l'appel \(call.id)")
        }
        let label = workflow.label(ofState: call.state)
        let record = try actor(context, in: state)
        let allowed = state.allowedActions(for: call, actor: record.id)
        let actionID = c.opening ? workflow.openingAction(from: call.state)?.id ?? c.action : c.action
        guard let action = workflow.action(actionID), !action.isCreation else {
            throw Refusal.invalid("action.unknown", "Action inconnue « \(actionID) » pour l'appel \(call.id) (« \(label) »). Actions possibles : \(describeActions(allowed))")
        }
        let prefix = "Refusé : l'appel \(call.id) est « \(label) »"
        guard action.from.contains(call.state) else {
            throw Refusal(.rule, code: "state", "\(prefix) ; l'action « \(action.id) » n'est pas possible dans cet état. Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
        }
        let roles = action.allowedRoles(from: call.state)
        guard state.holds(record, anyOf: roles, on: call) else {
            throw Refusal(.permission, code: "role", "\(prefix) ; « \(record.id) » n'a pas le rôle \(describeRoles(roles)) requis pour « \(action.id) ». Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
        }
        let reason = try checkReason(c.reason, for: action, subject: "de l'appel \(call.id)")
        let ctx = RuleContext(state: state, call: call, caseState: nil, submission: nil, action: action, fields: Fields(), actor: record.id, today: context.today)
        try checkRules(action, ctx, prefix: prefix, allowed: allowed.filter { $0 != action.id })
        return .callAdvanced(CallAdvanced(call: call.id, action: action.id, from: call.state, to: action.target(from: call.state), reason: reason))
    }

    static func setCommittee(_ c: SetCommittee, in state: StoreState, context: DecisionContext) throws -> Event {
        let call = try findCall(c.call, in: state)
        let record = try actor(context, in: state, needs: .manager, for: "désigner le comité de l'appel \(call.id)")
        _ = record
        let chair = try registered(c.chair, in: state)
        guard chair.roles.contains(.committeeChair) else {
            throw Refusal(.rule, code: "committee.role", "Refusé : « \(chair.id) » n'a pas le rôle \(Role.committeeChair.label) (à ajouter avec « aap actor add »)")
        }
        guard !c.members.isEmpty else { throw Refusal.invalid("committee.members", "Au moins un membre est requis (--member)") }
        var members: [ActorID] = []
        for text in c.members {
            let member = try registered(text, in: state)
            guard member.id != chair.id else {
                throw Refusal.invalid("committee.members", "« \(chair.id) » préside déjà le comité : ne le citez pas aussi comme membre")
            }
            guard !members.contains(member.id) else { throw Refusal.invalid("committee.members", "Membre en double « \(member.id) »") }
            guard member.roles.contains(.committeeMember) || member.roles.contains(.committeeChair) else {
                throw Refusal(.rule, code: "committee.role", "Refusé : « \(member.id) » n'a pas le rôle \(Role.committeeMember.label)")
            }
            members.append(member.id)
        }
        let seats = members.count + 1
        let quorum = c.quorum ?? (seats / 2 + 1)
        guard (1...seats).contains(quorum) else {
            throw Refusal.invalid("committee.quorum", "Quorum \(quorum) invalide : entre 1 et \(seats) (nombre de sièges)")
        }
        let label = state.stateLabel(of: call)
        guard let callWorkflow = state.workflow(call.callWorkflow), !callWorkflow.isTerminal(call.state),
              callWorkflow.state(call.state)?.resultsPublished != true else {
            throw Refusal(.rule, code: "state", "Refusé : l'appel \(call.id) est « \(label) » ; le comité ne peut plus être modifié")
        }
        let viceChair = try c.viceChair.map { text in try self.viceChair(text, chair: chair.id, members: members, in: state) }
        if call.committeeDecisions > 0 {
            // After a decision, only the vice-chair may still be named or changed: the seats and the quorum the decisions counted stay.
            guard let current = call.committee, current.chair == chair.id, current.members == members, current.quorum == quorum else {
                throw Refusal(.rule, code: "committee.decided", "Refusé : le comité de l'appel \(call.id) a déjà rendu \(call.committeeDecisions) décision(s) ; il ne peut plus être modifié (seule la vice-présidence peut encore être désignée, avec les mêmes président(e), membres et quorum)")
            }
        }
        return .committeeSet(CommitteeSet(call: call.id, chair: chair.id, members: members, quorum: quorum, viceChair: viceChair))
    }

    /// The vice-chair: a member of the committee who holds the chair's role.
    private static func viceChair(_ text: String, chair: ActorID, members: [ActorID], in state: StoreState) throws -> ActorID {
        let record = try registered(text, in: state)
        guard record.id != chair else {
            throw Refusal.invalid("committee.vice_chair", "« \(chair) » préside déjà le comité : la vice-présidence revient à un autre membre")
        }
        guard members.contains(record.id) else {
            throw Refusal.invalid("committee.vice_chair", "La vice-présidence revient à un membre du comité : ajoutez « \(record.id) » avec --member")
        }
        guard record.roles.contains(.committeeChair) else {
            throw Refusal(.rule, code: "committee.role", "Refusé : « \(record.id) » n'a pas le rôle \(Role.committeeChair.label), requis pour la vice-présidence")
        }
        return record.id
    }

    // MARK: - Cases

    static func submitCase(_ c: SubmitCase, in state: StoreState, context: DecisionContext) throws -> Event {
        let call = try findCall(c.call, in: state)
        guard let workflow = state.workflow(call.caseWorkflow), let action = workflow.creationAction else {
            throw Refusal.invalid("workflow.missing", "Workflow \(call.caseWorkflow) introuvable pour l'appel \(call.id)")
        }
        let record = try actor(context, in: state)
        let prefix = "Refusé : dépôt sur l'appel \(call.id) (« \(state.stateLabel(of: call)) »)"
        let roles = action.allowedRoles(from: nil)
        guard state.holds(record, anyOf: roles, on: call) else {
            throw Refusal(.permission, code: "role", "\(prefix) ; « \(record.id) » n'a pas le rôle \(describeRoles(roles)) requis pour « \(action.id) »")
        }
        let fields = try FieldParser.parse(c.fields, for: action, criteria: call.criteria, subject: "sur l'appel \(call.id)", siretRule: context.siretRule)
        let reference = try c.externalReference.map { text in
            try value { try TextInput.validate(text, field: "external_reference", maxLength: 100) }
        }
        if let reference, let existing = state.externalReferences[reference] {
            throw Refusal.invalid("case.external_reference_taken", "\(prefix) ; la référence externe \(reference) est déjà celle du dossier \(existing) (déjà importé)")
        }
        let submission = try submission(from: fields, call: call, workflow: workflow, caseID: call.nextCaseID, externalReference: reference,
                                        siretRule: context.siretRule)
        let ctx = RuleContext(state: state, call: call, caseState: nil, submission: submission, action: action, fields: fields, actor: record.id, today: context.today)
        try checkRules(action, ctx, prefix: prefix, allowed: nil)
        return .caseSubmitted(submission)
    }

    private static func submission(from fields: Fields, call: CallState, workflow: WorkflowDefinition, caseID: CaseID,
                                   externalReference: String?, siretRule: Siret.Rule) throws -> CaseSubmitted {
        func text(_ id: String) -> String? { fields[id]?.string }
        guard let name = text("applicant_name"), let kindText = text("applicant_kind"), let departementText = text("departement"),
              let title = text("title"), let amount = fields["amount_requested"]?.money, let receivedText = text("received_on") else {
            throw Refusal.invalid("field.missing", "Dépôt incomplet sur l'appel \(call.id)")
        }
        return try value {
            CaseSubmitted(
                caseID: caseID, call: call.id, workflow: workflow.ref,
                applicant: Applicant(
                    name: name, kind: try ApplicantKind.parse(kindText), siret: try text("siret").map { try Siret.parse($0, rule: siretRule) },
                    rna: try text("rna").map(Rna.parse), departement: try DepartementCode.parse(departementText)
                ),
                title: title, amountRequested: amount, receivedOn: try CalendarDate.parse(receivedText), lateReason: text("late_reason"),
                externalReference: externalReference
            )
        }
    }

    static func advanceCase(_ c: AdvanceCase, in state: StoreState, context: DecisionContext) throws -> Event {
        let caseID = try value { try CaseID.parse(c.caseID) }
        guard let current = state.cases[caseID], let call = state.calls[current.call] else {
            throw Refusal.invalid("case.unknown", "Dossier inconnu « \(caseID) »")
        }
        guard let workflow = state.workflow(current.workflow) else {
            throw Refusal.invalid("workflow.missing", "Workflow \(current.workflow) introuvable pour le dossier \(caseID)")
        }
        let label = workflow.label(ofState: current.state)
        let record = try actor(context, in: state)
        let allowed = state.allowedActions(for: current, actor: record.id, today: context.today)
        let prefix = "Refusé : le dossier \(caseID) est « \(label) »"
        if let expected = c.expectVersion, expected != current.version {
            throw Refusal(.stale, code: "version", "\(prefix) ; il a changé depuis votre lecture (version \(current.version), attendue \(expected)) : relisez-le avant d'agir. Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
        }
        guard let action = workflow.action(c.action), !action.isCreation else {
            throw Refusal.invalid("action.unknown", "Action inconnue « \(c.action) » pour le dossier \(caseID) (« \(label) »). Actions possibles : \(describeActions(allowed))")
        }
        guard action.from.contains(current.state) else {
            throw Refusal(.rule, code: "state", "\(prefix) ; l'action « \(action.id) » n'est pas possible dans cet état. Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
        }
        let roles = action.allowedRoles(from: current.state)
        guard state.holds(record, anyOf: roles, on: call, case: current) else {
            let seat = roles.contains(where: \.isCommitteeRole) ? " (au comité de l'appel \(call.id))" : ""
            throw Refusal(.permission, code: "role", "\(prefix) ; « \(record.id) » n'a pas le rôle \(describeRoles(roles))\(seat) requis pour « \(action.id) ». Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
        }
        let reason = try checkReason(c.reason, for: action, subject: "du dossier \(caseID)")
        let fields = try FieldParser.parse(c.fields, for: action, criteria: call.criteria, subject: "du dossier \(caseID)", siretRule: context.siretRule)
        let ctx = RuleContext(state: state, call: call, caseState: current, submission: nil, action: action, fields: fields, actor: record.id, today: context.today)
        try checkDecisionDate(action, fields, of: current, today: context.today, prefix: prefix, allowed: allowed)
        try checkRules(action, ctx, prefix: prefix, allowed: allowed.filter { $0 != action.id })
        return .caseAdvanced(CaseAdvanced(caseID: caseID, action: action.id, from: current.state, to: action.target(from: current.state), fields: fields, reason: reason))
    }

    // MARK: - Shared checks

    /// A decision date (`decided_on`) is a day that has come: not after today, nor before the case
    /// was received.
    private static func checkDecisionDate(
        _ action: ActionDefinition, _ fields: Fields, of c: CaseState, today: CalendarDate, prefix: String, allowed: [String]
    ) throws {
        guard let decided = action.value(.decidedOn, in: fields)?.string.flatMap(CalendarDate.isISO) else { return }
        let why: String
        if today < decided {
            why = "la date de décision (\(decided.french)) est dans le futur (nous sommes le \(today.french))"
        } else if decided < c.receivedOn {
            why = "la date de décision (\(decided.french)) précède la réception du dossier (\(c.receivedOn.french))"
        } else {
            return
        }
        throw Refusal(.rule, code: "rule.decision_date", "\(prefix) ; \(why). Actions possibles : \(describeActions(allowed))", allowedActions: allowed)
    }

    /// Runs the action's named rules; `allowed` (nil at submission, where no case exists yet) ends the message.
    private static func checkRules(_ action: ActionDefinition, _ ctx: RuleContext, prefix: String, allowed: [String]?) throws {
        for name in action.rules {
            guard let rule = RuleName(rawValue: name) else {
                throw Refusal.invalid("rule.unknown", "Règle inconnue « \(name) » dans le workflow")
            }
            if let why = RuleBook.check(rule, in: ctx) {
                let actions = allowed.map { ". Actions possibles : \(describeActions($0))" } ?? ""
                throw Refusal(.rule, code: "rule.\(name)", "\(prefix) ; \(why)\(actions)", allowedActions: allowed ?? [])
            }
        }
    }

    private static func checkReason(_ reason: String?, for action: ActionDefinition, subject: String) throws -> String? {
        let text = try reason.map { text in try value { try TextInput.validate(text, field: "reason", maxLength: 2000) } }
        switch action.reason {
        case .required where text == nil:
            throw Refusal.invalid("reason.missing", "Motif obligatoire pour l'action « \(action.id) » \(subject) (--reason)")
        case .none where text != nil:
            throw Refusal.invalid("reason.unexpected", "L'action « \(action.id) » ne prend pas de motif (--reason)")
        case .required, .optional, .none:
            return text
        }
    }

    private static func findCall(_ text: String, in state: StoreState) throws -> CallState {
        let id = try value { try CallID.parse(text) }
        guard let call = state.calls[id] else { throw Refusal.invalid("call.unknown", "Appel inconnu « \(id) »") }
        return call
    }

    private static func registered(_ text: String, in state: StoreState) throws -> ActorRecord {
        let id = try value { try ActorID.parse(text) }
        guard let record = state.actors[id] else { throw Refusal.invalid("actor.unknown", "Acteur inconnu « \(id) »") }
        return record
    }

    private static func actor(_ context: DecisionContext, in state: StoreState) throws -> ActorRecord {
        guard let id = try? ActorID.parse(context.actor), let record = state.actors[id] else { throw unknownActor(context.actor) }
        return record
    }

    private static func actor(_ context: DecisionContext, in state: StoreState, needs role: Role, for what: String) throws -> ActorRecord {
        let record = try actor(context, in: state)
        guard record.roles.contains(role) else {
            throw Refusal(.permission, code: "role", "Refusé : « \(record.id) » n'a pas le rôle \(role.label) requis pour \(what)")
        }
        return record
    }

    /// Runs a value parser, turning its error into an invalid-data refusal.
    private static func value<T>(_ parse: () throws -> T) throws -> T {
        do { return try parse() } catch let error as ValueError { throw Refusal.invalid(error) }
    }
}
