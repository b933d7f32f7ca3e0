/// The files of a rule pack, read from a folder or compiled into the binary.
public struct RulePackFiles: Sendable {
    /// Where the files came from, for error messages ("rules/konot" or "(bundled) konot").
    public var folder: String
    /// File name → contents.
    public var files: [String: String]

    public init(folder: String, files: [String: String]) {
        self.folder = folder
        self.files = files
    }

    func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
}

/// The KONOT pack as it was in rules/konot when this binary was built.
public enum BundledRulePack {
    public static let folder = "(bundled) rules/konot"

    public static var files: RulePackFiles {
        let embedded: [(String, [UInt8])] = [
            ("pack.yaml", PackageResources.pack_yaml),
            ("behaviour.yaml", PackageResources.behaviour_yaml),
            ("confidential.yaml", PackageResources.confidential_yaml),
            ("content.yaml", PackageResources.content_yaml),
            ("context.yaml", PackageResources.context_yaml),
            ("test-school.json", PackageResources.test_school_json),
        ]
        return RulePackFiles(
            folder: folder, files: Dictionary(uniqueKeysWithValues: embedded.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }))
    }
}
