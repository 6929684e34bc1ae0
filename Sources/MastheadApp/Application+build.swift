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
    readerOptions: ReaderSite.Options = .init(),
    adminOptions: AdminSite.Options = .init(),
    webhookOptions: WebhookDispatcher.Options = .init(),
    viewOptions: ViewFlusher.Options = .init()
) async throws -> some ApplicationProtocol {
    // 1. The data folder and the database engine.
    try DataFolder.prepare(configuration, create: configuration.demo)
    let database = try SiteDatabase.open(configuration, logger: logger, forServer: true)
    let stores = database.makeStores()

    // 2. The theme, validated now so a broken one stops start-up.
    let theme: Theme
    if let directory = configuration.themeDirectory {
        theme = try await Theme(directory: directory)
    } else {
        theme = try await Theme.bundledDefault()
    }

    // The image programs are optional: without them uploads are kept and stripped, not resized.
    let imageTools = configuration.imageTools ?? ImageTools.locate()
    for missing in imageTools.missing { logger.warning("\(missing)") }

    // 3. The reader site and the service that keeps it fresh.
    var readerOptions = readerOptions
    if !configuration.rateLimits {
        readerOptions.searchRate = .unlimited
        readerOptions.beaconRate = .unlimited
    }
    let site = ReaderSite(stores: stores, clock: clock, theme: theme, options: readerOptions, logger: logger)
    var adminOptions = adminOptions
    var webhookOptions = webhookOptions
    adminOptions.clientAddress = ClientAddress(trustedProxies: configuration.trustedProxies)
    if configuration.webhooksAllowPrivate {
        adminOptions.webhookAddresses.allowPrivate = true
        webhookOptions.addressPolicy.allowPrivate = true
    }
    adminOptions.importer =
        adminOptions.importer
        ?? SiteImport(stores: stores, mediaDirectory: configuration.mediaDirectory, clock: clock, images: configuration.imagePipeline(imageTools))
    let admin = try await AdminSite(stores: stores, clock: clock, reader: site, options: adminOptions, logger: logger)
    let webhooks = WebhookDispatcher(stores: stores, clock: clock, options: webhookOptions, logger: logger)
    let scheduler = ScheduledPublisher(stores: stores, clock: clock, logger: logger)
    let counter = ViewCounter(enabled: configuration.countViews)
    let flusher = ViewFlusher(counter: counter, stores: stores, clock: clock, options: viewOptions, logger: logger)
    let connectionCap = ConnectionCap(perAddress: configuration.connectionsPerAddress, exempt: configuration.trustedProxies)
    let router = Routes.buildRouter(
        site: site,
        admin: admin,
        counter: counter,
        metrics: SiteMetrics(),
        folders: .init(
            media: configuration.mediaDirectory,
            uploads: configuration.dataDirectory + "/tmp",
            originals: configuration.originalsDirectory,
            imageTools: imageTools
        )
    )

    var app = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [connectionCap.handler()],
                idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds))
            )
        ),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Masthead"),
        services: database.poolServices
            + [SiteRefresher(site: site), scheduler, webhooks, flusher, AllocatorTrimmer(interval: .seconds(30), logger: logger)]
            + database.listeners(site: site),
        logger: logger
    )

    // 4. Before the first request: migrate, fill the demo site, take the first snapshot.
    app.beforeServerStarts {
        try await database.migrate()
        try await SiteSetup.ensureSettings(stores: stores, baseURL: configuration.publicBaseURL)
        if configuration.demo {
            let filled = try await DemoNewsroom(
                stores: stores,
                clock: clock,
                mediaDirectory: configuration.mediaDirectory,
                photos: configuration.imagePipeline(imageTools)
            ).fillIfEmpty()
            if filled { logger.info("Filled the empty site with the demo newsroom") }
            if let login = try await DemoNewsroom.ensureDemoAdmin(stores: stores, hasher: admin.passwordHasher) {
                // Printed once, to the terminal of whoever started the demo; never logged.
                let line = "Demo newsroom admin: sign in at \(configuration.publicBaseURL)/admin with \(login.email) / \(login.password)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        // Embargoes that ended while the server was down publish now, before the first request.
        try await scheduler.publishDue()
        try await site.rebuildSnapshot()
    }
    return app
}
