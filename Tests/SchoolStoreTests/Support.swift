import Foundation
import PolicyEngine
import SchoolStore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

/// A real database file in a fresh temporary folder.
func temporaryDatabasePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("moderate-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("school.sqlite").path
}

/// Both kinds of store the tests run on: in memory and a real file.
func stores() throws -> [SchoolStore] {
    [try SchoolStore(), try SchoolStore(path: try temporaryDatabasePath())]
}

/// The demo school: details, groups and staff (no pupils).
func seed(_ store: SchoolStore) throws {
    let context = try ContextLoader.load(path: repositoryRoot.appendingPathComponent("examples/school.json").path)
    try store.setUpSchool(context.school!, schoolYear: "2026-2027", hours: context.hours, actor: "test", now: now)
    for member in context.staff ?? [] { try store.addStaff(id: member.id, name: member.name, role: member.role, actor: "test", now: now) }
    for group in context.groups ?? [] {
        try store.addGroup(
            id: group.id, name: group.name, kind: group.kind, teachers: group.teachers ?? [], members: group.members ?? [], actor: "test",
            now: now)
    }
}

func csv(_ lines: [String], bom: Bool = false) -> Data {
    Data(((bom ? "\u{FEFF}" : "") + lines.joined(separator: "\n") + "\n").utf8)
}

let header =
    "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Ouder ID;Ouder;E-mail ouder;Foto portaal;Naam portaal;Foto extern;Naam extern"
