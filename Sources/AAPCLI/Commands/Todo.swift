import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap todo`: what waits for one person now (``WorkQueue``), overdue cases first.
    struct Todo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "todo",
            abstract: "Ce qui attend la personne (--as) aujourd'hui : dossiers à instruire, à noter, à décider, à conventionner ou à payer, appels à faire avancer, point de contrôle à prendre ; les retards d'abord, avec l'échéance légale qu'ils risquent.",
            discussion: "Les étapes proposées sont celles que les règles du workflow permettent à cette personne (comme « Actions possibles » de case show), et les échéances celles de « aap due ». Pour chaque dossier, la commande de l'étape principale est prête à copier."
        )

        @Option(help: "Date de référence (AAAA-MM-JJ ; par défaut aujourd'hui).") var on: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = Session(global: global)
            let given = try global.requireActor()
            guard let actor = try? ActorID.parse(given) else {
                throw CLIFailure(.data, errorCode: "actor.unknown", "Acteur inconnu « \(given) » : aap actor list donne les personnes enregistrées")
            }
            let today: CalendarDate
            do { today = try on.map(CalendarDate.parse) ?? Clock.now().today } catch let error as ValueError {
                throw CLIFailure(.data, error.message)
            }
            let state = try session.state()
            guard let record = state.actors[actor] else {
                throw CLIFailure(.data, errorCode: "actor.unknown", "Acteur inconnu « \(actor.value) » : aap actor list donne les personnes enregistrées")
            }
            let queue = state.workQueue(for: actor, today: today, dateOf: ParisCalendar.calendarDate(ofTimestamp:))
            let checkpoint = record.roles.contains(Role.auditor)
                ? TodoCheckpoint(events: state.eventCount, covered: Self.latestCheckpoint(in: session.address.checkpointFolder))
                : nil
            try session.output(
                json: TodoOutput(queue, record: record, checkpoint: checkpoint, in: state),
                human: TodoText.render(queue, record: record, checkpoint: checkpoint, in: state)
            )
        }

        /// The size of the newest checkpoint note in the folder (`00000142.note` → 142), if any.
        static func latestCheckpoint(in folder: String) -> Int? {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.compactMap { name in name.hasSuffix(".note") ? Int(name.dropLast(".note".count)) : nil }.max()
        }
    }
}

/// Whether an auditor has a checkpoint to take: the log's size against the newest one kept.
struct TodoCheckpoint {
    let events: Int
    let covered: Int?
    var due: Bool { events > (covered ?? 0) }
}

/// How `aap todo` reads in French.
enum TodoText {
    static func render(_ queue: WorkQueue, record: ActorRecord, checkpoint: TodoCheckpoint?, in state: StoreState) -> String {
        let caseCount = queue.overdue.count + queue.groups.reduce(0) { $0 + $1.items.count }
        let roles = record.roles.sorted().map(\.label).joined(separator: ", ")
        var lines = ["À faire pour \(record.displayName == record.id.value ? record.id.value : "\(record.displayName) (\(record.id.value))")"
            + (roles.isEmpty ? "" : ", \(roles)") + ", au \(queue.today.french) : "
            + (caseCount == 0 ? "aucun dossier" : French.plural(caseCount, "dossier", "dossiers"))]
        if !queue.overdue.isEmpty {
            lines += ["", "En retard (\(queue.overdue.count)) :"]
            lines += table(queue.overdue, in: state, today: queue.today, showState: true)
        }
        for group in queue.groups {
            guard let workflow = state.workflow(group.workflow) else { continue }
            let actions = group.actions.map { id in "\(workflow.action(id)?.label ?? id) (\(id))" }.joined(separator: " ou ")
            lines += ["", "\(workflow.label(ofState: group.state)) — \(actions) : \(French.plural(group.items.count, "dossier", "dossiers"))"]
            lines += table(group.items, in: state, today: queue.today, showState: false)
        }
        let all = queue.overdue + queue.groups.flatMap(\.items)
        if let first = all.first, let example = first.steps.first, let c = state.cases[first.caseID] {
            lines += ["", "Par exemple : " + NextStepText.command(example, case: c, actor: queue.actor)]
        }
        if let scoring = all.first(where: { item in item.steps.contains { $0.action.effect == .score } }),
           let conflict = scoring.steps.first(where: { $0.action.effect == .conflict }), let c = state.cases[scoring.caseID] {
            lines += ["Avant de noter : déclarez tout conflit d'intérêts avec un porteur, par exemple "
                + NextStepText.command(conflict, case: c, actor: queue.actor)]
        }
        if !queue.calls.isEmpty {
            lines += ["", "Appels :"]
            lines += French.table(["  Appel", "État", "Actions possibles"], queue.calls.map { item in
                ["  " + item.call.value, state.calls[item.call].map { state.stateLabel(of: $0) } ?? item.state, item.actions.joined(separator: ", ")]
            }).split(separator: "\n").map(String.init)
        }
        if let checkpoint {
            lines += [""]
            if checkpoint.due {
                let covered = checkpoint.covered.map { "le dernier pris en couvre \(French.plural($0, "événement", "événements"))" } ?? "aucun n'a encore été pris"
                lines += ["Point de contrôle à prendre : le journal compte \(French.plural(checkpoint.events, "événement", "événements")), \(covered) : aap audit checkpoint --as \(queue.actor.value)"]
            } else {
                lines += ["Point de contrôle à jour : le dernier pris couvre les \(French.plural(checkpoint.events, "événement", "événements")) du journal."]
            }
        }
        if caseCount == 0 && queue.calls.isEmpty && checkpoint?.due != true {
            lines += ["", "Rien n'attend \(queue.actor.value) pour l'instant."]
        }
        return lines.joined(separator: "\n")
    }

    /// The rows of a list of cases: id, (state), applicant, requested amount, next deadline, steps.
    private static func table(_ items: [WorkQueue.Item], in state: StoreState, today: CalendarDate, showState: Bool) -> [String] {
        let header = ["  Dossier"] + (showState ? ["État"] : []) + ["Porteur", "Demandé", "Échéance", "Étapes"]
        let rows = items.map { item -> [String] in
            let c = state.cases[item.caseID]
            let stateCell = c.map { state.stateLabel(of: $0) } ?? item.state
            let deadline = (item.overdue(on: today) ?? item.deadlines.first).map { deadlineText($0, today: today) } ?? "—"
            return ["  " + item.caseID.value] + (showState ? [stateCell] : [])
                + [c?.applicant.name ?? "", c?.amounts.requested.formatted ?? "", deadline, item.steps.map(\.action.id).joined(separator: ", ")]
        }
        return French.table(header, rows).split(separator: "\n").map(String.init)
    }

    /// « rejet implicite le 03/07/2021, en retard de 12 j ».
    static func deadlineText(_ deadline: Deadline, today: CalendarDate) -> String {
        let days = today.days(until: deadline.dueOn)
        let status = days < 0 ? "en retard de \(-days) j" : (days == 0 ? "aujourd'hui" : "dans \(days) j")
        return "\(deadline.kind.label) le \(deadline.dueOn.french), \(status)"
    }
}
