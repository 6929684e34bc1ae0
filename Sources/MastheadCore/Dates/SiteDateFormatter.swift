import Foundation

/// Prints dates the way the site's readers expect: in the site's zone, with the
/// zone's abbreviation for that moment, so daylight saving shows
/// (`Dec 30, 2016 06:17 PM EST`, `Jul 04, 2016 09:00 AM EDT`).
public struct SiteDateFormatter: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// `Dec 30, 2016 06:17 PM EST`
    public func dateTime(_ date: Date) -> String {
        "\(format(date, "MMM dd, yyyy hh:mm a")) \(abbreviation(for: date))"
    }

    /// `Dec 30, 2016`
    public func day(_ date: Date) -> String {
        format(date, "MMM dd, yyyy")
    }

    /// `December 2016`, for archive headings.
    public func monthAndYear(_ date: Date) -> String {
        format(date, "MMMM yyyy")
    }

    /// The calendar day in the site's zone, for article URLs and archives.
    public func components(_ date: Date) -> (year: Int, month: Int, day: Int) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The instants where a calendar day in the site's zone starts and ends.
    public func dayRange(year: Int, month: Int, day: Int) -> Range<Date>? {
        guard (1...12).contains(month), (1...31).contains(day), (1...9999).contains(year) else { return nil }
        var parts = DateComponents(year: year, month: month, day: day)
        parts.timeZone = timeZone
        guard let start = calendar.date(from: parts) else { return nil }
        // Reject dates the calendar would roll over (Feb 30 → Mar 2).
        let check = components(start)
        guard check.year == year, check.month == month, check.day == day else { return nil }
        guard let end = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
        return start..<end
    }

    /// Machine-readable time for `<time datetime>` and structured data.
    public func iso8601(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: timeZone)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return date.formatted(style)
    }

    /// The zone's abbreviation at that moment. ICU only knows some abbreviations in
    /// some English locales (`BST` in en_GB, `AEDT` in en_AU), so try those before
    /// settling for `GMT+1`.
    public func abbreviation(for date: Date) -> String {
        if timeZone.identifier == "UTC" || timeZone.identifier == "GMT" { return "UTC" }
        var fallback = ""
        for locale in Self.abbreviationLocales {
            let name = makeFormatter("zzz", locale: locale).string(from: date)
            if fallback.isEmpty { fallback = name }
            // Only a short all-capitals Latin name counts (BST, AEDT, JST), never a localised offset.
            let isAbbreviation = (2...5).contains(name.count) && name.allSatisfy { $0.isASCII && $0.isUppercase }
            if isAbbreviation && (!name.hasPrefix("GMT") || name == "GMT") && !name.hasPrefix("UTC") { return name }
        }
        return fallback
    }

    /// Locales whose ICU data knows the common abbreviations of their regions.
    static let abbreviationLocales = ["en_US", "en_GB", "en_AU", "en_IN", "en_NZ", "en_ZA", "en_CA", "en_HK", "en_SG", "ja_JP", "pt_BR"]

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        makeFormatter(pattern, locale: "en_US_POSIX").string(from: date)
    }

    // DateFormatter is not Sendable, so each call makes its own; formatting happens
    // when pages are rendered into the cache, not per request.
    private func makeFormatter(_ pattern: String, locale: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }
}
