import Foundation
import Hummingbird

/// Ids that come in from a client (path, body): checked before they reach the store, so that every id
/// the API hands out can also be used in a path, and nothing odd is stored.
enum Identifier {
    static let maxLength = 128
    private static let reserved: Set<Unicode.Scalar> = ["/", "?", "#", "%"]

    /// A path parameter, percent-decoded (a post id with a space or a diacritic travels as `%20`,
    /// `%C3%AB`), then validated.
    static func path(_ context: APIRequestContext, _ name: String = "id") throws -> String {
        let raw = try context.parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else {
            throw Problem.invalid("'\(raw)' is not valid percent-encoding", field: name)
        }
        try validate(decoded, field: name)
        return decoded
    }

    /// Invisible formatting characters (zero-width spaces, bidi overrides, the BOM): an id that holds
    /// one looks like another id. The OpenAPI document's `Id` pattern lists the same ranges.
    static let invisible: [ClosedRange<UInt32>] = [
        0x00AD...0x00AD, 0x0600...0x0605, 0x061C...0x061C, 0x06DD...0x06DD, 0x070F...0x070F, 0x180E...0x180E,
        0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF...0xFEFF, 0xFFF9...0xFFFB,
    ]

    /// 422 naming the field unless `id` is a usable id: not empty, at most 128 characters, no
    /// `/ ? # %`, no control characters and no invisible formatting characters.
    static func validate(_ id: String, field: String) throws {
        guard !id.isEmpty else { throw Problem.invalid("an id may not be empty", field: field) }
        guard id.unicodeScalars.count <= maxLength else {
            throw Problem.invalid("an id has at most \(maxLength) characters", field: field)
        }
        let bad = id.unicodeScalars.first { scalar in
            reserved.contains(scalar) || scalar.properties.generalCategory == .control
                || invisible.contains { $0.contains(scalar.value) }
        }
        if let bad {
            let shown = reserved.contains(bad) ? "'\(bad)'" : String(format: "U+%04X", bad.value)
            throw Problem.invalid("an id may not contain \(shown); use letters, digits, '-' or '_'", field: field)
        }
    }
}
