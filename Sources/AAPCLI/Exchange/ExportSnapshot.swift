import AAPDomain
import AAPStorage

/// The log an export is built from: the whole log, or its prefix up to `--until SEQ`, folded.
///
/// Exports depend on nothing else (no clock, no randomness, no dictionary order), so the same prefix
/// always gives the same bytes; ``positionLine`` tells on stderr which prefix it was.
struct ExportSnapshot {
    let loaded: LoadedStore

    var state: StoreState { loaded.state }
    var head: LogHead { loaded.head }

    /// Reads the store's log, whole or up to event `until` (which must exist).
    static func load(_ session: Session, until: Int?) throws -> ExportSnapshot {
        let store = try session.store()
        let loaded: LoadedStore = try Auditor.replay(store.lines, until: until, asOf: nil)
        if let until, loaded.head.seq < until {
            throw CLIFailure(.data, "Le journal s'arrête à l'événement \(loaded.head.seq) : --until \(until) le dépasse")
        }
        return ExportSnapshot(loaded: loaded)
    }

    /// The one stderr line that lets anyone rebuild the same bytes with `--until`.
    var positionLine: String {
        "Export construit sur le journal jusqu'à l'événement \(head.seq) (tête \(head.hash))"
    }

    /// The calls to export: one (`--call`), or all in creation order.
    func calls(_ call: String?) throws -> [CallState] {
        if let call { return [try CallView.find(call, in: state)] }
        return state.callOrder.compactMap { state.calls[$0] }
    }

    /// The granting authority, which open-data exports must name.
    func authority(for format: String) throws -> AuthoritySet {
        guard let authority = state.authority else {
            throw CLIFailure(.data, "Export \(format) impossible : l'autorité attributaire n'est pas désignée dans ce journal (aap authority set --name NOM --siret SIRET, administrateur)")
        }
        return authority
    }

    /// The timelines of the cases, from the events of this prefix.
    func timelines() -> [CaseID: CaseTimeline] { CaseTimeline.all(loaded.events, state: state, dateOf: ParisCalendar.calendarDate(ofTimestamp:)) }
}
