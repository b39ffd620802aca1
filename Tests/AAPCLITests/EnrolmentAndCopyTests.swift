import Foundation
import Testing

/// Each person makes their own key on their own desk (`aap key new`), the admin registers only its
/// public half; and `aap store copy` moves a whole store to another engine byte for byte.
@Suite("Enrôlement des clés et copie de magasin")
struct EnrolmentAndCopyTests {
    @Test("key new : ACTEUR.key en 0600 dans le répertoire de clés, la clé publique seule sur stdout ; jamais remplacée")
    func keyNewWritesOnlyYourKey() throws {
        let ws = try Workspace()
        let desk = ws.path("desk-martin")
        let made = try ws.ok(["key", "new", "instr.martin", "--keys", desk.path])
        let publicKey = made.stdout.trimmingCharacters(in: .newlines)
        #expect(Data(base64Encoded: publicKey)?.count == 32, "\(made)")
        #expect(made.stdout == publicKey + "\n")
        let file = desk.appendingPathComponent("instr.martin.key")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = try Data(contentsOf: file)
        let again = try ws.run(["key", "new", "instr.martin", "--keys", desk.path])
        #expect(again.code == 65, "\(again)")
        #expect(try Data(contentsOf: file) == before)
        #expect(try ws.ok(["key", "show", "instr.martin", "--keys", desk.path]).stdout == made.stdout)
        #expect(try ws.run(["key", "new", "Pas Valide", "--keys", desk.path]).code == 65)
    }

