import Benchmark
import Foundation
import MastheadApp
import MastheadCore
@_spi(Benchmarks) import MastheadWeb

/// The functions a reader's request or a newsroom's save runs through, measured
/// alone: wall clock and allocations per call.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    // Saving an article renders its Markdown once; this is that cost for 1,000 words.
    let article = Samples.thousandWordArticle
    Benchmark("Markdown: render a 1,000-word article") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(MarkdownRenderer.render(article)) }
    }

    // A cache hit: look up the page, and it is already assembled with the current sidebar.
    let cache = PageCache()
    let sidebar = RenderedSidebar(html: Samples.sidebar)
    let other = RenderedSidebar(html: Samples.sidebar + "<!-- changed -->")
    cache.store("/2026/11/30/harbor", page: RenderedPage(html: Samples.page, lastModified: Date()), sidebar: sidebar)
    Benchmark("Page cache: hit, sidebar unchanged") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(cache.lookup("/2026/11/30/harbor", sidebar: sidebar)) }
    }
    // The first hit after the sidebar changed reassembles the page from its two cached halves.
    // Each iteration changes the sidebar twice, so both lookups reassemble.
    Benchmark("Page cache: reassemble with a new sidebar, twice") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cache.lookup("/2026/11/30/harbor", sidebar: other))
            blackHole(cache.lookup("/2026/11/30/harbor", sidebar: sidebar))
        }
    }

    // The view beacon's work: dedupe by salted visitor hash and count.
    let counter = ViewCounter()
    let now = Date()
    Benchmark("View counter: record a view") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(
                counter.record(
                    article: ArticleID(Int64(index % 5_000)),
                    address: "203.0.113.\(index % 250)",
                    userAgent: "Mozilla/5.0 reader-\(index)",
                    referrerDomain: nil,
                    at: now
                )
            )
        }
        blackHole(counter.drain())
    }

    // Trending is recomputed every 30 s from hourly counts: 100,000 articles, four hours each.
    let hour = HourlyViews.hour(of: now)
    var rows: [HourlyViews] = []
    for article in 0..<100_000 {
        for offset in 0..<4 {
            let views = (article * 7 + offset) % 90
            rows.append(HourlyViews(article: ArticleID(Int64(article)), hour: hour - Int64(offset * 6), views: views))
        }
    }
    Benchmark("Trending: rank 100,000 articles", configuration: .init(maxIterations: 50)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(TrendingScore().rank(rows, currentHour: hour, limit: 5)) }
    }

    // A cache miss starts with the article by slug: a primary-key-sized lookup in SQLite.
    Benchmark("Store: article by slug (SQLite, 2,000 articles)", configuration: .init(maxIterations: 20_000)) { benchmark in
        let (stores, slugs) = try await Samples.site.value
        for index in benchmark.scaledIterations {
            blackHole(try await stores.articles.article(slug: slugs[index % slugs.count]))
        }
    }
}

enum Samples {
    /// About 1,000 words of Markdown in news shape: paragraphs, a subheading, a quote, links and emphasis.
    static let thousandWordArticle: String = {
        let paragraph = """
            The harbor board met on Tuesday evening to weigh the *final* design for the seawall, \
            which engineers say must rise by at least a metre before the winter storms. Residents \
            of the lower streets, several of whom spoke at the meeting, asked for [the survey](https://example.org/survey) \
            to be published in full before any vote is taken, and for **night work** to be limited.
            """
        var text = ""
        for index in 0..<16 {
            if index == 6 { text += "## What happens next\n\n" }
            if index == 9 { text += "> \"We have waited long enough,\" said one resident.\n\n" }
            text += paragraph + "\n\n"
        }
        return text
    }()

    static let sidebar = String(repeating: "<li><a href=\"/2026/11/30/story\">A headline of a usual length for a list</a></li>\n", count: 20)

    static let page: String = {
        let body = String(repeating: "<p>" + String(repeating: "Words of an article body. ", count: 40) + "</p>\n", count: 25)
        return "<!doctype html><html><head><title>Story</title></head><body><main>" + body + "</main>"
            + RenderedPage.sidebarMarker + "<footer>Footer</footer></body></html>"
    }()

    /// Generated once, on first use, for every sample.
    static let site = Task { try await generatedSite() }

    /// A generated 2,000-article site in a temporary folder, and its slugs.
    static func generatedSite() async throws -> (Stores, [Slug]) {
        var configuration = AppConfiguration()
        configuration.dataDirectory = NSTemporaryDirectory() + "masthead-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        _ = try await Maintenance.fillCorpus(configuration, articles: 2_000, seed: 7)
        let stores = try Maintenance.openStores(configuration)
        let slugs = try await stores.articles.list(.all, page: PageRequest(page: 1, perPage: 100), now: Date()).items.map(\.slug)
        return (stores, slugs)
    }
}
