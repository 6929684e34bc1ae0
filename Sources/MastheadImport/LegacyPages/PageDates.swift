import Foundation

/// A moment as a page printed it: the instant and the offset it was shown in,
/// so "08:42 AM EDT" comes back as `2019-03-14T08:42:00-04:00`, not as UTC.
public struct PageDate: Sendable, Hashable {
    public var date: Date
    public var offsetSeconds: Int
    /// False when the page gave no zone and `fallbackZone` was assumed.
    public var zoneWasGiven: Bool

    /// The calendar day where the page was, "2020-01-06".
    var day: Substring { iso8601.prefix(10) }

    public var iso8601: String {
        let zone = TimeZone(secondsFromGMT: offsetSeconds) ?? .gmt
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        var text = formatter.string(from: date)
        if text.hasSuffix("Z") { text = String(text.dropLast()) + "+00:00" }
        return text
    }
}

/// Reads the dates legacy pages print: ISO 8601 from metadata, and the many
/// ways bylines write them ("5 November 2021, 14:10 GMT", "Mar 14, 2019 08:42
/// AM EDT", "March 14, 2019 at 8:42 p.m. ET", "14.03.2019 08:42").
public enum PageDates {
    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        // The month names of the languages newsrooms most often import from.
        let other: [[String]] = [
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
        ]
        for language in other {
            for (index, name) in language.enumerated() where table[name] == nil { table[name] = index + 1 }
        }
        for (name, month) in [
            "jän": 1, "mär": 3, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
        ] {
            table[name] = month
        }
        return table
    }()

    /// Fixed abbreviations; North American "ET"/"CT"/"MT"/"PT" depend on the date (DST).
    static let fixedZones: [String: Int] = [
        "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 3600, "WEST": 3600, "CET": 3600, "CEST": 7200, "MEZ": 3600, "MESZ": 7200, "EET": 7200,
        "EEST": 10800, "MSK": 10800, "IST": 19800, "SGT": 28800, "HKT": 28800, "AWST": 28800, "JST": 32400, "KST": 32400, "ACST": 34200,
        "AEST": 36000, "AEDT": 39600, "NZST": 43200, "NZDT": 46800, "SAST": 7200, "WAT": 3600, "EAT": 10800, "EST": -18000, "EDT": -14400,
        "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200, "AKST": -32400, "AKDT": -28800,
        "HST": -36000, "AST": -14400, "ADT": -10800, "NST": -12600, "NDT": -9000,
    ]
    static let regionalZones: [String: String] = [
        "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles", "UK": "Europe/London",
    ]

    static let isoPattern = Pattern(
        #"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.:][0-9]+)?)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?$"#
    )
    static let isoInText = Pattern(#"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"#)
    /// "14.03.2019", "14/03/2019", and with dots only a two-digit year: "23.09.22".
    static let numericDate = Pattern(#"^([0-9]{1,2})(?:[./]([0-9]{1,2})[./]([0-9]{4})|\.([0-9]{1,2})\.([0-9]{2}))$"#)
    static let clock = Pattern(#"^([0-9]{1,2})[:.h]([0-9]{2})(?::[0-9]{2})?(?:h|Uhr)?$"#)
    static let compactClock = Pattern(#"^([0-9]{1,2})(?::([0-9]{2}))?(am|pm)$"#)
    static let numericOffset = Pattern(#"^([+-])([0-9]{2}):?([0-9]{2})$"#)
    static let zoneOffset = Pattern(#"^(?:GMT|UTC)([+-])([0-9]{1,2}):?([0-9]{2})?$"#, caseInsensitive: false)

    static let updatedWord = Pattern(
        #"\b(updated|modified|last updated|aktualisiert|geändert|letzte änderung|mis à jour|actualizado|actualización|aggiornato|bijgewerkt)\b"#
    )
    static let publishedWord = Pattern(#"\b(published|posted|veröffentlicht|erschienen|gepostet|publié|publicado|pubblicato|gepubliceerd)\b"#)
    /// Between the parts of a dateline; a dash is not one ("Thursday, 8 June 2017 - 14:20 BST").
    static let datelineSeparators = Pattern(#"\s*(?:\||·|•)\s*"#, caseInsensitive: false)

    /// The publication and update times in a printed dateline, each part read on its
    /// own: "Published 4 May 2021, 10:00 CEST · Updated 4 May 2021, 15:45 CEST",
    /// "Veröffentlicht … Aktualisiert …", "Publié le … Mis à jour le …".
    public static func dateline(_ line: String, fallbackZone: TimeZone) -> (published: PageDate?, updated: PageDate?) {
        // An update or publication word starts a new part even where no separator precedes
        // it: "Letzte Änderung: 31.10.2023 - 14:49 Erschienen am: 01.11.2023".
        var marked = line
        for word in [updatedWord, publishedWord] {
            if let match = word.firstMatch(in: marked), match.range.lowerBound > marked.startIndex {
                marked = String(marked[..<match.range.lowerBound]) + " | " + String(marked[match.range.lowerBound...])
            }
        }
        var published: PageDate?
        var updated: PageDate?
        for part in datelineSeparators.split(marked) {
            guard let date = find(in: String(part), fallbackZone: fallbackZone) else { continue }
            if updatedWord.matches(String(part)) {
                updated = updated ?? date
            } else if published == nil {
                published = date
            }
        }
        return (published, updated)
    }

    /// An ISO 8601 date-time with or without an offset (`2022-06-18T07:30:00+02:00`).
    public static func iso(_ text: String, fallbackZone: TimeZone) -> PageDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let match = Self.isoPattern.firstMatch(in: trimmed), let year = match[1].flatMap({ Int($0) }),
            let month = match[2].flatMap({ Int($0) }), let day = match[3].flatMap({ Int($0) })
        else { return nil }
        let offset = match[7].map { zone -> Int in
            guard zone != "Z" else { return 0 }
            let digits = zone.dropFirst().filter(\.isNumber)
            let hours = Int(digits.prefix(2)) ?? 0
            let minutes = Int(digits.suffix(2)) ?? 0
            return (zone.first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return make(
            year: year,
            month: month,
            day: day,
            hour: match[4].flatMap { Int($0) } ?? 0,
            minute: match[5].flatMap { Int($0) } ?? 0,
            second: match[6].flatMap { Int($0) } ?? 0,
            offset: offset,
            regional: nil,
            fallbackZone: fallbackZone
        )
    }

    /// Whether a line opens with a date ("January 13, 2020 at 08:45", "13. Januar 2020 |",
    /// "Tuesday, 4 May 2021"): its first three words hold one.
    static func startsWithDate(_ line: String) -> Bool {
        let opening = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).prefix(3).joined(separator: " ")
        return find(in: opening, fallbackZone: .gmt) != nil
    }

    /// The first date (with its time and zone, when printed) in a line of text.
    public static func find(in text: String, fallbackZone: TimeZone) -> PageDate? {
        // Every date has digits; most lines a recogniser asks about have none.
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if let isoMatch = isoInText.firstMatch(in: text), let date = iso(String(text[isoMatch.range]), fallbackZone: fallbackZone) {
            return date
        }
        // "14 de marzo de 2020", "le 3 mars 2020": the little words between go.
        let words = text.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "|", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            .filter { !["de", "del", "di", "of", "the", "le"].contains($0.lowercased()) }
        var year: Int?
        var month: Int?
        var day: Int?
        var index = 0
        // Day, month and year in either order: "5 November 2021", "Mar 14 2019", "14.03.2019".
        while index < words.count && year == nil {
            let word = words[index].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            if word.first?.isASCII == true, word.first?.isNumber == true, let numeric = numericDate.firstMatch(in: word) {
                day = numeric[1].flatMap { Int($0) }
                if let fullYear = numeric[3].flatMap({ Int($0) }) {
                    month = numeric[2].flatMap { Int($0) }
                    year = fullYear
                } else if let shortYear = numeric[5].flatMap({ Int($0) }) {
                    month = numeric[4].flatMap { Int($0) }
                    year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
                }
            } else if let name = months[word] {
                month = name
                if index > 0, let before = Int(words[index - 1].filter(\.isNumber)), (1...31).contains(before) { day = before }
                if index + 1 < words.count, day == nil, let after = Int(words[index + 1].filter(\.isNumber)), (1...31).contains(after) {
                    day = after
                    index += 1
                }
                if index + 1 < words.count, let after = Int(words[index + 1]), (1900...2100).contains(after) {
                    year = after
                    index += 1
                }
            }
            index += 1
        }
        guard let year, let month, let day else { return nil }
        // The time and zone, before or after the date: "14:10 GMT", "08:42 AM EDT",
        // "8:42 p.m. ET", "9:40 PM CST, Sat May 18, 2024".
        var hour = 0
        var minute = 0
        var offset: Int?
        var regional: String?
        var sawTime = false
        for (position, raw) in words.enumerated() {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: "(),"))
            let lower = word.lowercased()
            let hasDigit = word.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            if !sawTime, hasDigit, let time = clock.firstMatch(in: word), let h = time[1].flatMap({ Int($0) }), let m = time[2].flatMap({ Int($0) }),
                h < 24, m < 60
            {
                hour = h
                minute = m
                sawTime = true
                // "4:15 p.m." / "4:15pm"
                let next = position + 1 < words.count ? words[position + 1].lowercased() : ""
                if ["pm", "p.m.", "p.m"].contains(next) && hour < 12 { hour += 12 }
                if ["am", "a.m.", "a.m"].contains(next) && hour == 12 { hour = 0 }
                continue
            }
            if !sawTime, hasDigit, let compact = compactClock.firstMatch(in: lower), let h = compact[1].flatMap({ Int($0) }), h <= 12 {
                hour = compact[3] == "pm" ? h % 12 + 12 : h % 12
                minute = compact[2].flatMap { Int($0) } ?? 0
                sawTime = true
                continue
            }
            guard offset == nil && regional == nil, word == word.uppercased() else { continue }
            if sawTime, hasDigit, let numeric = numericOffset.firstMatch(in: word) {
                offset = (numeric[1] == "-" ? -1 : 1) * ((numeric[2].flatMap { Int($0) } ?? 0) * 3600 + (numeric[3].flatMap { Int($0) } ?? 0) * 60)
                continue
            }
            if let fixed = fixedZones[word] {
                offset = fixed
            } else if let zone = regionalZones[word] {
                regional = zone
            } else if hasDigit, let numeric = zoneOffset.firstMatch(in: word) {
                offset = (numeric[1] == "-" ? -1 : 1) * ((numeric[2].flatMap { Int($0) } ?? 0) * 3600 + (numeric[3].flatMap { Int($0) } ?? 0) * 60)
            }
        }
        return make(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: 0,
            offset: offset,
            regional: regional,
            fallbackZone: fallbackZone
        )
    }

    static func make(
        year: Int,
        month: Int,
        day: Int,
        hour: Int,
        minute: Int,
        second: Int,
        offset: Int?,
        regional: String?,
        fallbackZone: TimeZone
    )
        -> PageDate?
    {
        var calendar = Calendar(identifier: .gregorian)
        let zone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? regional.flatMap { TimeZone(identifier: $0) } ?? fallbackZone
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return PageDate(date: date, offsetSeconds: zone.secondsFromGMT(for: date), zoneWasGiven: offset != nil || regional != nil)
    }
}
