import Hummingbird
import Logging
import MastheadCore

/// Every route of the site, grouped by audience. Read this file as the table of
/// contents of the web layer.
public enum Routes {
    public struct Folders: Sendable {
        public var media: String
        /// Where uploads are streamed before they are checked; inside the data folder, outside `media/`.
        public var uploads: String
        /// Uploads as they arrived, outside `media/`: never served to readers.
        public var originals: String
        public var imageTools: ImageTools
        public init(media: String, uploads: String, originals: String, imageTools: ImageTools) {
            self.media = media
            self.uploads = uploads
            self.originals = originals
            self.imageTools = imageTools
        }

        /// One for the server: uploads and focal-point changes render a few at a time.
        let renderGate = ImagePipeline.uploadGate()

        var imagePipeline: ImagePipeline {
            ImagePipeline(tools: imageTools, mediaDirectory: media, originalsDirectory: originals, workDirectory: uploads, gate: renderGate)
        }
    }

    public static func buildRouter(
        site: ReaderSite,
        admin: AdminSite,
        counter: ViewCounter,
        metrics: SiteMetrics,
        folders: Folders
    ) -> Router<SiteRequestContext> {
        let router = Router(context: SiteRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        let methods = RouteMethods(fileFolders: [SiteURL.Pattern.assets, SiteURL.Pattern.media, "/admin/assets"])
        router.add(middleware: ErrorPageMiddleware(site: site, methods: methods))
        router.add(middleware: AllowedMethodsMiddleware())
        router.add(middleware: LegacyRedirectMiddleware(site: site))

        // Operations
        router.get(RouterPath(SiteURL.Pattern.healthz)) { _, _ in "ok\n" }
        router.get(RouterPath(SiteURL.Pattern.readyz)) { _, _ in
            _ = try await site.snapshot()
            return "ready\n"
        }
        router.get("/metrics") { request, context -> Response in
            guard MetricsAccess.allows(request, peer: context.peerAddress) else { throw HTTPError(.notFound) }
            let text = await metrics.render(site: site, counter: counter)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }

        // Static files: theme assets are fingerprinted, so browsers may keep them a year.
        // `FileMiddleware` redirects a folder's address without its mount point (`/media/%2Flibrary`
        // became `Location: //library/`, another site): file folders answer files or 404, never a redirect.
        router.add(middleware: NoRedirectsFromFileFolders(folders: [SiteURL.Pattern.assets, SiteURL.Pattern.media, "/admin/assets"]))
        router.add(
            middleware: FileMiddleware(
                site.theme.assetsDirectory,
                urlBasePath: SiteURL.Pattern.assets,
                cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(31_536_000), .immutable])]),
                logger: site.logger
            )
        )
        // Renditions are named by their source's hash, size and crop, so a name never changes meaning.
        router.add(middleware: ImmutableFiles(prefix: SiteURL.Pattern.media + "/r/"))
        router.add(
            middleware: FileMiddleware(
                folders.media,
                urlBasePath: SiteURL.Pattern.media,
                cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(86_400)])]),
                logger: site.logger
            ).withAdditionalMediaType(MediaType(type: .image, subType: "avif"), mappedToFileExtension: "avif")
        )

        router.add(
            middleware: FileMiddleware(
                admin.assetsDirectory,
                urlBasePath: "/admin/assets",
                cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3600)])]),
                logger: site.logger
            )
        )

        // Reader site
        let pages = PublicController(site: site)
        router.get(RouterPath(SiteURL.Pattern.home), use: pages.home)
        router.get(RouterPath(SiteURL.Pattern.section), use: pages.section)
        router.get(RouterPath(SiteURL.Pattern.tag), use: pages.tag)
        router.get(RouterPath(SiteURL.Pattern.author), use: pages.author)
        router.get(RouterPath(SiteURL.Pattern.article), use: pages.article)
        router.get(RouterPath(SiteURL.Pattern.day), use: pages.archive)
        router.get(RouterPath(SiteURL.Pattern.month), use: pages.archive)
        router.get("/search", use: SearchController(site: site, clientAddress: admin.clientAddress).search)

        // Sitemaps and robots.txt. Article sitemaps are `/sitemap-articles-N.xml`.
        let sitemaps = SitemapController(site: site)
        router.get("/sitemap.xml", use: sitemaps.index)
        router.get("/sitemap-pages.xml", use: sitemaps.pages)
        router.get("/sitemap-news.xml", use: sitemaps.news)
        router.get("/robots.txt", use: sitemaps.robots)
        router.get("/sitemap-articles-{file}", use: sitemaps.articles)

        // Feeds: the site's, and each section's, tag's and author's under its page.
        let feeds = FeedController(site: site)
        for format in FeedBuilder.Format.allCases {
            router.get(RouterPath("/\(format.file)"), use: feeds.site(format))
            router.get(RouterPath("\(SiteURL.Pattern.section)/\(format.file)"), use: feeds.section(format))
            router.get(RouterPath("\(SiteURL.Pattern.tag)/\(format.file)"), use: feeds.tag(format))
            router.get(RouterPath("\(SiteURL.Pattern.author)/\(format.file)"), use: feeds.author(format))
        }

        // Back office: sessions and CSRF checks for everything under /admin; the
        // signed-in routes take an `AdminContext`, which cannot exist without a session.
        let office = router.group("admin").add(middleware: SessionMiddleware(admin: admin))
        let auth = AuthController(admin: admin)
        office.get("login", use: auth.loginForm)
        office.post("login", use: auth.login)
        let signedIn = office.group(context: AdminContext.self)
        signedIn.post("logout", use: auth.logout)
        signedIn.get("", use: DashboardController(admin: admin).index)
        let editor = ArticleEditorController(admin: admin)
        signedIn.get("articles/new", use: editor.new)
        signedIn.post("articles", use: editor.create)
        signedIn.get("articles/:id", use: editor.edit)
        signedIn.post("articles/:id", use: editor.update)
        let revisions = RevisionsController(admin: admin, editor: editor)
        signedIn.get("articles/:id/revisions", use: revisions.list)
        signedIn.get("articles/:id/revisions/:revision", use: revisions.diff)
        signedIn.post("articles/:id/revisions/:revision/restore", use: revisions.restore)
        let curation = CurationController(admin: admin)
        signedIn.get("curation", use: curation.show)
        signedIn.post("curation", use: curation.save)
        let media = MediaController(
            admin: admin,
            library: MediaLibrary(mediaDirectory: folders.media, temporaryDirectory: folders.uploads),
            pipeline: folders.imagePipeline
        )
        signedIn.get("media", use: media.index)
        signedIn.post("media", use: media.upload)
        let mediaEdit = MediaEditController(admin: admin, pipeline: folders.imagePipeline)
        signedIn.get("media/:id", use: mediaEdit.show)
        signedIn.post("media/:id", use: mediaEdit.update)
        signedIn.get("media/:id/original", use: mediaEdit.original)
        let imports = ImportController(admin: admin, uploads: MediaLibrary(mediaDirectory: folders.media, temporaryDirectory: folders.uploads))
        signedIn.get("import", use: imports.index)
        signedIn.post("import", use: imports.upload)
        let users = UsersController(admin: admin)
        signedIn.get("users", use: users.index)
        signedIn.post("users", use: users.create)
        signedIn.post("users/:id", use: users.update)
        signedIn.post("tokens/:id/revoke", use: users.revokeToken)
        signedIn.get("audience", use: AudienceController(admin: admin, counter: counter).index)
        let taxonomy = TaxonomyController(admin: admin)
        signedIn.get("taxonomy", use: taxonomy.show)
        signedIn.post("taxonomy/sections", use: taxonomy.saveSection)
        signedIn.post("taxonomy/authors", use: taxonomy.saveAuthor)
        signedIn.post("taxonomy/tags", use: taxonomy.changeTag)
        let webhooks = WebhooksController(admin: admin)
        signedIn.get("webhooks", use: webhooks.index)
        signedIn.post("webhooks", use: webhooks.add)
        signedIn.post("webhooks/:id/delete", use: webhooks.remove)
        let settings = SettingsController(admin: admin)
        signedIn.get("settings", use: settings.show)
        signedIn.post("settings", use: settings.save)

        // JSON API for scripts: bearer tokens, problem details, the OpenAPI document.
        let api = router.group("api/v1").add(middleware: TokenMiddleware(stores: admin.stores, clock: admin.clock))
        api.get("openapi.json") { _, _ in try OpenAPIDocument.response() }
        let views = ViewsController(site: site, counter: counter, clientAddress: admin.clientAddress)
        api.post("views", use: views.beacon)
        api.get("views.gif", use: views.pixel)
        let withToken = api.group(context: APIContext.self)
        let articles = ArticlesAPIController(admin: admin)
        withToken.get("articles", use: articles.list)
        withToken.post("articles", use: articles.create)
        withToken.get("articles/:id", use: articles.get)
        withToken.put("articles/:id", use: articles.update)
        withToken.post("articles/:id/publish", use: articles.publish)
        withToken.post("articles/:id/unpublish", use: articles.unpublish)
        let catalogue = CatalogueAPIController(admin: admin)
        withToken.get("sections", use: catalogue.sections)
        withToken.get("tags", use: catalogue.tags)
        withToken.get("authors", use: catalogue.authors)
        withToken.get("media", use: catalogue.media)

        // A guarded route without a written policy is a programming error: stop here,
        // naming it, so that no test (and no server) runs with it.
        let unguarded = RoutePolicy.routesWithoutPolicy(router)
        precondition(unguarded.isEmpty, "Routes without an entry in RoutePolicy.table: \(unguarded.joined(separator: ", "))")
        methods.learn(router)
        return router
    }
}
