import Foundation

/// Names out of a byline as pages print it, in any case and the common
/// languages of news: "By TOM KRISHER, AP Auto Writer", "Par Anne Martin et Luc
/// Roux", "von Benjamin Fischer und Marcus Theurer", "por Ana Gómez", a date
/// glued on ("Joshua Sokol May 3"), a role after a comma.
enum Bylines {
    /// The word that opens a byline; the short particles (de, di, da) only in lower case, as "De Niro" is a name.
    static let opener = Pattern(
        #"^(?i:(?:written|words|reporting|text|story|interview|analysis|commentary|posted|published|publié|publicado|pubblicato|veröffentlicht|publiziert|eingestellt|geschrieben|erstellt|verfasst|ein beitrag|a post|article|artikel|photos?|fotos?)\s+)?(?:(?i:by|from|par|von|por|door|av|af|przez|autor(?:in)?|auteur|author|autore|texte|text)|di|de|da)\s*:?\s+"#,
        caseInsensitive: false
    )
    static let gluedLabel = Pattern(#"^(?:Author|Autor|Autorin|Auteur|By|Von|Written by)(?=\p{Lu})"#, caseInsensitive: false)
    static let connectors = Pattern(#"\s+(?:and|And|AND|und|UND|et|ET|y|e|i|og|en|och|&|\+)\s+|\s*[,;/|·•]\s*"#, caseInsensitive: false)
    static let datelinePart = Pattern(
        #"\s*(\||—|–| - |\bpublished\b|\bupdated\b|\bposted\b|\baktualisiert\b|\bmis à jour\b|\bactualizado\b|[0-9]|\(|\bemail\b|\bfollow\b)"#
    )
    static let agencies: Set<String> = [
        "ap", "associated press", "the associated press", "reuters", "afp", "agence france-presse", "dpa", "apa", "ansa", "efe", "upi", "pa",
        "press association", "bloomberg", "kyodo", "xinhua", "tass", "anp", "sda", "kna", "epd", "reuters staff", "ap staff",
    ]
    static let notNames: Set<String> = [
        "name", "share", "comments", "comment", "follow", "facebook", "twitter", "email", "e-mail", "print", "more", "view", "profile",
        "admin", "administrator", "anonymous", "guest", "unknown", "editor", "editors", "staff", "news", "home", "menu", "search", "subscribe",
        "reply", "login", "log in", "sign in", "website", "author", "posted", "by", "von", "por", "par", "publiziert", "veröffentlicht", "auteur",
        "autor", "autorin", "eingestellt", "geschrieben", "published", "written", "link", "links",
    ]
    static let monthsAndDays: Set<String> = {
        var words = Set(PageDates.months.keys)
        words.formUnion([
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        ])
        words.formUnion([
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
            "samedi", "dimanche",
        ])
        words.formUnion(["mo", "di", "mi", "do", "fr", "sa", "so", "mo.", "di.", "mi.", "do.", "fr.", "sa.", "so."])
        words.formUnion(["on", "am", "um", "le", "el", "il", "op", "the", "at", "updated", "published", "posted"])
        // What a comment's author line adds: "Andreas Kalt sagt", "Jo said".
        words.formUnion(["sagt", "said", "says", "schreibt", "meint", "wrote", "writes", "dice", "dit", "dijo", "commented"])
        return words
    }()

    /// The people a byline names, in order, without roles, agencies (unless only an agency wrote it) or dates.
    static func names(in byline: String) -> [String] {
        var line = collapseWhitespace(byline)
        // A label glued to the name by a text dump: "AuthorAndreas Kalt".
        if let glued = gluedLabel.firstMatch(in: line) { line = String(line[glued.range.upperBound...]) }
        for _ in 0..<2 {
            if let opener = opener.firstMatch(in: line) { line = String(line[opener.range.upperBound...]) }
        }
        // The dateline part: a pipe before a date, "Published", "Updated", a digit, a dash between parts.
        if let cut = datelinePart.firstMatch(in: line) {
            line = String(line[..<cut.range.lowerBound])
        }
        var people: [String] = []
        var agencies: [String] = []
        for (position, part) in connectors.split(line).enumerated() {
            // "TOM KRISHER, AP Auto Writer": a part after the first that names a role is the role.
            if position > 0 && String(part).split(separator: " ").contains(where: { PageFurniture.isJobTitle(String($0)) }) { continue }
            guard var name = clean(String(part)) else { continue }
            if self.agencies.contains(name.lowercased()) {
                agencies.append(name)
                continue
            }
            // A byline's case never matters: "TOM KRISHER" and "mara lindqvist" are names too.
            let words = name.split(separator: " ").count
            if (name == name.uppercased() && name.count > 3) || (name == name.lowercased() && words > 1) { name = name.capitalized }
            if !people.contains(name) { people.append(name) }
        }
        return people.isEmpty ? agencies : people
    }

    /// One name, or nil for what is not one (a role, a form label, an address).
    static func clean(_ raw: String) -> String? {
        var words = collapseWhitespace(raw).trimmingCharacters(in: CharacterSet(charactersIn: " .:*-–—\"'“”()[]")).split(separator: " ").map(
            String.init
        )
        while let last = words.last, monthsAndDays.contains(last.lowercased().trimmingCharacters(in: .punctuationCharacters)) { words.removeLast() }
        while let first = words.first, ["and", "und", "et", "with", "mit", "avec", "con"].contains(first.lowercased()) { words.removeFirst() }
        // A role before or after the name: "Christoph Hein Chefredakteur", "Redakteurin Ana Gómez".
        while let last = words.last, words.count > 1, PageFurniture.isJobTitle(last) { words.removeLast() }
        while let first = words.first, words.count > 1, PageFurniture.isJobTitle(first) { words.removeFirst() }
        let name = words.joined(separator: " ")
        guard name.count >= 2, name.count < 60, (1...5).contains(words.count) else { return nil }
        let lower = name.lowercased()
        // Digits belong to user names ("delta201"), not to names of two words or more.
        if lower.contains("@") || lower.contains("http") || lower.contains("www.") || lower.contains(".com") || lower.contains("[at]")
            || (words.count > 1 && name.contains(where: \.isNumber))
        {
            return nil
        }
        if notNames.contains(lower) || PageFurniture.isJobTitle(name) || raw.hasSuffix("*") { return nil }
        guard name.first?.isLetter ?? false else { return nil }
        return name
    }

    /// Words in a name that may start in lower case ("Ursula von der Leyen", "Vincent van Gogh").
    static let particles: Set<String> = [
        "von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "le", "la", "bin", "al", "y", "zu", "ter", "ten",
    ]

    /// Whether text could be a person's name as bylines print it: each word capitalised (or the
    /// whole name in capitals), particles aside; "the numbers" and "kontaktieren" are not.
    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count) else { return false }
        return words.allSatisfy { word in
            particles.contains(word.lowercased()) || (word.first.map { $0.isUppercase } ?? false)
        }
    }

    /// A line that opens like a byline ("By …", "Par …", "von …") and is short enough to be one.
    static func isByline(_ line: String) -> Bool {
        guard line.count < 160, let opener = opener.firstMatch(in: line) else { return false }
        let rest = line[opener.range.upperBound...]
        return rest.first.map { $0.isUppercase || $0.isLetter } ?? false
    }
}
