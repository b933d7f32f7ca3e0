import Foundation
import Testing

@testable import SchoolStore

@Suite("Roster and consent import")
struct RosterImportTests {
    @Test("the demo roster imports: pupils, parents and consent for the year in force")
    func demoRoster() throws {
        for store in try stores() {
            try seed(store)
            let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/roster.csv"))
            let summary = try store.importRoster(RosterCSV.parse(data, source: "roster.csv"), actor: "admin", now: now)
            #expect(summary.pupilsAdded == 40)
            #expect(summary.parentsLinked == 40)
            #expect(summary.skipped.isEmpty)
            let daan = try store.consentStatus().first { $0.pupilId == "p-002" }
            #expect(daan?.lastName == "van der Linden")
            #expect(daan?.decision(.portalPhoto) == .given)
            #expect(daan?.decision(.externalName) == .refused)
            // Re-importing the same file records nothing new: history is not padded with repeats.
            let again = try store.importRoster(RosterCSV.parse(data, source: "roster.csv"), actor: "admin", now: now)
            #expect(again.pupilsAdded == 0 && again.pupilsUpdated == 0 && again.consentRecorded == 0)
        }
    }

    @Test("comma or semicolon, BOM or not, headers in any spelling")
    func dialects() throws {
        let comma = csv(
            ["leerling_id,voornaam,achternaam,klas,toestemming foto portaal", "L1,Noor,Smit,Groep 5B,JA", "L2,Bas,\"de Wit, jr\",5b,"],
            bom: true)
        let file = RosterCSV.parse(comma, source: "x.csv")
        #expect(file.problems.isEmpty)
        #expect(file.rows.map(\.lastName) == ["Smit", "de Wit, jr"])
        #expect(file.rows[0].consent == [.portalPhoto: true])
        #expect(file.rows[1].consent.isEmpty)
        let store = try SchoolStore()
        try seed(store)
        let summary = try store.importRoster(file, actor: "admin", now: now)
        #expect(summary.pupilsAdded == 2)
        #expect(try store.pupils(group: "groep-5b").count == 2)
    }

    @Test("every bad row is reported with line, field and reason, and nothing is imported")
    func badRows() throws {
        let data = csv([
            header,
            "L1;Noor;;Smit;5B;;;;ja;ja;nee;nee",
            "L2;;;Smit;5B;;;;ja;;;",
            "L3;Bas;;Wit;5B;;;;misschien;;;",
            "L1;Noor;;Smit;5B;;;;;;;",
            "L4;Eva;;Bos;9Z;;;;;;;",
            "L5;Mo;;Kaya;5B;O5;Ouder;geen-mail;;;;",
        ])
        let store = try SchoolStore()
        try seed(store)
        #expect {
            try store.importRoster(RosterCSV.parse(data, source: "x.csv"), actor: "admin", now: now)
        } throws: { error in
            guard case StoreError.importRejected(let problems) = error else { return false }
            return problems.map(\.description) == [
                "line 3, field 'roepnaam': empty",
                "line 4, field 'fotoportaal': 'misschien' is not ja or nee",
                "line 5, field 'leerlingnummer': 'L1' already appears on line 2",
                "line 6, field 'groep': the school has no group '9Z' (groep-9z); add it first or import with --create-groups",
                "line 7, field 'emailouder': 'geen-mail' is not an e-mail address",
            ]
        }
        #expect(try store.pupils().isEmpty)
        #expect(try store.auditLog().allSatisfy { $0.action != "roster.import" })
    }

    @Test("with skipBadRows the good rows go in and the bad ones are listed")
    func skipBadRows() throws {
        let data = csv([header, "L1;Noor;;Smit;5B;;;;ja;;;", "L2;;;Smit;5B;;;;;;;", "L3;Eva;;Bos;9Z;;;;;;;"])
        let store = try SchoolStore()
        try seed(store)
        let summary = try store.importRoster(
            RosterCSV.parse(data, source: "x.csv"), options: ImportOptions(skipBadRows: true), actor: "admin", now: now)
        #expect(summary.pupilsAdded == 1)
        #expect(summary.skipped.map(\.line) == [3, 4])
        let created = try store.importRoster(
            RosterCSV.parse(data, source: "x.csv"), options: ImportOptions(skipBadRows: true, createGroups: true), actor: "admin", now: now)
        #expect(created.groupsCreated == ["groep-9z"])
        #expect(created.pupilsAdded == 1)
    }

    @Test("a file without the required columns, or not UTF-8, is refused with a reason")
    func unusableFiles() {
        let missing = RosterCSV.parse(csv(["naam;klas", "Noor;5B"]), source: "x.csv")
        #expect(missing.problems.first?.reason.contains("missing column(s) 'leerlingnummer', 'roepnaam'") == true)
        let latin1 = RosterCSV.parse(Data([0x4C, 0x3B, 0xEB, 0x0A]), source: "x.csv")
        #expect(latin1.problems.first?.reason.contains("not UTF-8") == true)
    }

    @Test("quoted fields with line breaks keep the line numbers right")
    func multilineFields() {
        let data = csv([header, "L1;\"Noor\nAnna\";;Smit;5B;;;;;;;", "L2;;;Bos;5B;;;;;;;"])
        let file = RosterCSV.parse(data, source: "x.csv")
        #expect(file.problems.map(\.line) == [4])
    }

    @Test(
        "group names as administrations write them",
        arguments: [("5B", "groep-5b"), ("Groep 5B", "groep-5b"), ("groep-7a", "groep-7a"), (" 8 ", "groep-8")])
    func groupNames(text: String, id: String) {
        #expect(RosterCSV.groupID(text) == id)
    }
}
