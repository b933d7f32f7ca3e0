import CICUShim

/// A post's text, folded and split into words, with every piece mapped back to the original text.
public struct AnalyzedText: Sendable {
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

    /// The original-text span of a range of folded code points.
    public func span(ofFolded range: Range<Int>) -> Span {
        Span(start: Int(origin[range.lowerBound]), end: Int(origin[range.upperBound - 1]) + 1)
    }

    public func originalText(_ span: Span) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: original[span.start..<span.end])
        return String(view)
    }
}
