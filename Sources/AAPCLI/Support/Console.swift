import Foundation

/// Writes to stdout and stderr; the only place the CLI prints.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes text to stderr exactly as given (a progress line redrawn with `\r`).
    static func errInPlace(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Console {
    /// Writes text to stdout exactly as given (an export file), without adding a newline.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
