import Synchronization

/// Takes apart words written together to slip past a filter: "ikhaatmoslims" is *ik haat moslims*,
/// "vluchtelingenzijnongedierte" is *vluchtelingen zijn ongedierte*. The pieces then stand as words of
/// their own, so the pattern rules read the sentence the writer meant.
///
/// A word is taken apart only when it is not Dutch as written (Hunspell), every piece is a word of a
/// lexicon or a function word, at least one piece is a function word (*ik*, *zijn*, *moeten*: an
/// ordinary compound has none, so *vrouwenhaat* or *jodenvervolging* in a history lesson stay whole),
/// and at least one piece is a lexicon word of four letters or more. The cover with the fewest pieces
/// wins. Verdicts are cached per word, like the other word lookups.
final class RunTogetherWords: Sendable {
    /// Words shorter than this are not taken apart.
    static let minimumLength = 8
    /// Words longer than this are left alone: the search grows with the square of the length.
    static let maximumLength = 60

    /// Small words that glue a sentence together and never make up an ordinary compound.
    static let functionWords: Set<String> = [
        "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "hun", "hen", "die", "dat", "deze", "dit",
        "de", "het", "een", "is", "zijn", "was", "waren", "wordt", "worden", "moet", "moeten", "mogen", "mag",
        "horen", "hoort", "ga", "gaat", "gaan", "zal", "zullen", "zou", "zouden", "kan", "kunnen", "niet", "geen",
        "nooit", "alle", "allemaal", "en", "maar", "naar", "met", "van", "uit", "ook", "toch", "echt", "zo", "heel",
        "wil", "willen", "hebben", "heeft", "ben", "bent", "jou", "jouw", "mijn", "er", "weg", "dood",
    ]

    /// Everyday words a piece may be besides the lexicon and function words (prepositions, a few
    /// verbs and places: "ikmaakdiemoskeeopdehoekkapot"); they count as neither kind, so a cover still
    /// needs a function word and a lexicon word.
    static let glueWords: Set<String> = [
        "op", "in", "aan", "bij", "om", "voor", "over", "onder", "achter", "tegen", "door", "af", "mee", "terug", "hier", "daar",
        "maak", "maken", "sla", "slaan", "pak", "pakken", "kom", "komen", "steek", "breek", "gooi", "vind", "vinden", "haal", "stuur",
        "hoek", "straat", "school", "plein", "klas", "huis", "land", "wijk", "buurt", "stad", "dorp", "hek", "morgen", "vanavond",
        "stuk", "elkaar", "allemaal", "eens", "even", "gewoon", "nou", "wel", "al",
    ]

    /// Lexicon words (canonical forms) a piece may be.
    private let vocabulary: Set<String>
    /// Single-word entries and terms, which a word split by a space may be ("Ho mo's", "Jo den").
    private let wholeWords: Set<String>
    /// The same words (vocabulary, function and whole words) by a hash of their UTF-8 bytes: a quick
    /// "no" for the pairs and long words of every post, before any string is built.
    private let hashed: IntMap
    private let speller: SpellChecker
    private let cache = Mutex<[String: [Range<Int>]]>([:])

    init?(lexiconWords: some Sequence<String>, wholeWords: some Sequence<String>, speller: SpellChecker?) {
        guard let speller else { return nil }
        let whole = Set(wholeWords.filter { $0.unicodeScalars.count >= Self.shortestJoined })
        let vocabulary = Set(
            lexiconWords.filter { $0.unicodeScalars.count >= 2 && $0.unicodeScalars.allSatisfy(\.properties.isAlphabetic) })
        var hashed = IntMap()
        for word in vocabulary.union(whole).union(Self.functionWords).union(Self.glueWords) {
            var copy = word
            let length = word.unicodeScalars.count
            let flags =
                (Self.functionWords.contains(word) ? Self.functionFlag : 0)
                | (length >= 4 && vocabulary.contains(word) ? Self.lexiconFlag : 0)
            hashed.set(copy.withUTF8 { Self.hash($0).hash }, flags)
        }
        self.wholeWords = whole
        self.vocabulary = vocabulary
        self.hashed = hashed
        self.speller = speller
    }

