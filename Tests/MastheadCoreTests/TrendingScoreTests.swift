import MastheadCore
import Testing

@Suite("Trending score")
struct TrendingScoreTests {
    let scoring = TrendingScore()
    let now: Int64 = 500_000

    func history(_ article: Int64, baselinePerHour: Int, recentPerHour: Int) -> [HourlyViews] {
        var rows: [HourlyViews] = []
        for hour in (now - 26)...now {
            let views = hour > now - 3 ? recentPerHour : baselinePerHour
            rows.append(HourlyViews(article: ArticleID(article), hour: hour, views: views))
        }
        return rows
    }

    @Test func aStorySurgingAgainstItsOwnBaselineOutranksABigSteadyOne() {
        let steady = history(1, baselinePerHour: 500, recentPerHour: 520)
        let surging = history(2, baselinePerHour: 20, recentPerHour: 150)
        let ranked = scoring.rank(steady + surging, currentHour: now, limit: 5)
        #expect(ranked.first?.article == ArticleID(2))
    }

    @Test func fallingStoriesNeverTrend() {
        let falling = history(3, baselinePerHour: 200, recentPerHour: 50)
        #expect(scoring.rank(falling, currentHour: now, limit: 5).isEmpty)
    }

    @Test func aHandfulOfViewsOnAnOldStoryIsBelowTheFloor() {
        let rows = [HourlyViews(article: ArticleID(4), hour: now, views: 3)]
        #expect(scoring.rank(rows, currentHour: now, limit: 5).isEmpty)
    }

    @Test func smoothingKeepsBrandNewStoriesFinite() {
        let score = scoring.score(recentViews: 30, baselineViews: 0)
        #expect(score.isFinite)
        #expect(score == 10.0 / 2.0)
    }

    @Test func rowsOutsideTheWindowsAreIgnored() {
        let old = [HourlyViews(article: ArticleID(5), hour: now - 100, views: 10_000)]
        let future = [HourlyViews(article: ArticleID(6), hour: now + 5, views: 10_000)]
        #expect(scoring.rank(old + future, currentHour: now, limit: 5).isEmpty)
    }
}
