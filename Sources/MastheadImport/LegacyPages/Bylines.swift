import Foundation

/// Names out of a byline as pages print it, in any case and the common
/// languages of news: "By TOM KRISHER, AP Auto Writer", "Par Anne Martin et Luc
/// Roux", "von Benjamin Fischer und Marcus Theurer", "por Ana Gómez", a date
/// glued on ("Joshua Sokol May 3"), a role after a comma.
enum Bylines {
    /// The word that opens a byline; the short particles (de, di, da) only in lower case, as "De Niro" is a name.
    static let opener = Pattern(
        #"^(?:(?:written|words|reporting|text|story|interview|analysis|commentary|posted|publié|publicado|veröffentlicht|geschrieben)\s+)?(?:[Bb][Yy]|BY|[Ff]rom|[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|door|av|af|przez|di|de|da|Autor(?:in)?|Auteur|Author|Autore|Texte|Text|Door)\s*:?\s+"#,
        caseInsensitive: false)
    static let connectors = Pattern(#"\s+(?:and|And|AND|und|UND|et|ET|y|e|i|og|en|och|&|\+)\s+|\s*[,;/|·•]\s*"#, caseInsensitive: false)
    static let datelinePart = Pattern(
        #"\s*(\||—|–| - |\bpublished\b|\bupdated\b|\bposted\b|\baktualisiert\b|\bmis à jour\b|\bactualizado\b|[0-9]|\(|\bemail\b|\bfollow\b)"#)
    static let agencies: Set<String> = [
        "ap", "associated press", "the associated press", "reuters", "afp", "agence france-presse", "dpa", "apa", "ansa", "efe", "upi", "pa",
        "press association", "bloomberg", "kyodo", "xinhua", "tass", "anp", "sda", "kna", "epd", "reuters staff", "ap staff",
    ]
    static let notNames: Set<String> = [
        "name", "share", "comments", "comment", "follow", "facebook", "twitter", "email", "e-mail", "print", "more", "view", "profile",
        "admin", "administrator", "anonymous", "guest", "unknown", "editor", "editors", "staff", "news", "home", "menu", "search", "subscribe",
        "reply", "login", "log in", "sign in", "website", "author", "posted", "by",
    ]
    static let monthsAndDays: Set<String> = {
        var words = Set(PageDates.months.keys)
        words.formUnion(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        words.formUnion(["on", "am", "um", "le", "el", "il", "op", "the", "at", "updated", "published", "posted"])
        return words
    }()

    /// The people a byline names, in order, without roles, agencies (unless only an agency wrote it) or dates.
    static func names(in byline: String) -> [String] {
        var line = collapseWhitespace(byline)
        for _ in 0..<2 {
            if let opener = opener.firstMatch(in: line) { line = String(line[opener.range.upperBound...]) }
        }
        // The dateline part: a pipe before a date, "Published", "Updated", a digit, a dash between parts.
        if let cut = datelinePart.firstMatch(in: line) {
            line = String(line[..<cut.range.lowerBound])
        }
        var people: [String] = []
        var agencies: [String] = []
        for part in connectors.split(line) {
            guard var name = clean(String(part)) else { continue }
            if self.agencies.contains(name.lowercased()) {
                agencies.append(name)
                continue
            }
            if name == name.uppercased() && name.count > 3 { name = name.capitalized }
            if !people.contains(name) { people.append(name) }
        }
        return people.isEmpty ? agencies : people
    }

    /// One name, or nil for what is not one (a role, a form label, an address).
    static func clean(_ raw: String) -> String? {
        var words = collapseWhitespace(raw).trimmingCharacters(in: CharacterSet(charactersIn: " .:*-–—\"'“”()[]")).split(separator: " ").map(String.init)
        while let last = words.last, monthsAndDays.contains(last.lowercased().trimmingCharacters(in: .punctuationCharacters)) { words.removeLast() }
        while let first = words.first, ["and", "und", "et", "with", "mit", "avec", "con"].contains(first.lowercased()) { words.removeFirst() }
        let name = words.joined(separator: " ")
        guard name.count >= 2, name.count < 60, (1...5).contains(words.count) else { return nil }
        let lower = name.lowercased()
        if lower.contains("@") || lower.contains("http") || lower.contains("www.") || lower.contains(".com") || name.contains(where: \.isNumber) {
            return nil
        }
        if notNames.contains(lower) || PageFurniture.isJobTitle(name) || raw.hasSuffix("*") { return nil }
        guard name.first?.isLetter ?? false else { return nil }
        return name
    }

    /// A line that opens like a byline ("By …", "Par …", "von …") and is short enough to be one.
    static func isByline(_ line: String) -> Bool {
        guard line.count < 160, let opener = opener.firstMatch(in: line) else { return false }
        let rest = line[opener.range.upperBound...]
        return rest.first.map { $0.isUppercase || $0.isLetter } ?? false
    }
}
