import Foundation

/// Finds where an input document stops being valid text: a byte sequence that is not UTF-8, or a
/// JSON `\u` escape that is half a surrogate pair (no character). Foundation's decoder says only
/// "not valid"; a teacher needs the line and column.
enum TextValidity {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var line = 1, column = 1
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                return Problem(
                    line: line, column: column, message: String(format: "byte 0x%02X is not UTF-8 text; save the file as UTF-8", byte))
            }
            if byte == 0x22 {
                inString.toggle()
            } else if inString, byte == 0x5C, index + 1 < bytes.count {
                if bytes[index + 1] == 0x75, let problem = surrogateProblem(bytes, at: index) {
                    return Problem(line: line, column: column, message: problem)
                }
                index += 2
                column += 2
                continue
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return nil
    }

    /// The length of the UTF-8 sequence at `index`, or 0 when it is not valid UTF-8.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, lower) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, upper) = (3, 0x9F)  // no UTF-8-encoded surrogates
        case 0xF0: (length, lower) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, upper) = (4, 0x8F)
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        guard (lower...upper).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    private static func hexValue(_ bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    /// `\uD83D` must be followed by `\uDE00`-like low half; a low half never stands alone.
    private static func surrogateProblem(_ bytes: [UInt8], at index: Int) -> String? {
        guard let value = hexValue(bytes, at: index + 2) else { return nil }
        let lone = "is half of a surrogate pair (no character); write the character itself or a complete pair"
        switch value {
        case 0xD800...0xDBFF:
            let next = index + 6
            guard next + 1 < bytes.count, bytes[next] == 0x5C, bytes[next + 1] == 0x75, let low = hexValue(bytes, at: next + 2),
                (0xDC00...0xDFFF).contains(low)
            else { return String(format: "\\u%04X ", value) + lone }
            return nil
        case 0xDC00...0xDFFF:
            // A low half right after a high half was accepted above; here it stands alone.
            let previous = index - 6
            if previous >= 0, bytes[previous] == 0x5C, bytes[previous + 1] == 0x75, let high = hexValue(bytes, at: previous + 2),
                (0xD800...0xDBFF).contains(high)
            {
                return nil
            }
            return String(format: "\\u%04X ", value) + lone
        default: return nil
        }
    }
}
