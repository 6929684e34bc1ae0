/// Sections, tags and authors: the things article lists are grouped by.
public protocol TaxonomyStore: Sendable {
    func sections() async throws -> [Section]
    func section(slug: Slug) async throws -> Section?
    /// Creates the section, or updates the one with this slug.
    func saveSection(slug: Slug, name: String, description: String, position: Int) async throws -> Section

    func tag(slug: Slug) async throws -> Tag?
    /// Returns the tag with this slug, creating it with `name` if there is none.
    func findOrCreateTag(slug: Slug, name: String) async throws -> Tag

    func tags() async throws -> [Tag]
    /// Renames a tag; a changed slug leaves a redirect from the old one.
    func renameTag(_ tag: TagID, name: String, slug: Slug) async throws -> Tag
    /// Moves every article of `source` to `target`, removes `source`, and leaves a
    /// redirect from its slug (and from any slug that redirected to it). One transaction.
    func mergeTag(_ source: TagID, into target: TagID) async throws
    /// Where a retired tag slug now points, if anywhere.
    func tagRedirect(from slug: Slug) async throws -> Slug?

    func authors() async throws -> [Author]
    func author(slug: Slug) async throws -> Author?
    /// Creates the author, or updates the one with this slug.
    func saveAuthor(slug: Slug, name: String, bio: String, photoURL: String?, role: String) async throws -> Author
}
