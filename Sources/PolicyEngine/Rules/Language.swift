/// The languages reports are written in. Dutch is the school's language and always present.
public enum Language: String, Sendable, CaseIterable {
    case nl, en
}

/// A text in Dutch, optionally in English too. English falls back to Dutch.
public struct LocalizedText: Sendable, Equatable {
    public var nl: String
    public var en: String?

    public init(nl: String, en: String? = nil) {
        self.nl = nl
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .en ? (en ?? nl) : nl
    }
}
