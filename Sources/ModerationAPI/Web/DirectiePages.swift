import Foundation
import Hummingbird
import PolicyEngine
import SchoolStore

/// The directie's pages: the review queue with counts and filters, a flagged post with its marked
/// findings (each view goes to the audit log), decisions, taking a published post down, an
/// author's history and the audit log.
struct DirectiePages {
    let service: ModerationService
    let pages: Pages
    static let pageSize = 20

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("directie", use: queue)
        router.get("directie/berichten/{id}", use: review)
        router.post("directie/berichten/{id}/besluit", use: decide)
        router.post("directie/berichten/{id}/verwijderen", use: remove)
        router.get("directie/auteurs/{id}", use: author)
        router.get("directie/logboek", use: audit)
    }

    static func link(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#", "%"])) ?? id
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+", "#"])) ?? text
    }

    @Sendable func queue(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.page(.readReviews)
        let parameters = request.uri.queryParameters
        let status = parameters.get("status").flatMap { ReviewFilter(rawValue: String($0)) } ?? .pending
        let school = try context.school()
        let groups = school.school.context.groups ?? []
        let group = parameters.get("groep").map { String($0) }.flatMap { wanted in groups.first { $0.id == wanted }?.id }
        let category = parameters.get("categorie").map { String($0) }.flatMap { wanted in
            PolicyEngine.Category.allCases.map(\.rawValue).first { $0 == wanted }
        }
        let page = max(1, min(50_000, parameters.get("pagina").flatMap { Int($0) } ?? 1))
        let result = try service.store.reviews(
            filter: status, group: group, category: category, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        let totals = try service.store.reviewCounts()
        let counts = [ReviewFilter.pending, .approved, .rejected, .removed].map { filter -> [String: Any] in
            ["status": filter.rawValue, "label": Labels.status(filter.rawValue), "count": totals[filter] ?? 0, "current": filter == status]
        }
        func pageLink(_ number: Int) -> String {
            var link = "/directie?status=\(status.rawValue)&pagina=\(number)"
            if let group { link += "&groep=\(Self.query(group))" }
            if let category { link += "&categorie=\(category)" }
            return link
        }
        var values: [String: Any] = ["counts": counts, "total": result.total, "hasFilter": group != nil || category != nil]
        values["statuses"] = ReviewFilter.allCases.map { filter -> [String: Any] in
            ["value": filter.rawValue, "label": Labels.status(filter.rawValue), "selected": filter == status]
        }
        values["groups"] = groups.map { entry -> [String: Any] in
            ["id": entry.id, "name": entry.name ?? entry.id, "selected": entry.id == group]
        }
        values["categories"] = PolicyEngine.Category.allCases.map { entry -> [String: Any] in
            ["value": entry.rawValue, "label": Labels.category(entry.rawValue), "selected": entry.rawValue == category]
        }
        values["items"] = result.items.map { item -> [String: Any] in
            var row: [String: Any] = ["link": Self.link(item.id), "when": Labels.time(item.submittedAt), "group": item.groupId ?? ""]
            row["author"] = item.authorId ?? "?"
            row["authorLink"] = Self.link(item.authorId ?? "?")
            row["verdict"] = item.verdict
            row["verdictLabel"] = Labels.verdict(item.verdict)
            row["categories"] = item.categories.map(Labels.category).joined(separator: ", ")
            row["status"] = item.status
            row["statusLabel"] = Labels.status(item.status)
            return row
        }
        values["hasItems"] = !result.items.isEmpty
        if page > 1 { values["previous"] = pageLink(page - 1) }
        if page * Self.pageSize < result.total { values["next"] = pageLink(page + 1) }
        return pages.render("queue", values, context: context, current: "/directie")
    }

    @Sendable func review(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.readReviews)
        let id = try Identifier.path(context)
        let now = service.now()
        // Opening a flagged post is written to the audit log (seed 001).
        let detail: ReviewDetail
        do {
            detail = try await service.writing { try $0.review(id, viewer: user.id, now: now) }
        } catch StoreError.unknown {
            throw WebError.notFound("Dit bericht staat niet in de lijst van gemarkeerde berichten.")
        }
        let summary = detail.summary
        var values: [String: Any] = [
            "link": Self.link(id), "author": summary.authorId ?? "?", "authorLink": Self.link(summary.authorId ?? "?"),
            "group": summary.groupId ?? "", "when": Labels.time(summary.submittedAt),
            "verdict": summary.verdict, "verdictLabel": Labels.verdict(summary.verdict), "statusLabel": Labels.status(summary.status),
            "hasText": detail.text != nil, "pieces": ReportView.pieces(detail.text ?? "", detail.report),
            "findings": ReportView.findings(detail.report), "hasFindings": !detail.report.findings.isEmpty,
            "pending": summary.status == PostStatus.review.rawValue, "published": summary.status == PostStatus.published.rawValue,
        ]
        if let decision = summary.decision {
            values["decision"] = ["approve": "goedgekeurd", "reject": "afgewezen", "remove": "verwijderd"][decision] ?? decision
            values["decidedBy"] = detail.decidedBy ?? ""
            values["decidedAt"] = Labels.time(detail.decidedAt)
            values["reason"] = detail.reason ?? ""
        }
        return pages.render("review", values, context: context, current: "/directie")
    }

    @Sendable func decide(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.decideReviews)
        let id = try Identifier.path(context)
        let form = try await request.form()
        try context.requireCSRF(form)
        guard let decision = form["besluit"].flatMap(ReviewDecisionKind.init(rawValue:)) else {
            throw WebError(status: .unprocessableContent, message: "Kies goedkeuren, afwijzen of verwijderen.")
        }
        let reason = try form.required("reden", label: "de reden (de auteur leest die)")
        let now = service.now()
        do {
            let status = try await service.writing { try $0.decide(id, decision: decision, reason: reason, actor: user.id, now: now) }
            pages.flash("Besluit opgeslagen: \(Labels.status(status.rawValue).lowercased()).", context: context)
        } catch StoreError.invalid(let field, _) where field == "decision" {
            pages.flash("Over dit bericht is al besloten; er is niets veranderd.", kind: "fout", context: context)
        }
        return .seeOther("/directie/berichten/\(Self.link(id))")
    }

    @Sendable func remove(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.page(.removePost)
        guard user.role == .directie else { throw WebError.forbidden() }
        let id = try Identifier.path(context)
        let form = try await request.form()
        try context.requireCSRF(form)
        let reason = try form.required("reden", label: "de reden")
        guard try service.store.post(id) != nil else { throw WebError.notFound() }
        let now = service.now()
        try await service.writing { try $0.removePost(id, reason: reason, actor: user.id, now: now) }
        pages.flash("Het bericht is offline gehaald.", context: context)
        return .seeOther("/directie/berichten/\(Self.link(id))")
    }

    @Sendable func author(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.page(.readAuthorHistory)
        let id = try Identifier.path(context)
        let history = try service.store.authorHistory(id, now: service.now())
        let categories = history.byCategory.sorted { $0.value > $1.value }
        let values: [String: Any] = [
            "author": id, "posts": history.posts, "flagged30": history.flaggedLast30Days,
            "verdicts": history.byVerdict.sorted { $0.key < $1.key }.map {
                ["key": $0.key, "label": Labels.verdict($0.key), "count": $0.value] as [String: Any]
            },
            "categories": categories.enumerated().map {
                ["label": Labels.category($0.element.key), "count": $0.element.value, "last": $0.offset == categories.count - 1]
                    as [String: Any]
            },
            "hasCategories": !categories.isEmpty,
            "items": history.recentFlagged.map { item in
                [
                    "link": Self.link(item.id), "when": Labels.time(item.submittedAt), "group": item.groupId ?? "",
                    "verdict": item.verdict, "verdictLabel": Labels.verdict(item.verdict),
                    "status": item.status, "statusLabel": Labels.status(item.status),
                ] as [String: Any]
            },
            "hasItems": !history.recentFlagged.isEmpty,
        ]
        return pages.render("author", values, context: context, current: "/directie")
    }

    @Sendable func audit(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.page(.readReviews)
        let page = max(1, min(100_000, request.uri.queryParameters.get("pagina").flatMap { Int($0) } ?? 1))
        let size = 50
        let (entries, total) = try service.store.recentAudit(limit: size, offset: (page - 1) * size)
        var values: [String: Any] = [
            "entries": entries.map { entry in
                [
                    "at": Labels.time(entry.at), "actor": entry.actor, "action": entry.action, "subject": entry.subject ?? "",
                    "detail": entry.detail ?? "",
                ]
            }
        ]
        if page > 1 { values["previous"] = "/directie/logboek?pagina=\(page - 1)" }
        if page * size < total { values["next"] = "/directie/logboek?pagina=\(page + 1)" }
        return pages.render("audit", values, context: context, current: "/directie/logboek")
    }
}
