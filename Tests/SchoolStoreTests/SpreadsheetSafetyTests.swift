import Foundation
import Testing

@testable import SchoolStore

/// CSV injection (issue 8): a cell a spreadsheet would run is flagged on import and neutralised on export.
@Suite("Spreadsheet safety")
struct SpreadsheetSafetyTests {
    @Test("exports neutralise = + - @ tab and CR at the start of a cell, and quote what needs quoting")
    func export() {
        #expect(
            SpreadsheetSafety.csvLine(["=HYPERLINK(\"http://x\")", "+31", "-1", "@SUM(A1)", "\tx", "\rx", "Zoë"])
                == "\"'=HYPERLINK(\"\"http://x\"\")\";'+31;'-1;'@SUM(A1);'\tx;\"'\rx\";Zoë")
        #expect(SpreadsheetSafety.csvLine(["de Wit; jr", "a\nb"]) == "\"de Wit; jr\";\"a\nb\"")
        #expect(SpreadsheetSafety.csvLine(["p-001", "5B", "ja"]) == "p-001;5B;ja")
    }

    @Test("the import lists formula-like cells with line and field and changes nothing")
    func importFlags() throws {
        let data = Data(
            ("Leerlingnummer;Roepnaam;Achternaam;Groep\n" + "p-1;Noor;Smit;5B\n" + "p-2;=1+2;Bos;5B\n"
                + "p-3;Bas;@SUM(1+1);5B\n").utf8)
        let file = RosterCSV.parse(data, source: "roster.csv")
        #expect(file.rows.map(\.pupilId) == ["p-1"])
        #expect(file.problems.map(\.line) == [3, 4])
        #expect(file.problems.map(\.field) == ["roepnaam", "achternaam"])
        #expect(file.problems[0].reason.contains("runs as a formula"))
    }
}
