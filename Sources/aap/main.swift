import AAPCLI
import Foundation

// An argument that is not valid UTF-8 would reach the commands silently repaired (U+FFFD in place
// of its bad bytes) and be recorded as such: refuse it as bad data, before anything is read or written.
for index in 1..<Int(CommandLine.argc) {
    guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
    FileHandle.standardError.write(Data("Argument n° \(index) refusé : ce n'est pas du texte UTF-8 valide\n".utf8))
    exit(65)
}
exit(AapMain.run(Array(CommandLine.arguments.dropFirst())))
