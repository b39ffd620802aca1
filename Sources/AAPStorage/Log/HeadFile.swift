import Foundation

/// Reads and atomically rewrites `D/head.json`.
enum HeadFile {
    /// Reads `head.json` without throwing.
    static func load(_ paths: StorePaths) -> LogAnchor {
        guard SystemFiles.exists(paths.head) else { return .absent }
        let bytes: [UInt8]
        do {
            bytes = try SystemFiles.readAll(paths.head)
        } catch {
            return .unreadable("l'ancre « \(paths.head) » ne peut pas être lue : \(error)")
        }
        guard let head = try? JSONDecoder().decode(LogHead.self, from: Data(bytes)),
              head.seq >= 0,
              LineDigest(hex: head.hash) != nil
        else {
            return .unreadable("l'ancre « \(paths.head) » n'est pas de la forme {\"seq\":N,\"hash\":\"<64 chiffres hexadécimaux>\"}")
        }
        return .valid(head)
    }

    /// The exact bytes of `head.json`: `{"seq":N,"hash":"<hex>"}`.
    static func encode(_ head: LogHead) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(contentsOf: #"{"seq":"#.utf8)
        LineEncoder.appendDecimal(head.seq, to: &bytes)
        bytes.append(contentsOf: #","hash":"#.utf8)
        LineEncoder.appendJSONString(head.hash, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Replaces `head.json`: temporary file, `fdatasync`, rename. The rename is not synced: after a
    /// power loss the anchor may name an earlier line (the old file), which verification allows,
    /// but never half a file; sparing that third sync per write matters to a chain of writes.
    static func write(_ head: LogHead, _ paths: StorePaths) throws {
        let temporary = paths.headTemporary
        let descriptor = try SystemFiles.openFile(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try SystemFiles.writeAll(descriptor, encode(head), path: temporary)
            try SystemFiles.syncData(descriptor, path: temporary)
        } catch {
            SystemFiles.closeFile(descriptor)
            throw error
        }
        SystemFiles.closeFile(descriptor)
        guard rename(temporary, paths.head) == 0 else {
            throw SystemFiles.ioError("de renommer", temporary)
        }
    }
}
