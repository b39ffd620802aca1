/// Evolve: folds an accepted event into the state. Total: it never fails.
///
/// An event whose references are missing (which `decide` never produces) changes nothing but the count.
extension StoreState {
    public mutating func apply(_ recorded: RecordedEvent) {
        apply(recorded.event, by: recorded.actor)
        switch recorded.event {
        case .caseSubmitted(let e):
            if let creation = workflow(e.workflow)?.creationAction { cases[e.caseID]?.actionAt[creation.id] = recorded.at }
        case .caseAdvanced(let e): cases[e.caseID]?.actionAt[e.action] = recorded.at
        case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .authoritySet,
             .actorKeyRotated, .actorKeyRevoked: break
        }
    }

    public mutating func apply(_ event: Event, by actor: ActorID) {
        eventCount += 1
        switch event {
        case .actorRegistered(let e):
            actors[e.actor] = ActorRecord(id: e.actor, name: e.name, roles: Set(e.roles), publicKey: e.publicKey)
        case .workflowRegistered(let e):
            workflows[e.definition.id, default: [:]][e.definition.version] = e.definition
        case .callCreated(let e):
            var call = CallState(created: e)
            call.state = workflow(e.callWorkflow)?.creationAction?.to ?? "draft"
            calls[e.call] = call
            callOrder.append(e.call)
        case .callAdvanced(let e):
            calls[e.call]?.state = e.to
        case .committeeSet(let e):
            calls[e.call]?.committee = Committee(chair: e.chair, members: e.members, quorum: e.quorum, viceChair: e.viceChair)
        case .caseSubmitted(let e):
            let creation = workflow(e.workflow)?.creationAction
            let c = CaseState(submitted: e, by: actor, initialState: creation?.to ?? "submitted", creation: creation?.id)
            // Decide gives the case the call's next number (never one already taken); the call counts it.
            recount(cases[e.caseID], as: c)
            cases[e.caseID] = c
            if let reference = e.externalReference { externalReferences[reference] = e.caseID }
        case .caseAdvanced(let e):
            applyCaseAdvanced(e, by: actor)
        case .authoritySet(let e):
            authority = e
        case .actorKeyRotated(let e):
            actors[e.actor]?.publicKey = e.publicKey
            actors[e.actor]?.revocation = nil
        case .actorKeyRevoked(let e):
            actors[e.actor]?.publicKey = nil
            actors[e.actor]?.revocation = e.reason
        }
    }

    private mutating func applyCaseAdvanced(_ e: CaseAdvanced, by actor: ActorID) {
        guard var c = cases[e.caseID] else { return }
        let before = c
        c.state = e.to
        c.version += 1
        c.actors[e.action] = actor
        c.actionFields[e.action] = e.fields
        let action = workflow(c.workflow)?.action(e.action)
        if action?.effect != .score {
            for (id, value) in e.fields.values { c.fields[id] = value }
        }
        if let action {
            for field in action.fields {
                guard let value = e.fields[field.id] else { continue }
                if action.effect != .score {
                    switch field.meaning {
                    case .years: c.years = Int(value.integer ?? 1)
                    case .firstYear: c.firstYear = value.integer.map(Int.init)
                    case .dueOn, .missingDocuments, .receivedOn, .decidedOn, .signedOn, .reference, .instrument, .paymentKind,
                         .year, .opinion, nil: break
                    }
                }
                if let target = field.sets {
                    if let slot = AmountSlot(rawValue: target), let money = value.money {
                        c.amounts[slot] = money
                        if slot == .spent { c.reportReceived = true }
                    } else if target == "title", let text = value.string {
                        c.title = text
                    }
                }
                if let target = field.addsTo, let slot = AmountSlot(rawValue: target), let money = value.money {
                    c.amounts[slot] = c.amounts[slot] + money
                    switch slot {
                    case .paid:
                        if let year = action.value(.year, in: e.fields)?.integer { c.paidByYear[Int(year), default: .zero] = c.paidByYear[Int(year), default: .zero] + money }
                    case .spent:
                        c.reportReceived = true
                        let year = action.value(.year, in: e.fields)?.integer.map(Int.init) ?? c.firstYear ?? 0
                        c.spentByYear[year, default: .zero] = c.spentByYear[year, default: .zero] + money
                        c.lastReportedYear = year
                    case .requested, .proposed, .awarded, .recovered:
                        break
                    }
                }
            }
            if action.effect == .evaluation, let year = c.lastReportedYear { c.evaluatedYears.insert(year) }
            switch action.effect {
            case .score:
                var scores: [String: Int] = [:]
                for (criterion, value) in e.fields.values { if let n = value.integer { scores[criterion] = Int(n) } }
                c.scores[actor] = scores
            case .conflict:
                c.conflicts[actor] = e.reason ?? ""
            case .decision:
                // Only a decision taken in committee counts, not an instructor's rejection at review.
                if action.allowedRoles(from: e.from).contains(where: \.isCommitteeRole) {
                    calls[c.call]?.committeeDecisions += 1
                }
            case .proposal, .documentsRequest, .documentsReceipt, .proposalReceipt, .agreement, .evaluation, .withdrawal, nil:
                break
            }
        }
        cases[e.caseID] = c
        recount(before, as: c)
    }

    /// Moves a case's contribution to its call's totals from what it was (`old`, nil for a new case) to `new`.
    private mutating func recount(_ old: CaseState?, as new: CaseState) {
        if let old {
            let held = holdsAward(old)
            calls[old.call]?.totals.remove(old, holdsAward: held)
        }
        let holds = holdsAward(new)
        calls[new.call]?.totals.add(new, holdsAward: holds)
    }
}
