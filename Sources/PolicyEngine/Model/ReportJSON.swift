/// Writes a report as compact JSON with sorted keys, as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` would, without the generic encoder's cost (a server writes one per
/// request). Tests compare the two on every golden report.
public enum ReportJSON {
    public static func bytes(_ report: Report) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + report.findings.count * 512)
        out.append(ascii: "{\"findings\":[")
        for (index, finding) in report.findings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(finding, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let id = report.id {
            out.append(ascii: ",\"id\":")
            string(id, into: &out)
        }
        if let ignored = report.ignoredFlags {
            out.append(ascii: ",\"ignoredFlags\":[")
            for (index, flag) in ignored.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(ascii: "{\"flag\":")
                string(flag.flag, into: &out)
                out.append(ascii: ",\"reason\":")
                string(flag.reason, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if let skipped = report.skipped {
            out.append(ascii: ",\"skipped\":[")
            for (index, rule) in skipped.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(ascii: "{\"reason\":")
                string(rule.reason, into: &out)
                out.append(ascii: ",\"rule\":")
                string(rule.rule, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(ascii: ",\"verdict\":")
        string(report.verdict.rawValue, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func write(_ finding: Finding, into out: inout [UInt8]) {
        out.append(ascii: "{\"agreement\":")
        string(finding.agreement, into: &out)
        out.append(ascii: ",\"category\":")
        string(finding.category.rawValue, into: &out)
        if let escalate = finding.escalate { out.append(ascii: escalate ? ",\"escalate\":true" : ",\"escalate\":false") }
        if let excerpt = finding.excerpt {
            out.append(ascii: ",\"excerpt\":")
            string(excerpt, into: &out)
        }
        if let fix = finding.fix {
            out.append(ascii: ",\"fix\":")
            string(fix, into: &out)
        }
        out.append(ascii: ",\"message\":")
        string(finding.message, into: &out)
        if let pattern = finding.pattern {
            out.append(ascii: ",\"pattern\":")
            string(pattern, into: &out)
        }
        out.append(ascii: ",\"rule\":")
        string(finding.rule, into: &out)
        out.append(ascii: ",\"severity\":")
        string(finding.severity.rawValue, into: &out)
        out.append(ascii: ",\"spans\":[")
        for (index, span) in finding.spans.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(ascii: "{\"end\":\(span.end),\"start\":\(span.start)}")
        }
        out.append(ascii: "]}")
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func string(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(ascii: "\\\"")
            case UInt8(ascii: "\\"): out.append(ascii: "\\\\")
            case 0x0A: out.append(ascii: "\\n")
            case 0x0D: out.append(ascii: "\\r")
            case 0x09: out.append(ascii: "\\t")
            case 0x08: out.append(ascii: "\\b")
            case 0x0C: out.append(ascii: "\\f")
            case 0..<0x20:
                out.append(ascii: "\\u00")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension [UInt8] {
    fileprivate mutating func append(ascii text: String) { append(contentsOf: text.utf8) }
}
