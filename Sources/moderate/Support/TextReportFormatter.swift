import Foundation
import PolicyEngine

/// Writes a report the way a compiler writes diagnostics: where, how serious, what and why, the
/// author's own line with the problem underlined, and how to fix it.
struct TextReportFormatter {
    let language: Language
    let color: Bool

    private var labels: (agreement: String, fix: String, notChecked: String, verdict: String) {
        language == .nl
            ? ("afspraak", "zo los je het op", "niet gecontroleerd", "oordeel")
            : ("agreement", "how to fix", "not checked", "verdict")
    }

    func format(_ report: Report, post: Post, source: String) -> String {
        var lines: [String] = []
        let count = report.findings.count
        let summary =
            language == .nl
            ? (count == 1 ? "1 bevinding" : "\(count) bevindingen")
            : (count == 1 ? "1 finding" : "\(count) findings")
        lines.append("\(bold(source)): \(labels.verdict) \(paint(report.verdict)) (\(summary))")
        let text = Array(post.text.unicodeScalars)
        for finding in report.findings {
            let position = finding.spans.first.map { Self.lineAndColumn(of: $0.start, in: text) }
            let place = position.map { "\(source):\($0.line):\($0.column)" } ?? source
            lines.append("\(bold(place)): \(paint(finding.severity)): \(finding.message) [\(finding.rule)]")
            lines += excerpt(finding.spans, in: text)
            lines.append("    \(labels.agreement): \(finding.agreement)")
            if let fix = finding.fix { lines.append("    \(labels.fix): \(fix)") }
        }
        for skipped in report.skipped ?? [] {
            lines.append("    \(labels.notChecked): \(skipped.rule) — \(skipped.reason)")
        }
        return lines.joined(separator: "\n")
    }

    /// Each line of the post that holds a span, with `^~~~` under every span on it.
    private func excerpt(_ spans: [Span], in text: [Unicode.Scalar]) -> [String] {
        var lines: [String] = []
        var shownLines: Set<Int> = []
        for span in spans where span.start < text.count {
            var lineStart = span.start
            while lineStart > 0, text[lineStart - 1] != "\n" { lineStart -= 1 }
            guard shownLines.insert(lineStart).inserted else { continue }
            var lineEnd = span.start
            while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text[lineStart..<lineEnd].map { $0 == "\t" ? " " : $0 })
            var marker = [Character](repeating: " ", count: lineEnd - lineStart)
            for other in spans where other.start >= lineStart && other.start < lineEnd {
                let end = min(other.end, lineEnd)
                for index in other.start..<max(end, other.start + 1) { marker[index - lineStart] = index == other.start ? "^" : "~" }
            }
            let underline = String(marker).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            lines += ["    " + String(view), "    " + (color ? "\u{1B}[32m\(underline)\u{1B}[0m" : underline)]
        }
        return lines
    }

    static func lineAndColumn(of offset: Int, in text: [Unicode.Scalar]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for scalar in text[..<min(offset, text.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    private func paint(_ severity: Severity) -> String {
        guard color else { return severity.rawValue }
        let code =
            switch severity {
            case .allow: "32"
            case .warn: "33"
            case .review: "35"
            case .block: "31"
            }
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
