/// A street and house number ("Kerkstraat 12", "Dorpsweg 4a"): where a pupil lives, unless it is the
/// school's own address.
struct StreetAddressDetector: Detector {
    private static let suffixes = [
        "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "steeg", "dijk", "hof", "pad", "erf", "markt",
    ]

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let tokens = text.tokens
        var found: [Range<Int>] = []
        // Fields are read in place: this runs for every word of every post, and few are a street.
        for index in tokens.indices.dropLast() {
            guard let digit = tokens[index + 1].key.utf8.first, digit >= 0x31, digit <= 0x39,
                tokens[index + 1].folded.lowerBound - tokens[index].folded.upperBound <= 2, Self.isHouseNumber(tokens[index + 1].key)
            else { continue }
            let street = tokens[index], number = tokens[index + 1]
            guard let suffix = Self.suffixes.first(where: street.key.hasSuffix), street.keyLength > suffix.count + 2 else { continue }
            if let own = school.addressKey, own.contains(street.key + number.key) { continue }
            found.append(street.folded.lowerBound..<number.folded.upperBound)
        }
        return found
    }

    /// "12", "3a": one to four digits, not starting with 0, and at most one letter after them.
    private static func isHouseNumber(_ key: String) -> Bool {
        var digits = 0, others = 0
        for byte in key.utf8 {
            if byte >= 0x30 && byte <= 0x39 && others == 0 {
                if digits == 0 && byte == 0x30 { return false }
                digits += 1
            } else {
                others += 1
            }
            if digits > 4 || others > 1 { return false }
        }
        return digits > 0
    }
}
