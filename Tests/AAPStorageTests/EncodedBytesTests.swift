import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The bytes the log writes for each sample event are frozen: existing logs are signed and chained
/// over them. The SHA-256 of every sample line (``DecoderSamples/lines()``: every event type, optional
/// members present and absent, escapes, extreme numbers) as the encoder wrote it before the event
/// format was generated from one description. The `workflow.registered` samples are left out:
/// their bytes follow the workflow files and the workflow model, not the event format.
@Suite("Encoded bytes")
struct EncodedBytesTests {
    static let expected: [String] = [
        "7fb3dc28f5f3ece689626e8e23ded38f4bb4c560cf3a0d3d060b37445cc8fa50",
        "a06fd2f1ff7f25bbfa42df9e76f8af8ca04772e745052ea96b8b24b131030222",
        "0a471d27f3323bec71203e9f86beae38d4cd26a56a900871a338556733f28794",
        "2d84e14512cd5cc1bddb83d8c331b6ac27770d81afdc5b66d6dd89b147079124",
        "9608c49e1a3a158d4ce91551ca26dbf80b04f5590b0917016df6e6297ee13ef2",
        "f7d5e1cd023395478f369bf04101c9d614e8ffd1c476ec3f423692578169b4b2",
        "4030f1b705dd76becd4db1f6adfcbdca72592925221d8d306d7a49e5b3eca932",
        "c0962a8c00721c0b09db1bb5e19f93fe5b1d32115faa5bab7cbbfff3fe535f6a",
        "e4eaa05842b69f117a53799b3ab4459a1f89b5f8f7398ce8b8cd419aba3085e3",
        "9c8d905f7f37e39c498ccd1a778c9364476a2d770eada216378ccc1eced709b4",
        "7668cfa743102b9255210b773375b5cbe094b240690e3c44e0b38e8a80a23585",
        "f5758835feca0e497307299b55d39586f40fdfdb59ce03bef5b2444340922aef",
        "52b50288fdb3e323fa9a0be7ca2398c0e2d75581395d7c0ca491e86a28296a06",
        "a3358fbfedca89e1a4352788c15f714ba35c833e65e905012abd452e4a0531ff",
        "34feb741dad4729ae6d624236ecd450bf528c81a23e5d62c9922fe69f70e13d3",
        "7ef5dbbc85df41458189e308161369f0da60dbd34dc2e289be75af7c735c39ee",
        "13ad61ede3645295e6dddb0503fb25c07d8577797cdc94840dfa65303230fdad",
        "01cb998397f9718b24f89dbd54b6f964a1d09ab65023c87d1844655659c9e826",
        "f6c665531b03e0b6668a4bc655d9dba0ffaaf5888175c4fd36538f6a7c542b74",
        "92660c0b4c900f3ef2e8fc749900457576bfd1f62abcb816bbf64dfb7aa70bd9",
        "d402b754841f6d8e483e9b8843c9596e808333b39ffd43e9fe5006b20e5ee38d",
        // case.submitted with the optional external_reference (added with the import from Démarches Simplifiées).
        "97967594db0ee4f38c7006571aeb021aef35c07f1d7f9bdb5737c7b8265d20ee",
    ]

    @Test("each sample event is encoded to exactly the bytes written before")
    func sampleLinesKeepTheirBytes() throws {
        let lines = try DecoderSamples.lines().filter { line in
            if case .accepted(let recorded) = DecoderSamples.reference(line), case .workflowRegistered = recorded.event { return false }
            return true
        }
        let digests = lines.map { LineDigest(hashing: $0.bytes).hex }
        for (index, line) in lines.enumerated() where index < Self.expected.count {
            #expect(digests[index] == Self.expected[index], "ligne \(index) : \(String(decoding: line.bytes, as: UTF8.self))")
        }
        #expect(digests.count == Self.expected.count, "\(digests.map { "\"\($0)\"," }.joined(separator: "\n"))")
    }
}
