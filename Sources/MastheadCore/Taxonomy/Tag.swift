import Foundation

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

/// A tag as a writer names it on an article ("Harbour works"): found by its slug, or
/// created, in the same transaction as the article's save, so a save that fails
/// leaves no tag behind.
public struct TagName: Sendable, Hashable {
    /// How many tags one article may carry, and how long a name may be.
    public static let maximumCount = 30
    public static let maximumLength = 80

    public var slug: Slug
    public var name: String

    public init(slug: Slug, name: String) {
        self.slug = slug
        self.name = name
    }

    /// The usable names among `names`, in order: cleaned and trimmed, one per slug, at most
    /// `maximumCount` of them; empty, over-long and letterless names are skipped.
    public static func list(_ names: some Sequence<String>) -> [TagName] {
        var seen = Set<Slug>()
        var result: [TagName] = []
        for raw in names {
            // Cleaned first (as every stored text is), so the slug is made from the name as kept.
            let name = CleanText.clean(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= maximumLength, let slug = Slug(from: name), seen.insert(slug).inserted else { continue }
            result.append(TagName(slug: slug, name: name))
            if result.count == maximumCount { break }
        }
        return result
    }
}
