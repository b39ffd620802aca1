import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The fast line decoder against the `JSONDecoder` path it replaces: the same events from the
/// same lines, and every line `JSONDecoder` refuses refused too.
///
/// The fast decoder may refuse a line `JSONDecoder` takes only for the deliberate reasons
/// documented on `LineDecoder` (a number with a fraction or an exponent, a duplicate key,
/// invalid JSON in a member nobody reads); anything else must match exactly.
@Suite("Fast line decoder against JSONDecoder")
struct LineDecoderDifferentialTests {
    // MARK: Lines as written

    @Test("every sample line decodes to the same event, without JSONDecoder except workflow.registered")
    func samplesDecodeIdentically() throws {
        let lines = try DecoderSamples.lines()
        for line in lines {
            let reference = DecoderSamples.reference(line)
            #expect(reference.isAccepted, "\(reference)")
            #expect(DecoderSamples.fast(line) == reference, "\(line.bytes.utf8Text)")
            let isWorkflow = line.bytes.utf8Text.contains(#""type":"workflow.registered""#)
            #expect(DecoderSamples.isReadWithoutJSONDecoder(line.bytes) == !isWorkflow)
        }
    }

    @Test("the samples cover every event type and every kind of field value")
    func samplesCoverEverything() throws {
        let events = try DecoderSamples.events()
        #expect(Set(events.map(\.type)) == Event.knownTypes)
        #expect(Set(events.map(\.eventType)) == Set(EventType.allCases))
        var kinds: Set<String> = []
        for case .caseAdvanced(let advanced) in events {
            for value in advanced.fields.values.values {
                switch value {
                case .string: kinds.insert("string")
                case .integer: kinds.insert("integer")
                case .money: kinds.insert("money")
                }
            }
        }
        #expect(kinds == ["string", "integer", "money"])
    }

    @Test("the same JSON written differently (escapes, white space, member order) decodes identically")
    func equivalentTextsDecodeIdentically() throws {
        let styles: [TestJSON.Style] = [
            TestJSON.Style(escapeNonASCII: true, escapeSlash: true),
            TestJSON.Style(escapeNonASCII: true, escapeASCII: true),
            TestJSON.Style(spaced: true),
        ]
        for line in try DecoderSamples.lines() {
            let expected = DecoderSamples.reference(line)
            let tree = try #require(TestJSON.parse(line.bytes))
            var variants = styles.map { tree.text($0) }
            variants.append(" \n" + tree.text() + "\t\r\n ")
            variants.append(reversingMembers(tree).text())
            for variant in variants {
                let mutated = DecoderSamples.logLine(Array(variant.utf8), seq: line.seq)
                #expect(DecoderSamples.reference(mutated) == expected, "\(variant)")
                #expect(DecoderSamples.fast(mutated) == expected, "\(variant)")
            }
        }
    }

    /// The tree with the members of every object in reverse order (`data` before `type`, …).
    private func reversingMembers(_ value: TestJSON) -> TestJSON {
        switch value {
        case .object(let members):
            .object(members.reversed().map { TestJSON.Member(key: $0.key, value: reversingMembers($0.value)) })
        case .array(let elements): .array(elements.map(reversingMembers))
        default: value
        }
    }

    // MARK: Damaged lines

    @Test("every truncation of every sample line is refused by both")
    func truncations() throws {
        for line in try DecoderSamples.lines() where line.bytes.count < 2_000 {
            for length in 0 ..< line.bytes.count {
                let cut = DecoderSamples.logLine(Array(line.bytes[..<length]), seq: line.seq)
                #expect(!DecoderSamples.reference(cut).isAccepted)
                let fast = DecoderSamples.fast(cut)
                #expect(!fast.isAccepted, "accepted a line cut at \(length): \(cut.bytes.utf8Text)")
            }
        }
    }

    /// Named edits of the first sample line holding `find`, with what each decoder must do.
    @Test("hand-picked damage: both refuse, or the fast decoder refuses deliberately", arguments: [
        // Both refuse.
        ("fractional amount", #""amount_cents":1300000"#, #""amount_cents":1300000.5"#, Expectation.bothRefuse),
        ("amount too large for Int64", #""amount_cents":1300000"#, #""amount_cents":9223372036854775808"#, .bothRefuse),
        ("amount too small for Int64", #""amount_cents":1300000"#, #""amount_cents":-9223372036854775809"#, .bothRefuse),
        ("amount far too large", #""amount_cents":1300000"#, #""amount_cents":1e400"#, .bothRefuse),
        ("amount as a string", #""amount_cents":1300000"#, #""amount_cents":"1300000""#, .bothRefuse),
        ("amount as null", #""amount_cents":1300000"#, #""amount_cents":null"#, .bothRefuse),
        ("amount with a leading zero", #""amount_cents":1300000"#, #""amount_cents":01300000"#, .bothRefuse),
        ("amount with a plus sign", #""amount_cents":1300000"#, #""amount_cents":+1300000"#, .bothRefuse),
        ("requested amount fractional", #""amount_requested_cents":1300000"#, #""amount_requested_cents":1300000.25"#, .bothRefuse),
        ("field as a boolean", #""kind":"balance""#, #""kind":true"#, .bothRefuse),
        ("field as an array", #""kind":"balance""#, #""kind":["balance"]"#, .bothRefuse),
        ("field as null", #""kind":"balance""#, #""kind":null"#, .bothRefuse),
        ("fractional field", #""kind":"balance""#, #""kind":1.5"#, .bothRefuse),
        ("case id in lower case", #""case":"AMI-BENCH-2024-0123""#, #""case":"ami-bench-2024-0123""#, .bothRefuse),
        ("case id with a space", #""case":"AMI-BENCH-2024-0123""#, #""case":" AMI-BENCH-2024-0123""#, .bothRefuse),
        ("case id with an extra zero", #""case":"AMI-BENCH-2024-0123""#, #""case":"AMI-BENCH-2024-00123""#, .bothRefuse),
        ("case id with a 3-digit number", #""case":"AMI-BENCH-2024-0123""#, #""case":"AMI-BENCH-2024-123""#, .bothRefuse),
        ("case id as a number", #""case":"AMI-BENCH-2024-0123""#, #""case":123"#, .bothRefuse),
        ("call id in lower case", #""call":"AMI-BENCH-2024""#, #""call":"ami-bench-2024""#, .bothRefuse),
        ("actor in upper case", #""actor":"a""#, #""actor":"A""#, .bothRefuse),
        ("actor empty", #""actor":"a""#, #""actor":"""#, .bothRefuse),
        ("actor with a trailing space", #""actor":"a""#, #""actor":"a ""#, .bothRefuse),
        ("actor as null", #""actor":"a""#, #""actor":null"#, .bothRefuse),
        ("member id refused", #""members":["chair.durand""#, #""members":["Chair.durand""#, .bothRefuse),
        ("bad date", #""received_on":"2024-02-29""#, #""received_on":"2024-02-30""#, .bothRefuse),
        ("date with a space", #""received_on":"2024-02-29""#, #""received_on":"2024-02-29 ""#, .bothRefuse),
        ("date in French", #""received_on":"2024-02-29""#, #""received_on":"29/02/2024""#, .bothRefuse),
        ("unknown role", #""roles":["admin"]"#, #""roles":["root"]"#, .bothRefuse),
        ("role in upper case", #""roles":["admin"]"#, #""roles":["Admin"]"#, .bothRefuse),
        ("roles not an array", #""roles":["admin"]"#, #""roles":"admin""#, .bothRefuse),
        ("SIRET with a wrong key", #""siret":"73282932"#, #""siret":"73282933"#, .bothRefuse),
        ("département not canonical", #""departement":"09""#, #""departement":"9""#, .bothRefuse),
        ("unknown département", #""departement":"09""#, #""departement":"99""#, .bothRefuse),
        ("applicant kind in upper case", #""kind":"association""#, #""kind":"Association""#, .bothRefuse),
        ("RNA in lower case", #""rna":"W313012345""#, #""rna":"w313012345""#, .bothRefuse),
        ("fractional weight", #""weight":60"#, #""weight":60.5"#, .bothRefuse),
        ("workflow version as a string", #""call_workflow":{"id":"call","version":1}"#, #""call_workflow":{"id":"call","version":"1"}"#, .bothRefuse),
        ("seq as a string", #"{"seq":1,"#, #"{"seq":"1","#, .bothRefuse),
        ("prev as a number", #""prev":"0000"#, #""prev":0,"x":"0000"#, .bothRefuse),
        ("type unknown", #""type":"case.advanced""#, #""type":"case.retired""#, .bothRefuseAlike),
        ("type missing", #""type":"case.advanced","#, "", .bothRefuseAlike),
        ("at missing", #""at":"2028-01-01T00:0"#, #""à":"2028-01-01T00:0"#, .bothRefuseAlike),
        ("data missing a key", #""action":"pay","#, "", .bothRefuseAlike),
        ("fields missing", #""fields":"#, #""champs":"#, .bothRefuseAlike),
        ("data nested once more", #""data":{"#, #""data":{"data":{"#, .bothRefuse),
        ("data in an array", #""data":{"action":"pay""#, #""data":[{"action":"pay""#, .bothRefuse),
        ("bad escape", #""kind":"balance""#, #""kind":"bal\xance""#, .bothRefuse),
        ("short unicode escape", #""kind":"balance""#, #""kind":"bal\u00ance""#, .bothRefuse),
        ("lone high surrogate", #""kind":"balance""#, #""kind":"bal\ud800ance""#, .bothRefuse),
        ("lone low surrogate", #""kind":"balance""#, #""kind":"bal\udc00ance""#, .bothRefuse),
        ("high surrogate then a letter", #""kind":"balance""#, #""kind":"\ud800\u0041""#, .bothRefuse),
        ("raw tab in a string", #""kind":"balance""#, "\"kind\":\"bal\tance\"", .bothRefuse),
        ("raw newline in a string", #""kind":"balance""#, "\"kind\":\"bal\nance\"", .bothRefuse),
        ("raw NUL in a string", #""kind":"balance""#, "\"kind\":\"bal\u{0}ance\"", .bothRefuse),
        ("unquoted key", #""kind":"balance""#, #"kind:"balance""#, .bothRefuse),
        ("single quotes", #""kind":"balance""#, #""kind":'balance'"#, .bothRefuse),
        ("missing colon", #""kind":"balance""#, #""kind""balance""#, .bothRefuse),
        ("missing comma", #","kind":"balance""#, #" "kind":"balance""#, .bothRefuse),
        ("trailing garbage", #"=="}"#, #"=="}x"#, .bothRefuse),
        ("two objects", #"=="}"#, #"=="}{}"#, .bothRefuse),
        ("misspelt literal in an unknown member", #""data":"#, #""x":nul,"data":"#, .bothRefuse),
        ("comment", #"{"seq""#, #"/* c */{"seq""#, .bothRefuse),
        // Accepted by both.
        ("unknown member", #""data":"#, #""x":[1,{"y":null,"z":[true,false,-0.5e-3]}],"data":"#, .bothAccept),
        ("unicode escapes in a key", #""kind":"balance""#, #""\u006b\u0069nd":"balance""#, .bothAccept),
        ("escaped slash", #""kind":"balance""#, #""kind":"bal\/ance""#, .bothAccept),
        ("surrogate pair", #""kind":"balance""#, #""kind":"\ud83d\ude00""#, .bothAccept),
        ("escaped NUL", #""kind":"balance""#, #""kind":"\u0000""#, .bothAccept),
        ("raw DEL", #""kind":"balance""#, "\"kind\":\"\u{7F}\"", .bothAccept),
        ("negative zero", #""amount_cents":1300000"#, #""amount_cents":-0"#, .bothAccept),
        ("largest amount", #""amount_cents":1300000"#, #""amount_cents":9223372036854775807"#, .bothAccept),
        ("smallest amount", #""amount_cents":1300000"#, #""amount_cents":-9223372036854775808"#, .bothAccept),
        ("reason null", #""to":"evaluated""#, #""to":"evaluated","reason":null"#, .bothAccept),
        ("name null", #""name":"Camille Martin""#, #""name":null"#, .bothAccept),
        ("applicant SIRET null", #""rna":"W313012345","siret":"73282932000074"}"#, #""rna":"W313012345","siret":null}"#, .bothAccept),
        ("white space everywhere", #""kind":"balance""#, " \"kind\" \t:\r\n \"balance\" ", .bothAccept),
        // Deliberately stricter.
        ("amount with a zero fraction", #""amount_cents":1300000"#, #""amount_cents":1300000.0"#, .onlyJSONDecoderAccepts),
        ("amount with an exponent", #""amount_cents":1300000"#, #""amount_cents":13e5"#, .onlyJSONDecoderAccepts),
        ("seq with a zero fraction", #"{"seq":1,"#, #"{"seq":1.0,"#, .onlyJSONDecoderAccepts),
        ("duplicate actor", #""actor":"a","#, #""actor":"a","actor":"a","#, .onlyJSONDecoderAccepts),
        ("duplicate data", #","sig":"#, #","data":1,"sig":"#, .onlyJSONDecoderAccepts),
        ("duplicate field", #""kind":"balance""#, #""kind":"balance","kind":"x""#, .onlyJSONDecoderAccepts),
        ("field with and without _cents", #""kind":"balance""#, #""kind":"balance","amount":"x""#, .onlyJSONDecoderAccepts),
        ("trailing comma in a skipped object", #""to":"evaluated"}"#, #""to":"evaluated",}"#, .onlyJSONDecoderAccepts),
        ("trailing comma in fields", #""paid_on":"2024-07-09"}"#, #""paid_on":"2024-07-09",}"#, .onlyJSONDecoderAccepts),
        ("trailing comma in the line", #"=="}"#, #"==",}"#, .onlyJSONDecoderAccepts),
        ("lone minus in an unknown member", #""data":"#, #""x":-,"data":"#, .onlyJSONDecoderAccepts),
        ("byte order mark", #"{"seq""#, "\u{FEFF}{\"seq\"", .onlyJSONDecoderAccepts),
    ] as [(String, String, String, Expectation)])
    func handPicked(name: String, find: String, replace: String, expectation: Expectation) throws {
        let lines = try DecoderSamples.lines()
        let line = try #require(lines.first { $0.bytes.utf8Text.contains(find) }, "« \(find) » absent des exemples")
        let text = line.bytes.utf8Text
        let range = try #require(text.range(of: find))
        let edited = DecoderSamples.logLine(Array(text.replacingCharacters(in: range, with: replace).utf8), seq: line.seq)
        let reference = DecoderSamples.reference(edited)
        let fast = DecoderSamples.fast(edited)
        switch expectation {
        case .bothRefuse:
            #expect(!reference.isAccepted, "\(name): \(reference)")
            #expect(!fast.isAccepted, "\(name): \(fast)")
        case .bothRefuseAlike:
            #expect(!reference.isAccepted, "\(name): \(reference)")
            #expect(fast == reference, "\(name)")
        case .bothAccept:
            #expect(reference.isAccepted, "\(name): \(reference)")
            #expect(fast == reference, "\(name)")
        case .onlyJSONDecoderAccepts:
            #expect(reference.isAccepted, "\(name): \(reference)")
            #expect(!fast.isAccepted, "\(name): \(fast)")
        }
        if case .refused(let reason) = fast {
            #expect(reason.hasPrefix("ligne \(line.seq) : "), "\(reason)")
            #expect(!reason.contains("\n"))
        }
    }

    enum Expectation: Sendable, CustomStringConvertible {
        case bothRefuse, bothRefuseAlike, bothAccept, onlyJSONDecoderAccepts
        var description: String {
            switch self {
            case .bothRefuse: "both refuse"
            case .bothRefuseAlike: "both refuse with the same message"
            case .bothAccept: "both accept the same event"
            case .onlyJSONDecoderAccepts: "only JSONDecoder accepts"
            }
        }
    }

    @Test("nesting: 512 levels are read, 513 refused, 100 000 refused without crashing")
    func nesting() throws {
        let line = try #require(try DecoderSamples.lines().first)
        let text = line.bytes.utf8Text
        for (depth, accepted) in [(511, true), (512, false), (100_000, false)] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let edited = text.replacingOccurrences(of: #""data":"#, with: #""deep":\#(nested),"data":"#)
            let deep = DecoderSamples.logLine(Array(edited.utf8), seq: line.seq)
            let fast = DecoderSamples.fast(deep)
            #expect(fast.isAccepted == accepted, "\(depth)")
            if depth < 1_000 { #expect(DecoderSamples.reference(deep).isAccepted == accepted, "\(depth)") }
            let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            let deepObjects = DecoderSamples.logLine(
                Array(text.replacingOccurrences(of: #""data":"#, with: #""deep":\#(objects),"data":"#).utf8), seq: line.seq
            )
            #expect(DecoderSamples.fast(deepObjects).isAccepted == accepted, "\(depth) objects")
        }
    }

    @Test("a line whose seq differs from its place is refused the same way")
    func seqMismatch() throws {
        let line = try #require(try DecoderSamples.lines().last)
        let moved = DecoderSamples.logLine(line.bytes, seq: line.seq + 1)
        #expect(DecoderSamples.fast(moved) == .refused("ligne \(line.seq + 1) : numéro de séquence incohérent"))
        #expect(DecoderSamples.reference(moved) == DecoderSamples.fast(moved))
    }

    // MARK: Systematic and random mutations

    @Test("every member removed, retyped, rewritten, wrapped or doubled: same verdict as JSONDecoder")
    func structuralMutations() throws {
        var checked = 0
        for line in try DecoderSamples.lines() {
            let tree = try #require(TestJSON.parse(line.bytes))
            // The definition inside `workflow.registered` goes to JSONDecoder: its envelope is enough.
            let isWorkflow = line.bytes.utf8Text.contains(#""type":"workflow.registered""#)
            for mutated in Self.mutations(of: tree, depth: isWorkflow ? 1 : .max) {
                compare(DecoderSamples.logLine(Array(mutated.text().utf8), seq: line.seq))
                checked += 1
            }
        }
        #expect(checked > 5_000)
    }

    @Test("seeded random byte mutations: same verdict and value as JSONDecoder")
    func randomMutations() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["AAP_FUZZ_SEED"] ?? "") ?? 20_280_101
        var random = SplitMix64(seed: seed)
        let lines = try DecoderSamples.lines()
        let tokens: [[UInt8]] = [
            #"""#, #"\"#, ",", ":", "{", "}", "[", "]", "0", "9", "-", ".", "e", " ", "null", "true", #""x""#,
            #"\u00e9"#, #"\ud800"#, #"\udc00"#, #"\ud83d\ude00"#, ".0", "e2", "\n", "é", "\u{0}", "\u{1F}",
            #""x":1,"#, #""actor":"a","#, "{}", "[]", "9223372036854775808",
        ].map { Array($0.utf8) }
        for _ in 0 ..< 3_000 {
            let line = lines[random.next(below: lines.count)]
            var bytes = line.bytes
            for _ in 0 ... random.next(below: 3) {
                let at = random.next(below: bytes.count + 1)
                switch random.next(below: 6) {
                case 0 where at < bytes.count: bytes[at] ^= UInt8(1) << UInt8(random.next(below: 8))
                case 1 where at < bytes.count: bytes.removeSubrange(at ..< min(bytes.count, at + 1 + random.next(below: 8)))
                case 2: bytes.insert(contentsOf: tokens[random.next(below: tokens.count)], at: at)
                case 3 where at < bytes.count: bytes.replaceSubrange(at ... at, with: tokens[random.next(below: tokens.count)])
                case 4:
                    let start = random.next(below: bytes.count)
                    let chunk = Array(bytes[start ..< min(bytes.count, start + 1 + random.next(below: 40))])
                    bytes.insert(contentsOf: chunk, at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            compare(DecoderSamples.logLine(bytes, seq: line.seq), seed: seed)
        }
    }

    /// Checks one line against the rule of this suite: what `JSONDecoder` refuses is refused;
    /// what it accepts is accepted with the same event, unless the line holds one of the
    /// documented reasons to be stricter.
    private func compare(_ line: LogLine, seed: UInt64? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = DecoderSamples.reference(line)
        let fast = DecoderSamples.fast(line)
        let context = "\(seed.map { "graine \($0) : " } ?? "")\(line.bytes.utf8Text.debugDescription)"
        if case .refused(let reason) = fast {
            #expect(reason.hasPrefix("ligne \(line.seq) : "), "\(reason)", sourceLocation: sourceLocation)
        }
        guard reference.isAccepted else {
            #expect(!fast.isAccepted, "accepté par le décodeur rapide, refusé par JSONDecoder : \(context)", sourceLocation: sourceLocation)
            return
        }
        guard fast != reference else { return }
        let mayRefuse = TestJSON.parse(line.bytes).map(\.hasWhatTheFastDecoderMayRefuse) ?? true
        #expect(!fast.isAccepted && mayRefuse, "\(fast) ≠ \(reference) : \(context)", sourceLocation: sourceLocation)
    }

    /// Variants of `tree`, each changing one member or element at most `depth` levels down.
    static func mutations(of tree: TestJSON, depth: Int) -> [TestJSON] {
        let replacements: [TestJSON] = [
            .null, .bool(true), .number("0"), .number("-1"), .number("1.5"), .number("1.0"), .number("1e2"),
            .number("9223372036854775807"), .number("9223372036854775808"), .number("-9223372036854775809"),
            .string(""), .string("x"), .string("1"), .string("2024-02-30"), .array([]), .object([]),
        ]
        var results: [TestJSON] = []
        func visit(_ value: TestJSON, level: Int = 0, rebuild: (TestJSON) -> TestJSON) {
            for replacement in replacements where replacement != value {
                results.append(rebuild(replacement))
            }
            results.append(rebuild(.array([value])))
            results.append(rebuild(.object([TestJSON.Member(key: "v", value: value)])))
            switch value {
            case .string(let text):
                for variant in [" " + text, text + " ", text.uppercased(), text.lowercased(), text + "-0", String(text.dropLast()), text + "é"]
                where variant != text {
                    results.append(rebuild(.string(variant)))
                }
            case .number(let text):
                results.append(rebuild(.number(text + "0")))
                results.append(rebuild(.number(text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text)))
            case _ where level >= depth: break
            case .object(let members):
                results.append(rebuild(.object(members + [TestJSON.Member(key: "inconnu", value: .array([.null, .object([])]))])))
                for index in members.indices {
                    var without = members
                    without.remove(at: index)
                    results.append(rebuild(.object(without)))
                    var doubled = members
                    doubled.insert(members[index], at: index)
                    results.append(rebuild(.object(doubled)))
                    visit(members[index].value, level: level + 1) { replacement in
                        var changed = members
                        changed[index].value = replacement
                        return rebuild(.object(changed))
                    }
                }
            case .array(let elements):
                for index in elements.indices {
                    var without = elements
                    without.remove(at: index)
                    results.append(rebuild(.array(without)))
                    visit(elements[index], level: level + 1) { replacement in
                        var changed = elements
                        changed[index] = replacement
                        return rebuild(.array(changed))
                    }
                }
            case .bool, .null: break
            }
        }
        visit(tree) { $0 }
        return results
    }
}

/// A small seeded generator (SplitMix64), so that a failing run can be replayed with its seed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0 ..< bound` (bound > 0).
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
