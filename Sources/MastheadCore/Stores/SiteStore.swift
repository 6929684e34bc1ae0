/// The site's settings and its editor-curated lists.
public protocol SiteStore: Sendable {
    /// The saved settings, or `nil` on a site that was never set up.
    func settings() async throws -> SiteSettings?
    func saveSettings(_ settings: SiteSettings) async throws
    func curatedList(_ list: CuratedList) async throws -> [ArticleID]
    func setCuratedList(_ list: CuratedList, to articles: [ArticleID]) async throws
    /// A number that grows whenever anything a reader page shows is written (by this
    /// process or any other), so caches can tell cheaply that they are stale.
    func contentRevision() async throws -> Int64
    /// The recorded changes that end after revision `after` and no later than
    /// `through`, oldest first (see `ContentChange`).
    func contentChanges(after: Int64, through: Int64) async throws -> [ContentChange]
}

/// The ordered lists editors curate by hand.
public enum CuratedList: String, Sendable, CaseIterable {
    case editorsPicks = "editors_picks"
    case topStories = "top_stories"
}
