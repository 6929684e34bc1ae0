import Foundation
import Hummingbird
import MastheadCore

/// The audience dashboard: what is read now, what is rising, views over time and
/// where readers come from.
struct AudienceController: Sendable {
    let admin: AdminSite
    let counter: ViewCounter

    struct Row: Sendable {
        var headline: String
        var url: String
        var figure: String
    }

    struct Referrer: Sendable {
        var domain: String
        var views: Int
    }

    struct Page: Sendable {
        var chrome: AdminChrome
        var chart: SafeHTML
        var total48h: Int
        var popular: [Row]
        var trending: [Row]
        var referrers: [Referrer]
        var counted: Int
        var duplicates: Int
        var bots: Int
        var overBudget: Int
        var shed: Int
    }

    func index(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.curateLists)
        let now = admin.clock.now
        let hour = HourlyViews.hour(of: now)
        let snapshot = try await admin.reader.snapshot()
        let formatter = snapshot.formatter
        let perHour = try await admin.stores.audience.viewsPerHour(fromHour: hour - 47, article: nil)
        let bars = (hour - 47...hour).map { h in
            BarChart.Bar(value: perHour[h] ?? 0, label: formatter.hourLabel(Date(timeIntervalSince1970: Double(h) * 3600)))
        }
        let totals = try await admin.stores.audience.totals(fromHour: hour - 23)
        let popularity = Popularity(stores: admin.stores, clock: admin.clock)
        let popular = try await popularity.mostPopular(limit: 10).map {
            Row(headline: $0.headline, url: "/admin/articles/\($0.id)", figure: "\(totals[$0.id] ?? 0) views in 24 h")
        }
        let rows = try await admin.stores.audience.hourly(fromHour: popularity.trending.firstHour(currentHour: hour))
        let scores = Dictionary(uniqueKeysWithValues: popularity.trending.rank(rows, currentHour: hour, limit: 10).map { ($0.article, $0.score) })
        let trending = try await admin.stores.articles.summaries(ids: Array(scores.keys), now: now)
            .sorted { (scores[$0.id] ?? 0) > (scores[$1.id] ?? 0) }
            .map { Row(headline: $0.headline, url: "/admin/articles/\($0.id)", figure: String(format: "rising %.1f×σ", scores[$0.id] ?? 0)) }
        let day = Int64((now.timeIntervalSince1970 / 86_400).rounded(.down))
        let referrers = try await admin.stores.audience.topReferrers(fromDay: day - 6, article: nil, limit: 15).map {
            Referrer(domain: $0.domain, views: $0.views)
        }
        let statistics = counter.statistics
        let page = Page(
            chrome: AdminChrome(context.session),
            chart: BarChart.svg(bars, title: "Views per hour, last 48 hours"),
            total48h: perHour.values.reduce(0, +),
            popular: popular,
            trending: trending,
            referrers: referrers,
            counted: statistics.counted,
            duplicates: statistics.duplicates,
            bots: statistics.bots,
            overBudget: statistics.overBudget,
            shed: statistics.shed
        )
        return try admin.page(page, template: "audience")
    }

    /// Per-article figures for the editor: views in 24 h and 7 days, and 14 days as a chart.
    static func articleStats(_ article: ArticleID, stores: Stores, now: Date, formatter: SiteDateFormatter) async throws -> EditorPage.Stats {
        let hour = HourlyViews.hour(of: now)
        let day = Int64((now.timeIntervalSince1970 / 86_400).rounded(.down))
        let daily = try await stores.audience.viewsPerDay(fromDay: day - 13, article: article)
        let hourly = try await stores.audience.viewsPerHour(fromHour: hour - 23, article: article)
        let bars = (day - 13...day).map { d in
            BarChart.Bar(value: daily[d] ?? 0, label: formatter.dayLabel(Date(timeIntervalSince1970: Double(d) * 86_400)))
        }
        return EditorPage.Stats(
            last24h: hourly.values.reduce(0, +),
            last7d: (day - 6...day).reduce(0) { $0 + (daily[$1] ?? 0) },
            chart: BarChart.svg(bars, width: 360, height: 80, title: "Views per day, last 14 days"),
            referrers: try await stores.audience.topReferrers(fromDay: day - 6, article: article, limit: 5).map { "\($0.domain) (\($0.views))" }
                .joined(separator: ", ")
        )
    }
}

extension SiteDateFormatter {
    /// `30 Nov 14h`, for chart axes.
    func hourLabel(_ date: Date) -> String {
        let parts = Calendar.gregorian(in: timeZone).dateComponents([.day, .hour], from: date)
        return "\(parts.day ?? 0)·\(String(format: "%02d", parts.hour ?? 0))h"
    }

    func dayLabel(_ date: Date) -> String {
        String(day(date).prefix(6))
    }
}
