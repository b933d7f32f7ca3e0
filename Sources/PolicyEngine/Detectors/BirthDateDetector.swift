/// A date of birth: a date written near "geboren", "geboortedatum", "verjaardag" or "jarig op".
struct BirthDateDetector: Detector {
    private static let keywords: Set<String> = [
        "geboren", "geboortedatum", "geb", "geboortedag", "verjaardag", "jarig", "birthday", "born",
    ]
    static let months: Set<String> = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
    ]
    private static let window = 8

    /// Every keyword starts with b, g, j or v: most words are ruled out without hashing.
    private static func mayBeKeyword(_ token: Token) -> Bool {
        guard let first = token.key.utf8.first else { return false }
        return first == 0x62 || first == 0x67 || first == 0x6A || first == 0x76
    }

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let tokens = text.tokens
        var found: [Range<Int>] = []
        for index in tokens.indices where Self.mayBeKeyword(tokens[index]) && Self.keywords.contains(tokens[index].key) {
            let upper = min(tokens.count, index + 1 + Self.window)
            var position = index + 1
            while position < upper {
                if let date = date(at: position, in: tokens, folded: text.folded) {
                    found.append(date)
                    break
                }
                position += 1
            }
        }
        return found
    }

    /// "12 maart 2018", "12 maart", "12-03-2018", "12/3/18", "12.03.2018" starting at token `index`.
    private func date(at index: Int, in tokens: [Token], folded: [UInt32]) -> Range<Int>? {
        let day = tokens[index]
        guard day.isNumber else { return nil }
        if day.key.count <= 2, let value = Int(day.key), (1...31).contains(value), index + 1 < tokens.count,
            Self.months.contains(tokens[index + 1].key)
        {
            var end = tokens[index + 1].folded.upperBound
            if index + 2 < tokens.count, tokens[index + 2].isNumber, tokens[index + 2].key.count == 4 {
                end = tokens[index + 2].folded.upperBound
            }
            return day.folded.lowerBound..<end
        }
        return numericDate(from: day.folded.lowerBound, folded: folded)
    }

    private func numericDate(from start: Int, folded: [UInt32]) -> Range<Int>? {
        var position = start
        var parts: [Int] = []
        var separator: UInt32?
        while parts.count < 3 {
            let partStart = position
            while position < folded.count, folded[position].isASCIIDigit, position - partStart < 4 { position += 1 }
            let length = position - partStart
            guard length > 0 else { return nil }
            parts.append(folded[partStart..<position].reduce(0) { $0 * 10 + $1.digitValue })
            if parts.count < 3 {
                guard position < folded.count, [0x2D, 0x2F, 0x2E].contains(folded[position]),
                    separator == nil || separator == folded[position]
                else { return nil }
                separator = folded[position]
                position += 1
            }
        }
        guard (1...31).contains(parts[0]), (1...12).contains(parts[1]) else { return nil }
        return start..<position
    }
}
