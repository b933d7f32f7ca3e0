import Foundation
import Hummingbird
import PolicyEngine
import SchoolStore

/// The teacher's page: write a post for one of their own groups, tag who is recognisable on each
/// photo (with each pupil's photo consent shown), check it, and place it. The same checks as the
/// API's `POST /v1/check` and `POST /v1/posts` (own groups, taggable pupils, the engine).
struct TeacherPages {
    let service: ModerationService
    let pages: Pages
    static let photoSlots = 3
    static let maxText = 20_000

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("leerkracht", use: form)
        router.post("leerkracht/controleer", use: check)
        router.post("leerkracht/plaatsen", use: place)
        router.get("leerkracht/berichten/{id}", use: post)
    }

    /// What the form holds (on a first visit: nothing yet).
    struct Draft {
        var group: String?
        var text = ""
        var photos: [[String]] = Array(repeating: [], count: TeacherPages.photoSlots)
        var flags: [String] = []

        init(group: String?) { self.group = group }

        init(_ form: WebForm) throws {
            group = form["groep"]
            text = form["tekst"] ?? ""
            photos = (1...TeacherPages.photoSlots).map { form.all("foto\($0)") }
            flags = form.all("vlag").filter { ["excursion", "curriculum"].contains($0) }
        }

        var post: Post {
            Post(
                kind: .post, channel: .portal, group: group, text: text,
                images: photos.filter { !$0.isEmpty }.enumerated().map { Post.Image(id: "foto-\($0.offset + 1)", pupils: $0.element) },
                flags: flags)
        }
    }

    @Sendable func form(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.check)
        let wanted = request.uri.queryParameters.get("groep").map { String($0) }
        return try render(Draft(group: wanted), result: nil, user: user, context: context)
    }

    private func render(_ draft: Draft, result: Report?, user: APIUser, context: APIRequestContext, status: HTTPResponse.Status = .ok)
        throws
        -> Response
    {
        let school = try context.school()
        let groups = school.ownGroups(of: user.id)
        // Only an own group is ever shown; anything else falls back to the first own group.
        let group = groups.first { $0.id == draft.group } ?? groups.first
        var values: [String: Any] = [
            "groups": groups.map { ["id": $0.id, "name": $0.name ?? $0.id, "selected": $0.id == group?.id] as [String: Any] },
            "hasGroups": !groups.isEmpty,
            "text": draft.text,
            "excursion": draft.flags.contains("excursion"), "curriculum": draft.flags.contains("curriculum"),
        ]
        if let group {
            values["group"] = group.id
            values["groupName"] = group.name ?? group.id
            let consent = try service.store.consentStatus(group: group.id)
            values["photos"] = (1...Self.photoSlots).map { number in
                [
                    "number": number, "first": number == 1, "open": !draft.photos[number - 1].isEmpty,
                    "pupils": consent.map { pupil in
                        let photo = pupil.decision(.portalPhoto)
                        return [
                            "id": pupil.pupilId, "name": [pupil.firstName, pupil.lastName].compactMap { $0 }.joined(separator: " "),
                            "checked": draft.photos[number - 1].contains(pupil.pupilId),
                            "consentLabel": photo == .given ? "mag op de foto" : "geen fototoestemming",
                            "consentClass": photo == .given ? "given" : "refused",
                        ] as [String: Any]
                    },
                ] as [String: Any]
            }
        }
        if let result {
            values["result"] =
                [
                    "verdict": result.verdict.rawValue, "verdictLabel": Labels.verdict(result.verdict.rawValue),
                    "explanation": Labels.verdictExplanation(result.verdict.rawValue),
                    "findings": ReportView.findings(result), "hasFindings": !result.findings.isEmpty,
                    "pieces": ReportView.pieces(draft.text, result),
                ] as [String: Any]
        }
        let recent = try service.store.posts(author: user.id, limit: 10)
        values["recent"] = recent.map { post in
            [
                "link": post.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? post.id,
                "when": Labels.time(post.submittedAt), "group": post.groupId ?? "",
                "excerpt": Self.excerpt(post.text), "status": post.status, "statusLabel": Labels.status(post.status),
            ] as [String: Any]
        }
        values["hasRecent"] = !recent.isEmpty
        return pages.render("teacher", values, context: context, current: "/leerkracht", status: status)
    }

    static func excerpt(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "(tekst verwijderd)" }
        let line = text.split(whereSeparator: \.isNewline).first.map { String($0) } ?? text
        return line.count > 70 ? String(line.prefix(70)) + "…" : line
    }

    /// The draft from the form, checked against the same rules as the API; a problem is a page
    /// that says what to change.
    private func incoming(_ draft: Draft, _ user: APIUser, _ context: APIRequestContext) throws -> PostRoutes.Incoming {
        guard !draft.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw WebError(status: .unprocessableContent, message: "Schrijf eerst de tekst van het bericht.")
        }
        guard draft.text.count <= Self.maxText else {
            throw WebError(status: .contentTooLarge, message: "Het bericht is te lang (meer dan \(Self.maxText) tekens). Maak het korter.")
        }
        do {
            return try PostRoutes(service: service).incoming(draft.post, by: user, in: try context.school())
        } catch let problem as Problem {
            throw WebError(
                status: problem.statusCode == .unprocessableContent ? .unprocessableContent : .forbidden,
                message: problem.status == 403
                    ? "U kunt alleen berichten schrijven voor uw eigen groepen."
                    : "Dit kon niet: \(problem.detail). Kies opnieuw en probeer het nog eens.")
        }
    }

    @Sendable func check(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.check)
        let form = try await request.form()
        try context.requireCSRF(form)
        let draft = try Draft(form)
        let incoming = try incoming(draft, user, context)
        let report = PostRoutes(service: service).report(incoming, language: .nl)
        return try render(draft, result: report, user: user, context: context)
    }

    @Sendable func place(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.submit)
        let form = try await request.form()
        try context.requireCSRF(form)
        let draft = try Draft(form)
        let incoming = try incoming(draft, user, context)
        let submitted = try await PostRoutes(service: service).submit(incoming, language: .nl)
        pages.flash(
            Labels.statusExplanation(submitted.status.rawValue), kind: submitted.status == .published ? "ok" : "fout", context: context)
        let link = submitted.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? submitted.id
        return .seeOther("/leerkracht/berichten/\(link)")
    }

    @Sendable func post(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.check)
        let id = try Identifier.path(context)
        // Only the teacher's own posts: anything else is "not found", as in the API.
        guard let post = try service.store.post(id), post.authorId == user.id else { throw WebError.notFound() }
        let report = try JSONDecoder().decode(Report.self, from: Data(post.report.utf8))
        var values: [String: Any] = [
            "verdict": post.status == "published" ? "allow" : post.status == "review" ? "review" : "block",
            "statusLabel": Labels.status(post.status), "explanation": Labels.statusExplanation(post.status),
            "group": post.groupId ?? "", "when": Labels.time(post.submittedAt),
            "findings": ReportView.findings(report), "hasFindings": !report.findings.isEmpty,
            "hasText": post.text != nil, "pieces": ReportView.pieces(post.text ?? "", report),
        ]
        if let decision = try service.store.decisionReason(post.id) { values["decisionReason"] = decision }
        return pages.render("teacher-post", values, context: context, current: "/leerkracht")
    }
}
