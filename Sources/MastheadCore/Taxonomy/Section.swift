/// A desk of the newsroom (Politics, Business …), with a page and a place in the navigation.
public struct Section: Sendable, Hashable, Codable, Identifiable {
    public var id: SectionID
    public var slug: Slug
    public var name: String
    public var description: String
    /// Order in the site navigation, lowest first.
    public var position: Int

    public init(id: SectionID, slug: Slug, name: String, description: String = "", position: Int = 0) {
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.position = position
    }
}
