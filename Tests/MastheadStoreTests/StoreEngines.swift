import Foundation
import Logging
import MastheadCore
import MastheadPostgres
import MastheadSQLite
import MastheadTesting

/// The engines the contract suite runs on: SQLite always, PostgreSQL whenever
/// `MASTHEAD_TEST_POSTGRES_URL` names a database whose user may create databases
/// (each test gets a fresh one, so tests never see each other's rows).
enum StoreEngine: String, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    static var postgresURL: String? { ProcessInfo.processInfo.environment["MASTHEAD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    static var available: [StoreEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var description: String { rawValue }

    /// Fresh, migrated, empty stores.
    func makeStores() async throws -> Stores {
        switch self {
        case .sqlite:
            let folder = TemporaryFolders.path("store")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let database = try SQLiteDatabase(path: folder + "/test.sqlite")
            try database.migrate()
            return database.makeStores()
        case .postgres:
            let database = try await PostgresTestDatabase.fresh()
            try await database.migrate()
            return database.makeStores()
        }
    }
}

/// A database of its own for each test on the server `MASTHEAD_TEST_POSTGRES_URL` points at.
enum PostgresTestDatabase {
    static let logger = Logger(label: "masthead-store-tests")

    static func fresh() async throws -> PostgresEngine {
        guard let server = StoreEngine.postgresURL else { throw MastheadError(.configuration, "MASTHEAD_TEST_POSTGRES_URL is not set.") }
        return try PostgresEngine(url: try await PostgresEngine.createScratchDatabase(on: server, logger: logger), logger: logger)
    }
}

/// A small newsroom for store tests: two sections, two authors, two tags.
struct Newsroom {
    let stores: Stores
    let news: Section
    let sport: Section
    let ana: Author
    let ben: Author
    let harbor: Tag
    let transit: Tag
    static let now = Date(timeIntervalSince1970: 1_796_040_000)

    init(_ engine: StoreEngine) async throws {
        stores = try await engine.makeStores()
        news = try await stores.taxonomy.saveSection(slug: Slug(from: "news")!, name: "News", description: "", position: 1)
        sport = try await stores.taxonomy.saveSection(slug: Slug(from: "sport")!, name: "Sport", description: "", position: 0)
        ana = try await stores.taxonomy.saveAuthor(slug: Slug(from: "ana")!, name: "Ana", bio: "Bio A", photoURL: nil, role: "Reporter")
        ben = try await stores.taxonomy.saveAuthor(slug: Slug(from: "ben")!, name: "Ben", bio: "", photoURL: "/media/ben.png", role: "")
        harbor = try await stores.taxonomy.findOrCreateTag(slug: Slug(from: "harbor")!, name: "Harbor")
        transit = try await stores.taxonomy.findOrCreateTag(slug: Slug(from: "transit")!, name: "Transit")
    }

    /// Saves an article straight through the store.
    @discardableResult
    func article(
        _ slug: String,
        section: Section? = nil,
        authors: [Author]? = nil,
        tags: [Tag] = [],
        status: ArticleStatus = .published,
        hoursAgo: Double = 1,
        id: ArticleID? = nil,
        corrections: [Correction] = []
    ) async throws -> ArticleID {
        let input = ArticleInput(
            id: id,
            headline: "Headline \(slug)",
            standfirst: "Standfirst \(slug)",
            sectionID: (section ?? news).id,
            authorIDs: (authors ?? [ana]).map(\.id),
            tagIDs: tags.map(\.id),
            leadImage: LeadImage(url: "/media/\(slug).jpg", alt: "Alt", credit: "Credit", caption: "Caption", width: 800, height: 450),
            bodyMarkdown: "Body of \(slug).",
            status: status,
            publishedAt: Self.now.addingTimeInterval(-hoursAgo * 3600),
            corrections: corrections
        )
        return try await stores.articles.save(
            ArticleDraft(article: input, slug: Slug(from: slug)!, bodyHTML: MarkdownRenderer.render(input.bodyMarkdown), savedAt: Newsroom.now)
        )
    }
}
