import Foundation
import Testing

/// Results gathered from several threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [AapResult] = []
    private var errors: [String] = []

    func add(_ result: AapResult) { lock.lock(); items.append(result); lock.unlock() }
    func fail(_ error: any Error) { lock.lock(); errors.append(String(describing: error)); lock.unlock() }
    var results: [AapResult] { lock.lock(); defer { lock.unlock() }; return items }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return errors }
}

@Suite("Écritures concurrentes")
struct ConcurrencyTests {
    @Test("Deux boucles de 50 dépôts en parallèle (un processus par dépôt) : 100 identifiants distincts, seq sans trou", arguments: TestEngine.all)
    func twoWritersHundredSubmissions(engine: TestEngine) throws {
        let ws = try Workspace(engine: engine)
        try ws.initWithActors()
        try ws.openAAPCall()
        let base = try ws.logLines().count
        #expect(base == 13)

        let collected = Collected()
        let done = DispatchSemaphore(value: 0)
        for writer in 1...2 {
            let thread = Thread {
                for n in 1...50 {
                    do {
                        let result = try ws.run(ws.submitArguments(applicant: "Porteur \(writer)-\(n)", title: "Projet \(writer)-\(n)",
                                                                   amount: "\(1000 + n)"),
                                                as: Staff.instructor)
                        collected.add(result)
                    } catch {
                        collected.fail(error)
                    }
                }
                done.signal()
            }
            thread.start()
        }
        done.wait()
        done.wait()

        #expect(collected.failures.isEmpty, "\(collected.failures)")
        let results = collected.results
        #expect(results.count == 100)
        for result in results where result.code != 0 {
            Issue.record("dépôt refusé : \(result)")
        }
        let ids = results.map(\.out)
        let expected = (1...100).map { "AAP-MOB-2026-\(String(format: "%04d", $0))" }
        #expect(Set(ids).count == 100)
        #expect(ids.sorted() == expected)

        // Every line parses, seq 1…N without a gap, each prev the hash of the line before.
        let lines = try ws.logLines()
        #expect(lines.count == base + 100)
        let seqs = try LogCheck.chain(lines)
        #expect(seqs == Array(1...(base + 100)))

        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        #expect(verify["events"].int == base + 100)
        #expect(verify["head"].string == TestSHA256.hex(try #require(lines.last)))

        // Each case is the one its process announced.
        let list = try #require(try ws.okJSON(["case", "list", "--call", "AAP-MOB-2026"]).array)
        #expect(list.count == 100)
        let titles = Dictionary(uniqueKeysWithValues: list.compactMap { c in c["id"].string.map { ($0, c["title"].string ?? "") } })
        for result in results {
            let title = result.arguments[result.arguments.firstIndex(of: "--title")! + 1]
            #expect(titles[result.out] == title, "\(result)")
        }
    }
}
