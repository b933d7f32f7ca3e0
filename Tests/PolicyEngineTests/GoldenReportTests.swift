import Foundation
import Testing

@testable import PolicyEngine

/// The example posts of the README, checked against reports reviewed by hand (examples/expected).
/// After a deliberate change, regenerate them with:
///   for f in examples/posts/*.json; do swift run moderate check --format json --context examples/school.json "$f" > examples/expected/$(basename "$f"); done
@Suite("Golden reports for the example posts")
struct GoldenReportTests {
    static let names =
        (try? FileManager.default.contentsOfDirectory(atPath: repositoryPath("examples/posts")))?.filter { $0.hasSuffix(".json") }.sorted()
        ?? []

    @Test("there are example posts to check")
    func present() {
        #expect(Self.names.count >= 8)
    }

    @Test("each example post gives its reviewed report", arguments: names)
    func golden(name: String) throws {
        let context = try ContextLoader.load(path: repositoryPath("examples/school.json"))
        let post = try ContractDecoder.post(
            from: try Data(contentsOf: URL(fileURLWithPath: repositoryPath("examples/posts/\(name)"))), source: name)
        let expected = try JSONDecoder().decode(
            Report.self, from: try Data(contentsOf: URL(fileURLWithPath: repositoryPath("examples/expected/\(name)"))))
        let actual = Fixtures.engine.evaluate(post, context: context)
        #expect(actual == expected)
    }
}
