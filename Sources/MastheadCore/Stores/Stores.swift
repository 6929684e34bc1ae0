/// The stores of one engine, passed around together.
public struct Stores: Sendable {
    public var articles: any ArticleStore
    public var taxonomy: any TaxonomyStore
    public var site: any SiteStore
    public var audience: any AudienceStore
    public var accounts: any AccountStore
    public var media: any MediaStore
    public var webhooks: any WebhookStore
    public var search: any SearchIndex
    public var archive: any ArchiveStore
    /// What the engine reports of its own work for `/metrics`, when it keeps count.
    public var activity: (any DatabaseActivityReporting)?

    public init(
        articles: any ArticleStore,
        taxonomy: any TaxonomyStore,
        site: any SiteStore,
        audience: any AudienceStore,
        accounts: any AccountStore,
        media: any MediaStore,
        webhooks: any WebhookStore,
        search: any SearchIndex,
        archive: any ArchiveStore,
        activity: (any DatabaseActivityReporting)? = nil
    ) {
        self.articles = articles
        // Every text written through these passes `CleanText`, whichever engine stores it.
        self.taxonomy = taxonomy is CleanTextTaxonomyStore ? taxonomy : CleanTextTaxonomyStore(base: taxonomy)
        self.site = site is CleanTextSiteStore ? site : CleanTextSiteStore(base: site)
        self.audience = audience
        self.accounts = accounts is CleanTextAccountStore ? accounts : CleanTextAccountStore(base: accounts)
        self.media = media is CleanTextMediaStore ? media : CleanTextMediaStore(base: media)
        self.webhooks = webhooks
        self.search = search
        self.archive = archive
        self.activity = activity
    }
}

/// Counts of an engine's calls: in flight now, finished, and failed or timed out.
public struct DatabaseActivity: Sendable, Equatable {
    public var inFlight: Int
    public var completed: Int
    public var failed: Int

    public init(inFlight: Int, completed: Int, failed: Int) {
        self.inFlight = inFlight
        self.completed = completed
        self.failed = failed
    }
}

public protocol DatabaseActivityReporting: Sendable {
    var activity: DatabaseActivity { get }
}
