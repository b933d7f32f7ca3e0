/// One word or phrase of a word list, in canonical form. A word written with a trailing `*` in the rule
/// pack matches every word that starts with it ("kanker*" matches "kankerlijer"); exceptions undo the
/// innocent ones.
public struct TermPattern: Sendable, Hashable {
    public struct Word: Sendable, Hashable {
        public var text: String
        public var isPrefix: Bool
    }

    public var words: [Word]
    /// The term as written in the rule pack, for messages.
    public var source: String

    /// Canonicalises `term` with the same pipeline as post text, so both sides compare alike.
    /// Returns nil for a term that holds no letters or digits.
    public init?(_ term: String) {
        var words: [Word] = []
        for part in term.split(whereSeparator: \.isWhitespace) {
            let isPrefix = part.hasSuffix("*")
            let body = isPrefix ? String(part.dropLast()) : String(part)
            let tokens = AnalyzedText(body).tokens
            for (index, token) in tokens.enumerated() {
                // A term without double letters is compared on the fully collapsed form ("kuuuut" is "kut");
                // one with a double letter keeps it ("vvd" must not match "v.d.").
                let text = token.canonical == token.canonicalDoubles ? token.canonical : token.canonicalDoubles
                words.append(Word(text: text, isPrefix: isPrefix && index == tokens.count - 1))
            }
        }
        guard !words.isEmpty else { return nil }
        self.words = words
        self.source = term
    }
}
