/// The decide loop: a list of commands decided in order, each on the state the accepted ones
/// before it left. The store, `aap batch`, `import --dry-run` and the audit all run it.
extension Decider {
    /// Decides `commands` in order on `state`, applying each accepted event (recorded at `at`) to it
    /// before the next command is decided; `state` ends as the state after the accepted ones.
    ///
    /// `prepare` runs before each command (the store loads there what the command reads), `accept`
    /// on each accepted decision with the state before it (the store picks the signing key there).
    /// A ``Refusal`` either throws is the command's refusal; any other error they throw stops the loop
    /// and is thrown. After a refusal, `afterRefusal` says whether the next commands are decided.
    public static func decide(
        _ commands: [ActorCommand], on state: inout StoreState, at: String, today: CalendarDate,
        afterRefusal: Decisions.AfterRefusal = .stop, siretRule: Siret.Rule = .insee,
        prepare: (_ index: Int, _ command: ActorCommand, _ state: inout StoreState) throws -> Void,
        accept: (_ decision: Decision, _ stateBefore: StoreState) throws -> Void
    ) rethrows -> Decisions {
        var decisions = Decisions()
        decisions.accepted.reserveCapacity(commands.count)
        for (index, item) in commands.enumerated() {
            let refused: Refusal
            do {
                try prepare(index, item, &state)
                switch decide(item, at: index, on: state, context: DecisionContext(actor: item.actor, today: today, siretRule: siretRule)) {
                case .success(let decision):
                    try accept(decision, state)
                    state.apply(RecordedEvent(seq: state.eventCount + 1, at: at, actor: decision.actor, event: decision.event))
                    decisions.accepted.append(decision)
                    continue
                case .failure(let refusal):
                    refused = refusal
                }
            } catch let refusal as Refusal {
                refused = refusal
            }
            decisions.refusals.append(BatchRefusal(index: index, refusal: refused))
            if afterRefusal == .stop { break }
        }
        return decisions
    }

    /// Decides `commands` in order on `state`, applying each accepted event (recorded at `at`) to it;
    /// `state` ends as the state after the accepted ones. The audit passes `siretRule: .recorded`: a
    /// recorded line is re-decided under the SIRET rule it was accepted by (see ``Siret/Rule``).
    public static func decide(
        _ commands: [ActorCommand], on state: inout StoreState, at: String, today: CalendarDate,
        afterRefusal: Decisions.AfterRefusal = .stop, siretRule: Siret.Rule = .insee
    ) -> Decisions {
        decide(commands, on: &state, at: at, today: today, afterRefusal: afterRefusal, siretRule: siretRule, prepare: { _, _, _ in }, accept: { _, _ in })
    }

    /// One command decided on `state`: its decision, or why it is refused.
    private static func decide(_ item: ActorCommand, at index: Int, on state: StoreState, context: DecisionContext) -> Result<Decision, Refusal> {
        do {
            let event = try decide(item.command, in: state, context: context)
            guard let actor = try? ActorID.parse(item.actor) else { return .failure(unknownActor(item.actor)) }
            return .success(Decision(index: index, actor: actor, event: event))
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(Refusal(.invalid, code: "decision.impossible", "Décision impossible : \(error)"))
        }
    }

    /// The refusal of a command whose actor the store does not know.
    static func unknownActor(_ actor: String) -> Refusal {
        Refusal(.permission, code: "actor.unknown", "Refusé : l'acteur « \(actor) » n'est pas enregistré dans ce magasin")
    }
}