    /// The text with its run-together words taken apart and its words split by a space joined, or the
    /// text itself when it has neither.
    func split(_ text: AnalyzedText) -> AnalyzedText {
        var result: [Token]?
        var skipNext = false
        let tokens = text.tokens
        // The hash of the word last hashed, kept for the next pair.
        var last: (index: Int, hash: UInt64, power: UInt64) = (-1, 0, 1)
        func hash(_ index: Int) -> (hash: UInt64, power: UInt64) {
            if last.index != index {
                let (hash, power) = Self.hash(tokens[index].canonical)
                last = (index, hash, power)
            }
            return (last.hash, last.power)
        }
        for index in tokens.indices {
            if skipNext {
                skipNext = false
                continue
            }
            // The token is passed and read in place; it is copied only into a new word list.
            if index + 1 < tokens.count, Self.mayJoin(tokens[index], tokens[index + 1], in: text),
                case let first = hash(index), case let second = hash(index + 1),
                hashed.value(first.hash &* second.power &+ second.hash) >= 0,
                let joined = joined(tokens[index], tokens[index + 1], in: text)
            {
                if result == nil { result = Array(tokens[..<index]) }
                result!.append(joined)
                skipNext = true
                continue
            }
            let pieces = candidate(tokens[index]) ? pieces(of: tokens[index].canonical) : []
            if pieces.isEmpty {
                result?.append(tokens[index])
                continue
            }
            let token = tokens[index]
            if result == nil { result = Array(tokens[..<index]) }
            let letters = Array(token.canonical.unicodeScalars)
            let keyLetters = Array(token.key.unicodeScalars)
            for (number, piece) in pieces.enumerated() {
                let folded = (token.folded.lowerBound + piece.lowerBound)..<(token.folded.lowerBound + piece.upperBound)
                let canonical = Tokenizer.string(letters[piece].lazy.map(\.value))
                result!.append(
                    Token(
                        key: Tokenizer.string(keyLetters[piece].lazy.map(\.value)), canonical: canonical, canonicalDoubles: canonical,
                        keyLength: piece.count, span: text.span(ofFolded: folded), folded: folded,
                        isCapitalized: number == 0 && token.isCapitalized, startsSentence: number == 0 && token.startsSentence,
                        sentence: token.sentence, isNumber: false))
            }
        }
        guard let result else { return text }
        return text.replacingTokens(result)
    }

