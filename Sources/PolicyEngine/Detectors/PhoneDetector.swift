/// Dutch phone numbers: 06, landline, +31 / 0031, with spaces, dashes, dots or "(0)". Service numbers
/// (0800, 090x) and the school's own number are not personal data.
struct PhoneDetector: Detector {
    private static let nonPersonalPrefixes = ["0800", "0900", "0906", "0909", "084", "085", "087", "088"]

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for run in DigitRuns.runs(in: text.folded) {
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
                        if national != school.phoneDigits, !Self.nonPersonalPrefixes.contains(where: national.hasPrefix) {
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
