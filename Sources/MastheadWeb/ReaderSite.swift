import Foundation
import Hummingbird
import Logging
import MastheadCore

/// The reader site's engine: turns store data into cached page bytes.
///
/// Requests read the current `SiteSnapshot` and the `PageCache`; only a cache
/// miss touches the store and the theme. `SiteRefresher` keeps the snapshot and
/// its sidebar fresh and drops the cached pages a change touched.
public struct ReaderSite: Sendable {
    public struct Options: Sendable {
        /// How often the sidebar's popularity lists are recomputed.
        public var sidebarRefreshInterval: Duration = .seconds(30)
        /// How often the store is asked whether content changed (cheap: one row).
        public var revisionPollInterval: Duration = .seconds(1)
        /// How often to look for image licences that have just ended (they withdraw by the clock).
        public var licenceCheckInterval: Duration = .seconds(15)
        public var listLength = 5
        /// Searches per client address: 20 at once, then one every two seconds.
        public var searchRate = AddressRateLimit(burst: 20, perSecond: 0.5)
        /// Searches running at once across all clients; 64 more wait, and beyond that 503.
        public var searchesAtOnce = WorkGate(limit: max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))
        /// View beacons per client address: 120 at once, then one a second.
        public var beaconRate = AddressRateLimit(burst: 120, perSecond: 1)
        public init() {}
    }

    let stores: Stores
    let clock: WallClock
    let theme: Theme
    let options: Options
    public let logger: Logger
    let cache = PageCache()
    let holder = SnapshotHolder()
    /// One rebuild at a time: the poll, a save in this process and (on PostgreSQL) a
    /// notification may all ask at once, and each rebuild moves the cache from the
    /// revision the last one left it at.
    let rebuilds = WorkGate(limit: 1, queueLength: 1_024)

    public init(stores: Stores, clock: WallClock, theme: Theme, options: Options = .init(), logger: Logger) {
        self.stores = stores
        self.clock = clock
        self.theme = theme
        self.options = options
        self.logger = logger
    }

    // MARK: - Snapshot

    /// The current snapshot, building the first one if the refresher has not yet.
    func snapshot() async throws -> SiteSnapshot {
        if let snapshot = holder.snapshot { return snapshot }
        return try await rebuildSnapshot()
    }

    /// Reads settings, navigation and the sidebar lists afresh. Drops cached pages
    /// when content changed since the last snapshot.
    @discardableResult
    public func rebuildSnapshot() async throws -> SiteSnapshot {
        try await rebuilds.run { try await rebuildSnapshotNow() }
    }

    private func rebuildSnapshotNow() async throws -> SiteSnapshot {
        let revision = try await stores.site.contentRevision()
        let settings = try await stores.site.settings() ?? .initial
        let sections = try await stores.taxonomy.sections()
        let now = clock.now
        let chrome = SiteChrome(settings: settings, sections: sections, stylesheetVersion: theme.stylesheetVersion, now: now)
        let sidebar = try await renderSidebar(settings: settings)
        let snapshot = SiteSnapshot(
            settings: settings,
            sections: sections,
            chrome: chrome,
            sidebar: sidebar,
            revision: revision,
            siteHost: URL(string: settings.baseURL)?.host
        )
        holder.replace(with: snapshot)
        await dropChangedPages(upTo: revision)
        return snapshot
    }

    /// Drops the cached pages that writes since the cache's revision touched: the
    /// writes' own records name them (`ContentChange`); without a full record, or
    /// when the records cannot be read, all. It never throws: the snapshot already
    /// carries the new revision, and a cache left behind it would never catch up.
    private func dropChangedPages(upTo revision: Int64) async {
        let cached = cache.revision
        guard cached != revision else { return }
        var keys: Set<String>?
        if let cached, cached < revision, let changes = try? await stores.site.contentChanges(after: cached, through: revision) {
            keys = ContentChange.keys(from: cached, to: revision, in: changes)
        }
        cache.advance(from: cached, to: revision, dropping: keys)
    }

    /// Rebuilds the snapshot only if the store's content revision moved.
    public func refreshIfChanged() async throws {
        let revision = try await stores.site.contentRevision()
        if holder.snapshot?.revision != revision { try await rebuildSnapshot() }
    }

    private func renderSidebar(settings: SiteSettings) async throws -> RenderedSidebar {
        let now = clock.now
        let popularity = Popularity(stores: stores, clock: clock)
        let picks = try await stores.articles.summaries(ids: stores.site.curatedList(.editorsPicks), now: now)
        let latest = try await stores.articles.list(.all, page: PageRequest(page: 1, perPage: 1), now: now).items.first
        let model = SidebarModel(
            editorsPicks: Array(picks.prefix(options.listLength)),
            mostPopular: try await popularity.mostPopular(limit: options.listLength),
            latest: latest,
            trending: try await popularity.trendingNow(limit: options.listLength),
            formatter: SiteDateFormatter(timeZone: settings.timeZone)
        )
        return RenderedSidebar(html: try theme.render(model, template: "partials/sidebar"))
    }

    // MARK: - Pages

    /// Serves the page under `key` from the cache, or builds, renders and caches it.
    /// `build` returns `nil` when there is no such page.
    func page(
        _ key: String,
        surrogateKeys: [String] = [SurrogateKeys.site],
        build: (SiteSnapshot) async throws -> (model: any Sendable, template: String, lastModified: Date?)?
    ) async throws -> ServedPage? {
        try await document(key, surrogateKeys: surrogateKeys) { snapshot in
            guard let built = try await build(snapshot) else { return nil }
            return (try theme.render(built.model, template: built.template), built.lastModified)
        }
    }

    /// A document that is not a themed page (a feed, a sitemap), cached the same way.
    func document(
        _ key: String,
        surrogateKeys: [String] = [SurrogateKeys.site],
        build: (SiteSnapshot) async throws -> (body: String, lastModified: Date?)?
    ) async throws -> ServedPage? {
        let snapshot = try await snapshot()
        return try await cache.page(key, revision: snapshot.revision, sidebar: snapshot.sidebar) {
            guard let built = try await build(snapshot) else { return nil }
            return RenderedPage(html: built.body, lastModified: built.lastModified, surrogateKeys: surrogateKeys)
        }
    }

    /// The themed error page for a status, cached like any other page.
    func errorPage(status: Int) async throws -> ServedPage {
        let served = try await page("#error-\(status)") { snapshot in
            (ErrorPage(status: status, settings: snapshot.settings, chrome: snapshot.chrome), "error", nil)
        }
        guard let served else { throw MastheadError(.internalFailure, "The error page could not be built.") }
        return served
    }

    /// Lead images as readers may see them now: withdrawn where the licence has
    /// ended, with their renditions where the media library made some.
    func withImages<Item: CarriesLeadImage>(_ items: [Item]) async throws -> [Item] {
        try await MediaAsset.resolve(items, media: stores.media, now: clock.now)
    }

    func withImages(_ paged: Paged<ArticleSummary>) async throws -> Paged<ArticleSummary> {
        var paged = paged
        paged.items = try await withImages(paged.items)
        return paged
    }

    /// The sidebar marker that templates print where the sidebar goes.
    static let sidebarSlot = SafeHTML.stored(RenderedPage.sidebarMarker)
}
