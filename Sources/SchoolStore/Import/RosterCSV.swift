import CSV
import Foundation

/// A row the import could not take, and why.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var field: String?
    public var reason: String

    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "line \(line)" + (field.map { ", field '\($0)'" } ?? "") + ": \(reason)"
    }
}

/// One pupil as the student administration exports them.
public struct RosterRow: Sendable, Equatable {
    public var line: Int
    public var pupilId: String
    public var firstName: String
    public var lastName: String?
    public var group: String
    public var parentId: String?
    public var parentName: String?
    public var parentEmail: String?
    /// Only the purposes the file says something about; an empty cell means "not asked".
    public var consent: [ConsentPurpose: Bool]
}

public struct RosterFile: Sendable {
    public var rows: [RosterRow]
    public var problems: [ImportProblem]
}

/// Reads a roster + consent export: semicolon or comma separated, UTF-8 with or without BOM, with the
/// Dutch headers student administration systems use. Every bad row is reported, not just the first.
public enum RosterCSV {
    enum Column: CaseIterable {
        case pupilId, firstName, infix, lastName, group, parentId, parentName, parentEmail
        case consent(ConsentPurpose)

        static var allCases: [Column] {
            [.pupilId, .firstName, .infix, .lastName, .group, .parentId, .parentName, .parentEmail]
                + ConsentPurpose.allCases.map(Column.consent)
        }

        /// Header spellings, compared lower-cased with spaces, dashes and underscores removed.
        var aliases: [String] {
            switch self {
            case .pupilId: ["leerlingnummer", "leerlingid", "leerling", "id", "llnr"]
            case .firstName: ["roepnaam", "voornaam"]
            case .infix: ["tussenvoegsel", "tussenvoegsels", "tussenv"]
            case .lastName: ["achternaam"]
            case .group: ["groep", "klas", "stamgroep"]
            case .parentId: ["ouderid", "oudernummer", "verzorgerid"]
            case .parentName: ["ouder", "naamouder", "oudernaam", "verzorger", "naamverzorger", "verzorger1"]
            case .parentEmail: ["emailouder", "ouderemail", "email", "emailverzorger", "emailverzorger1"]
            case .consent(.portalPhoto): ["fotoportaal", "toestemmingfotoportaal", "fotosportaal"]
            case .consent(.portalName): ["naamportaal", "toestemmingnaamportaal"]
            case .consent(.externalPhoto): ["fotoextern", "toestemmingfotoextern", "fotowebsite", "fotosextern"]
            case .consent(.externalName): ["naamextern", "toestemmingnaamextern", "naamwebsite"]
            }
        }

        var label: String { aliases[0] }
    }

    static func normalizedHeader(_ text: String) -> String {
        text.lowercased().filter { !" -_.'".contains($0) }.replacingOccurrences(of: "é", with: "e")
    }

