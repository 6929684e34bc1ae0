import Foundation

/// What surrounds an article on a news page and is not the article: prompts,
/// navigation, promotions, lists of other stories. Shared by the HTML and text
/// recognisers; phrases are matched case-insensitively.
enum PageFurniture {
    /// Lines that are furniture wherever they appear.
    static let linePatterns: [String] = [
        #"^(skip to (main )?content|sign in|log ?in|subscribe( now)?|register|menu|search|home|advertisement|advertising|sponsored( content)?)\b.{0,40}$"#,
        #"^(share|share this( article| story)?|share on \w+|follow us|follow (us )?on \w+|like us on \w+|email this|print( this)?( article)?|copy link|tweet)\b.*$"#,
        #"^(read more|read also|also read|see also|related|more from|more on|recommended|watch|listen|get the .+ newsletter|sign up)\b.*$"#,
        #"^.{0,200}\b(full article|read more|continue reading|click here)( ?[.»›→…]*)?$"#,
        #"^(editor'?s picks|most (read|popular|viewed|shared)|latest( news)?|trending( now| story| stories)?|top stories|you may also like|related (stories|articles|coverage)|more stories|popular now|in other news)$"#,
        #"^(we use cookies|this (site|website) uses cookies).*$"#,
        #"^[-–—•·*|>]+$"#,
        #"^(about( us)?|contact( us)?|privacy( policy)?|terms( of (use|service))?|cookies?)(\s*[|·•]\s*(about( us)?|contact( us)?|privacy( policy)?|terms( of (use|service))?|cookies?( policy)?|advertise|careers|help))+$"#,
        // Prompts in the languages newsrooms import most: comments, newsletters, sharing, ratings.
        #"^(comments are closed|no comments|leave a (comment|reply)|post a comment|\d+ comments?|keine kommentare|kommentare?( schreiben)?|kommentieren|kommentar verfassen|commentaires?|comentarios?|commenti)\b.{0,40}$"#,
        #"^.{0,60}\b(newsletter|abonnieren|subscribe|suscríbete|abonnez-vous|iscriviti|zapraszamy .{0,20}subskrypcji)\b.{0,80}$"#,
        #"^(was this (article|post) helpful|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)|möchten sie (den|diesen) (artikel|beitrag) teilen|(noch )?keine bewertungen|bewerten sie|rate this).{0,40}$"#,
        #"^(you might also like|you may also be interested|also of interest|auch interessant|das könnte (dich|sie) (auch )?interessieren|lesen sie auch|lies auch|weitere beiträge|ähnliche beiträge|mehr zum thema|zum weiterlesen|weiterlesen|vorschau auf den nächsten artikel|lust auf mehr|te puede interesar|lee también|à lire aussi|lire aussi|leggi anche|czytaj też)\b.{0,60}$"#,
        #"^(sie (sind|müssen sich) .{0,30}(eingeloggt|einloggen)|you must be logged in|log in to (comment|reply)).{0,80}$"#,
        #"^(-\s*)?(anzeige|advertorial|publicidad|publicité|pubblicità|reklama)(\s*-)?$"#,
        #"^(follow|folgen sie|síguenos|suivez-nous|nos siga|seguici)\b.{0,60}$"#,
        // Blog engines' post footers and widgets' labels.
        #"^(this entry was posted|posted in .{0,80}bookmark the permalink|bookmark the permalink|dieser (beitrag|eintrag) wurde|erstellt am .{0,80}(abgelegt|kategorie)|abgelegt unter)\b.*$"#,
        #"^(bild anzeigen|bild schließen|quellen (ein|aus)blenden|loading|externer inhalt|inhaltsverzeichnis|table of contents|permalink|permalien|\(noch keine bewertungen\)|keine bewertungen)\b.{0,60}$"#,
        // A caption or a source line left among the paragraphs.
        #"^(abbildung|beitragsbild|titelbild|bild|foto|photo|image|quelle|source|fuente|crédits? photos?)\s*:.{0,200}$"#,
        // Calls to subscribe, sign up or write in.
        #"^.{0,120}\b(please subscribe|subscribe to|subscribe now|sign up (for|here|now|to)|jetzt abonnieren|newsletter abonnieren|suscríbete|suscribirse|únete|zapraszamy|lust auf mehr|submit (a|your) letter|letter to the editor|werden sie mitglied|advertise with)\b.{0,250}$"#,
    ]

    /// Headings that open a block of other stories: everything after one, up to the
    /// article's end, is furniture.
    static let listHeadings: String =
        #"^(editor'?s picks|most (read|popular|viewed|shared)|latest( news)?|trending( now| story| stories)?|top stories|you may also like|you might also like|related (stories|articles|coverage|posts)|more stories|more from .+|popular now|in other news|recommended( for you)?|ähnliche beiträge|weitere beiträge|das könnte (dich|sie) (auch )?interessieren|auch interessant|mehr zum thema|meistgelesen|artículos relacionados|noticias relacionadas|articles similaires|à lire aussi|articoli correlati|leggi anche)[:.]?$"#

