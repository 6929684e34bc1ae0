import Foundation
import MastheadCore
import Testing

@Suite("Dates in the site's zone")
struct SiteDateFormatterTests {
    let newYork = SiteDateFormatter(timeZone: TimeZone(identifier: "America/New_York")!)

    @Test func winterTimesShowEasternStandardTime() {
        // 2016-12-30 23:17 UTC
        #expect(newYork.dateTime(Date(timeIntervalSince1970: 1_483_139_820)) == "Dec 30, 2016 06:17 PM EST")
    }

    @Test func summerTimesShowEasternDaylightTime() {
        // 2016-07-04 13:00 UTC
        #expect(newYork.dateTime(Date(timeIntervalSince1970: 1_467_637_200)) == "Jul 04, 2016 09:00 AM EDT")
    }

    @Test func theHourAcrossTheSpringChangeIsCountedOnce() {
        // 2026-03-08 06:59 UTC is 01:59 EST; a minute later clocks jump to 03:00 EDT.
        let before = Date(timeIntervalSince1970: 1_772_953_140)
        #expect(newYork.dateTime(before) == "Mar 08, 2026 01:59 AM EST")
        #expect(newYork.dateTime(before.addingTimeInterval(60)) == "Mar 08, 2026 03:00 AM EDT")
    }

    @Test func otherZonesUseTheirOwnAbbreviations() {
        let london = SiteDateFormatter(timeZone: TimeZone(identifier: "Europe/London")!)
        #expect(london.dateTime(Date(timeIntervalSince1970: 1_467_637_200)) == "Jul 04, 2016 02:00 PM BST")
        let tokyo = SiteDateFormatter(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.dateTime(Date(timeIntervalSince1970: 1_467_637_200)) == "Jul 04, 2016 10:00 PM JST")
        // Central Europe takes its name from British English data.
        let paris = SiteDateFormatter(timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(paris.dateTime(Date(timeIntervalSince1970: 1_467_637_200)) == "Jul 04, 2016 03:00 PM CEST")
        let utc = SiteDateFormatter(timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.dateTime(Date(timeIntervalSince1970: 1_467_637_200)) == "Jul 04, 2016 01:00 PM UTC")
    }

    @Test func urlDaysFollowTheSiteZoneNotUTC() {
        // 2016-12-31 03:00 UTC is still 30 December in New York.
        let day = newYork.components(Date(timeIntervalSince1970: 1_483_153_200))
        #expect(day.year == 2016 && day.month == 12 && day.day == 30)
    }

    @Test func impossibleDaysHaveNoRange() {
        #expect(newYork.dayRange(year: 2026, month: 2, day: 30) == nil)
        #expect(newYork.dayRange(year: 2026, month: 13, day: 1) == nil)
        #expect(newYork.dayRange(year: 2024, month: 2, day: 29) != nil)
    }

    @Test func theDayOfTheFallChangeLastsTwentyFiveHours() throws {
        let range = try #require(newYork.dayRange(year: 2026, month: 11, day: 1))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == 25 * 3600)
    }

    @Test func isoTimesCarryTheOffset() {
        #expect(newYork.iso8601(Date(timeIntervalSince1970: 1_483_139_820)) == "2016-12-30T18:17:00-05:00")
    }
}
