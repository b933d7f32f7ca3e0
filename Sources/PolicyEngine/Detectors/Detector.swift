/// The detectors a rule can name in the rule pack (`detector: bsn`).
public enum DetectorKind: String, CaseIterable, Sendable {
    case bsn, iban, phone, email, postcode
    case birthDate = "birth-date"
    case streetAddress = "street-address"

    var detector: any Detector {
        switch self {
        case .bsn: BSNDetector()
        case .iban: IBANDetector()
        case .phone: PhoneDetector()
        case .email: EmailDetector()
        case .postcode: PostcodeDetector()
        case .birthDate: BirthDateDetector()
        case .streetAddress: StreetAddressDetector()
        }
    }
}

/// Finds one kind of personal data in folded text. Returns ranges of folded code points.
protocol Detector: Sendable {
    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>]
}

/// The school's own contact data: publishing these is not a finding.
public struct SchoolIdentity: Sendable {
    var phoneDigits: String?
    var email: String?
    var domains: Set<String>
    var iban: String?
    var addressKey: String?

    init(_ school: SchoolContext.School?) {
        let folder = CharacterFolder.shared
        phoneDigits = school?.phone.flatMap { PhoneDetector.nationalDigits(String($0.filter(\.isNumber)), hadPlus: $0.contains("+")) }
        email = school?.email.map { folder.fold($0) }
        var domains: Set<String> = []
        if let email, let at = email.lastIndex(of: "@") { domains.insert(String(email[email.index(after: at)...])) }
        if let website = school?.website { domains.insert(Self.host(of: folder.fold(website))) }
        self.domains = domains
        iban = school?.iban.map { $0.uppercased().filter { $0.isLetter || $0.isNumber } }
        addressKey = school?.address.map { folder.fold($0).filter { $0.isLetter || $0.isNumber } }
    }

    static func host(of url: String) -> String {
        var host = Substring(url)
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        host = host.prefix { $0 != "/" && $0 != ":" }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return String(host)
    }

    func ownsDomain(_ domain: String) -> Bool {
        domains.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }
}

extension UInt32 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { self >= 0x61 && self <= 0x7A }
    var isWordCharacter: Bool { isASCIIDigit || Tokenizer.isLetter(self) }
    var digitValue: Int { Int(self) - 0x30 }
}

/// Runs of digit groups joined by single separators ("1234.56.789", "06 12 34 56 78", "+31 (0)6-1234").
struct DigitGroup {
    var range: Range<Int>
    var digits: [Int]
}

enum DigitRuns {
    static let separators: Set<UInt32> = [0x20, 0x2D, 0x2E, 0x2F, 0x28, 0x29]  // space - . / ( )

    /// Every maximal run of digit groups that is not glued to a letter.
    static func runs(in folded: [UInt32]) -> [[DigitGroup]] {
        var runs: [[DigitGroup]] = []
        var i = 0
        while i < folded.count {
            guard folded[i].isASCIIDigit, i == 0 || !Tokenizer.isLetter(folded[i - 1]) && !folded[i - 1].isASCIIDigit else {
                i += 1
                continue
            }
            var groups: [DigitGroup] = []
            var j = i
            while j < folded.count {
                let start = j
                var digits: [Int] = []
                while j < folded.count, folded[j].isASCIIDigit {
                    digits.append(folded[j].digitValue)
                    j += 1
                }
                groups.append(DigitGroup(range: start..<j, digits: digits))
                var k = j
                var separatorCount = 0
                while k < folded.count, separators.contains(folded[k]), separatorCount < 3 {
                    k += 1
                    separatorCount += 1
                }
                guard separatorCount > 0, k < folded.count, folded[k].isASCIIDigit else { break }
                j = k
            }
            let end = groups.last!.range.upperBound
            if end >= folded.count || !Tokenizer.isLetter(folded[end]) { runs.append(groups) }
            i = end
        }
        return runs
    }
}
