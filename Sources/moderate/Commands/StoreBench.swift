import ArgumentParser
import Foundation
import PolicyEngine
import SchoolStore

struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time a roster import and the whole-school consent report on a fresh database file.",
        discussion: "Each run uses a new SQLite file in a temporary folder; medians are printed."
    )

    @Option(help: "Pupils in the generated roster.") var pupils: Int = 1000
    @Option(help: "Runs (the median is reported).") var runs: Int = 5

    func validate() throws {
        guard pupils >= 1, runs >= 1 else { throw ValidationError("--pupils and --runs must be at least 1") }
    }

    func run() throws {
        #if DEBUG
            Console.error("note: this is a debug build; measure with `swift run -c release moderate bench store`")
        #endif
        let csv = Data(Self.roster(pupils).utf8)
        var parse: [Double] = [], importing: [Double] = [], report: [Double] = [], context: [Double] = [], reimport: [Double] = []
        var lacking = 0
        for _ in 0..<runs {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try SchoolStore(path: folder.appendingPathComponent("bench.sqlite").path)
            try store.setUpSchool(
                SchoolContext.School(name: "Bench", timeZone: "Europe/Amsterdam"), schoolYear: "2026-2027", hours: nil, actor: "bench",
                now: Date())
            let file = time(&parse) { RosterCSV.parse(csv, source: "bench.csv") }
            _ = try time(&importing) {
                try store.importRoster(file, options: ImportOptions(createGroups: true), actor: "bench", now: Date())
            }
            _ = try time(&reimport) {
                try store.importRoster(file, options: ImportOptions(createGroups: true), actor: "bench", now: Date())
            }
            lacking = try time(&report) {
                let statuses = try store.consentStatus()
                let rows = statuses.filter { !$0.lacking.isEmpty }.map { status in
                    [status.groupId ?? "", status.pupilId, status.firstName]
                        + ConsentPurpose.allCases.map { ConsentCommand.describe(status.decision($0)) }
                }
                _ = table(["groep", "leerling", "naam"] + ConsentPurpose.allCases.map(\.dutch), rows)
                return rows.count
            }
            _ = try time(&context) { try store.context(now: Date()) }
        }
        func median(_ values: [Double]) -> String { String(format: "%.1f ms", values.sorted()[values.count / 2] * 1000) }
        Console.out(
            "roster of \(pupils) pupils (\(csv.count / 1024) KiB CSV, 4 consent columns), \(runs) runs, fresh SQLite file (WAL) each run:")
        Console.out("  parse CSV:                      \(median(parse))")
        Console.out("  import (one transaction):       \(median(importing))")
        Console.out("  import again (nothing changes): \(median(reimport))")
        Console.out("  consent report, whole school:   \(median(report))  (\(lacking) pupils lacking consent)")
        Console.out("  school context for a check:     \(median(context))")
    }

    private func time<T>(_ samples: inout [Double], _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }

    /// A student-administration export: BOM, semicolons, Dutch headers, 8 grades × 3 classes.
    static func roster(_ count: Int) -> String {
        var generator = SplitMix(seed: 1000)
        let firstNames = ["Zoë", "Daan", "Sem", "Fatima", "Liam", "Noah", "Emma", "Julia", "Mila", "Tess", "Lucas", "Finn", "Sara", "Yara"]
        let lastNames = ["Bakker", "de Vries", "Mulder", "El Amrani", "van Dijk", "Yilmaz", "de Boer", "Jansen"]
        let answers = ["ja", "ja", "ja", "nee", ""]
        var text =
            "\u{FEFF}Leerlingnummer;Roepnaam;Achternaam;Groep;Ouder ID;Ouder;E-mail ouder;Foto portaal;Naam portaal;Foto extern;Naam extern\n"
        for index in 0..<count {
            let group = "\(1 + index % 8)\(["A", "B", "C"][index / 8 % 3])"
            let consent = (0..<4).map { _ in answers[Int(generator.next() % 5)] }.joined(separator: ";")
            text +=
                "L\(index);\(firstNames[Int(generator.next() % 14)]);\(lastNames[Int(generator.next() % 8)]);\(group);O\(index);Ouder \(index);ouder\(index)@example.nl;\(consent)\n"
        }
        return text
    }
}
