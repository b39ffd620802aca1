import Foundation

/// Finds the password for a ``PostgresAddress`` as libpq does: `PGPASSWORD`, else the first
/// matching line of the password file (`PGPASSFILE`, default `~/.pgpass`).
///
/// A password file line is `host:port:database:user:password`; `*` matches anything, `\:` and
/// `\\` stand for a colon and a backslash, lines starting with `#` are comments. As with libpq, a
/// file that its group or others may read is ignored.
public enum PostgresPassword {
    /// The password for `address`, or nil when none is given (the server may not ask for one).
    /// `environment` is the process's (`PGPASSWORD`, `PGPASSFILE`, `HOME`).
    public static func find(for address: PostgresAddress, environment: [String: String]) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, readableByOwnerOnly(path), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return nil
        }
        return match(address, in: text)
    }

    /// The password of the first line of a password file's `text` that matches `address`.
    public static func match(_ address: PostgresAddress, in text: String) -> String? {
        let wanted = [address.host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, split at unescaped colons, escapes removed. The last field (the
    /// password) takes the rest of the line.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    /// Whether the file at `path` exists and neither its group nor others may read or write it.
    static func readableByOwnerOnly(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return status.st_mode & 0o077 == 0
    }
}
