import Testing
@testable import AAPDomain

@Suite("TextInput")
struct TextInputTests {
    @Test("accepted text is trimmed", arguments: [
        ("Mobilité rurale", "Mobilité rurale"),
        ("  Mobilité rurale  ", "Mobilité rurale"),
        ("\n\tTitre\r\n", "Titre"),
        ("\u{00A0}Titre\u{202F}", "Titre"),
        ("Café « solidaire » — 2026 🚲", "Café « solidaire » — 2026 🚲"),
        ("a", "a"),
    ])
    func accepts(text: String, result: String) throws {
        #expect(try TextInput.validate(text, field: "title") == result)
    }

    @Test("empty text is refused", arguments: ["", " ", "\n\t \r\n", "\u{00A0}"])
    func refusesEmpty(text: String) {
        #expect(throws: ValueError(code: "value.text", "Le champ « title » est vide")) {
            try TextInput.validate(text, field: "title")
        }
    }

    @Test("control characters are refused", arguments: [
        "a\u{0000}b", "a\u{0001}b", "a\tb", "a\nb", "a\rb", "a\r\nb", "a\u{001B}[31mb", "a\u{001F}b",
        "a\u{007F}b", "a\u{0080}b", "a\u{0085}b", "a\u{009F}b", "\u{0007}", "ab\u{0000}",
    ])
    func refusesControl(text: String) {
        #expect(throws: ValueError(code: "value.text", "Le champ « title » contient un caractère de contrôle")) {
            try TextInput.validate(text, field: "title")
        }
    }

    @Test("characters next to the control ranges are accepted", arguments: [
        "a\u{0020}b", "a\u{007E}b", "a\u{00A0}b", "a\u{00A1}b", "a\u{00E9}b",
    ])
    func acceptsNearControl(text: String) throws {
        #expect(try TextInput.validate(text, field: "title") == text)
    }

    @Test("length limit counts characters")
    func length() throws {
        #expect(try TextInput.validate(String(repeating: "é", count: 2000), field: "title").count == 2000)
        #expect(throws: ValueError(code: "value.text", "Le champ « title » est trop long (2 500 caractères, 2 000 au plus)")) {
            try TextInput.validate(String(repeating: "x", count: 2500), field: "title")
        }
        #expect(throws: ValueError(code: "value.text", "Le champ « title » est trop long (2 001 caractères, 2 000 au plus)")) {
            try TextInput.validate(String(repeating: "🚲", count: 2001), field: "title")
        }
        #expect(try TextInput.validate("  " + String(repeating: "x", count: 2000) + "  ", field: "title").count == 2000)
        #expect(try TextInput.validate("abcde", field: "comment", maxLength: 5) == "abcde")
        #expect(throws: ValueError(code: "value.text", "Le champ « comment » est trop long (6 caractères, 5 au plus)")) {
            try TextInput.validate("abcdef", field: "comment", maxLength: 5)
        }
    }

    @Test("the field name appears in the message")
    func fieldName() {
        #expect(throws: ValueError(code: "value.text", "Le champ « comment » est vide")) {
            try TextInput.validate("", field: "comment")
        }
    }
}
