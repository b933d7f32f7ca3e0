/// A post or comment as the portal sends it for checking (the input half of the check contract).
public struct Post: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case post, comment }
    public enum Channel: String, Codable, Sendable, CaseIterable { case portal, website }
    public enum Role: String, Codable, Sendable, CaseIterable { case teacher, directie, admin, parent }

    public struct Author: Codable, Sendable, Equatable {
        public var id: String
        public var role: Role
        public init(id: String, role: Role) {
            self.id = id
            self.role = role
        }
    }

    /// An image and the pupils recognisable on it (tagged by the author or the portal).
    public struct Image: Codable, Sendable, Equatable {
        public var id: String?
        public var pupils: [String]
        public init(id: String? = nil, pupils: [String] = []) {
            self.id = id
            self.pupils = pupils
        }
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            pupils = try container.decodeIfPresent([String].self, forKey: .pupils) ?? []
        }
    }

    public var id: String?
    public var kind: Kind
    public var channel: Channel
    public var group: String?
    public var author: Author?
    /// ISO 8601 with offset, e.g. `2026-11-24T15:10:00+01:00`. Kept as text: the engine has no clock.
    public var postedAt: String?
    public var text: String
    public var images: [Image]
    public var flags: [String]
    /// Extension: the post a comment answers.
    public var replyTo: String?

    public init(
        id: String? = nil, kind: Kind = .post, channel: Channel = .portal, group: String? = nil,
        author: Author? = nil, postedAt: String? = nil, text: String, images: [Image] = [],
        flags: [String] = [], replyTo: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.group = group
        self.author = author
        self.postedAt = postedAt
        self.text = text
        self.images = images
        self.flags = flags
        self.replyTo = replyTo
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .post
        channel = try container.decodeIfPresent(Channel.self, forKey: .channel) ?? .portal
        group = try container.decodeIfPresent(String.self, forKey: .group)
        author = try container.decodeIfPresent(Author.self, forKey: .author)
        postedAt = try container.decodeIfPresent(String.self, forKey: .postedAt)
        text = try container.decode(String.self, forKey: .text)
        images = try container.decodeIfPresent([Image].self, forKey: .images) ?? []
        flags = try container.decodeIfPresent([String].self, forKey: .flags) ?? []
        replyTo = try container.decodeIfPresent(String.self, forKey: .replyTo)
    }

    public func hasFlag(_ flag: String) -> Bool { flags.contains(flag) }
}
