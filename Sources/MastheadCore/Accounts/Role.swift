import Foundation

/// What a newsroom account may do, from most to least trusted.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Everything, including users and site settings.
    case admin
    /// Edit and publish any article; curate lists; manage sections, tags and authors.
    case editor
    /// Write and publish their own articles.
    case author
    /// Write their own drafts and submit them for review; never publish.
    case contributor

    private var rank: Int {
        switch self {
        case .admin: 3
        case .editor: 2
        case .author: 1
        case .contributor: 0
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A person who signs in to the back office.
public struct Account: Sendable, Hashable, Codable, Identifiable {
    public var id: AccountID
    public var email: String
    public var name: String
    public var role: Role
    /// The byline this account writes under, if any: articles with this author are "own" articles.
    public var authorID: AuthorID?
    public var disabled: Bool

    public init(id: AccountID, email: String, name: String, role: Role, authorID: AuthorID? = nil, disabled: Bool = false) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.authorID = authorID
        self.disabled = disabled
    }

    /// Emails compare without case or surrounding space.
    public static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
