import CICUShim

/// Splits folded text into words with ICU's word boundaries and undoes the usual ways of hiding a word.
struct Tokenizer {
    let original: [Unicode.Scalar]
    let folded: [UInt32]
    let origin: [Int32]

    /// Symbols that stand for a letter when a word is written around them: "k@nker", "$hit", "sh!t".
    private static func letterStandIn(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x40: 0x61  // @ → a
        case 0x24: 0x73  // $ → s
        case 0x21: 0x69  // ! → i
        case 0x7C: 0x6C  // | → l
        default: nil
        }
    }

    /// Digits read as letters inside words that also hold letters: "k4nker", "t3ring", "h0er".
    private static func leetLetter(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x30: 0x6F  // 0 → o
        case 0x31: 0x69  // 1 → i
        case 0x33: 0x65  // 3 → e
        case 0x34: 0x61  // 4 → a
        case 0x35: 0x73  // 5 → s
        case 0x37: 0x74  // 7 → t
        case 0x38: 0x62  // 8 → b
        case 0x39: 0x67  // 9 → g
        default: value
        }
    }

    static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return Unicode.Scalar(value)?.properties.isAlphabetic ?? false
    }

    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    /// The censoring star: inside a word it stands for one hidden letter.
    static let wildcard: UInt32 = 0x2A

    func tokens() -> [Token] {
        guard !folded.isEmpty else { return [] }
        var utf16: [UInt16] = []
        var utf16ToFolded: [Int32] = []
        utf16.reserveCapacity(folded.count)
        utf16ToFolded.reserveCapacity(folded.count + 1)
        var matchView = folded
        for i in folded.indices {
            var value = folded[i]
            // A censoring star between letters ("k*t", "kl*te", "f*ck") hides one letter: the word
            // stays one word, and the star is a wildcard the term matcher fills with a vowel.
            if value == Self.wildcard, i > 0, i + 1 < folded.count, Self.isLetter(matchView[i - 1]), Self.isLetter(folded[i + 1]) {
                utf16.append(0x78)  // any letter, so the word breaker keeps one word
                utf16ToFolded.append(Int32(i))
                continue
            }
            // A digit written for a letter ("H0m0's", "m0sl1ms") is a letter to the word breaker, which
            // otherwise ends the word at the apostrophe after a digit; the token keeps the digit, whose
            // leetspeak is undone later.
            if Self.isDigit(value), (i > 0 && Self.isLetter(matchView[i - 1])) || (i + 1 < folded.count && Self.isLetter(folded[i + 1])) {
                utf16.append(0x78)
                utf16ToFolded.append(Int32(i))
                continue
            }
            if let standIn = Self.letterStandIn(value), i > 0, i + 1 < folded.count,
                Self.isLetter(matchView[i - 1]) || Self.isDigit(folded[i - 1]),
                Self.isLetter(folded[i + 1])
                    || (i + 2 < folded.count && Self.letterStandIn(folded[i + 1]) != nil && Self.isLetter(folded[i + 2]))
            {
                value = standIn
                matchView[i] = standIn
            }
            if value < 0x10000 {
                utf16.append(UInt16(value))
                utf16ToFolded.append(Int32(i))
            } else {
                let scalar = Unicode.Scalar(value) ?? "?"
                for unit in String(scalar).utf16 {
                    utf16.append(unit)
                    utf16ToFolded.append(Int32(i))
                }
            }
        }
        utf16ToFolded.append(Int32(folded.count))
        let segments = wordSegments(utf16)
        var tokens: [Token] = []
        tokens.reserveCapacity(segments.count)
        var keyScalars: [UInt32] = [], matchScalars: [UInt32] = []
        keyScalars.reserveCapacity(32)
        matchScalars.reserveCapacity(32)
        for (start, end) in segments {
            let range = Int(utf16ToFolded[start])..<Int(utf16ToFolded[end - 1]) + 1
            if let token = makeToken(range, matchView: matchView, keyScalars: &keyScalars, matchScalars: &matchScalars) {
                tokens.append(token)
            }
        }
        joinSpacedLetters(&tokens)
        markSentences(&tokens)
        return tokens
    }

    private func wordSegments(_ utf16: [UInt16]) -> [(Int, Int)] {
        let capacity = utf16.count + 1
        var starts = [Int32](repeating: 0, count: capacity)
        var ends = [Int32](repeating: 0, count: capacity)
        let count = utf16.withUnsafeBufferPointer { text in
            starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    moderate_word_segments(text.baseAddress, Int32(text.count), s.baseAddress, e.baseAddress, Int32(capacity))
                }
            }
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { (Int(starts[$0]), Int(ends[$0])) }
    }

    private func makeToken(_ range: Range<Int>, matchView: [UInt32], keyScalars: inout [UInt32], matchScalars: inout [UInt32]) -> Token? {
        keyScalars.removeAll(keepingCapacity: true)
        matchScalars.removeAll(keepingCapacity: true)
        var letters = 0, digits = 0
        for i in range {
            let value = folded[i]
            if Self.isLetter(value) || Self.isDigit(value) { keyScalars.append(value) }
            let matchValue = matchView[i]
            if Self.isLetter(matchValue) || (matchValue == Self.wildcard && i > range.lowerBound) {
                letters += 1
                matchScalars.append(matchValue)
            } else if Self.isDigit(matchValue) {
                digits += 1
                matchScalars.append(matchValue)
            }
        }
        guard !keyScalars.isEmpty || !matchScalars.isEmpty else { return nil }
        let span = AnalyzedText.span(ofFolded: range, origin: origin, originalCount: original.count)
        let first = original[span.start]
        let capitalized =
            first.isASCII
            ? (first.value >= 0x41 && first.value <= 0x5A)
            : (first.properties.isUppercase || first.properties.generalCategory == .titlecaseLetter)
        // Most words need no rewriting: then the key serves as both canonical forms.
        let key = Self.string(keyScalars)
        let undoLeet = letters > 0 && digits > 0
        let plain = !undoLeet && matchScalars == keyScalars
        // Doubles are Dutch spelling ("negeer", "kees", "meenemen"): only a run of three or more equal
        // letters is stretching ("kuuuut"), and only then are all runs collapsed.
        let stretched = Self.hasRun(matchScalars, longerThan: 2)
        var canonical =
            plain && !stretched
            ? key : Self.canonical(matchScalars, undoLeet: undoLeet, keep: stretched ? 1 : Int.max, singleLeetDoubles: true)
        // Clitics stand for their full word: "'t land uit" is "het land uit", "z'n kind" "zijn kind".
        if keyScalars.count <= 2, let full = Self.clitic(keyScalars) { canonical = full }
        let canonicalDoubles =
            plain && !Self.hasRun(keyScalars, longerThan: 2) ? key : Self.canonical(matchScalars, undoLeet: undoLeet, keep: 2)
        return Token(
            key: key,
            canonical: canonical,
            canonicalDoubles: canonicalDoubles,
            keyLength: keyScalars.count,
            span: span, folded: range,
            isCapitalized: capitalized,
            startsSentence: false, sentence: 0,
            isNumber: letters == 0 && digits > 0)
    }

    /// The short forms of spoken Dutch ('t, 'n, 'm, z'n, m'n, d'r) and the words they stand for. Read
    /// from the letters, not hashed: most words of one or two letters are none of these.
    static func clitic(_ letters: [UInt32]) -> String? {
        switch (letters.first, letters.count == 2 ? letters[1] : nil) {
        case (0x74, nil): "het"  // 't
        case (0x6E, nil): "een"  // 'n
        case (0x6D, nil): "hem"  // 'm
        case (0x7A, 0x6E): "zijn"  // z'n
        case (0x6D, 0x6E): "mijn"  // m'n
        case (0x64, 0x72): "haar"  // d'r
        default: nil
        }
    }

    /// Undoes leetspeak and shortens runs of equal characters to at most `keep`.
    /// With `singleLeetDoubles`, two equal digits standing for one letter write it once: "P00len" is
    /// "polen", as a double letter of ordinary spelling is not written in digits ("klootzak" is still
    /// found on the form that keeps doubles).
    static func canonical(_ scalars: [UInt32], undoLeet: Bool, keep: Int = 1, singleLeetDoubles: Bool = false) -> String {
        if !undoLeet, !hasRun(scalars, longerThan: keep) { return string(scalars) }
        var output: [UInt32] = []
        output.reserveCapacity(scalars.count)
        var run = 0
        var previous: UInt32 = 0
        for value in scalars {
            let letter = undoLeet ? leetLetter(value) : value
            run = output.last == letter ? run + 1 : 1
            let leetDouble = singleLeetDoubles && run == 2 && value == previous && letter != value
            previous = value
            if run <= keep, !leetDouble { output.append(letter) }
        }
        return string(output)
    }

    static func hasRun(_ scalars: [UInt32], longerThan keep: Int) -> Bool {
        var run = 0
        for index in scalars.indices {
            run = index > 0 && scalars[index - 1] == scalars[index] ? run + 1 : 1
            if run > keep { return true }
        }
        return false
    }

    /// A string of scalar values: ASCII is copied byte for byte, anything else goes through UTF-8
    /// (the scalar-by-scalar string view costs several times more, and this runs for many words of
    /// every post). Generic, so the original text's scalars need no copy: `original[span].lazy.map(\.value)`.
    static func string<Values: Collection<UInt32>>(_ values: Values) -> String {
        if values.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: values.count) { buffer in
                var count = 0
                for value in values {
                    buffer[count] = UInt8(truncatingIfNeeded: value)
                    count += 1
                }
                return count
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 2)
        for value in values { if let scalar = Unicode.Scalar(value) { UTF8.encode(scalar) { bytes.append($0) } } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "k u t", "k-u-t", "k * u * t": three or more single letters a short gap apart become one word.
    private func joinSpacedLetters(_ tokens: inout [Token]) {
        guard hasSpacedLetters(tokens) else { return }
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var j = i
            while j < tokens.count, isSingleLetter(tokens[j]),
                j == i || isShortGap(from: tokens[j - 1], to: tokens[j])
            {
                j += 1
            }
            if j - i >= 3 {
                // "h o m o s   z i j n   z i e k": where the run's letters stand one space apart, a
                // wider gap is a word break. Each word of the run is joined on its own.
                let spaces = (i + 1..<j).map { spaceRun(from: tokens[$0 - 1], to: tokens[$0]) }
                let narrowest = spaces.min() ?? 0
                var start = i
                for k in i + 1...j where k == j || spaces[k - i - 1] > narrowest {
                    result.append(joined(tokens[start..<k]))
                    start = k
                }
                i = j
            } else {
                result.append(tokens[i])
                i += 1
            }
        }
        tokens = result
    }

    /// One token for a run of single letters: their letters as one word (a run of one stays itself).
    private func joined(_ run: ArraySlice<Token>) -> Token {
        guard run.count > 1 else { return run.first! }
        let letters = run.flatMap { Array($0.key.unicodeScalars).map(\.value) }
        var joined = run.first!
        joined.key = Self.string(letters)
        joined.keyLength = letters.count
        joined.canonical = Self.canonical(letters, undoLeet: false, keep: Self.hasRun(letters, longerThan: 2) ? 1 : Int.max)
        joined.canonicalDoubles = Self.canonical(letters, undoLeet: false, keep: 2)
        joined.span = Span(start: run.first!.span.start, end: run.last!.span.end)
        joined.folded = run.first!.folded.lowerBound..<run.last!.folded.upperBound
        joined.isCapitalized = false
        return joined
    }

    /// The longest run of spaces between two tokens.
    private func spaceRun(from previous: Token, to next: Token) -> Int {
        var longest = 0, current = 0
        for index in previous.folded.upperBound..<next.folded.lowerBound {
            current = folded[index] == 0x20 || folded[index] == 0x09 ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private func hasSpacedLetters(_ tokens: [Token]) -> Bool {
        var run = 0
        for token in tokens {
            run = token.keyLength == 1 ? run + 1 : 0
            if run >= 3 { return true }
        }
        return false
    }

    private func isSingleLetter(_ token: Token) -> Bool {
        token.keyLength == 1 && Self.isLetter(token.key.unicodeScalars.first!.value)
    }

    private func isShortGap(from previous: Token, to next: Token) -> Bool {
        let gap = previous.folded.upperBound..<next.folded.lowerBound
        return gap.count <= 3 && !gap.contains { folded[$0] == 0x0A }
    }

    private func markSentences(_ result: inout [Token]) {
        var sentence = 0
        for index in result.indices {
            let gapStart = index == 0 ? 0 : result[index - 1].folded.upperBound
            let gap = gapStart..<result[index].folded.lowerBound
            let ends = gap.contains { [0x2E, 0x21, 0x3F, 0x0A].contains(folded[$0]) }
            if index > 0 && ends { sentence += 1 }
            result[index].startsSentence = index == 0 || ends
            result[index].sentence = sentence
        }
    }
}
