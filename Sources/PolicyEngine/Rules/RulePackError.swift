/// A mistake in a rule pack or override file, said so its author can find and fix it.
public struct RulePackError: Error, CustomStringConvertible, Sendable {
    public var location: SourceLocation
    public var rule: String?
    public var message: String

    public init(_ location: SourceLocation, rule: String? = nil, _ message: String) {
        self.location = location
        self.rule = rule
        self.message = message
    }

    public var description: String {
        "\(location): error: " + (rule.map { "rule '\($0)': " } ?? "") + message
    }
}
