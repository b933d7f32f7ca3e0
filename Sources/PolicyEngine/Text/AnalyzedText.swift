import CICUShim

/// A post's text, folded and split into words, with every piece mapped back to the original text.
public final class AnalyzedText: Sendable {
    /// The original text as Unicode scalars: spans index into this.
    public let original: [Unicode.Scalar]
    /// The folded text, one entry per folded code point; detectors scan this.
    public let folded: [UInt32]
    /// `origin[i]` is the index in `original` that `folded[i]` came from.
    public let origin: [Int32]
    public let tokens: [Token]

    public init(_ text: String, folder: CharacterFolder = .shared) {
        let original = Array(text.unicodeScalars)
        var folded: [UInt32] = []
        var origin: [Int32] = []
        folded.reserveCapacity(original.count)
        origin.reserveCapacity(original.count)
        for (index, scalar) in original.enumerated() {
            let count = folder.fold(scalar.value, into: &folded)
            for _ in 0..<count { origin.append(Int32(index)) }
        }
        self.original = original
        self.folded = folded
        self.origin = origin
        self.tokens = Tokenizer(original: original, folded: folded, origin: origin).tokens()
    }

    private init(original: [Unicode.Scalar], folded: [UInt32], origin: [Int32], tokens: [Token]) {
        self.original = original
        self.folded = folded
        self.origin = origin
        self.tokens = tokens
    }

    /// The same text read as other words (run-together words taken apart).
    func replacingTokens(_ tokens: [Token]) -> AnalyzedText {
        AnalyzedText(original: original, folded: folded, origin: origin, tokens: tokens)
    }

    /// The original-text span of a range of folded code points.
    public func span(ofFolded range: Range<Int>) -> Span {
        Self.span(ofFolded: range, origin: origin, originalCount: original.count)
    }

    /// The end reaches over what folding dropped right after the range (combining marks, zero-width
    /// characters), so "Zoe" + U+0308 is underlined whole.
    static func span(ofFolded range: Range<Int>, origin: [Int32], originalCount: Int) -> Span {
        let last = Int(origin[range.upperBound - 1]) + 1
        let next = range.upperBound < origin.count ? Int(origin[range.upperBound]) : originalCount
        return Span(start: Int(origin[range.lowerBound]), end: max(last, next))
    }

    /// The folded characters between the end of word `first` and the start of word `later`: the
    /// spaces and punctuation a pattern cannot see.
    func between(_ first: Int, _ later: Int) -> ArraySlice<UInt32> {
        folded[tokens[first].folded.upperBound..<tokens[later].folded.lowerBound]
    }

    /// The words as written.
    public func originalText(_ span: Span) -> String {
        Tokenizer.string(original[span.start..<span.end].lazy.map(\.value))
    }
}
