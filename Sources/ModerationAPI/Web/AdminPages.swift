import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import PolicyEngine
import SchoolStore

/// The administration's pages: consent per group (pupils × purposes) with set and withdraw, the
/// roster upload (every bad row listed, nothing changed on error), the school-year roll-over, and
/// the staff list.
struct AdminPages {
    let service: ModerationService
    let pages: Pages
    let settings: WebSettings
    static let maxRosterSize = 4 * 1024 * 1024

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("administratie", use: consent)
        router.post("administratie/toestemming", use: recordConsent)
        router.get("administratie/rooster", use: rosterForm)
        router.post("administratie/rooster", use: rosterUpload)
        router.get("administratie/schooljaar", use: rollOverPreview)
        router.post("administratie/schooljaar", use: rollOver)
        router.get("administratie/personeel", use: staff)
        router.post("administratie/personeel", use: addStaff)
        router.post("administratie/personeel/{id}/{action}", use: staffAction)
    }

    @Sendable func consent(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.page(.writeConsent)
        let school = try context.school()
        let groups = (school.school.context.groups ?? []).filter { $0.kind == .class }
        let wanted = request.uri.queryParameters.get("groep").map { String($0) }
        let group = groups.first { $0.id == wanted } ?? groups.first
        var values: [String: Any] = [
            "schoolYear": try service.store.schoolYear(),
            "groups": groups.map { ["id": $0.id, "name": $0.name ?? $0.id, "selected": $0.id == group?.id] as [String: Any] },
            "purposes": ConsentPurpose.allCases.map { ["value": $0.rawValue, "label": Labels.purpose($0)] },
            "sources": ConsentSource.allCases.filter { $0 != .import }.map { ["value": $0.rawValue, "label": Labels.source($0)] },
        ]
        if let group {
            let pupils = try service.store.consentStatus(group: group.id)
            values["group"] = group.id
            values["hasPupils"] = !pupils.isEmpty
            values["pupils"] = pupils.map { pupil in
                [
                    "id": pupil.pupilId, "name": [pupil.firstName, pupil.lastName].compactMap { $0 }.joined(separator: " "),
                    "cells": ConsentPurpose.allCases.map { purpose in
                        let decision = pupil.decision(purpose)
                        return [
                            "decision": decision?.rawValue ?? "none", "label": Labels.consent(decision), "pupil": pupil.pupilId,
                            "purpose": purpose.rawValue,
                        ]
                    },
                ] as [String: Any]
            }
        }
        return pages.render("consent", values, context: context, current: "/administratie")
    }

    @Sendable func recordConsent(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let form = try await request.form()
        try context.requireCSRF(form)
        let pupil = try form.required("leerling", label: "de leerling")
        try Identifier.validateForPage(pupil)
        guard let purpose = form["doel"].flatMap(ConsentPurpose.init(rawValue:)),
            let decision = form["besluit"].flatMap(ConsentDecision.init(rawValue:)),
            let source = form["bron"].flatMap(ConsentSource.init(rawValue:))
        else { throw WebError(status: .unprocessableContent, message: "Kies een doel, een besluit en hoe het is doorgegeven.") }
        let note = form["notitie"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : String($0.prefix(500)) }
        let now = service.now()
        let affected: [PostReference]
        do {
            affected = try await service.writing {
                try $0.recordConsent(
                    pupil: pupil, purpose: purpose, decision: decision, source: source, schoolYear: nil, note: note, actor: user.id,
                    now: now)
            }
        } catch StoreError.unknown {
            throw WebError(
                status: .unprocessableContent, message: "Deze leerling staat niet in het rooster. Kies een leerling uit de lijst.")
        }
        let name = try service.store.pupils().first { $0.id == pupil }.map {
            [$0.firstName, $0.lastName].compactMap { $0 }.joined(separator: " ")
        }
        var text = "\(Labels.purpose(purpose)) voor \(name ?? pupil): \(Labels.consent(decision))."
        if !affected.isEmpty {
            text += " Deze geplaatste berichten tonen of noemen de leerling; vraag de directie ze offline te halen:"
        }
        pages.flash(
            text, kind: affected.isEmpty ? "ok" : "fout",
            items: affected.map {
                "bericht \($0.postId) in \($0.groupId ?? "?") (\($0.how == "image" ? "foto" : "naam"), \(Labels.time($0.postedAt)))"
            },
            context: context)
        let group = form["groep"].map { "?groep=" + DirectiePages.query($0) } ?? ""
        return .seeOther("/administratie\(group)")
    }

    @Sendable func rosterForm(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.page(.writeConsent)
        return pages.render("roster", [:], context: context, current: "/administratie/rooster")
    }

    struct RosterUpload: Decodable {
        var _csrf: String
        var bestand: Data?
        var nieuwegroepen: String?
    }

    @Sendable func rosterUpload(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = contentType.split(separator: ";").compactMap({ part -> String? in
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                return pair.count == 2 && pair[0].lowercased() == "boundary" ? pair[1].trimmingCharacters(in: ["\""]) : nil
            }).first
        else { throw WebError(status: .unsupportedMediaType, message: "Kies een bestand op de pagina en klik op Inlezen.") }
        let buffer = try await request.body.collect(upTo: Self.maxRosterSize)
        let upload: RosterUpload
        do {
            upload = try FormDataDecoder().decode(RosterUpload.self, from: buffer, boundary: boundary)
        } catch {
            throw WebError(status: .badRequest, message: "Het formulier kwam niet goed aan. Kies het bestand opnieuw en klik op Inlezen.")
        }
        var form = WebForm("")
        form = WebForm("_csrf=" + DirectiePages.query(upload._csrf))
        try context.requireCSRF(form)
        guard let data = upload.bestand, !data.isEmpty else {
            throw WebError(status: .unprocessableContent, message: "Kies een CSV-bestand om in te lezen.")
        }
        let file = RosterCSV.parse(data, source: "upload")
        let options = {
            var options = ImportOptions()
            options.createGroups = upload.nieuwegroepen == "ja"
            return options
        }()
        let now = service.now()
        do {
            guard file.problems.isEmpty else { throw StoreError.importRejected(problems: file.problems) }
            let summary = try await service.writing { try $0.importRoster(file, options: options, actor: user.id, now: now) }
            pages.flash(
                "Het rooster is ingelezen: \(summary.pupilsAdded) leerling(en) toegevoegd, \(summary.pupilsUpdated) bijgewerkt, "
                    + "\(summary.consentRecorded) toestemming(en) vastgelegd"
                    + (summary.groupsCreated.isEmpty ? "." : "; nieuwe groepen: \(summary.groupsCreated.joined(separator: ", "))."),
                context: context)
            return .seeOther("/administratie")
        } catch StoreError.importRejected(let problems) {
            let values: [String: Any] = [
                "hasProblems": true,
                "problems": problems.prefix(200).map {
                    (["line": $0.line, "field": $0.field, "reason": Self.dutch($0.reason)] as [String: Any?]).compactMapValues { $0 }
                },
            ]
            return pages.render("roster", values, context: context, current: "/administratie/rooster", status: .unprocessableContent)
        }
    }

    /// The importer's reasons (written for the command line) as the administration reads them.
    static func dutch(_ reason: String) -> String {
        if reason == "empty" { return "leeg; vul het in" }
        let rewrites: [(suffix: String, replacement: String)] = [
            (" is not ja or nee", " is geen ja of nee (leeg mag ook: niet gevraagd)"),
            (" is not an e-mail address", " is geen e-mailadres"),
        ]
        for rewrite in rewrites where reason.hasSuffix(rewrite.suffix) {
            return reason.dropLast(rewrite.suffix.count).replacingOccurrences(of: "'", with: "‘", options: .anchored)
                .replacingOccurrences(of: "'", with: "’") + rewrite.replacement
        }
        if let range = reason.range(of: "' already appears on line ") {
            return "‘\(reason[reason.index(after: reason.startIndex)..<range.lowerBound])’ staat al op regel \(reason[range.upperBound...])"
        }
        if reason.hasPrefix("the school has no group '"), let end = reason.dropFirst(25).firstIndex(of: "'") {
            return
                "de school heeft geen groep ‘\(reason.dropFirst(25)[..<end])’; voeg die toe of vink ‘Groepen die nog niet bestaan aanmaken’ aan"
        }
        if reason.hasPrefix("missing column(s) ") {
            return "kolom(men) ontbreken: " + reason.dropFirst(18).replacingOccurrences(of: "; found:", with: "; gevonden:")
        }
        return reason
    }

    @Sendable func rollOverPreview(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let current = try service.store.schoolYear()
        let next = Self.nextYear(after: current)
        var values: [String: Any] = ["schoolYear": current, "nextYear": next]
        if let year = request.uri.queryParameters.get("jaar").map({ String($0) }) {
            let pupils: [PupilConsentStatus]
            do {
                pupils = try service.store.rollOver(to: year, apply: false, actor: user.id, now: service.now())
            } catch StoreError.invalid(_, let reason) {
                throw WebError(status: .unprocessableContent, message: "\(reason). Typ het nieuwe schooljaar als \(next).")
            }
            values["preview"] =
                [
                    "year": year, "count": pupils.count,
                    "pupils": pupils.map { pupil in
                        [
                            "name": [pupil.firstName, pupil.lastName].compactMap { $0 }.joined(separator: " "),
                            "group": pupil.groupId ?? "",
                            "previous": ConsentPurpose.allCases.map { "\(Labels.purpose($0)): \(Labels.consent(pupil.decision($0)))" }
                                .joined(separator: "; "),
                        ]
                    },
                ] as [String: Any]
        }
        return pages.render("rollover", values, context: context, current: "/administratie/schooljaar")
    }

    static func nextYear(after year: String) -> String {
        let parts = year.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return year }
        return "\(parts[0] + 1)-\(parts[1] + 1)"
    }

    @Sendable func rollOver(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let form = try await request.form()
        try context.requireCSRF(form)
        let year = try form.required("jaar", label: "het nieuwe schooljaar")
        let now = service.now()
        let pupils = try await service.writing { try $0.rollOver(to: year, apply: true, actor: user.id, now: now) }
        pages.flash(
            "Het schooljaar is nu \(year). Vraag de ouders van \(pupils.count) leerling(en) opnieuw om toestemming.", context: context)
        return .seeOther("/administratie")
    }

    @Sendable func staff(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let staff = try service.store.staff()
        var rows: [[String: Any]] = []
        for member in staff {
            let login = try service.store.staffLogin(id: member.id)
            rows.append([
                "id": member.id, "link": DirectiePages.link(member.id), "name": member.name ?? "",
                "role": Labels.role(Post.Role(rawValue: member.role) ?? .teacher),
                "state": member.active ? "actief" : "gedeactiveerd", "stateClass": member.active ? "given" : "withdrawn",
                "secondFactor": login?.totpConfirmed ?? false,
                // Nobody locks themselves out from this page.
                "canManage": member.id != user.id,
                // A new password (or app) for a directie or administration account would let the
                // administration sign in as them: that is support's job (`moderate staff password`).
                "canReset": member.id != user.id && member.role == Post.Role.teacher.rawValue,
                "toggleAction": member.active ? "deactiveren" : "activeren", "toggleLabel": member.active ? "Deactiveren" : "Activeren",
            ])
        }
        return pages.render("staff", ["staff": rows], context: context, current: "/administratie/personeel")
    }

    /// A temporary password: four groups of lower-case letters and digits, shown once.
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }

    @Sendable func addStaff(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let form = try await request.form()
        try context.requireCSRF(form)
        let id = try form.required("id", label: "de gebruikersnaam")
        try Identifier.validateForPage(id)
        // Only teachers here: the administration would know the first password of a directie or
        // administration account; those are added with `moderate staff add` and `staff password`.
        guard form["rol"] == Post.Role.teacher.rawValue else {
            throw WebError(
                status: .unprocessableContent,
                message: "Hier voegt u leerkrachten toe. Accounts voor directie of administratie maakt de beheerder van de server aan.")
        }
        let role = Post.Role.teacher
        let name = form["naam"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let email = form["email"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let password = Self.temporaryPassword()
        let now = service.now()
        let cost = settings.bcryptCost
        try await service.writing { store in
            try store.addStaff(id: id, name: name, role: role, actor: user.id, now: now)
            if let email { try store.setStaffEmail(staff: id, email: email, actor: user.id, now: now) }
            try store.setPassword(staff: id, password: password, cost: cost, actor: user.id, now: now)
        }
        pages.flash(
            "\(id) is toegevoegd. Geef dit tijdelijke wachtwoord persoonlijk door (u ziet het maar één keer): \(password)", context: context
        )
        return .seeOther("/administratie/personeel")
    }

    @Sendable func staffAction(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.writeConsent)
        let id = try Identifier.path(context)
        let action = try context.parameters.require("action")
        let form = try await request.form()
        try context.requireCSRF(form)
        guard id != user.id else { throw WebError.forbidden("U kunt uw eigen account hier niet wijzigen; vraag een collega.") }
        guard let target = try service.store.staffLogin(id: id) else { throw WebError.notFound() }
        if ["wachtwoord", "app"].contains(action), target.role != .teacher {
            throw WebError.forbidden(
                "Een nieuw wachtwoord voor directie of administratie geeft de beheerder van de server (moderate staff password).")
        }
        let now = service.now()
        switch action {
        case "deactiveren", "activeren":
            try await service.writing { try $0.setStaffActive(id: id, active: action == "activeren", actor: user.id, now: now) }
            pages.flash(action == "activeren" ? "\(id) is weer actief." : "\(id) is gedeactiveerd en overal uitgelogd.", context: context)
        case "wachtwoord":
            let password = Self.temporaryPassword()
            let cost = settings.bcryptCost
            try await service.writing { try $0.setPassword(staff: id, password: password, cost: cost, actor: user.id, now: now) }
            pages.flash(
                "Nieuw tijdelijk wachtwoord voor \(id) (u ziet het maar één keer; \(id) is overal uitgelogd): \(password)", context: context
            )
        case "app":
            try await service.writing { try $0.resetSecondFactor(staff: id, actor: user.id, now: now) }
            pages.flash(
                "De authenticator-app van \(id) is ontkoppeld; bij de volgende keer inloggen koppelt \(id) een nieuwe.", context: context)
        default:
            throw WebError.notFound()
        }
        return .seeOther("/administratie/personeel")
    }
}

extension Identifier {
    /// The API's id rules, said as a page says them.
    static func validateForPage(_ id: String) throws {
        do {
            try validate(id, field: "id")
        } catch {
            throw WebError(
                status: .unprocessableContent,
                message:
                    "‘\(id)’ kan niet als gebruikersnaam of leerlingnummer: gebruik 1 tot 128 tekens zonder / ? # % of onzichtbare tekens.")
        }
    }
}
