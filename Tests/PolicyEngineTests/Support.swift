import Foundation

@testable import PolicyEngine

/// The repository root, found from this file's path, so tests read the real rules/ and examples/.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent(relative).path
}

/// The bundled pack and its example school, loaded once for all tests.
enum Fixtures {
    static let pack: RulePack = try! RulePackLoader.bundled()
    static let engine = Engine(pack: pack)
    static let school = engine.prepare(pack.exampleContext)

    /// A Tuesday-afternoon post by the teacher of groep 5B (within working hours, after lessons).
    static func post(
        _ text: String, kind: Post.Kind = .post, channel: Post.Channel = .portal, group: String = "groep-5b",
        author: Post.Author = .init(id: "t-devries", role: .teacher), postedAt: String = "2026-11-24T15:10:00+01:00",
        images: [Post.Image] = [], flags: [String] = []
    ) -> Post {
        Post(
            id: "test", kind: kind, channel: channel, group: group, author: author, postedAt: postedAt, text: text,
            images: images, flags: flags)
    }

    static func report(_ text: String) -> Report {
        engine.evaluate(post(text), context: school)
    }

    static func rules(firing on: String) -> Set<String> {
        Set(report(on).findings.map(\.rule))
    }
}

/// Writes files into a fresh temporary folder (for broken rule packs and override files).
func temporaryFolder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder.path
}
