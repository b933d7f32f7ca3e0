import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

struct PupilsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pupils",
        abstract: "The roster: import an export of the student administration, list, export or erase a pupil.",
        subcommands: [Import.self, List.self, Export.self, Erase.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a roster with consent (CSV: ; or , separated, UTF-8 with or without BOM, Dutch headers).",
            discussion: """
                Columns (headers in any order, case and spacing free): leerlingnummer, roepnaam, tussenvoegsel, achternaam, \
                groep, ouder_id, ouder, email_ouder, foto_portaal, naam_portaal, foto_extern, naam_extern (ja/nee; empty: \
                not asked). Consent is recorded for the school year in force. Any bad row refuses the whole file, and \
                every bad row is listed, unless --skip-bad-rows imports the good ones.
                """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "roster.csv")) var file: String
        @Flag(help: "Import the good rows and list the bad ones instead of refusing the file.") var skipBadRows = false
        @Flag(help: "Create class groups the file names that do not exist yet.") var createGroups = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw failInput(InputError(source: file, message: "cannot read the file (does it exist?)"))
            }
            let database = try store.open()
            let parsed = RosterCSV.parse(data, source: file)
            let summary: ImportSummary
            do {
                summary = try database.importRoster(
                    parsed, options: ImportOptions(skipBadRows: skipBadRows, createGroups: createGroups), actor: store.resolvedActor,
                    now: Date())
            } catch let error as StoreError {
                if case .importRejected(let problems) = error {
                    for problem in problems {
                        Console.error("\(file):\(problem.line): error: \(problem.field.map { "field '\($0)': " } ?? "")\(problem.reason)")
                    }
                    Console.error(
                        "\(file): the import was refused; nothing was changed (\(problems.count) problem\(problems.count == 1 ? "" : "s")). Fix the rows, or use --skip-bad-rows."
                    )
                    throw ExitStatus.badInput.code
                }
                throw failInput(error)
            }
            for problem in summary.skipped {
                Console.error("\(file):\(problem.line): skipped: \(problem.field.map { "field '\($0)': " } ?? "")\(problem.reason)")
            }
            Console.out(
                "\(summary.pupilsAdded) pupils added, \(summary.pupilsUpdated) updated, \(summary.parentsLinked) parent links, \(summary.consentRecorded) consent decisions recorded"
                    + (summary.groupsCreated.isEmpty ? "" : ", groups created: \(summary.groupsCreated.joined(separator: ", "))")
                    + (summary.skipped.isEmpty ? "" : "; \(summary.skipped.count) rows skipped"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pupils.")
        @Option(help: "Only this group.") var group: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let pupils = try storeOperation { try database.pupils(group: group) }
            Console.out(
                table(
                    ["id", "first name", "last name", "group"], pupils.map { [$0.id, $0.firstName, $0.lastName ?? "", $0.groupId ?? ""] }))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything stored about one pupil, as JSON (for a parent's request).")
        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let export = try storeOperation { try database.exportPupil(id, actor: store.resolvedActor, now: Date()) }
            Console.out(try JSONOutput.string(export, pretty: true))
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a pupil who left: pupil, consent history, links to posts, and parents without other children.")
        @Argument var id: String
        @Flag(help: "Confirm the erasure (it cannot be undone).") var confirm = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard confirm else { throw ValidationError("erasing cannot be undone; add --confirm") }
        }

        func run() throws {
            let database = try store.open()
            try storeOperation { try database.erasePupil(id, actor: store.resolvedActor, now: Date()) }
            Console.out("pupil \(id) erased")
        }
    }
}
