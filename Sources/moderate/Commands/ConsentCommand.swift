import ArgumentParser
import Foundation
import SchoolStore

extension ConsentPurpose: ExpressibleByArgument {}
extension ConsentSource: ExpressibleByArgument {}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "The parents' yearly consent for photos and names: record, withdraw, report, roll over.",
        subcommands: [Set.self, Withdraw.self, Report.self, History.self, Rollover.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that consent was given or refused.")
        @Argument(help: "Pupil id.") var pupil: String
        @Option(help: "portalPhoto, portalName, externalPhoto or externalName.") var purpose: ConsentPurpose
        @Flag(exclusivity: .exclusive, help: "The decision.") var decision: Decision
        @Option(help: "How it reached the school: paper, app, import, email, verbal.") var source: ConsentSource = .paper
        @Option(help: "School year (default: the one in force).") var year: String?
        @Option(help: "A note, e.g. who signed.") var note: String?
        @OptionGroup var store: StoreOptions

        enum Decision: String, EnumerableFlag { case given, refused }

        func run() throws {
            let database = try store.open()
            let affected = try storeOperation {
                try database.recordConsent(
                    pupil: pupil, purpose: purpose, decision: decision == .given ? .given : .refused, source: source, schoolYear: year,
                    note: note,
                    actor: store.resolvedActor, now: Date())
            }
            Console.out("\(pupil): \(purpose.rawValue) \(decision.rawValue)")
            printAffected(affected, pupil: pupil)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parents withdraw consent: it takes effect at once; lists the published posts to take down.")
        @Argument(help: "Pupil id.") var pupil: String
        @Option(help: "portalPhoto, portalName, externalPhoto or externalName.") var purpose: ConsentPurpose
        @Option(help: "How it reached the school.") var source: ConsentSource = .paper
        @Option(help: "A note.") var note: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let affected = try storeOperation {
                try database.recordConsent(
                    pupil: pupil, purpose: purpose, decision: .withdrawn, source: source, note: note, actor: store.resolvedActor,
                    now: Date())
            }
            Console.out("\(pupil): \(purpose.rawValue) withdrawn")
            printAffected(affected, pupil: pupil)
        }
    }

    static func describe(_ decision: ConsentDecision?) -> String {
        switch decision {
        case .given: "ja"
        case .refused: "nee"
        case .withdrawn: "ingetrokken"
        case nil: "niet gevraagd"
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per group: who lacks which consent for the school year in force.")
        @Option(help: "Only this group.") var group: String?
        @Option(help: "text, csv or json.") var format: Format = .text
        @Flag(help: "List every pupil, not only those lacking consent.") var all = false
        @OptionGroup var store: StoreOptions

        enum Format: String, ExpressibleByArgument { case text, csv, json }

        func run() throws {
            let database = try store.open()
            var statuses = try storeOperation { try database.consentStatus(group: group) }
            if !all { statuses = statuses.filter { !$0.lacking.isEmpty } }
            let header = ["groep", "leerling", "naam"] + ConsentPurpose.allCases.map(\.dutch)
            let rows = statuses.map { status in
                [status.groupId ?? "", status.pupilId, [status.firstName, status.lastName].compactMap { $0 }.joined(separator: " ")]
                    + ConsentPurpose.allCases.map { ConsentCommand.describe(status.decision($0)) }
            }
            switch format {
            case .json: Console.out(try JSONOutput.string(statuses, pretty: true))
            case .csv: Console.out(([header] + rows).map { SpreadsheetSafety.csvLine($0) }.joined(separator: "\n"))
            case .text:
                let year = try storeOperation { try database.schoolYear() }
                Console.out("toestemming \(year)" + (all ? "" : ": leerlingen bij wie iets ontbreekt") + " (\(statuses.count))")
                Console.out(table(header, rows))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every consent decision for one pupil, oldest first.")
        @Argument var pupil: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let records = try storeOperation { try database.consentHistory(pupil: pupil) }
            Console.out(
                table(
                    ["when", "year", "purpose", "decision", "source", "by", "note"],
                    records.map {
                        [
                            $0.recordedAt, $0.schoolYear, $0.purpose.rawValue, $0.decision.rawValue, $0.source.rawValue, $0.recordedBy,
                            $0.note ?? "",
                        ]
                    }))
        }
    }

    struct Rollover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new school year: last year's consent stops counting. Shows whose consent must be asked again.",
            discussion: "Without --apply it only shows the list."
        )
        @Option(help: "The new school year, e.g. 2027-2028.") var to: String
        @Flag(help: "Make the change (otherwise: a preview).") var apply = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let database = try store.open()
            let previous = try storeOperation { try database.rollOver(to: to, apply: apply, actor: store.resolvedActor, now: Date()) }
            Console.out(
                (apply ? "schooljaar is nu \(to)" : "voorbeeld (nog niets veranderd; --apply voert het uit)")
                    + ": toestemming opnieuw vragen voor \(previous.count) leerlingen")
            Console.out(
                table(
                    ["groep", "leerling", "naam"] + ConsentPurpose.allCases.map { "vorig jaar \($0.dutch)" },
                    previous.map { status in
                        [
                            status.groupId ?? "", status.pupilId,
                            [status.firstName, status.lastName].compactMap { $0 }.joined(separator: " "),
                        ]
                            + ConsentPurpose.allCases.map { ConsentCommand.describe(status.decision($0)) }
                    }))
        }
    }
}

private func printAffected(_ posts: [PostReference], pupil: String) {
    guard !posts.isEmpty else { return }
    Console.out("published posts that show or name \(pupil); take them down (moderate posts remove …):")
    Console.out(table(["post", "group", "posted", "how"], posts.map { [$0.postId, $0.groupId ?? "", $0.postedAt ?? "", $0.how] }))
}
