import Foundation
import MastheadCore

/// A generated newsroom of any size, for benchmarks and capacity planning:
/// sections, a staff that grows with the archive, thousands of tags with a few
/// very popular ones, articles of realistic length spread over up to ten years,
/// and a recent view history. Same seed, same site.
///
/// Articles go in through `Publishing.saveNew` in batches of one transaction
/// each, so they are validated, rendered, indexed for search and given related
/// articles exactly as the newsroom's own would be; the next batch is written
/// while this one is saved.
public struct CorpusNewsroom: Sendable {
    public static let sections = ["News", "Politics", "Business", "World", "Sport", "Culture", "Science", "Opinion"]
    static let batchSize = 2_000

    let stores: Stores
    let clock: WallClock
    let mediaDirectory: String
    let seed: UInt64

    public init(stores: Stores, clock: WallClock, mediaDirectory: String, seed: UInt64 = 7) {
        self.stores = stores
        self.clock = clock
        self.mediaDirectory = mediaDirectory
        self.seed = seed
    }

    /// Fills an empty site with `count` articles, calling `progress` with the number
    /// written so far after each batch. Returns `false` when the site already had articles.
    @discardableResult
    public func fillIfEmpty(articles count: Int, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Bool {
        guard try await stores.articles.count() == 0 else { return false }
        let now = clock.now
        var settings = DemoNewsroom.settings(baseURL: try await stores.site.settings()?.baseURL ?? SiteSettings.initial.baseURL)
        settings.name = "The Generated Gazette"
        settings.tagline = "A made-up newsroom of \(count.formatted()) articles"
        try await stores.site.saveSettings(settings)
        let cast = try await makeCast(for: count)
        let plan = CorpusPlan(count: count, now: now, seed: seed, cast: cast)
        let publishing = Publishing(stores: stores, clock: clock)

        var written = 0
        var newest: [ArticleID] = []
        var pending = Task { plan.articles(0..<min(Self.batchSize, count)) }
        while written < count {
            let batch = await pending.value
            let next = written + batch.count
            pending = Task { plan.articles(next..<min(next + Self.batchSize, count)) }
            newest = Array((newest + (try await publishing.saveNew(batch))).suffix(2_000))
            written = next
            progress(written)
        }
        try await stores.audience.add(plan.viewHistory(newestFirst: newest.reversed()))
        let recent = try await stores.articles.list(.all, page: PageRequest(page: 1, perPage: 40), now: now).items.map(\.id)
        try await stores.site.setCuratedList(.topStories, to: Array(recent.prefix(5)))
        try await stores.site.setCuratedList(.editorsPicks, to: stride(from: 7, to: recent.count, by: 6).map { recent[$0] })
        return true
    }

    /// Sections, authors and tags, sized to the archive the way a newsroom's staff and topics grow.
    private func makeCast(for count: Int) async throws -> CorpusPlan.Cast {
        var random = CorpusRandom(seed: seed ^ 0xCA57)
        var sections: [SectionID] = []
        for (position, name) in Self.sections.enumerated() {
            let section = try await stores.taxonomy.saveSection(
                slug: Slug(from: name)!,
                name: name,
                description: "Generated \(name.lowercased()) coverage.",
                position: position
            )
            sections.append(section.id)
        }
        var authors: [AuthorID] = []
        var authorSlugs = Set<String>()
        while authors.count < min(400, max(12, count / 2_500)) {
            let name = CorpusText.name(&random) + " " + CorpusText.name(&random)
            guard let slug = Slug(from: name), authorSlugs.insert(slug.rawValue).inserted else { continue }
            let author = try await stores.taxonomy.saveAuthor(
                slug: slug,
                name: name,
                bio: "\(name) is a generated reporter.",
                photoURL: nil,
                role: "Reporter"
            )
            authors.append(author.id)
        }
        var tags: [TagID] = []
        var tagSlugs = Set<String>()
        while tags.count < min(5_000, max(40, count / 200)) {
            let name = random.next(3) == 0 ? CorpusText.name(&random) + " " + CorpusText.name(&random) : CorpusText.name(&random)
            guard let slug = Slug(from: name), tagSlugs.insert(slug.rawValue).inserted else { continue }
            tags.append(try await stores.taxonomy.findOrCreateTag(slug: slug, name: name).id)
        }
        let images = try sections.indices.map { try CorpusArtwork.write(section: $0, into: mediaDirectory) }
        return CorpusPlan.Cast(sections: sections, authors: authors, tags: tags, images: images)
    }
}