    public static func parse(_ data: Data, source: String) -> RosterFile {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            return RosterFile(
                rows: [],
                problems: [ImportProblem(line: 1, field: nil, reason: "\(source) is not UTF-8 text; export it as UTF-8 (CSV UTF-8)")])
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: UnicodeScalar = firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            return RosterFile(rows: [], problems: [ImportProblem(line: 1, field: nil, reason: "cannot read the header row (\(error))")])
        }
        let header = reader.headerRow ?? []
        var columns: [Int: Column] = [:]
        for (index, name) in header.enumerated() {
            let key = normalizedHeader(name)
            if let column = Column.allCases.first(where: { $0.aliases.contains(key) }) { columns[index] = column }
        }
        let found = Set(columns.values.map(\.label))
        let missing = [Column.pupilId, .firstName, .group].filter { !found.contains($0.label) }
        guard missing.isEmpty else {
            let names = missing.map { "'\($0.label)'" }.joined(separator: ", ")
            return RosterFile(
                rows: [],
                problems: [
                    ImportProblem(line: 1, field: nil, reason: "missing column(s) \(names); found: \(header.joined(separator: ", "))")
                ])
        }
        var rows: [RosterRow] = []
        var problems: [ImportProblem] = []
        var seen: [String: Int] = [:]
        var line = 1 + header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        while let fields = reader.next() {
            line += 1
            let rowLine = line
            line += fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if fields.allSatisfy(\.isEmpty) { continue }
            if let error = reader.error {
                problems.append(ImportProblem(line: rowLine, field: nil, reason: "unreadable row (\(error))"))
                break
            }
            switch row(fields, columns: columns, line: rowLine) {
            case .success(let row):
                if let first = seen[row.pupilId] {
                    problems.append(
                        ImportProblem(line: rowLine, field: "leerlingnummer", reason: "'\(row.pupilId)' already appears on line \(first)"))
                } else {
                    seen[row.pupilId] = rowLine
                    rows.append(row)
                }
            case .failure(let rowProblems):
                problems += rowProblems.problems
            }
        }
        return RosterFile(rows: rows, problems: problems)
    }

    struct RowProblems: Error { var problems: [ImportProblem] }

    private static func row(_ fields: [String], columns: [Int: Column], line: Int) -> Result<RosterRow, RowProblems> {
        var values: [String: String] = [:]
        var consent: [ConsentPurpose: Bool] = [:]
        var problems: [ImportProblem] = []
        for (index, column) in columns {
            let value = index < fields.count ? fields[index] : ""
            if case .consent(let purpose) = column {
                guard !value.isEmpty else { continue }
                if let decision = consentValue(value) {
                    consent[purpose] = decision
                } else {
                    problems.append(ImportProblem(line: line, field: column.label, reason: "'\(value)' is not ja or nee"))
                }
            } else {
                values[column.label] = value
                if SpreadsheetSafety.isFormulaLike(value) {
                    problems.append(
                        ImportProblem(
                            line: line, field: column.label,
                            reason:
                                "'\(value)' starts with \(SpreadsheetSafety.describeStart(value)), which a spreadsheet runs as a formula; remove that character"
                        ))
                }
            }
        }
        let id = values["leerlingnummer"] ?? ""
        let firstName = values["roepnaam"] ?? ""
        let group = values["groep"] ?? ""
        if id.isEmpty { problems.append(ImportProblem(line: line, field: "leerlingnummer", reason: "empty")) }
        if firstName.isEmpty { problems.append(ImportProblem(line: line, field: "roepnaam", reason: "empty")) }
        if group.isEmpty { problems.append(ImportProblem(line: line, field: "groep", reason: "empty")) }
        if let email = values["emailouder"], !email.isEmpty, !(email.contains("@") && email.contains(".")) {
            problems.append(ImportProblem(line: line, field: "emailouder", reason: "'\(email)' is not an e-mail address"))
        }
        guard problems.isEmpty else { return .failure(RowProblems(problems: problems)) }
        let lastName = [values["tussenvoegsel"], values["achternaam"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let email = values["emailouder"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let parentId = values["ouderid"].flatMap { $0.isEmpty ? nil : $0 } ?? email.map { "o-\($0)" }
        return .success(
            RosterRow(
                line: line, pupilId: id, firstName: firstName, lastName: lastName.isEmpty ? nil : lastName, group: group,
                parentId: parentId, parentName: values["ouder"].flatMap { $0.isEmpty ? nil : $0 }, parentEmail: email, consent: consent))
    }

    static func consentValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "ja", "j", "yes", "y", "1", "true", "x", "akkoord": true
        case "nee", "n", "no", "0", "false", "geen": false
        default: nil
        }
    }

    /// "5B", "Groep 5B", "groep-5b" → "groep-5b".
    public static func groupID(_ text: String) -> String {
        var key = text.lowercased().trimmingCharacters(in: .whitespaces)
        if key.hasPrefix("groep") { key = String(key.dropFirst(5)) }
        key = key.trimmingCharacters(in: CharacterSet(charactersIn: " -_"))
        return "groep-" + key.replacingOccurrences(of: " ", with: "")
    }
}

/// Cells that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `@SUM`): flagged on
/// import and neutralised on export (OWASP "CSV injection").
public enum SpreadsheetSafety {
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func isFormulaLike(_ cell: String) -> Bool { cell.unicodeScalars.first.map(triggers.contains) ?? false }

    /// The cell as a spreadsheet shows it but does not run: a leading apostrophe.
    public static func neutralised(_ cell: String) -> String { isFormulaLike(cell) ? "'" + cell : cell }

    /// One CSV line (RFC 4180 quoting) with every cell neutralised: what every CSV the tool writes uses.
    public static func csvLine(_ cells: [String], delimiter: String = ";") -> String {
        cells.map(neutralised).map { cell in
            cell.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || String($0) == delimiter })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: delimiter)
    }

    static func describeStart(_ cell: String) -> String {
        switch cell.unicodeScalars.first {
        case "\t": "a tab"
        case "\r": "a carriage return"
        case let first?: "'\(first)'"
        case nil: "nothing"
        }
    }
}
