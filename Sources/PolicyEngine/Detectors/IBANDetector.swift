/// Dutch (and Belgian) bank account numbers that pass the IBAN mod-97 check, spaced or not. The school's
/// own account (for the parents' contribution) is not a finding.
struct IBANDetector: Detector {
    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let folded = text.folded
        var found: [Range<Int>] = []
        var i = 0
        while i + 1 < folded.count {
            defer { i += 1 }
            guard folded[i].isASCIILetter, folded[i + 1].isASCIILetter, i == 0 || !folded[i - 1].isWordCharacter else { continue }
            let length: Int
            switch (folded[i], folded[i + 1]) {
            case (0x6E, 0x6C): length = 18  // NL
            case (0x62, 0x65): length = 16  // BE
            default: continue
            }
            var characters: [UInt32] = []
            var j = i
            while j < folded.count, characters.count < length {
                let value = folded[j]
                if value.isASCIIDigit || value.isASCIILetter {
                    characters.append(value)
                } else if value != 0x20 || j + 1 >= folded.count || !folded[j + 1].isWordCharacter {
                    break
                }
                j += 1
            }
            guard characters.count == length, j >= folded.count || !folded[j].isWordCharacter else { continue }
            let iban = String(decoding: characters.map { UInt8($0 >= 0x61 ? $0 - 0x20 : $0) }, as: UTF8.self)
            guard Self.isValid(iban), iban != school.iban else { continue }
            found.append(i..<j)
            i = j - 1
        }
        return found
    }

    static func isValid(_ iban: String) -> Bool {
        let bytes = Array(iban.utf8)
        guard bytes.count > 4, bytes[2...3].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var remainder = 0
        for byte in bytes[4...] + bytes[..<4] {
            switch byte {
            case 0x30...0x39: remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            case 0x41...0x5A: remainder = (remainder * 100 + Int(byte - 0x41 + 10)) % 97
            default: return false
            }
        }
        return remainder == 1
    }
}
