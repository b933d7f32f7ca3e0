/// Finds where a JSON document first breaks the grammar, for the error message. Foundation's decoder
/// says only "not valid JSON"; a teacher needs the line. Runs only after decoding has failed.
struct JSONSyntax {
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var parser = JSONSyntax(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        do {
            parser.skipSpace()
            try parser.value()
            parser.skipSpace()
            if parser.index < bytes.count { throw parser.problem("unexpected text after the end of the document") }
            return nil
        } catch let problem as Problem {
            return problem
        } catch {
            return nil
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func problem(_ message: String) -> Problem {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Problem(line: line, column: column, message: message)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw problem(index < bytes.count ? "expected \(what)" : "the document ends too early; expected \(what)")
        }
        index += 1
    }

    private mutating func value() throws {
        skipSpace()
        guard index < bytes.count else { throw problem("the document ends too early; expected a value") }
        depth += 1
        defer { depth -= 1 }
        guard depth < 512 else { throw problem("nested too deeply") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw problem("expected a value (text in quotes, a number, true, false, null, [ or {)")
        }
    }

    private mutating func object() throws {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            guard index < bytes.count else { throw problem("the document ends too early; expected a field name") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw problem("expected a field name in quotes") }
            try string()
            try expect(UInt8(ascii: ":"), "':' after the field name")
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("the document ends too early; expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw problem("expected ',' or '}'") }
            index += 1
        }
    }

    private mutating func array() throws {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("the document ends too early; expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw problem("expected ',' or ']'") }
            index += 1
        }
    }

    private mutating func string() throws {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): index += 1; return
            case UInt8(ascii: "\\"): index += 2
            case 0x00..<0x20: throw problem("a line break or control character inside text; write it as \\n")
            default: index += 1
            }
        }
        throw problem("text in quotes is not closed")
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw problem("expected \(word)")
        }
        index += expected.count
    }

    private mutating func number() throws {
        let start = index
        while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
        guard Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
            index = start
            throw problem("not a number")
        }
    }
}
