import Foundation
import MastheadCore

/// A plausible week of readership for the demo, so Most Popular and Trending
/// have something true to rank: each story is read most in its first hours and
/// less each day after, busier by day than by night; stories flagged trending
/// get a surge in the last three hours.
enum DemoAudience {
    static func history(for stories: [DemoStory], ids: [String: ArticleID], now: Date) -> [HourlyViews] {
        let currentHour = HourlyViews.hour(of: now)
        var rows: [HourlyViews] = []
        for story in stories {
            guard let id = ids[story.slug] else { continue }
            var random = SeededRandom("views-" + story.slug)
            let publishedHour = HourlyViews.hour(of: now.addingTimeInterval(-story.hoursAgo * 3600))
            let firstHour = max(publishedHour, currentHour - 24 * 8)
            guard firstHour <= currentHour else { continue }
            for hour in firstHour...currentHour {
                let age = Double(hour - publishedHour)
                let hourOfDay = Int((hour - 5) % 24)  // roughly Eastern time
                let daytime = (7...22).contains(hourOfDay) ? 1.0 : 0.25
                var views = 60 * story.interest * daytime * exp(-age / 30) + Double(random.next(4))
                if story.isTrending, currentHour - hour < 3 { views += 40 * story.interest + Double(random.next(20)) }
                if views >= 1 { rows.append(HourlyViews(article: id, hour: hour, views: Int(views))) }
            }
        }
        return rows
    }
}
