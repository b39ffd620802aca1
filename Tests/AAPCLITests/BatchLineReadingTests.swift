import AAPDomain
import ArgumentParser
import Foundation
import Testing
@testable import AAPCLI

/// `aap batch` reads plain `case advance` lines by hand (ArgumentParser costs more than deciding and
/// writing the event): the result must be what ArgumentParser gives, and anything unusual must be
/// left to it.
@Suite("Lot : lecture rapide des lignes case advance")
struct BatchLineReadingTests {
    /// What ArgumentParser makes of a line: its domain commands and its `--as`, or nil when it refuses it.
    /// A line without `--as` is parsed, as the batch does, with the batch's actor.
    static func parsed(_ arguments: [String]) -> (commands: [Command], actor: String?)? {
        let ownActor = arguments.contains("--as")
        let acting = ownActor ? arguments : arguments + ["--as", "batch.actor"]
        guard let command = try? Aap.parseAsRoot(AapMain.globalOptionsAfterSubcommand(acting)) as? any WriteCommand,
              let commands = try? command.domainCommands() else { return nil }
        return (commands, ownActor ? command.global.actor : nil)
    }

    static let accepted: [[String]] = [
        ["case", "advance", "AAP-MOB-2026-0001", "start-review"],
        ["case", "advance", "AAP-MOB-2026-0001", "start-review", "--as", "instr.roux"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set", "opinion=favorable", "--set", "proposed_amount=30 000", "--as", "instr.roux"],
        ["case", "advance", "AAP-MOB-2026-0001", "reject", "--reason", "Hors périmètre", "--as", "chair.durand", "--json"],
        ["case", "advance", "AAP-MOB-2026-0001", "score", "--set", "pertinence=4", "--set", "impact=3", "--expect-version", "7"],
        ["case", "advance", "AAP-MOB-2026-0001", "pay", "--set", "amount=1 500,50", "--set", "note=a=b", "--set", "empty=", "--as", "fin.moreau"],
        ["case", "advance", "AAP-MOB-2026-0001", "receive-report", "--json", "--set", "spent=12000", "--reason", "Rapport reçu le 3 mai"],
    ]

    static let leftToArgumentParser: [[String]] = [
        ["case", "advance", "AAP-MOB-2026-0001"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set", "opinion"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set", "=favorable"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set", "a=1", "--set", "a=2"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--set=opinion=favorable"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--reason", "-x"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--reason", "a", "--reason", "b"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--expect-version", "sept"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--store", "/tmp/x"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "--keys", "/tmp/k"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "extra"],
        ["case", "advance", "--as", "x", "AAP-MOB-2026-0001", "propose"],
        ["case", "advance", "AAP-MOB-2026-0001", "propose", "-h"],
        ["--as", "instr.roux", "case", "advance", "AAP-MOB-2026-0001", "propose"],
        ["case", "submit", "AAP-MOB-2026", "--title", "x"],
    ]

    @Test("Les lignes ordinaires : même commande et même acteur qu'avec ArgumentParser", arguments: accepted)
    func sameAsArgumentParser(_ arguments: [String]) throws {
        let quick = try #require(Aap.Batch.caseAdvance(arguments))
        let reference = try #require(Self.parsed(arguments))
        #expect(reference.commands == [.advanceCase(quick.command)])
        #expect(reference.actor == quick.actor)
    }

    @Test("Les autres formes sont laissées à ArgumentParser", arguments: leftToArgumentParser)
    func leftAlone(_ arguments: [String]) {
        #expect(Aap.Batch.caseAdvance(arguments) == nil)
    }
}
