import Foundation
import Hummingbird
import Logging
import MastheadCore
import MastheadSQLite
import MastheadWeb

/// Builds the whole application, top to bottom like a boot sequence. `serve`
/// and the tests call this same function.
public func buildApplication(
    _ configuration: AppConfiguration,
    clock: WallClock = .system,
    logger: Logger,
    readerOptions: ReaderSite.Options = .init()
) async throws -> some ApplicationProtocol {
    // 1. The data folder and the database engine.
    try DataFolder.prepare(configuration, create: configuration.demo)
    let database = try SQLiteDatabase(path: configuration.databasePath)
    let stores = database.makeStores()

    // 2. The theme, validated now so a broken one stops start-up.
    let theme: Theme
    if let directory = configuration.themeDirectory {
        theme = try await Theme(directory: directory)
    } else {
        theme = try await Theme.bundledDefault()
    }

    // 3. The reader site and the service that keeps it fresh.
    let site = ReaderSite(stores: stores, clock: clock, theme: theme, options: readerOptions, logger: logger)
    let router = Routes.buildRouter(site: site, folders: .init(media: configuration.mediaDirectory))

    var app = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Masthead"),
        services: [SiteRefresher(site: site)],
        logger: logger
    )

    // 4. Before the first request: migrate, fill the demo site, take the first snapshot.
    app.beforeServerStarts {
        try database.migrate()
        try await SiteSetup.ensureSettings(stores: stores, baseURL: configuration.publicBaseURL)
        if configuration.demo {
            let filled = try await DemoNewsroom(stores: stores, clock: clock, mediaDirectory: configuration.mediaDirectory).fillIfEmpty()
            if filled { logger.info("Filled the empty site with the demo newsroom") }
        }
        try await site.rebuildSnapshot()
    }
    return app
}
