import ArgumentParser
import Foundation
import PolicyEngine

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules of a pack, or run their examples.",
        subcommands: [List.self, Test.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, category, severity and what it matches.")

        @OptionGroup var pack: PackOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: CheckCommand.Format = .text

        func run() throws {
            let loaded: RulePack
            do { loaded = try pack.loadPack() } catch { throw failInput(error) }
            let rows = loaded.rules.map { rule in
                RuleRow(
                    id: rule.id, category: rule.category.rawValue, severity: rule.severity.rawValue,
                    matches: Self.describe(rule.matcher), enabled: rule.enabled)
            }
            if format == .json {
                Console.out(try JSONOutput.string(rows, pretty: true))
                return
            }
            let idWidth = rows.map(\.id.count).max() ?? 0
            let categoryWidth = rows.map(\.category.count).max() ?? 0
            Console.out(
                "\(loaded.name) (\(loaded.id) \(loaded.version)), \(rows.count) rules"
                    + (loaded.appliedOverrides.isEmpty ? "" : "; overrides: \(loaded.appliedOverrides.joined(separator: ", "))"))
            for row in rows {
                let state = row.enabled ? "" : "  (off)"
                Console.out(
                    "\(row.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  \(row.category.padding(toLength: categoryWidth, withPad: " ", startingAt: 0))  \(row.severity.padding(toLength: 6, withPad: " ", startingAt: 0))  \(row.matches)\(state)"
                )
            }
        }

        struct RuleRow: Encodable {
            var id, category, severity, matches: String
            var enabled: Bool
        }

        static func describe(_ matcher: RuleMatcher) -> String {
            switch matcher {
            case .terms(let list): "\(list.terms.count) terms, \(list.exceptions.count) exceptions"
            case .detector(let kind): "detector \(kind.rawValue)"
            case .check(let kind): "check \(kind.rawValue)"
            case .patterns(let list):
                "\(list.patterns.count) patterns"
                    + (list.guards.isEmpty ? "" : ", guards: \(list.guards.map(\.rawValue).sorted().joined(separator: ", "))")
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples: those that must fire and the look-alikes that must not.",
            discussion: "Exit code 0 when all pass, 1 when any fails, 2 when the pack cannot be loaded."
        )

        @OptionGroup var pack: PackOptions

        func run() throws {
            let engine: Engine
            do { engine = Engine(pack: try pack.loadPack()) } catch { throw failInput(error) }
            let result = RuleExampleRunner(engine: engine).run()
            for failure in result.failures { Console.out("FAIL \(failure)") }
            Console.out("rules: \(result.passed) passed, \(result.failures.count) failed")
            if !result.failures.isEmpty { throw ExitStatus.needsAttention.code }
        }
    }
}
