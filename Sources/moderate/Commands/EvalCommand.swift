import ArgumentParser
import Foundation
import PolicyEngine

/// Measures detection on a labelled corpus: per category recall and precision, the clean-pass rate,
/// and the misses. With `--baseline` it fails when a figure drops below the committed one.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the rules on a labelled corpus (JSON Lines): recall and precision per category, clean-pass rate.",
        discussion: """
            Each line: {"id", "kind", "role", "group", "text", "expect": [categories], "note"}; "expect": [] is a
            clean post that must pass. Posts are checked against the demo school (examples/school.json, or
            --context) on a Tuesday afternoon; the author is a teacher of the group, the directie, or a parent
            with a child in the group. Only the categories a text shows are scored; context categories
            (audience, hours, frequency, teacher-reply, image-consent) are left out. An individual-child
            finding on a post labelled confidential, negative-about-pupil, individual-achievement or
            name-consent is not counted as false: such a post is about one child too.
            Exit codes: 0 = measured (and at or above the baseline), 1 = below the baseline, 2 = bad input.
            """)

    @Argument(help: ArgumentHelp("Corpus files (JSON Lines).", valueName: "corpus.jsonl"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The school context.", valueName: "file"))
    var context: String = "examples/school.json"

    @OptionGroup var pack: PackOptions

    @Option(name: .long, help: ArgumentHelp("Fail when a figure is below this baseline (JSON).", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Write the figures of this run as the new baseline.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .long, help: "List every miss and false flag.")
    var misses = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: CheckCommand.Format = .text

    /// Categories a post's text shows; the others depend on the school context, not on the words.
    static let scored: [PolicyEngine.Category] = PolicyEngine.Category.allCases.filter {
        ![.audience, .teacherReply, .workingHours, .frequency, .imageConsent].contains($0)
    }

    static let aboutOnePupil: Set<PolicyEngine.Category> = [.confidential, .negativeAboutPupil, .individualAchievement, .nameConsent]

    struct Case: Decodable {
        var id: String
        var kind: Post.Kind?
        var role: Post.Role?
        var group: String?
        var text: String
        var expect: [String]
        var note: String?
    }

    struct Figures: Codable, Equatable {
        struct PerCategory: Codable, Equatable {
            var positives: Int
            var found: Int
            var falseFlags: Int
            var recall: Double
            var precision: Double
        }
        var cases: Int
        var clean: Int
        var cleanPass: Double
        var categories: [String: PerCategory]
        /// Words in the clean posts, and the spelling false flags per 2,000 of them (all cases count).
        var cleanWords: Int?
        var spellingFalseFlagsPer2000Words: Double?
    }

    func run() throws {
        let engine: Engine
        let school: PreparedContext
        var cases: [(source: String, item: Case)] = []
        do {
            engine = Engine(pack: try pack.loadPack())
            let loaded = try ContextLoader.load(path: context)
            school = engine.prepare(loaded)
            for file in files { cases += try Self.read(file) }
        } catch {
            throw failInput(error)
        }
        let context = school.context
        var positives: [PolicyEngine.Category: Int] = [:], found: [PolicyEngine.Category: Int] = [:]
        var falseFlags: [PolicyEngine.Category: Int] = [:]
        var clean = 0, cleanPassed = 0, cleanWords = 0
        var report: [String] = []
        for (source, item) in cases {
            let expected = Set(item.expect.compactMap(PolicyEngine.Category.init(rawValue:)))
            let result = engine.evaluate(Self.post(item, context: context), context: school)
            let flagged = Set(result.findings.map(\.category)).intersection(Self.scored)
            for category in expected {
                positives[category, default: 0] += 1
                if flagged.contains(category) {
                    found[category, default: 0] += 1
                } else if misses {
                    report.append("miss  \(category.rawValue)  \(source) \(item.id): \(item.text)")
                }
            }
            // A post labelled with another finding about one pupil (confidential, negative, an
            // achievement, a name) is also about an individual child: that finding is not false.
            let tolerated: Set<PolicyEngine.Category> =
                expected.isDisjoint(with: Self.aboutOnePupil) ? [] : [.individualChild]
            for category in flagged.subtracting(expected).subtracting(tolerated) {
                falseFlags[category, default: 0] += 1
                if misses {
                    let rules = result.findings.filter { $0.category == category }.map { $0.pattern ?? $0.rule }.joined(separator: ", ")
                    report.append("false \(category.rawValue)  \(source) \(item.id) [\(rules)]: \(item.text)")
                }
            }
            if expected.isEmpty {
                clean += 1
                cleanWords += item.text.split(whereSeparator: \.isWhitespace).count
                if flagged.isEmpty { cleanPassed += 1 }
            }
        }
        var perCategory: [String: Figures.PerCategory] = [:]
        for category in Self.scored where positives[category, default: 0] > 0 || falseFlags[category, default: 0] > 0 {
            let tp = found[category, default: 0], fp = falseFlags[category, default: 0], all = positives[category, default: 0]
            perCategory[category.rawValue] = Figures.PerCategory(
                positives: all, found: tp, falseFlags: fp, recall: Self.ratio(tp, all), precision: Self.ratio(tp, tp + fp))
        }
        let spellingFlags = perCategory["spelling"]?.falseFlags ?? 0
        let figures = Figures(
            cases: cases.count, clean: clean, cleanPass: Self.ratio(cleanPassed, clean), categories: perCategory,
            cleanWords: cleanWords,
            spellingFalseFlagsPer2000Words: cleanWords == 0 ? 0 : (Double(spellingFlags) / Double(cleanWords) * 2000 * 100).rounded() / 100)
        if format == .json {
            Console.out(try JSONOutput.string(figures, pretty: true))
        } else {
            Console.out(Self.table(figures))
            if misses { Console.out(report.sorted().joined(separator: "\n")) }
        }
        if let writeBaseline {
            try Data((try JSONOutput.string(figures, pretty: true) + "\n").utf8).write(to: URL(fileURLWithPath: writeBaseline))
        }
        if let baseline {
            let floor: Figures
            do {
                floor = try JSONDecoder().decode(Figures.self, from: try Data(contentsOf: URL(fileURLWithPath: baseline)))
            } catch {
                throw failInput(InputError(source: baseline, message: "not a baseline written by --write-baseline (\(error))"))
            }
            let drops = Self.drops(figures, below: floor)
            if !drops.isEmpty {
                Console.error("below the baseline \(baseline):\n" + drops.joined(separator: "\n"))
                throw ExitStatus.needsAttention.code
            }
        }
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : (Double(part) / Double(whole) * 10_000).rounded() / 10_000 }

    /// Every figure of `figures` that is lower than the same figure of the baseline.
    static func drops(_ figures: Figures, below floor: Figures) -> [String] {
        var drops: [String] = []
        if figures.cleanPass < floor.cleanPass { drops.append("clean pass \(figures.cleanPass) < \(floor.cleanPass)") }
        for (category, base) in floor.categories.sorted(by: { $0.key < $1.key }) {
            let now = figures.categories[category]
            if (now?.recall ?? 0) < base.recall { drops.append("\(category) recall \(now?.recall ?? 0) < \(base.recall)") }
            if (now?.precision ?? 0) < base.precision { drops.append("\(category) precision \(now?.precision ?? 0) < \(base.precision)") }
        }
        return drops
    }

    static func table(_ figures: Figures) -> String {
        var lines = ["category                 cases  found  false  recall  precision"]
        for (category, row) in figures.categories.sorted(by: { $0.key < $1.key }) {
            lines.append(
                category.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: " %5d  %5d  %5d  %6.3f  %9.3f", row.positives, row.found, row.falseFlags, row.recall, row.precision))
        }
        lines.append(
            String(format: "clean pass: %.3f of %d clean posts (%d cases in all)", figures.cleanPass, figures.clean, figures.cases))
        if let per = figures.spellingFalseFlagsPer2000Words {
            lines.append(
                String(format: "spelling: %.2f false flags per 2,000 words of clean posts (%d words)", per, figures.cleanWords ?? 0))
        }
        return lines.joined(separator: "\n")
    }

    static func read(_ path: String) throws -> [(source: String, item: Case)] {
        var result: [(String, Case)] = []
        var failure: InputError?
        try PostInput.open(path).close()
        let data = try PostInput.readData(path, limit: 64 << 20)
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { $0 != 0x20 && $0 != 0x0D }) {
            do {
                let item = try ContractDecoder.decode(Case.self, from: Data(line), source: path, line: index + 1)
                if let bad = item.expect.first(where: { PolicyEngine.Category(rawValue: $0) == nil }) {
                    throw InputError(source: "\(path):\(index + 1)", message: "field 'expect': '\(bad)' is not a category", field: "expect")
                }
                result.append(("\(path):\(index + 1)", item))
            } catch let error as InputError {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// The case as a post of the demo school: a teacher of its group, the directie, or a parent with a
    /// child in the group (a council member in the council), on a Tuesday afternoon.
    static func post(_ item: Case, context: SchoolContext) -> Post {
        let groups = context.groups ?? []
        let group = item.group.flatMap { id in groups.first { $0.id == id } }
        let role = item.role ?? .teacher
        var author: String
        switch role {
        case .teacher: author = group?.teachers?.first ?? groups.first { $0.kind == .class }?.teachers?.first ?? "t-devries"
        case .directie: author = context.staff?.first { $0.role == .directie }?.id ?? "d-bos"
        case .admin: author = context.staff?.first { $0.role == .admin }?.id ?? "a-smit"
        case .parent:
            if group?.kind == .council, let member = group?.members?.first(where: { $0.hasPrefix("o-") }) {
                author = member
            } else {
                let pupils = Set((context.pupils ?? []).filter { $0.group == group?.id }.map(\.id))
                author = context.parents?.first { !pupils.isDisjoint(with: $0.children ?? []) }?.id ?? context.parents?.first?.id ?? "o-001"
            }
        }
        return Post(
            id: item.id, kind: item.kind ?? .post, group: item.group, author: Post.Author(id: author, role: role),
            postedAt: "2026-11-24T15:10:00+01:00", text: item.text)
    }
}