    @Test("Un administrateur qui n'a pas la clé de la personne ne peut pas agir en son nom ; elle, depuis son poste, le peut")
    func adminWithoutThePersonsKeyCannotActAsThem() throws {
        let ws = try Workspace()
        let adminKeys = ws.path("desk-admin")
        let personKeys = ws.path("desk-martin")
        try ws.ok(["init", "--admin", "admin.dreets"], env: ["AAP_KEYS": adminKeys.path])
        let publicKey = try ws.ok(["key", "new", "resp.martin", "--keys", personKeys.path]).stdout.trimmingCharacters(in: .newlines)
        try ws.ok(["actor", "add", "resp.martin", "--role", "manager", "--public-key", publicKey], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(!FileManager.default.fileExists(atPath: adminKeys.appendingPathComponent("resp.martin.key").path))
        let create = ["call", "create", "AAP-ENROL-2026", "--kind", "aap", "--title", "Appel", "--envelope", "10000",
                      "--opens", "2026-01-01", "--closes", "2026-12-31"]
        let forged = try ws.run(create, as: "resp.martin", env: ["AAP_KEYS": adminKeys.path])
        #expect(forged.code == 74, "\(forged)")
        #expect(forged.stderr.contains("introuvable"), "\(forged)")
        // A key of the admin's own making under that name is not the registered one: refused, nothing written.
        let head = try ws.okJSON(["audit", "verify"])["events"].int
        try FileManager.default.copyItem(at: adminKeys.appendingPathComponent("admin.dreets.key"), to: adminKeys.appendingPathComponent("resp.martin.key"))
        let wrongKey = try ws.run(create, as: "resp.martin", env: ["AAP_KEYS": adminKeys.path])
        #expect(wrongKey.code == 1, "\(wrongKey)")
        #expect(try ws.okJSON(["audit", "verify"])["events"].int == head)
        try ws.ok(create, as: "resp.martin", env: ["AAP_KEYS": personKeys.path])
        #expect(try ws.okJSON(["audit", "verify"])["ok"].bool == true)
    }

    @Test("Magasin sur un poste : actor add sans --public-key crée la clé chez l'administrateur et le dit sur stderr")
    func deskStoreWarnsWhereTheKeyWent() throws {
        let ws = try Workspace()
        let adminKeys = ws.path("desk-admin")
        try ws.ok(["init", "--admin", "admin.dreets"], env: ["AAP_KEYS": adminKeys.path])
        let added = try ws.ok(["actor", "add", "instr.roux", "--role", "instructor"], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(added.stderr.contains("Avertissement") && added.stderr.contains("remettez-la"), "\(added)")
        #expect(FileManager.default.fileExists(atPath: adminKeys.appendingPathComponent("instr.roux.key").path))
        let rotated = try ws.ok(["actor", "rotate-key", "instr.roux"], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(rotated.stderr.contains("Avertissement"), "\(rotated)")
        let own = try ws.ok(["actor", "rotate-key", "admin.dreets"], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(!own.stderr.contains("Avertissement"), "\(own)")
    }

    @Test("store copy : mêmes octets, même tête, audit vérifié des deux côtés ; une copie interrompue reprend ; une autre destination est refusée")
    func storeCopyKeepsTheBytes() throws {
        let ws = try Workspace()
        let source = ws.path("demo")
        try ws.ok(["demo", "--store", source.path])
        let copy = ws.path("copy")
        let copied = try ws.okJSON(["store", "copy", source.path, copy.path])
        let verified = try ws.okJSON(["audit", "verify", "--store", source.path])
        #expect(copied["events"].int == verified["events"].int)
        #expect(copied["copied"].int == verified["events"].int)
        #expect(copied["head"].string == verified["head"].string)
        let copyVerified = try ws.okJSON(["audit", "verify", "--store", copy.path])
        #expect(copyVerified["ok"].bool == true)
        #expect(copyVerified["head"].string == verified["head"].string)
        let sourceLog = try Data(contentsOf: source.appendingPathComponent("log/000001.jsonl"))
        #expect(try Data(contentsOf: copy.appendingPathComponent("log/000001.jsonl")) == sourceLog)
        // Interrupted after 40 lines: the copy resumes from there.
        let partial = ws.path("partial")
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("log"), withIntermediateDirectories: true)
        let lines = sourceLog.split(separator: 0x0A, omittingEmptySubsequences: false)
        try Data(lines.prefix(40).joined(separator: [0x0A]) + [0x0A]).write(to: partial.appendingPathComponent("log/000001.jsonl"))
        let resumed = try ws.okJSON(["store", "copy", source.path, partial.path])
        #expect(resumed["copied"].int == (verified["events"].int ?? 0) - 40)
        #expect(try Data(contentsOf: partial.appendingPathComponent("log/000001.jsonl")) == sourceLog)
        // A destination that is another store is refused and left as it was.
        let other = ws.path("other")
        try ws.ok(["init", "--admin", "admin.dreets", "--store", other.path], env: ["AAP_KEYS": ws.path("k").path])
        let before = ws.snapshot(of: other.appendingPathComponent("log"))
        let refused = try ws.run(["store", "copy", source.path, other.path])
        #expect(refused.code == 65, "\(refused)")
        #expect(ws.snapshot(of: other.appendingPathComponent("log")) == before)
        #expect(try ws.run(["store", "copy", ws.path("absent").path, ws.path("x").path]).code == 74)
    }

    @Test("Magasin PostgreSQL : actor add et rotate-key sans --public-key refusés (1, rien d'écrit) ; l'administrateur sans la clé de la personne ne peut pas agir en son nom",
          .enabled(if: TestEngine.serverURL != nil, "AAP_TEST_POSTGRES_URL absent"))
    func sharedStoreEnrolment() throws {
        let ws = try Workspace(engine: .postgres)
        let adminKeys = ws.path("desk-admin")
        let personKeys = ws.path("desk-martin")
        try ws.ok(["init", "--admin", "admin.dreets"], env: ["AAP_KEYS": adminKeys.path])
        let events = try ws.okJSON(["audit", "verify"])["events"].int
        let refused = try ws.run(["actor", "add", "resp.martin", "--role", "manager"], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderr.contains("aap key new resp.martin"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: adminKeys.appendingPathComponent("resp.martin.key").path))
        #expect(try ws.okJSON(["audit", "verify"])["events"].int == events)
        let publicKey = try ws.ok(["key", "new", "resp.martin", "--keys", personKeys.path]).stdout.trimmingCharacters(in: .newlines)
        try ws.ok(["actor", "add", "resp.martin", "--role", "manager", "--public-key", publicKey], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        let rotate = try ws.run(["actor", "rotate-key", "resp.martin"], as: "admin.dreets", env: ["AAP_KEYS": adminKeys.path])
        #expect(rotate.code == 1, "\(rotate)")
        let create = ["call", "create", "AAP-ENROL-2026", "--kind", "aap", "--title", "Appel", "--envelope", "10000",
                      "--opens", "2026-01-01", "--closes", "2026-12-31"]
        #expect(try ws.run(create, as: "resp.martin", env: ["AAP_KEYS": adminKeys.path]).code == 74)
        try ws.ok(create, as: "resp.martin", env: ["AAP_KEYS": personKeys.path])
        #expect(try ws.okJSON(["audit", "verify"])["ok"].bool == true)
    }

    @Test("store copy dossier → PostgreSQL → dossier : mêmes octets, même tête, audit vérifié des deux côtés ; commandes identiques sur les deux moteurs",
          .enabled(if: TestEngine.serverURL != nil, "AAP_TEST_POSTGRES_URL absent"))
    func copyToPostgresAndBack() throws {
        let ws = try Workspace(engine: .postgres)
        let source = ws.path("demo")
        try ws.ok(["demo", "--store", source.path])
        let keys = ["AAP_KEYS": source.path + ".keys"]
        let copied = try ws.okJSON(["store", "copy", source.path, ws.storeAddress])
        let onFiles = try ws.okJSON(["audit", "verify", "--store", source.path])
        let onPostgres = try ws.okJSON(["audit", "verify"])
        #expect(onPostgres["ok"].bool == true)
        #expect(onPostgres["head"].string == onFiles["head"].string)
        #expect(copied["head"].string == onFiles["head"].string)
        for command in [["case", "list"], ["case", "show", "AAP-RELANCE-ASSO-2021-0002"], ["report", "call", "AAP-RELANCE-ASSO-2021"],
                        ["export", "scdl", "--all"], ["due", "--all"]] {
            let files = try ws.run(command + ["--json", "--store", source.path], env: keys)
            let postgres = try ws.run(command + ["--json"], env: keys)
            #expect(files.code == 0 && postgres.code == 0, "\(files) \(postgres)")
            #expect(files.stdout == postgres.stdout, "\(command)")
        }
        let back = ws.path("back")
        try ws.ok(["store", "copy", ws.storeAddress, back.path])
        #expect(try Data(contentsOf: back.appendingPathComponent("log/000001.jsonl")) == (try Data(contentsOf: source.appendingPathComponent("log/000001.jsonl"))))
        #expect(try ws.okJSON(["audit", "verify", "--store", back.path])["head"].string == onFiles["head"].string)
    }
}
