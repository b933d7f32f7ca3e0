import CICUShim

/// Folds single code points for matching (case, width, diacritics, ignorables, Cyrillic/Greek look-alikes).
///
/// Folding one code point at a time keeps an exact map from every folded character back to the original
/// one, which is what lets findings point at the author's own text. ICU does the work; the results for
/// the code points that real posts use are computed once, so the hot path is a table lookup.
public final class CharacterFolder: Sendable {
    private static let tableLimit: UInt32 = 0x2500
    private static let fullwidthRange: ClosedRange<UInt32> = 0xFF00...0xFFEF

    private let offsets: [Int32]
    private let data: [UInt32]

    public static let shared = CharacterFolder()

    private init() {
        var offsets: [Int32] = [0]
        var data: [UInt32] = []
        let total = Int(Self.tableLimit) + Self.fullwidthRange.count
        offsets.reserveCapacity(total + 1)
        var buffer = [UInt32](repeating: 0, count: 16)
        for index in 0..<total {
            let codePoint = index < Self.tableLimit ? UInt32(index) : Self.fullwidthRange.lowerBound + UInt32(index) - Self.tableLimit
            let count = Self.foldWithICU(codePoint, into: &buffer)
            data.append(contentsOf: buffer[0..<count])
            offsets.append(Int32(data.count))
        }
        self.offsets = offsets
        self.data = data
    }

    private static func foldWithICU(_ codePoint: UInt32, into buffer: inout [UInt32]) -> Int {
        let capacity = Int32(buffer.count)
        return Int(buffer.withUnsafeMutableBufferPointer { moderate_fold_codepoint(codePoint, $0.baseAddress, capacity) })
    }

    /// Appends the folded form of `scalar` to `output` and returns how many code points it appended.
    @inline(__always)
    public func fold(_ scalar: UInt32, into output: inout [UInt32]) -> Int {
        if scalar < 0x80 {
            output.append(scalar >= 0x41 && scalar <= 0x5A ? scalar + 0x20 : scalar)
            return 1
        }
        let index: Int
        if scalar < Self.tableLimit {
            index = Int(scalar)
        } else if Self.fullwidthRange.contains(scalar) {
            index = Int(Self.tableLimit) + Int(scalar - Self.fullwidthRange.lowerBound)
        } else {
            var buffer = [UInt32](repeating: 0, count: 16)
            let count = Self.foldWithICU(scalar, into: &buffer)
            output.append(contentsOf: buffer[0..<count])
            return count
        }
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        for i in start..<end { output.append(data[i]) }
        return end - start
    }

    /// The folded form of a whole string, for comparing word lists and names with folded text.
    public func fold(_ text: String) -> String {
        var output: [UInt32] = []
        for scalar in text.unicodeScalars { _ = fold(scalar.value, into: &output) }
        var result = String.UnicodeScalarView()
        for value in output { if let scalar = Unicode.Scalar(value) { result.append(scalar) } }
        return String(result)
    }

    public static var icuVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        moderate_icu_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
