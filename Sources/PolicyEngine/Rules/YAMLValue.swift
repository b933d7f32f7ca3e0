import Yams

/// A YAML node that remembers which file it came from, so every error can say file and line.
struct YAMLValue {
    let node: Node
    let file: String

    var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line) }

    static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RulePackError(SourceLocation(file: file, line: 1), "the file is empty")
            }
            return YAMLValue(node: node, file: file)
        } catch let error as YamlError {
            throw RulePackError(SourceLocation(file: file, line: Self.line(of: error)), "not valid YAML: \(Self.problem(of: error))")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            (context.map { "\($0.text) " } ?? "") + problem
        default: String(describing: error)
        }
    }

    func fail(_ message: String) -> RulePackError { RulePackError(location, message) }

    /// The pairs of a mapping in file order; rejects keys not in `allowed` (catches typos like "severty").
    func mapping(_ what: String, allowed: Set<String>? = nil) throws -> [(key: String, value: YAMLValue)] {
        guard let mapping = node.mapping else { throw fail("\(what) must be a mapping of fields") }
        return try mapping.map { pair in
            guard let key = pair.key.string else { throw fail("\(what) has a key that is not text") }
            if let allowed, !allowed.contains(key) {
                throw RulePackError(
                    YAMLValue(node: pair.key, file: file).location,
                    "unknown field '\(key)' in \(what); allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            return (key, YAMLValue(node: pair.value, file: file))
        }
    }

    func string(_ what: String) throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { throw fail("\(what) must be a non-empty text") }
        return scalar.string
    }

    func bool(_ what: String) throws -> Bool {
        guard let value = node.bool else { throw fail("\(what) must be true or false") }
        return value
    }

    func int(_ what: String) throws -> Int {
        guard let value = node.int else { throw fail("\(what) must be a whole number") }
        return value
    }

    func strings(_ what: String) throws -> [String] {
        guard let sequence = node.sequence else { throw fail("\(what) must be a list") }
        return try sequence.map { try YAMLValue(node: $0, file: file).string("each entry of \(what)") }
    }

    func list(_ what: String) throws -> [YAMLValue] {
        guard let sequence = node.sequence else { throw fail("\(what) must be a list") }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }

    func oneOf<T: RawRepresentable>(_ type: T.Type, _ what: String) throws -> T where T.RawValue == String, T: CaseIterable {
        let raw = try string(what)
        guard let value = T(rawValue: raw) else {
            throw fail("\(what) '\(raw)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func localized(_ what: String) throws -> LocalizedText {
        if case .scalar = node { return LocalizedText(nl: try string(what)) }
        var nl: String?, en: String?
        for (key, value) in try mapping(what, allowed: ["nl", "en"]) {
            if key == "nl" { nl = try value.string("\(what).nl") } else { en = try value.string("\(what).en") }
        }
        guard let nl else { throw fail("\(what) needs a Dutch text under 'nl'") }
        return LocalizedText(nl: nl, en: en)
    }

    func decode<T: Decodable>(_ type: T.Type, _ what: String) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: node)
        } catch {
            throw fail("\(what): \(DecodingErrorText.describe(error))")
        }
    }
}
