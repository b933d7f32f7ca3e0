/// A street and house number ("Kerkstraat 12", "Dorpsweg 4a"): where a pupil lives, unless it is the
/// school's own address.
struct StreetAddressDetector: Detector {
    private static let suffixes = ["straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "steeg", "dijk", "hof", "pad", "erf", "markt"]

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let tokens = text.tokens
        var found: [Range<Int>] = []
        for index in tokens.indices.dropLast() {
            let street = tokens[index], number = tokens[index + 1]
            guard let suffix = Self.suffixes.first(where: street.key.hasSuffix), street.key.count > suffix.count + 2,
                  Self.isHouseNumber(number.key), number.folded.lowerBound - street.folded.upperBound <= 2 else { continue }
            if let own = school.addressKey, own.contains(street.key + number.key) { continue }
            found.append(street.folded.lowerBound..<number.folded.upperBound)
        }
        return found
    }

    private static func isHouseNumber(_ key: String) -> Bool {
        let digits = key.prefix { $0.isASCII && $0.isNumber }
        return (1...4).contains(digits.count) && key.count - digits.count <= 1 && digits.first != "0"
    }
}
