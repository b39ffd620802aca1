import AAPDomain

/// Reading the domain's value types, through the same parsers their `Codable` conformances use.
extension JSONReader {
    /// Reads one member's value into `slot`, refusing a second member with the same key and
    /// naming `key` in the path of an invalid value.
    mutating func member<Value>(
        _ slot: inout Value?, _ key: String,
        _ read: (inout JSONReader) throws -> Value
    ) throws {
        guard slot == nil else { throw LineDecodingError(.duplicateKey(key)) }
        do {
            slot = try read(&self)
        } catch let error as LineDecodingError {
            throw error.inside(key)
        }
    }

    /// Reads an object member by member: `body` gets each key and reads (or skips) its value.
    mutating func readObject(_ body: (inout JSONReader, JSONText) throws -> Void) throws {
        var state = try openObject()
        while let key = try nextKey(&state) {
            try body(&self, key)
        }
    }

    /// Reads an array, each element with `element`; an invalid element is named `Index N`, as
    /// `JSONDecoder` names it.
    mutating func readArray<Element>(
        _ element: (inout JSONReader) throws -> Element
    ) throws -> [Element] {
        var state = try openArray()
        var elements: [Element] = []
        while try nextElement(&state) {
            do {
                elements.append(try element(&self))
            } catch let error as LineDecodingError {
                throw error.inside("Index \(elements.count)")
            }
        }
        return elements
    }

    /// Reads a string or `null` (what `decodeIfPresent` accepts for a member that is there).
    mutating func readOptionalString() throws(LineDecodingError) -> String? {
        readNull() ? nil : try readString()
    }

    /// Reads an integer as an `Int`.
    mutating func readInt() throws(LineDecodingError) -> Int {
        guard let value = Int(exactly: try readInteger()) else { throw LineDecodingError.invalidValue }
        return value
    }

    /// Reads an amount written as integer cents; any `Int64` is taken, as `Money`'s decoding does.
    mutating func readMoney() throws(LineDecodingError) -> Money {
        Money(cents: try readInteger())
    }

    /// Reads a string and makes a value of it with `make`, refusing it when `make` gives nil.
    ///
    /// `make` is the type's `init?(canonical:)`: the value only when the text is already its
    /// canonical form, the rule of the value types' `init(from:)`.
    mutating func readValue<Value>(_ make: (String) -> Value?) throws(LineDecodingError) -> Value {
        guard let value = make(try readString()) else { throw LineDecodingError.invalidValue }
        return value
    }

    mutating func readActorID() throws(LineDecodingError) -> ActorID { try readValue(ActorID.init(canonical:)) }
    mutating func readCallID() throws(LineDecodingError) -> CallID { try readValue(CallID.init(canonical:)) }
    mutating func readCaseID() throws(LineDecodingError) -> CaseID { try readValue(CaseID.init(canonical:)) }
    mutating func readSiret() throws(LineDecodingError) -> Siret { try readValue(Siret.init(canonical:)) }
    mutating func readDepartement() throws(LineDecodingError) -> DepartementCode { try readValue(DepartementCode.init(canonical:)) }

    /// Reads an RNA number, parsed and refused unless already canonical (as `Rna.init(from:)` does).
    mutating func readRna() throws(LineDecodingError) -> Rna {
        try readValue { text in (try? Rna.parse(text)).flatMap { $0.value == text ? $0 : nil } }
    }

    /// Reads a date: `YYYY-MM-DD` exactly, a real day of the years 1900–2199 (what
    /// `CalendarDate.parse` accepts and writes back unchanged).
    mutating func readDate() throws(LineDecodingError) -> CalendarDate {
        let text = try readText()
        // Outer nil: not ten bytes shaped `dddd-dd-dd`, left to `parse`; inner nil: no such day.
        let plain: CalendarDate?? = text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return .none }
            var numbers = (year: 0, month: 0, day: 0)
            for (index, byte) in bytes.enumerated() where index != 4 && index != 7 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .none }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch index {
                case ..<4: numbers.year = numbers.year * 10 + digit
                case ..<7: numbers.month = numbers.month * 10 + digit
                default: numbers.day = numbers.day * 10 + digit
                }
            }
            return .some(CalendarDate(year: numbers.year, month: numbers.month, day: numbers.day))
        }
        switch plain {
        case .some(.some(let date)): return date
        case .some(.none): throw LineDecodingError.invalidValue
        case .none:
            let string = text.string
            guard let date = try? CalendarDate.parse(string), date.iso == string else { throw LineDecodingError.invalidValue }
            return date
        }
    }

    /// Reads a role by its exact raw value, as the synthesized decoding does.
    mutating func readRole() throws(LineDecodingError) -> Role {
        guard let role = Role(rawValue: try readString()) else { throw LineDecodingError.invalidValue }
        return role
    }

    /// Reads an applicant kind by its exact raw value, as the synthesized decoding does.
    mutating func readApplicantKind() throws(LineDecodingError) -> ApplicantKind {
        guard let kind = ApplicantKind(rawValue: try readString()) else { throw LineDecodingError.invalidValue }
        return kind
    }

    /// Reads `{"id":…,"version":…}`.
    mutating func readWorkflowRef() throws -> WorkflowRef {
        var id: String?
        var version: Int?
        try readObject { reader, key in
            if key == "id" {
                try reader.member(&id, "id") { try $0.readString() }
            } else if key == "version" {
                try reader.member(&version, "version") { try $0.readInt() }
            } else {
                try reader.skipValue()
            }
        }
        return WorkflowRef(id: try required(id, "id"), version: try required(version, "version"))
    }

    /// Reads the recorded fields of an action, with the rules of `Fields.init(from:)`: a key
    /// ending in `_cents` holds integer cents, stored as money under the key without the suffix;
    /// any other key holds an integer or a string.
    ///
    /// Two keys landing on the same field (`amount` and `amount_cents`, or a key written twice)
    /// are refused: `JSONDecoder` would keep one of them, chosen by hash order.
    mutating func readFields() throws -> Fields {
        var values = [String: FieldValue](minimumCapacity: 4)
        try readObject { reader, key in
            let name = key.string
            let field: String
            let value: FieldValue
            do {
                if name.hasSuffix("_cents") {
                    field = String(name.dropLast("_cents".count))
                    value = .money(try reader.readMoney())
                } else if reader.isAtNumber {
                    field = name
                    value = .integer(try reader.readInteger())
                } else {
                    field = name
                    value = .string(try reader.readString())
                }
            } catch let error as LineDecodingError {
                throw error.inside(name)
            }
            guard values.updateValue(value, forKey: field) == nil else {
                throw LineDecodingError(.duplicateKey(name))
            }
        }
        return Fields(values)
    }
}

/// The value of a member the type requires, or the `missingKey` error naming it.
func required<Value>(_ value: Value?, _ key: String) throws(LineDecodingError) -> Value {
    guard let value else { throw LineDecodingError(.missingKey(key)) }
    return value
}
