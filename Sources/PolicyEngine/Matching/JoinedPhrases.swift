/// Finds word-class phrases written as one word to slip past a filter ("ikwachtjeopnaschooltijd",
/// "j e  w e e t  n i e t  w a t …" after the spaced letters are joined): every multi-word lexicon
/// entry of ten letters or more, without its spaces, is looked for inside long words.
struct JoinedPhrases: Sendable {
    /// Only words at least this long are searched: shorter ones cannot hide a phrase.
    static let minimumLength = 10
    private var byStart: [UInt32: [(bytes: [UInt8], wordClass: Int32)]] = [:]

    var isEmpty: Bool { byStart.isEmpty }

    mutating func add(_ phrase: TermPattern, wordClass: Int32) {
        guard phrase.words.count >= 2, !phrase.words.contains(where: \.isPrefix) else { return }
        let bytes = Array(phrase.words.map(\.text).joined().utf8)
        guard bytes.count >= Self.minimumLength else { return }
        byStart[Self.key(bytes[...]), default: []].append((bytes, wordClass))
    }

    private static func key(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes.prefix(4) { value = value << 8 | UInt32(byte) }
        return value
    }

    /// The classes whose joined phrases occur inside `word`.
    func classes(in word: String) -> [Int32] {
        let bytes = Array(word.utf8)
        guard bytes.count >= Self.minimumLength else { return [] }
        var found: [Int32] = []
        for start in 0...(bytes.count - Self.minimumLength) {
            guard let candidates = byStart[Self.key(bytes[start...])] else { continue }
            for candidate in candidates where !found.contains(candidate.wordClass) {
                if bytes[start...].starts(with: candidate.bytes) { found.append(candidate.wordClass) }
            }
        }
        return found
    }
}
