import AAPDomain

/// One event of `aap case history --json`: when, who (name and roles), what, the fields, the signature status.
struct CaseHistoryEntryOutput: Encodable {
    let seq: Int
    let at: String
    let actor: String
    let action: String
    @Nullable var from: String?
    let to: String
    let fields: FieldsOutput
    @Nullable var reason: String?
    @Nullable var effectiveOn: String?
    @Nullable var actorName: String?
    let actorRoles: [String]
    let signature: String

    init(_ h: CaseHistory.Entry, actor record: ActorRecord?, signature: String) {
        seq = h.seq
        at = h.at
        actor = h.actor.value
        action = h.action
        from = h.from
        to = h.to
        fields = FieldsOutput(h.fields)
        reason = h.reason
        effectiveOn = h.effectiveOn?.iso
        actorName = record?.name
        actorRoles = (record?.roles.sorted() ?? []).map(\.rawValue)
        self.signature = signature
    }
}