    /// A polynomial hash of UTF-8 bytes: the hash of two words written together is the first's
    /// times `base` to the power of the second's length, plus the second's, so a pair costs no pass.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, power: UInt64) {
        var value: UInt64 = 0
        var power: UInt64 = 1
        for byte in bytes {
            value = value &* base &+ UInt64(byte)
            power = power &* base
        }
        return (value, power)
    }

    static let base: UInt64 = 0x100_0000_01B3

    static func hash(_ word: String) -> (hash: UInt64, power: UInt64) {
        var word = word
        return word.withUTF8 { hash($0) }
    }

    static let functionFlag: Int32 = 1
    static let lexiconFlag: Int32 = 2

    /// A two-letter function word counts only at the start of a word ("ik", "ze"): inside a word it is
    /// as often a linking sound or an ending (*vrouw-en-haat*).
    static func countsAsFunction(start: Int, length: Int) -> Bool { start == 0 || length >= 3 }

    /// Whether some cover of the word by known words exists that holds a function word and a lexicon
    /// word (the hashes only; collisions are settled by the exact search). Most long words of a post
    /// have none and stop here, before any lock or string.
    private func mayCover(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { bytes in
            let count = bytes.count
            guard count <= 63 else { return false }
            // reachable[flags]: the positions a cover of the start reaches, by which kinds it holds.
            var reachable: (UInt64, UInt64, UInt64, UInt64) = (1, 0, 0, 0)
            func mask(_ flags: Int32) -> UInt64 {
                switch flags {
                case 0: reachable.0
                case 1: reachable.1
                case 2: reachable.2
                default: reachable.3
                }
            }
            func add(_ flags: Int32, _ bit: UInt64) {
                switch flags {
                case 0: reachable.0 |= bit
                case 1: reachable.1 |= bit
                case 2: reachable.2 |= bit
                default: reachable.3 |= bit
                }
            }
            for start in 0..<(count - 1) {
                let startBit: UInt64 = 1 << UInt64(start)
                guard (reachable.0 | reachable.1 | reachable.2 | reachable.3) & startBit != 0 else { continue }
                var value: UInt64 = 0
                for end in (start + 1)...count {
                    value = value &* Self.base &+ UInt64(bytes[end - 1])
                    guard end - start >= 2 else { continue }
                    var flags = hashed.value(value)
                    guard flags >= 0 else { continue }
                    if !Self.countsAsFunction(start: start, length: end - start) { flags &= ~Self.functionFlag }
                    for state: Int32 in 0..<4 where mask(state) & startBit != 0 { add(state | flags, 1 << UInt64(end)) }
                }
            }
            return reachable.3 & (1 << UInt64(count)) != 0
        }
    }

    /// A list word this long written in two parts is joined even when both parts are Dutch words: the
    /// compound means what the two words mean ("asiel zoekers" is *asielzoekers*).
    static let longCompound = 10

    /// Joined words are at least this long.
    static let shortestJoined = 5

    /// Whether two neighbouring words, one space apart in one sentence, may be one word split: short
    /// fragments ("Jo den") or two long parts of a compound written apart ("asiel zoekers").
    private static func mayJoin(_ first: Token, _ second: Token, in text: AnalyzedText) -> Bool {
        guard first.keyLength <= 4 || second.keyLength <= 3 || first.keyLength + second.keyLength >= Self.longCompound,
            first.keyLength + second.keyLength >= Self.shortestJoined,
            !first.isNumber, !second.isNumber, first.sentence == second.sentence, !second.isCapitalized,
            second.span.start == first.span.end + 1, text.original[first.span.end] == " ",
            // "-heid en -lijk" quotes word endings.
            first.span.start == 0 || text.original[first.span.start - 1] != "-"
        else { return false }
        return true
    }

    /// The two words as one, when together they make a lexicon word or term (the caller has checked
    /// their joined hash) and both are short fragments, both are long compound parts, or one is not
    /// Dutch (*Ho mo's*, *Jo den*, *Zwar te*, *kan ker*); nil for two ordinary words (*op rotten* stays
    /// as written).
    private func joined(_ first: Token, _ second: Token, in text: AnalyzedText) -> Token? {
        let word = first.canonical + second.canonical
        let isWhole = wholeWords.contains(word)
        guard isWhole || vocabulary.contains(word) else { return nil }
        // Two fragments, or a long compound written in two ("asiel zoekers", "buiten landers"), make a
        // whole lexicon word, but never with a function word ("wat je" is no *watje*); a word of a
        // lexicon phrase needs a part that is no word.
        let noFunctionWord = !Self.functionWords.contains(first.canonical) && !Self.functionWords.contains(second.canonical)
        let shortParts = first.keyLength <= 3 && second.keyLength <= 3
        let longParts = first.keyLength >= 4 && second.keyLength >= 4 && first.keyLength + second.keyLength >= Self.longCompound
        let fragments = isWhole && noFunctionWord && (shortParts || longParts)
        guard fragments || !speller.isCorrect(first.canonical) || !speller.isCorrect(second.canonical) else { return nil }
        return Token(
            key: first.key + second.key, canonical: word, canonicalDoubles: first.canonicalDoubles + second.canonicalDoubles,
            keyLength: first.keyLength + second.keyLength, span: Span(start: first.span.start, end: second.span.end),
            folded: first.folded.lowerBound..<second.folded.upperBound, isCapitalized: first.isCapitalized,
            startsSentence: first.startsSentence, sentence: first.sentence, isNumber: false)
    }

    /// Only a plain word of letters whose written and canonical forms line up letter for letter, not a
    /// name (a capital inside a sentence).
    private func candidate(_ token: Token) -> Bool {
        let length = token.keyLength
        guard length >= Self.minimumLength, length <= Self.maximumLength, !token.isNumber,
            token.folded.count == length, token.canonical.unicodeScalars.count == length,
            !(token.isCapitalized && !token.startsSentence)
        else { return false }
        return mayCover(token.canonical) && !vocabulary.contains(token.canonical)
    }

    /// The pieces (letter ranges) of a run-together word; none when it is not one.
    func pieces(of word: String) -> [Range<Int>] {
        if let known = cache.withLock({ $0[word] }) { return known }
        var found = cover(Array(word.unicodeScalars))
        if !found.isEmpty, speller.isInDictionary(word) { found = [] }
        cache.withLock { if $0.count < SpellChecker.cacheLimit { $0[word] = found } }
        return found
    }

    /// What a piece costs in the search (a function word one less).
    static let pieceCost = 16

    /// The cover of `letters` by vocabulary and function words with the fewest pieces, holding at least
    /// one function word and one lexicon word of four letters or more; empty when there is none.
    private func cover(_ letters: [Unicode.Scalar]) -> [Range<Int>] {
        let count = letters.count
        // best[i]: the fewest pieces that cover letters[i...], and whether a function word and a long
        // lexicon word are among them (each flag combination kept apart: 4 states per position).
        struct Step {
            var pieces = Int.max
            var next = 0
            /// The flag state the cover of `letters[next...]` is in.
            var rest = 0
        }
        var best = Array(repeating: Array(repeating: Step(), count: 4), count: count + 1)
        best[count][0].pieces = 0
        for start in stride(from: count - 2, through: 0, by: -1) {
            for end in (start + 2)...count {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: letters[start..<end])
                let word = String(piece)
                let isFunction = Self.functionWords.contains(word) && Self.countsAsFunction(start: start, length: end - start)
                let isLexicon = end - start >= 4 && vocabulary.contains(word)
                guard isFunction || vocabulary.contains(word) || Self.glueWords.contains(word) else { continue }
                let flag = (isFunction ? 1 : 0) | (isLexicon ? 2 : 0)
                // Fewer pieces first; of as many, the cover with more function words (*zijn een*, not
                // *zij neen*).
                let cost = isFunction ? Self.pieceCost - 1 : Self.pieceCost
                for state in 0..<4 where best[end][state].pieces != Int.max {
                    let combined = state | flag
                    if best[end][state].pieces + cost < best[start][combined].pieces {
                        best[start][combined] = Step(pieces: best[end][state].pieces + cost, next: end, rest: state)
                    }
                }
            }
        }
        guard best[0][3].pieces != Int.max, best[0][3].pieces > Self.pieceCost else { return [] }
        // Walk the chosen cover.
        var ranges: [Range<Int>] = []
        var position = 0
        var state = 3
        while position < count {
            let step = best[position][state]
            ranges.append(position..<step.next)
            position = step.next
            state = step.rest
        }
        return ranges
    }
}
