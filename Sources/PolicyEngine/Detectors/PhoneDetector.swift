/// Dutch phone numbers: 06, landline, +31 / 0031, with spaces, dashes, dots or "(0)". Service numbers
/// (0800, 090x), the school's own number and a landline given for an organisation named just before it
/// ("De administratie is bereikbaar op 076-…", "het algemene nummer van school") are not personal data;
/// a mobile number always is.
struct PhoneDetector: Detector {
    private static let nonPersonalPrefixes = ["0800", "0900", "0906", "0909", "084", "085", "087", "088"]

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        var found: [Range<Int>] = []
        // A Dutch number has ten digits or more (with +31 or 0031 before it): times, dates, prices and
        // marks, the digit runs of most posts, are passed over without building their digits.
        for run in DigitRuns.runs(in: text.folded) where run.reduce(0, { $0 + $1.digits.count }) >= 10 {
            var first = 0
            while first < run.count {
                let start = run[first].range.lowerBound
                let hadPlus = start > 0 && text.folded[start - 1] == 0x2B
                var digits = ""
                var matched = false
                for last in first..<run.count {
                    digits += run[last].digits.map(String.init).joined()
                    guard digits.count <= 13 else { break }
                    if let national = Self.nationalDigits(digits, hadPlus: hadPlus), national.count == 10 {
                        if national != school.phoneDigits, !Self.nonPersonalPrefixes.contains(where: national.hasPrefix),
                            national.hasPrefix("06") || !Self.followsOrganisation(start, in: text)
                        {
                            found.append((hadPlus ? start - 1 : start)..<run[last].range.upperBound)
                        }
                        first = last + 1
                        matched = true
                        break
                    }
                }
                if !matched { first += 1 }
            }
        }
        return found
    }

    /// Words that name an organisation whose number a post may give.
    static let organisations: Set<String> = [
        "school", "administratie", "secretariaat", "receptie", "balie", "schoolnummer", "algemene", "gemeente", "bibliotheek",
        "huisarts", "huisartsenpost", "ggd", "politie", "consultatiebureau", "jeugdarts", "zwembad", "sporthal", "kinderopvang",
        "bso", "opvang", "kantoor", "servicedesk", "klantenservice", "museum", "kerk", "parochie", "tandarts", "ziekenhuis",
        "apotheek", "wijkagent", "buurthuis", "overblijf", "tso",
    ]

    /// Whether an organisation word stands among the ten words before `start`, in the same sentence.
    static func followsOrganisation(_ start: Int, in text: AnalyzedText) -> Bool {
        guard let last = text.tokens.lastIndex(where: { $0.folded.upperBound <= start }) else { return false }
        let sentence = text.tokens[last].sentence
        for index in stride(from: last, through: max(0, last - 9), by: -1) {
            guard text.tokens[index].sentence == sentence else { break }
            if organisations.contains(text.tokens[index].canonical) { return true }
        }
        return false
    }

    /// The number as dialled inside the Netherlands ("0612345678"), or nil when it is not Dutch.
    static func nationalDigits(_ digits: String, hadPlus: Bool) -> String? {
        var number = Substring(digits)
        if hadPlus {
            guard number.hasPrefix("31") else { return nil }
            number = "0" + number.dropFirst(2)
        } else if number.hasPrefix("0031") {
            number = "0" + number.dropFirst(4)
        }
        if number.hasPrefix("00") { number = number.dropFirst() }  // +31 (0)6 …
        guard number.hasPrefix("0"), number.count == 10, !number.hasPrefix("00") else { return nil }
        return String(number)
    }
}
