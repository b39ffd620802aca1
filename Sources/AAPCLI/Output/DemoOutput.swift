/// `aap demo --json`: the store built, each call's report, the log check.
struct DemoOutput: Encodable {
    let store: String
    let calls: [CallReportOutput]
    let verify: AuditVerifyOutput
}
