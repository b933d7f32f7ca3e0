/// A Dutch postcode ("1234 AB"), the part of an address that pinpoints a home. The letters must be
/// capitals in the original text, so "in 2026 en" is not a postcode.
struct PostcodeDetector: Detector {
    private static let unused: Set<String> = ["SA", "SD", "SS"]

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let folded = text.folded
        var found: [Range<Int>] = []
        var i = 0
        while i + 5 < folded.count {
            defer { i += 1 }
            guard folded[i] != 0x30, (i..<i + 4).allSatisfy({ folded[$0].isASCIIDigit }),
                i == 0 || !folded[i - 1].isWordCharacter
            else { continue }
            var letterStart = i + 4
            if folded[letterStart] == 0x20 { letterStart += 1 }
            guard letterStart + 1 < folded.count,
                (letterStart...letterStart + 1).allSatisfy({
                    folded[$0].isASCIILetter && text.original[Int(text.origin[$0])].properties.isUppercase
                }),
                letterStart + 2 >= folded.count || !folded[letterStart + 2].isWordCharacter
            else { continue }
            let letters = String(decoding: folded[letterStart...letterStart + 1].map { UInt8($0 - 0x20) }, as: UTF8.self)
            guard !Self.unused.contains(letters) else { continue }
            let code = String(decoding: folded[i..<letterStart + 2].filter { $0 != 0x20 }.map { UInt8($0) }, as: UTF8.self)
            if let own = school.addressKey, own.contains(code) { continue }
            found.append(i..<letterStart + 2)
        }
        return found
    }
}
