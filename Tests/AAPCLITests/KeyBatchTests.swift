import AAPStorage
import Foundation
import Testing

/// Keys made for a write land in the key directory only when the write lands: a refused batch, a
/// refused rotation or a refused registration leaves the directory exactly as it was.
@Suite("Confiance : clés créées dans un lot ou une commande refusés")
struct KeyBatchTests {
    static func batch(_ ws: Workspace, _ lines: [[String]], env: [String: String], code: Int32? = nil) throws -> AapResult {
        let stdin = Data((lines.map(BatchTests.jsonLine).joined(separator: "\n") + "\n").utf8)
        if let code {
            let before = ws.snapshot()
            let result = try ws.run(["batch", "-"], env: env, stdin: stdin)
            #expect(result.code == code, "\(result)")
            #expect(ws.snapshot() == before, "le magasin a changé après un lot refusé : \(result)")
            return result
        }
        return try ws.ok(["batch", "-"], env: env, stdin: stdin)
    }

    @Test("rotate-key dans un lot refusé plus loin : l'ancienne clé reste en place, rien de mis de côté, l'acteur écrit toujours")
    func refusedBatchKeepsKey() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let before = ws.files(in: keys)
        let refused = try Self.batch(ws, [
            ["actor", "rotate-key", Staff.instructor, "--as", Staff.admin],
            ["case", "advance", "AAP-MOB-2026-0002", "select", "--set", "awarded_amount=1", "--as", Staff.chair],
        ], env: env, code: 1)
        #expect(refused.errorLine.hasPrefix("Ligne 2 : "), "\(refused)")
        #expect(ws.files(in: keys) == before, "répertoire de clés modifié : \(ws.files(in: keys).keys.sorted())")
        try ws.ok(KeyLifecycleTests.review, as: Staff.instructor, env: env)
        try ws.expectAuditPasses(events: 15)
    }

    @Test("rotate-key dans un lot accepté : la ligne suivante de l'acteur est signée de sa nouvelle clé ; l'ancienne mise de côté")
    func acceptedBatchRotates() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let old = try Forge.key(of: Staff.instructor, in: keys)
        _ = try Self.batch(ws, [
            ["actor", "rotate-key", Staff.instructor, "--as", Staff.admin],
            KeyLifecycleTests.review + ["--as", Staff.instructor],
        ], env: env)
        let new = try Forge.key(of: Staff.instructor, in: keys)
        #expect(new.publicKeyBase64 != old.publicKeyBase64)
        let (signed, signature) = try KeyLifecycleTests.signatureParts(try #require(try ws.logText().last))
        #expect(SigningKey.verify(signature, of: signed, publicKeyBase64: new.publicKeyBase64))
        let names = try FileManager.default.contentsOfDirectory(atPath: keys.path)
        #expect(names.contains("\(Staff.instructor).key.1.old"), "\(names)")
        #expect(!names.contains { $0.contains("pending") }, "\(names)")
        try ws.expectAuditPasses(events: 16)
    }
}
