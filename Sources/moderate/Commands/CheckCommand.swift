import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check posts before they are published.",
        discussion: """
            Reads posts as JSON (the check contract in the README). Exit code 0 when every post may be \
            published (allow or warn), 1 when any post needs review or is blocked, 2 for bad input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Post files (JSON). '-' or nothing reads standard input.", valueName: "post.json"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("The school context (JSON): roster, consent, groups, hours, history.", valueName: "file"))
    var context: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Take the school context from this database instead (see `moderate school init`).", valueName: "file"))
    var db: String?

    @OptionGroup var pack: PackOptions

    @Option(name: .long, help: "Output format: text (default) or json.")
    var format: Format?

    @Flag(name: .long, help: "Read one post per line and write one JSON report per line.")
    var jsonl = false

    @Option(name: .long, help: "Language of messages: nl or en.")
    var lang: String = "nl"

    @Flag(name: .long, inversion: .prefixedNo, help: "Colour the text report (default: when writing to a terminal).")
    var color: Bool?

    @Option(name: .long, help: ArgumentHelp("The largest post (file, or line with --jsonl) in bytes.", valueName: "bytes"))
    var maxPostSize: Int = PostInput.defaultLimit

    func validate() throws {
        if context != nil && db != nil { throw ValidationError("use --context or --db, not both") }
        guard Language(rawValue: lang) != nil else {
            throw ValidationError("--lang must be nl or en, not '\(lang)'")
        }
        guard maxPostSize > 0 else { throw ValidationError("--max-post-size must be a positive number of bytes") }
        if jsonl && format == .text {
            throw ValidationError("--jsonl always writes JSON lines; leave out --format text")
        }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .nl
        let engine: Engine
        let prepared: PreparedContext
        do {
            engine = Engine(pack: try pack.loadPack())
            if let db {
                prepared = engine.prepare(try SchoolStore(path: db, create: false).context(now: Date()))
            } else {
                prepared = engine.prepare(try context.map(ContextLoader.load) ?? .empty)
            }
        } catch {
            throw failInput(error)
        }
        let paths = files.isEmpty ? ["-"] : files
        if paths == ["-"] && isatty(STDIN_FILENO) == 1 {
            Console.error("moderate check: no post given; name a post file or pipe one in (see moderate check --help)")
            throw ExitStatus.badInput.code
        }
        let outcome =
            jsonl
            ? try checkLines(paths, engine, prepared, language)
            : try checkDocuments(paths, engine, prepared, language)
        if outcome.badInput { throw ExitStatus.badInput.code }
        if outcome.needsAttention { throw ExitStatus.needsAttention.code }
    }

    private struct Outcome {
        var needsAttention = false
        var badInput = false
    }

    private func checkDocuments(_ paths: [String], _ engine: Engine, _ context: PreparedContext, _ language: Language) throws -> Outcome {
        let items: [PostInput.Item]
        do {
            items = try PostInput.documents(paths, limit: maxPostSize)
        } catch {
            throw failInput(error)
        }
        let reports = items.map { engine.evaluate($0.post, context: context, language: language) }
        switch format ?? .text {
        case .json:
            Console.out(items.count == 1 ? try JSONOutput.string(reports[0], pretty: true) : try JSONOutput.string(reports, pretty: true))
        case .text:
            let formatter = TextReportFormatter(
                language: language, color: color ?? (isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
            Console.out(zip(items, reports).map { formatter.format($0.1, post: $0.0.post, source: $0.0.source) }.joined(separator: "\n"))
        }
        return Outcome(needsAttention: reports.contains { $0.verdict.stopsPublication })
    }

    private func checkLines(_ paths: [String], _ engine: Engine, _ context: PreparedContext, _ language: Language) throws -> Outcome {
        var outcome = Outcome()
        do {
            try PostInput.lines(paths, limit: maxPostSize) { result in
                switch result {
                case .success(let item):
                    let report = engine.evaluate(item.post, context: context, language: language)
                    outcome.needsAttention = outcome.needsAttention || report.verdict.stopsPublication
                    Console.out((try? JSONOutput.string(report, pretty: false)) ?? "{}")
                case .failure(let error):
                    outcome.badInput = true
                    Console.error(error.description)
                }
            }
        } catch {
            throw failInput(error)
        }
        return outcome
    }
}

enum JSONOutput {
    static func string<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
