/// A topic an article is about; every tag has a page listing its articles.
public struct Tag: Sendable, Hashable, Codable, Identifiable {
    public var id: TagID
    public var slug: Slug
    public var name: String

    public init(id: TagID, slug: Slug, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
