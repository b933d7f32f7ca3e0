import ArgumentParser
import Foundation

@main
struct Moderate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moderate",
        abstract: "Checks posts on the school's parent portal against the KONOT communication agreements.",
        discussion: """
            Exit codes: 0 = every post may be published (allow or warn), 1 = a post needs review or is \
            blocked, 2 = bad input or usage, 3 = the school database is in use by another program (try again).
            """,
        subcommands: [
            CheckCommand.self, SubmitCommand.self, RulesCommand.self, SchoolCommand.self, StaffCommand.self, PupilsCommand.self,
            ConsentCommand.self, PostsCommand.self, ReviewCommand.self, DatabaseCommand.self, ServeCommand.self, BenchCommand.self,
            EvalCommand.self,
        ]
    )

    /// ArgumentParser exits 64 on usage errors; the check contract promises 2 for bad input or usage.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// The documented exit codes of `moderate`.
enum ExitStatus: Int32 {
    case publishable = 0
    case needsAttention = 1
    case badInput = 2
    /// Another program holds the school database longer than the busy timeout; retry.
    case databaseBusy = 3

    var code: ExitCode { ExitCode(rawValue) }
}
