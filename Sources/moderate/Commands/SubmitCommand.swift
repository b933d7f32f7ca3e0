import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract:
            "Check a post against the school in the database and record it: allow/warn is published, review waits for the directie, block is rejected.",
        discussion: "Exit codes as for check: 0 published, 1 review or rejected, 2 bad input."
    )

    @Argument(help: ArgumentHelp("The post (JSON); '-' reads standard input.", valueName: "post.json")) var file: String = "-"
    @OptionGroup var pack: PackOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "Language of messages: nl or en.") var lang: String = "nl"
    @Option(help: "Output format: text or json.") var format: CheckCommand.Format = .text

    func run() throws {
        let language = Language(rawValue: lang) ?? .nl
        let engine: Engine
        let post: Post
        do {
            engine = Engine(pack: try pack.loadPack())
            post = try PostInput.documents([file])[0].post
        } catch {
            throw failInput(error)
        }
        let database = try store.open()
        let now = Date()
        let submitted = try storeOperation {
            let context = engine.prepare(try database.context(now: now))
            let report = engine.evaluate(post, context: context, language: language)
            let mentioned = engine.pupilsMentioned(in: post, context: context)
            return try database.submit(post, report: report, named: mentioned.named, shown: mentioned.shown, now: now)
        }
        switch format {
        case .json: Console.out(try JSONOutput.string(submitted, pretty: true))
        case .text:
            let formatter = TextReportFormatter(
                language: language, color: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            Console.out("post \(submitted.id): \(submitted.status.rawValue)")
            Console.out(formatter.format(submitted.report, post: post, source: file == "-" ? "<stdin>" : file))
        }
        if submitted.report.verdict.stopsPublication { throw ExitStatus.needsAttention.code }
    }
}
