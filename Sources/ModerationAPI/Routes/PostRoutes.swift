import Foundation
import Hummingbird
import NIOCore
import PolicyEngine
import SchoolStore

/// Checking and submitting posts, and taking them down.
struct PostRoutes {
    let service: ModerationService

    func add(to router: some RouterMethods<APIRequestContext>) {
        router.post("v1/check", use: check)
        router.post("v1/posts", use: submit)
        router.delete("v1/posts/{id}", use: remove)
    }

    /// The author is always the caller: a token cannot speak for someone else.
    private func authored(_ post: Post, by user: APIUser, now: Date) -> Post {
        var post = post
        post.author = Post.Author(id: user.id, role: user.role)
        if post.postedAt == nil { post.postedAt = LocalTime.iso8601UTC(epochSeconds: Int64(now.timeIntervalSince1970.rounded(.down))) }
        return post
    }

    /// Teachers work in their own groups only (class groups they teach, councils they sit on).
    private func requireOwnGroup(_ group: SchoolContext.Group?, _ user: APIUser) throws {
        guard user.role == .teacher else { return }
        guard let group else { throw Problem.invalid("a teacher's post needs its group", field: "group") }
        let own = (group.teachers ?? []).contains(user.id) || (group.members ?? []).contains(user.id)
        guard own else { throw Problem.forbidden("\(user.id) is not a teacher of \(group.id); teachers post only in their own groups") }
    }

    /// Parents comment, in the groups of their own children and on school-wide posts; they post only
    /// as council members, in their own council group.
    private func requireParentMayPost(_ post: Post, in group: SchoolContext.Group?, _ user: APIUser, _ context: PreparedContext) throws {
        guard user.role == .parent else { return }
        if post.kind == .post {
            guard group?.kind == .council, (group?.members ?? []).contains(user.id) else {
                throw Problem.forbidden("parents comment on posts; they do not post (except council members in their own council group)")
            }
            return
        }
        guard let group else { throw Problem.invalid("a comment needs the group of the post it answers", field: "group") }
        let children = Set(context.context.parents?.first { $0.id == user.id }?.children ?? [])
        let childGroups = Set((context.context.pupils ?? []).filter { children.contains($0.id) }.compactMap(\.group))
        let mayComment =
            group.kind == .school || childGroups.contains(group.id) || (group.kind == .council && (group.members ?? []).contains(user.id))
        guard mayComment else {
            throw Problem.forbidden("\(user.id) has no child in \(group.id); parents comment in their children's groups")
        }
    }

    /// The caller (allowed `action`), their post as the engine sees it, and the school with the
    /// group's recent posts.
    private func incoming(_ request: Request, _ context: APIRequestContext, _ action: Action) async throws -> (
        user: APIUser, post: Post, group: SchoolContext.Group?, prepared: PreparedContext, now: Date
    ) {
        let user = try context.require(action)
        let now = service.now()
        let post = authored(try await request.decodePost(context: context), by: user, now: now)
        let school = try context.school()
        let group = try post.group.map { try school.requireGroup($0) }
        let prepared = try service.contexts.context(for: post.group, in: school, now: now)
        try requireOwnGroup(group, user)
        return (user, post, group, prepared, now)
    }

    @Sendable func check(request: Request, context: APIRequestContext) async throws -> Response {
        let (_, post, _, prepared, _) = try await incoming(request, context, .check)
        let report = service.engine.evaluate(post, context: prepared, language: language(request))
        service.metrics.checked(verdict: report.verdict.rawValue)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: ReportJSON.bytes(report))))
    }

    @Sendable func submit(request: Request, context: APIRequestContext) async throws -> Response {
        let (user, post, group, prepared, now) = try await incoming(request, context, .submit)
        try requireParentMayPost(post, in: group, user, prepared)
        let report = service.engine.evaluate(post, context: prepared, language: language(request))
        let mentioned = service.engine.pupilsMentioned(in: post, context: prepared)
        let submitted = try await service.writing {
            try $0.submit(post, report: report, named: mentioned.named, shown: mentioned.shown, now: now)
        }
        service.metrics.submitted(status: submitted.status.rawValue)
        return try .json(submitted, status: .created)
    }

    /// Seed 004: unsuitable posts may be removed by the group's administrators (its teachers) or the
    /// directie, with a reason.
    @Sendable func remove(request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.require(.removePost)
        let id = try context.parameters.require("id")
        guard let reason = request.uri.queryParameters.get("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem.invalid("a removal needs a reason: DELETE /v1/posts/{id}?reason=…", field: "reason")
        }
        let post = try service.store.postRecord(id)
        if user.role == .teacher {
            let group = try post.groupId.flatMap(context.school().group(withID:))
            guard (group?.teachers ?? []).contains(user.id) else {
                throw Problem.forbidden("only the directie or a teacher of the post's group may remove it")
            }
        }
        let now = service.now()
        try await service.writing { try $0.removePost(id, reason: reason, actor: user.id, now: now) }
        return try .json(["id": id, "status": PostStatus.removed.rawValue])
    }

    private func language(_ request: Request) -> Language {
        if let lang = request.uri.queryParameters.get("lang"), let language = Language(rawValue: lang) { return language }
        return request.headers[.acceptLanguage]?.lowercased().hasPrefix("en") == true ? .en : .nl
    }
}
