import Foundation
import Testing

@testable import PolicyEngine

@Suite("The KONOT rule pack")
struct RulePackTests {
    @Test("every rule's examples fire, and every look-alike does not")
    func ruleExamples() {
        let result = RuleExampleRunner(engine: Fixtures.engine).run()
        #expect(result.failures.isEmpty, "\(result.failures.map(\.description).joined(separator: "\n"))")
        #expect(result.total >= 150)
    }

    @Test("the pack on disk loads and passes its examples too")
    func packFromDisk() throws {
        let pack = try RulePackLoader.load(directory: repositoryPath("rules/konot"))
        let result = RuleExampleRunner(engine: Engine(pack: pack)).run()
        #expect(result.failures.isEmpty, "\(result.failures.map(\.description).joined(separator: "\n"))")
    }

    @Test("the pack compiled into the binary is the pack in rules/konot, file for file")
    func bundledMatchesDisk() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: repositoryPath("rules/konot")).sorted()
        let bundled = BundledRulePack.files.files
        #expect(Set(onDisk) == Set(bundled.keys), "add new rule files to Sources/PolicyEngine/BundledRules and Package.swift")
        for name in onDisk {
            let text = try String(contentsOfFile: repositoryPath("rules/konot/\(name)"), encoding: .utf8)
            #expect(bundled[name] == text, "bundled copy of \(name) differs")
        }
    }

    @Test("every category of DESIGN.md has at least one rule")
    func categoriesCovered() {
        let covered = Set(Fixtures.pack.rules.map(\.category))
        #expect(covered == Set(Category.allCases))
    }

    @Test("rule ids are unique and namespaced")
    func ids() {
        let ids = Fixtures.pack.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("konot.") })
    }

    @Test("threats are escalated")
    func threatsEscalate() {
        let finding = Fixtures.report("Ik weet waar je woont.").findings.first { $0.category == .threat }
        #expect(finding?.escalate == true)
        #expect(finding?.severity == .block)
    }

    @Test("messages come in English when asked")
    func english() {
        let report = Fixtures.engine.evaluate(Fixtures.post("Wat een k4nker dag"), context: Fixtures.school, language: .en)
        #expect(report.findings.first?.message == "The post contains swearing.")
        #expect(report.findings.first?.agreement == "Swearing is never allowed; we write with common decency.")
    }
}
