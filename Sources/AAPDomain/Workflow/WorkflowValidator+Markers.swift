/// The checks of the semantic markers a format-2 file writes (a format-1 file gets them from
/// ``FormatOneMarkers`` and is not held to them, so that every definition already in a log stays valid).
extension WorkflowValidator {
    /// Effects that at most one action may have: the domain asks for "the" action with that effect.
    static let singleEffects: [ActionEffect] = [.proposal, .documentsRequest, .documentsReceipt, .proposalReceipt, .agreement, .evaluation, .withdrawal]
    /// Effects whose action must lead to a state: the domain asks whether a case is in that state.
    static let effectsWithTarget: [ActionEffect] = [.documentsRequest, .agreement, .evaluation, .withdrawal]
    /// Decision outcomes that at most one action may have.
    static let singleOutcomes: [DecisionOutcome] = [.award, .waitlist, .retraction]

    static func validateMarkers(_ w: WorkflowDefinition, initial: String) throws {
        switch w.kind {
        case .call: try validateCallMarkers(w, initial: initial)
        case .case: try validateCaseMarkers(w)
        }
        for action in w.actions {
            try validateOutcome(action)
            var meanings = Set<FieldMeaning>()
            for field in action.fields {
                try validateMeaning(field, in: "l'action « \(action.id) »")
                if let meaning = field.meaning, !meanings.insert(meaning).inserted {
                    throw WorkflowError("plusieurs champs de l'action « \(action.id) » ont le sens « \(meaning.rawValue) »")
                }
            }
        }
    }

    private static func validateCallMarkers(_ w: WorkflowDefinition, initial: String) throws {
        if let state = w.states.first(where: \.reportsDue) {
            throw WorkflowError("« reports_due » n'a de sens que dans un workflow de dossier (l'état « \(state.id) »)")
        }
        let open = try exactlyOne(w.states.filter(\.acceptsSubmissions).map(\.id), marker: "accepts_submissions",
                                  missing: "aucun état ne reçoit les dossiers")
        _ = try exactlyOne(w.states.filter(\.resultsPublished).map(\.id), marker: "results_published",
                           missing: "aucun état ne marque les résultats publiés")
        guard w.openingAction(from: initial) != nil else {
            throw WorkflowError("aucune action ne mène de l'état initial « \(initial) » à l'état « \(open) » qui reçoit les dossiers (publication de l'appel)")
        }
    }

    private static func validateCaseMarkers(_ w: WorkflowDefinition) throws {
        if let state = w.states.first(where: { $0.acceptsSubmissions || $0.resultsPublished }) {
            throw WorkflowError("« accepts_submissions » et « results_published » n'ont de sens que dans un workflow d'appel (l'état « \(state.id) »)")
        }
        for effect in singleEffects {
            let ids = w.actions(withEffect: effect).map(\.id)
            if ids.count > 1 { throw WorkflowError("plusieurs actions ont l'effet « \(effect.rawValue) » : \(ids.joined(separator: ", "))") }
        }
        for outcome in singleOutcomes {
            let ids = w.actions.filter { $0.effect == .decision && $0.outcome == outcome }.map(\.id)
            if ids.count > 1 { throw WorkflowError("plusieurs décisions ont l'issue « \(outcome.rawValue) » : \(ids.joined(separator: ", "))") }
        }
        for effect in effectsWithTarget {
            if let action = w.action(withEffect: effect), action.to == nil {
                throw WorkflowError("l'action « \(action.id) » (effet « \(effect.rawValue) ») doit mener à un état (« to »)")
            }
        }
        guard w.decision(.award) != nil else {
            throw WorkflowError("aucune décision n'attribue la subvention (une action « effect »: \"decision\", « outcome »: \"award\" est attendue)")
        }
        guard w.action(withEffect: .agreement) != nil else {
            throw WorkflowError("aucune action ne signe la convention ou l'arrêté (une action « effect »: \"agreement\" est attendue)")
        }
        for action in w.actions { try validateRuleMarkers(action, in: w) }
    }

