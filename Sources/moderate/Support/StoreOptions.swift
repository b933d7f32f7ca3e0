import ArgumentParser
import Foundation
import SchoolStore

/// Which database to use and who is acting (for the audit log).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database. Default: $MODERATE_DB, else ./moderate.sqlite.", valueName: "file"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is acting, for the audit log. Default: $MODERATE_ACTOR, else $USER.", valueName: "name"))
    var actor: String?

    var resolvedActor: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["MODERATE_ACTOR"] ?? environment["USER"] ?? "cli"
    }

    func open(create: Bool = false) throws -> SchoolStore {
        do {
            return try SchoolStore(path: SchoolStore.resolvePath(db), create: create)
        } catch {
            throw failInput(error)
        }
    }
}

/// Runs a store operation; a store error is printed and exits 2.
func storeOperation<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        throw failInput(error)
    }
}

/// A plain text table with aligned columns.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}
