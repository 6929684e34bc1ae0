import MastheadCore
import MastheadSQLite
import MastheadWeb

/// What the maintenance commands do, kept here so the executable stays argument parsing only.
public enum Maintenance {
    /// Creates the data folder if needed and applies pending migrations; returns every applied migration.
    public static func migrate(_ configuration: AppConfiguration) async throws -> [String] {
        try DataFolder.prepare(configuration, create: true)
        let database = try SiteDatabase.open(configuration)
        try await database.migrate()
        try await SiteSetup.ensureSettings(stores: database.makeStores(), baseURL: configuration.publicBaseURL)
        return try await database.appliedMigrations()
    }

    /// Rebuilds the search index; returns how many articles it holds.
    public static func reindex(_ configuration: AppConfiguration) async throws -> Int {
        _ = try await migrate(configuration)
        return try await openStores(configuration).search.reindex()
    }

    /// Fills an empty site with the demo newsroom; `false` when it already had articles.
    /// `imageTools` nil uses the configuration's (or finds them): the demo's photos get renditions where libvips is installed.
    public static func fillDemo(_ configuration: AppConfiguration, clock: WallClock = .system, imageTools: ImageTools? = nil) async throws -> Bool {
        _ = try await migrate(configuration)
        let stores = try openStores(configuration)
        let tools = imageTools ?? configuration.imageTools ?? ImageTools.locate()
        return try await DemoNewsroom(
            stores: stores,
            clock: clock,
            mediaDirectory: configuration.mediaDirectory,
            photos: configuration.imagePipeline(tools)
        ).fillIfEmpty()
    }

    /// Fills an empty site with a generated newsroom of `articles` articles; `false` when it already had articles.
    public static func fillCorpus(
        _ configuration: AppConfiguration,
        articles: Int,
        seed: UInt64,
        clock: WallClock = .system,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Bool {
        _ = try await migrate(configuration)
        let stores = try openStores(configuration)
        return try await CorpusNewsroom(stores: stores, clock: clock, mediaDirectory: configuration.mediaDirectory, seed: seed)
            .fillIfEmpty(articles: articles, progress: progress)
    }
}

extension Maintenance {
    /// The stores of the configured engine, for commands (and tests) that work on
    /// the data while a server may be running.
    public static func openStores(_ configuration: AppConfiguration) throws -> Stores {
        try SiteDatabase.open(configuration).makeStores()
    }
}

extension Maintenance {
    /// The importer for the configured site, after bringing its schema up to date.
    public static func siteImport(_ configuration: AppConfiguration) async throws -> SiteImport {
        _ = try await migrate(configuration)
        return SiteImport(
            stores: try openStores(configuration),
            mediaDirectory: configuration.mediaDirectory,
            images: configuration.imagePipeline(configuration.imageTools ?? ImageTools.locate())
        )
    }

    /// The exporter for the configured site.
    public static func siteExport(_ configuration: AppConfiguration) async throws -> SiteExport {
        _ = try await migrate(configuration)
        return SiteExport(stores: try openStores(configuration), mediaDirectory: configuration.mediaDirectory)
    }
}
