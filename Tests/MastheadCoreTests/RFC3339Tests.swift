import Foundation
import MastheadCore
import Testing

@Suite("RFC 3339 date-times")
struct RFC3339Tests {
    @Test(arguments: [
        ("2026-12-04T09:30:00Z", 1_796_376_600.0),
        ("2026-12-04t09:30:00z", 1_796_376_600.0),
        ("2026-12-04T10:30:00+01:00", 1_796_376_600.0),
        ("2026-12-04T09:30:00.250Z", 1_796_376_600.25),
        ("2026-12-05T09:18:00+23:48", 1_796_376_600.0),
        ("2026-12-03T09:42:00-23:48", 1_796_376_600.0),
    ])
    func reads(_ text: String, _ seconds: Double) {
        #expect(RFC3339.date(from: text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2026-12-04", "2026-12-04T09:30:00", "2026-13-04T09:30:00Z", "2026-02-30T09:30:00Z", "2026-12-04T24:00:00Z", "2026-12-04T09:30:00+24:00",
        "2026-12-04T09:30:00.Z", "2026-12-04T09:30:00Z ", "２０２６-12-04T09:30:00Z", "",
    ])
    func refuses(_ text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