    static let compiledLinePatterns = linePatterns.map { Pattern($0) }
    static let compiledListHeadings = Pattern(listHeadings)
    static let datelineOpener = Pattern(
        #"^(published|updated|posted|last (updated|modified|edited)|veröffentlicht|aktualisiert|erschienen|letzte änderung|zuletzt (aktualisiert|geändert)|publié|mis à jour|dernière mise à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|publicerad|julkaistu|opublikowano)\b"#
    )
    static let tagsLine = Pattern(#"^(tags|topics|tagged|tagged with|keywords|filed under)(\s*:\s*|\s+)?(.+)$"#)

    static func isFurniture(_ line: String) -> Bool {
        // Furniture is a short line; a long paragraph that opens with "Watch" is prose.
        guard line.count < 250 else { return false }
        let lower = line.lowercased()
        // Breadcrumbs: "Home > Business > Markets".
        if lower.contains(" > ") && !lower.hasSuffix(".") && lower.split(separator: ">").count >= 2 && lower.count < 120 { return true }
        return compiledLinePatterns.contains { $0.matches(lower) }
    }

    static func isListHeading(_ line: String) -> Bool {
        compiledListHeadings.matches(line.lowercased())
    }

    /// "© 2022 Alpine Herald. All rights reserved." and the like.
    static func isRights(_ line: String) -> Bool {
        guard line.utf8.count < 1200 else { return false }
        let lower = line.lowercased()
        return (line.contains("©") || lower.hasPrefix("copyright") || lower.hasPrefix("(c) ") || lower.contains("all rights reserved"))
            && line.count < 300
    }

    /// A credit inside a caption: "Photo: X", "(Photo : X)", "Credit: X", "Image: X", "© X".
    static func splitCredit(_ text: String) -> (caption: String, credit: String?) {
        let patterns: [Regex<(Substring, Substring)>] = [
            #/\(\s*(?:photo(?:graph)?|picture|image|foto|credit)s?\s*(?::|by)\s*([^)]+)\)/#.ignoresCase(),
            #/(?:^|\s)(?:photo(?:graph)?|picture|image|foto|credit)s?\s*(?:by|:)\s*(.+)$/#.ignoresCase(),
            #/(?:^|\s)©\s*(.+)$/#,
        ]
        for pattern in patterns {
            if let match = text.firstMatch(of: pattern) {
                let credit = collapseWhitespace(String(match.1)).trimmingCharacters(in: CharacterSet(charactersIn: " .;,"))
                var caption = text
                caption.removeSubrange(match.range)
                return (collapseWhitespace(caption), credit.isEmpty ? nil : credit)
            }
        }
        return (collapseWhitespace(text), nil)
    }

    /// A short line that is a byline or a dateline, not prose: kept out of the body.
    static func isBylineOrDateline(_ line: String) -> Bool {
        guard line.count < 120 else { return false }
        if Bylines.isByline(line) && !line.hasSuffix(".") { return true }
        let lower = line.lowercased()
        if datelineOpener.matches(lower) {
            return true
        }
        guard !line.hasSuffix("."), PageDates.find(in: line, fallbackZone: .gmt) != nil else { return false }
        // Opening with the date: "January 13, 2020 at 08:45 AM | categories: Python, Mercurial".
        if PageDates.startsWithDate(line) { return true }
        // Short, or naming what the date is: "By | Published 12 October 2019 at 11:20 BST | Updated …".
        return line.split(separator: " ").count <= 8 || datelineWord.matches(lower)
    }

    static let footerSeparators = Pattern(#"\s*(?:\||·|•|—|–| - )\s*"#, caseInsensitive: false)
    static let datelineWord = Pattern(
        #"\b(published|updated|posted|veröffentlicht|aktualisiert|erschienen|publié|mis à jour|publicado|actualizado|pubblicato)\b"#
    )

    /// The notice alone, without the footer links printed on its line:
    /// "© 2021 Grenzland Zeitung | Impressum | Datenschutz" → "© 2021 Grenzland Zeitung".
    static func rightsOnly(_ line: String) -> String {
        let parts = footerSeparators.split(line).map { collapseWhitespace(String($0)) }
        guard let first = parts.firstIndex(where: isRights) else { return line }
        var kept = [parts[first]]
        for part in parts[(first + 1)...] {
            let lower = part.lowercased()
            guard
                isRights(part) || ["rights reserved", "rechte vorbehalten", "droits réservés", "derechos reservados"].contains(where: lower.contains)
            else { break }
            kept.append(part)
        }
        return kept.joined(separator: " ")
    }

    /// "Sports Reporter", "Staff Writer", "Special to the Courier": what follows a name, not a name.
    static func isJobTitle(_ text: String) -> Bool {
        let words = Set(text.lowercased().split(separator: " ").map(String.init))
        let titles: Set<String> = [
            "reporter", "correspondent", "editor", "writer", "staff", "columnist", "photographer", "contributor", "producer", "analyst", "intern",
            "journalist", "bureau", "chief", "special", "senior", "associate", "redakteur", "redakteurin", "korrespondent", "journaliste",
            "rédacteur", "periodista", "redactor", "redacción", "redaktion", "newsroom", "desk", "chefredakteur", "chefredakteurin", "herausgeber",
            "herausgeberin", "founder", "gründer", "ceo", "volontär", "volontärin",
        ]
        return !words.isDisjoint(with: titles)
    }

    /// "Topics: retail, stock markets" / "Tags: …" / "Tagscity council, …" → the tags.
    static func tags(inLine line: String) -> [String]? {
        // A label with a colon ("Topics: …"), or glued to the first tag as text dumps
        // of a label element leave it ("Tagscity council"); "Topics like …" is a sentence.
        let lower = line.prefix(12).lowercased()
        guard ["tag", "topic", "keyword", "filed"].contains(where: lower.hasPrefix), let match = tagsLine.firstMatch(in: line), let rest = match[3]
        else {
            return nil
        }
        if let separator = match[2], !separator.contains(":") { return nil }
        let list = String(rest)
        guard !list.hasSuffix(".") else { return nil }
        let parts = list.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" || $0 == "·" }).map { collapseWhitespace(String($0)) }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty, parts.allSatisfy({ $0.count < 60 }) else { return nil }
        return parts
    }
}
