/// E-mail addresses, except those at the school's own domain (a teacher's work address is fine) and
/// role addresses of an organisation (`info@`, `administratie@`, …), which are nobody's private data.
struct EmailDetector: Detector {
    static let roleAddresses: Set<String> = [
        "info", "administratie", "admin", "secretariaat", "directie", "contact", "ouderraad", "mr", "or", "receptie", "balie",
        "servicedesk", "klantenservice", "service", "support", "helpdesk", "noreply", "no-reply", "post", "office", "kantoor",
    ]

    private static func isLocal(_ value: UInt32) -> Bool {
        value.isASCIILetter || value.isASCIIDigit || [0x2E, 0x5F, 0x25, 0x2B, 0x2D].contains(value)
    }

    private static func isDomain(_ value: UInt32) -> Bool {
        value.isASCIILetter || value.isASCIIDigit || value == 0x2E || value == 0x2D
    }

    func detect(in text: AnalyzedText, school: SchoolIdentity) -> [Range<Int>] {
        let folded = text.folded
        var found: [Range<Int>] = []
        for at in folded.indices where folded[at] == 0x40 {
            var start = at
            while start > 0, Self.isLocal(folded[start - 1]) { start -= 1 }
            var end = at + 1
            while end < folded.count, Self.isDomain(folded[end]) { end += 1 }
            while end > at + 1, folded[end - 1] == 0x2E || folded[end - 1] == 0x2D { end -= 1 }
            guard start < at, end > at + 1 else { continue }
            let domain = String(decoding: folded[(at + 1)..<end].map { UInt8($0) }, as: UTF8.self)
            let labels = domain.split(separator: ".")
            guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
            let address = String(decoding: folded[start..<end].map { UInt8($0) }, as: UTF8.self)
            guard address != school.email, !school.ownsDomain(domain) else { continue }
            let local = String(decoding: folded[start..<at].map { UInt8($0) }, as: UTF8.self)
            if Self.roleAddresses.contains(local) { continue }
            found.append(start..<end)
        }
        return found
    }
}