    /// The markers a named rule reads must be there.
    private static func validateRuleMarkers(_ action: ActionDefinition, in w: WorkflowDefinition) throws {
        let name = "l'action « \(action.id) »"
        func needs(_ meaning: FieldMeaning, marking value: ValueMeaning? = nil, for rule: RuleName) throws {
            guard let field = action.field(meaning: meaning) else {
                throw WorkflowError("la règle « \(rule.rawValue) » de \(name) lit un champ de sens « \(meaning.rawValue) » (« means »), absent")
            }
            if let value, field.value(meaning: value) == nil {
                throw WorkflowError("la règle « \(rule.rawValue) » de \(name) lit la valeur de sens « \(value.rawValue) » du champ « \(field.id) » (« value_means »), absente")
            }
        }
        for rule in action.rules.compactMap(RuleName.init(rawValue:)) {
            switch rule {
            case .separationOfDuties:
                guard w.action(withEffect: .proposal) != nil else {
                    throw WorkflowError("la règle « \(rule.rawValue) » de \(name) lit qui a proposé le dossier : aucune action n'a l'effet « proposal »")
                }
            case .balanceAfterEvaluation:
                try needs(.paymentKind, marking: .balance, for: rule)
                guard w.action(withEffect: .evaluation) != nil else {
                    throw WorkflowError("la règle « \(rule.rawValue) » de \(name) lit si le dossier est évalué : aucune action n'a l'effet « evaluation »")
                }
            case .conventionAboveThreshold:
                try needs(.instrument, marking: .convention, for: rule)
            case .multiYearDates:
                try needs(.years, for: rule)
                try needs(.firstYear, for: rule)
            case .datesInOrder, .positiveEnvelope, .noCaseAwaitingDecision, .allCasesTerminal, .callOpen, .onTime,
                 .eligibleTerritory, .eligibleApplicantKind, .validIdentifier, .notAboveRequested, .committeeMemberOfCall,
                 .noConflict, .oneScorePerMember, .scoredBefore, .quorum, .withinEnvelope, .paidWithinAward,
                 .recoveryWithinUnspent, .settled, .recoveredBeforeWithdrawal, .reportYear, .allReportsReceived,
                 .retractionWindow:
                break
            }
        }
    }

    private static func validateOutcome(_ action: ActionDefinition) throws {
        switch (action.effect, action.outcome) {
        case (.decision, nil):
            throw WorkflowError("l'action « \(action.id) » est une décision : son issue « outcome » est obligatoire (issues possibles : \(DecisionOutcome.allCases.map(\.rawValue).joined(separator: ", ")))")
        case (.decision, .some), (_, nil):
            break
        case (_, .some):
            throw WorkflowError("« outcome » n'a de sens que pour une décision (l'action « \(action.id) »)")
        }
    }

    private static func validateMeaning(_ field: FieldDefinition, in action: String) throws {
        let name = "le champ « \(field.id) » de \(action)"
        let ofName = "du champ « \(field.id) » de \(action)"
        if let meaning = field.meaning, !meaning.types.contains(field.type) {
            throw WorkflowError("\(name) est de type \(field.type.rawValue) ; le sens « \(meaning.rawValue) » attend \(meaning.types.map(\.rawValue).joined(separator: " ou "))")
        }
        guard !field.valueMeanings.isEmpty else { return }
        let allowed = field.meaning?.valueMeanings ?? []
        var seen = Set<ValueMeaning>()
        for (value, meaning) in field.valueMeanings.sorted(by: { $0.key < $1.key }) {
            guard field.values?.contains(value) == true else {
                throw WorkflowError("« value_means » \(ofName) cite la valeur « \(value) » absente de « values »")
            }
            guard allowed.contains(meaning) else {
                throw WorkflowError("la valeur « \(value) » \(ofName) ne peut avoir le sens « \(meaning.rawValue) » (sens possibles : \(allowed.isEmpty ? "aucun" : allowed.map(\.rawValue).joined(separator: ", ")))")
            }
            guard seen.insert(meaning).inserted else {
                throw WorkflowError("plusieurs valeurs \(ofName) ont le sens « \(meaning.rawValue) »")
            }
        }
    }

    private static func exactlyOne(_ ids: [String], marker: String, missing: String) throws -> String {
        guard let first = ids.first else { throw WorkflowError("\(missing) (« \(marker) »: true attendu sur un état)") }
        guard ids.count == 1 else { throw WorkflowError("plusieurs états ont « \(marker) » : \(ids.joined(separator: ", "))") }
        return first
    }
}
