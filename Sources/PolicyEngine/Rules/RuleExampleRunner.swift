/// Runs every rule's own examples against the pack's example school: the pack tests itself, the way
/// SwiftLint runs its rules' triggering and non-triggering examples.
public struct RuleExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var location: SourceLocation
        public var expectedToFire: Bool
        public var text: String
        /// What the rule reported instead (or why it was skipped).
        public var got: String

        public var description: String {
            "\(location): rule '\(rule)' should \(expectedToFire ? "fire" : "not fire") on \"\(text)\" — \(got)"
        }
    }

    public struct Result: Sendable {
        public var passed: Int
        public var failures: [Failure]
        public var total: Int { passed + failures.count }
    }

    let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    public func run() -> Result {
        let context = engine.prepare(engine.pack.exampleContext)
        var passed = 0
        var failures: [Failure] = []
        for rule in engine.pack.rules where rule.enabled {
            for (examples, shouldFire) in [(rule.mustFire, true), (rule.mustNotFire, false)] {
                for example in examples {
                    let report = engine.evaluate(example.post, context: context, mergeRepeats: false)
                    let finding = report.findings.first { $0.rule == rule.id }
                    if (finding != nil) == shouldFire {
                        passed += 1
                        continue
                    }
                    let skipped = report.skipped?.first { $0.rule == rule.id }
                    let got =
                        finding.map { "it fired: \($0.message)" }
                        ?? skipped.map { "it was skipped: \($0.reason)" } ?? "it did not fire"
                    failures.append(
                        Failure(
                            rule: rule.id, location: example.location, expectedToFire: shouldFire,
                            text: example.post.text, got: got))
                }
            }
        }
        return Result(passed: passed, failures: failures)
    }
}
