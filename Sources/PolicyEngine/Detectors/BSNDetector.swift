/// Burgerservicenummer: nine digits that pass the eleven-test, possibly written in groups.
struct BSNDetector: Detector {
    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for run in DigitRuns.runs(in: text.folded) {
            for first in run.indices {
                var digits: [Int] = []
                for last in first..<run.count {
                    digits += run[last].digits
                    if digits.count > 9 { break }
                    if digits.count == 9, Self.passesElevenTest(digits) {
                        found.append(run[first].range.lowerBound..<run[last].range.upperBound)
                        break
                    }
                }
            }
        }
        return found
    }

    static func passesElevenTest(_ digits: [Int]) -> Bool {
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            sum += index == 8 ? -digit : digit * (9 - index)
        }
        return sum % 11 == 0
    }
}
