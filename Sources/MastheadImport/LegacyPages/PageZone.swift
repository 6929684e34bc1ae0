import Foundation

/// The time zone a saved page's readers lived in, from what the page says about
/// itself: a language tag with a country (`lang="pt-BR"`, `og:locale` `es_AR`),
/// the country of its address (`lanacion.com.ar`), then a language spoken in one
/// zone (`de`, `fr`, `ja`).
///
/// Metadata usually gives times in UTC (`2022-05-04T00:25:56Z`) while the page
/// itself printed "3 May 2022, 21:25": the instant is the same, but the day the
/// newsroom published on is the local one. A page that names no single zone
/// (`lang="en"` on a `.com`) gets none; the importer's zone is used instead.
enum PageZone {
    static func infer(languageTags: [String], url: String?) -> TimeZone? {
        let tags = languageTags.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }.filter { !$0.isEmpty }
        // A tag's own country: "es-ar", "pt-br". Not "en-us": it is the default locale of
        // WordPress and most other systems, and says nothing of where the newsroom is.
        for tag in tags where tag != "en-us" {
            let parts = tag.split(separator: "-")
            if parts.count >= 2, let zone = countryZone(String(parts[1])) { return zone }
        }
        // The country of the address: the last label, or "ar" in "com.ar" (not ".co",
        // which is sold worldwide as a short ".com").
        if let host = url.flatMap({ URL(string: $0)?.host?.lowercased() }), let country = host.split(separator: ".").last,
            country.count == 2, country != "co", let zone = countryZone(country == "uk" ? "gb" : String(country))
        {
            return zone
        }
        for tag in tags {
            if let language = tag.split(separator: "-").first, let identifier = languageZones[String(language)] {
                return TimeZone(identifier: identifier)
            }
        }
        return nil
    }

    static func countryZone(_ country: String) -> TimeZone? {
        countryZones[country].flatMap { TimeZone(identifier: $0) }
    }

    /// Languages whose speakers live almost all in one zone. English, Spanish,
    /// Portuguese and Arabic are not among them: they need a country.
    static let languageZones: [String: String] = [
        "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw",
        "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
        "el": "Europe/Athens", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo", "nn": "Europe/Oslo",
        "no": "Europe/Oslo", "fi": "Europe/Helsinki", "et": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius",
        "sl": "Europe/Ljubljana", "hr": "Europe/Zagreb", "sr": "Europe/Belgrade", "uk": "Europe/Kyiv", "ru": "Europe/Moscow",
        "tr": "Europe/Istanbul", "he": "Asia/Jerusalem", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "zh": "Asia/Shanghai",
        "th": "Asia/Bangkok", "vi": "Asia/Ho_Chi_Minh", "id": "Asia/Jakarta", "is": "Atlantic/Reykjavik", "ga": "Europe/Dublin",
        "ca": "Europe/Madrid", "eu": "Europe/Madrid", "gl": "Europe/Madrid",
    ]

    static let countryZones: [String: String] = [
        "us": "America/New_York", "ca": "America/Toronto", "mx": "America/Mexico_City", "gb": "Europe/London", "ie": "Europe/Dublin",
        "au": "Australia/Sydney", "nz": "Pacific/Auckland", "in": "Asia/Kolkata", "za": "Africa/Johannesburg", "ng": "Africa/Lagos",
        "ke": "Africa/Nairobi", "eg": "Africa/Cairo", "ma": "Africa/Casablanca", "de": "Europe/Berlin", "at": "Europe/Vienna",
        "ch": "Europe/Zurich", "fr": "Europe/Paris", "be": "Europe/Brussels", "nl": "Europe/Amsterdam", "lu": "Europe/Luxembourg",
        "es": "Europe/Madrid", "pt": "Europe/Lisbon", "it": "Europe/Rome", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
        "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "gr": "Europe/Athens",
        "dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "ee": "Europe/Tallinn",
        "lv": "Europe/Riga", "lt": "Europe/Vilnius", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb", "rs": "Europe/Belgrade",
        "ua": "Europe/Kyiv", "ru": "Europe/Moscow", "tr": "Europe/Istanbul", "il": "Asia/Jerusalem", "ae": "Asia/Dubai",
        "sa": "Asia/Riyadh", "pk": "Asia/Karachi", "bd": "Asia/Dhaka", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "cn": "Asia/Shanghai",
        "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore", "my": "Asia/Kuala_Lumpur", "id": "Asia/Jakarta",
        "ph": "Asia/Manila", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "ar": "America/Argentina/Buenos_Aires",
        "br": "America/Sao_Paulo", "cl": "America/Santiago", "co": "America/Bogota", "pe": "America/Lima", "ve": "America/Caracas",
        "bo": "America/La_Paz", "ec": "America/Guayaquil", "uy": "America/Montevideo", "py": "America/Asuncion", "cu": "America/Havana",
        "is": "Atlantic/Reykjavik",
    ]
}

extension PageDate {
    /// The same instant shown in `zone`, when the page gave it in UTC: metadata's
    /// `Z` is how servers write times, not the zone the story was published in.
    /// Midnight UTC stays: it is a day written without a time (`2020-01-10T00:00:00Z`).
    func shown(in zone: TimeZone) -> PageDate {
        guard zoneWasGiven, offsetSeconds == 0, Int(date.timeIntervalSince1970) % 86_400 != 0 else { return self }
        var shown = self
        shown.offsetSeconds = zone.secondsFromGMT(for: date)
        return shown
    }
}
