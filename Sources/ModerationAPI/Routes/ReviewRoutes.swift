import Foundation
import Hummingbird
import PolicyEngine
import SchoolStore

/// The directie's review queue: flagged posts, their details (each view logged) and the decisions.
struct ReviewRoutes {
    let service: ModerationService

    struct DecisionBody: Decodable {
        var decision: ReviewDecisionKind
        var reason: String
    }

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.get("v1/reviews", use: list)
        router.get("v1/reviews/{id}", use: detail)
        router.post("v1/reviews/{id}/decision", use: decide)
        router.get("v1/authors/{id}/history", use: authorHistory)
    }

    @Sendable func list(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.require(.readReviews)
        let status = try request.option("status", allowed: ReviewFilter.allCases.map(\.rawValue)).flatMap(ReviewFilter.init) ?? .pending
        let category = try request.option("category", allowed: PolicyEngine.Category.allCases.map(\.rawValue))
        let limit = try request.integer("limit", default: 20, range: 1...100)
        let offset = try request.integer("offset", default: 0, range: 0...1_000_000)
        let group: String? = request.uri.queryParameters.get("group").map { String($0) }
        if let group { try Identifier.validate(group, field: "group") }
        let page = try service.store.reviews(
            filter: status, group: group, category: category, limit: limit, offset: offset)
        return try .json(page)
    }

    @Sendable func detail(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.readReviews)
        let id = try Identifier.path(context)
        let now = service.now()
        // Opening a flagged post writes to the audit log.
        return try .json(try await service.writing { try $0.review(id, viewer: user.id, now: now) })
    }

    @Sendable func decide(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.decideReviews)
        let id = try Identifier.path(context)
        let body = try await request.decodeJSON(DecisionBody.self, context: context)
        guard !body.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem.invalid("a decision needs a reason the author can read", field: "reason")
        }
        do {
            let now = service.now()
            let status = try await service.writing {
                try $0.decide(id, decision: body.decision, reason: body.reason, actor: user.id, now: now)
            }
            return try .json(["id": id, "status": status.rawValue])
        } catch StoreError.invalid(let field, let reason) where field == "decision" {
            throw Problem(.conflict, type: "conflict", detail: reason)
        }
    }

    @Sendable func authorHistory(request: Request, context: APIRequestContext) async throws -> Response {
        _ = try context.require(.readAuthorHistory)
        return try .json(try service.store.authorHistory(try Identifier.path(context), now: service.now()))
    }
}
