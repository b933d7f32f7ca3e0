import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

/// Which rule pack to use: the bundled KONOT pack unless told otherwise, plus a school's overrides.
struct PackOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A rule pack folder (holding pack.yaml). Default: $MODERATE_RULES, else the bundled KONOT pack.", valueName: "dir"))
    var rules: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A school's override file (YAML); may be given more than once, applied in order.", valueName: "file"))
    var overrides: [String] = []

    func loadPack() throws -> RulePack {
        var pack: RulePack
        if let folder = rules ?? ProcessInfo.processInfo.environment["MODERATE_RULES"] {
            pack = try RulePackLoader.load(directory: folder)
        } else {
            pack = try RulePackLoader.bundled()
        }
        for file in overrides { pack = try Overrides.apply(file: file, to: pack) }
        return pack
    }
}

/// Prints an error the way compilers do and leaves with exit code 2, or 3 when another program
/// holds the database (nothing is wrong with the input: try again).
func failInput(_ error: any Error) -> ExitCode {
    if StoreError.isBusy(error) {
        Console.error(
            "moderate: another program is using the school database (an import, a backup or the server); nothing was changed. Try again in a moment."
        )
        return ExitStatus.databaseBusy.code
    }
    Console.error(String(describing: error))
    return ExitStatus.badInput.code
}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
