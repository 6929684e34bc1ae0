/// A person who writes for the site, with a public page.
public struct Author: Sendable, Hashable, Codable, Identifiable {
    public var id: AuthorID
    public var slug: Slug
    public var name: String
    public var bio: String
    public var photoURL: String?
    /// A job title shown on the author's page, e.g. "Health correspondent".
    public var role: String

    public init(id: AuthorID, slug: Slug, name: String, bio: String = "", photoURL: String? = nil, role: String = "") {
        self.id = id
        self.slug = slug
        self.name = name
        self.bio = bio
        self.photoURL = photoURL
        self.role = role
    }
}
