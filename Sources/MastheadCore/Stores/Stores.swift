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

    public init(
        articles: any ArticleStore,
        taxonomy: any TaxonomyStore,
        site: any SiteStore,
        audience: any AudienceStore,
        accounts: any AccountStore,
        media: any MediaStore,
        webhooks: any WebhookStore,
        search: any SearchIndex
    ) {
        self.articles = articles
        self.taxonomy = taxonomy
        self.site = site
        self.audience = audience
        self.accounts = accounts
        self.media = media
        self.webhooks = webhooks
        self.search = search
    }
}
