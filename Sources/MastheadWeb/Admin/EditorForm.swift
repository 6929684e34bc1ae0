import Foundation
import MastheadCore

/// Reads the editor's form into an `ArticleInput`, and the helpers the form shares.
enum EditorForm {
    static let commonZones = [
        "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
        "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney",
    ]

    /// What the form's buttons ask for.
    enum Intent: Equatable {
        case save
        case preview
        case move(ArticleStatus)
    }

    static func intent(_ form: Form) -> Intent {
        switch form["action"] {
        case "preview": .preview
        case "review": .move(.inReview)
        case "draft": .move(.draft)
        case "publish": .move(.published)
        case "schedule": .move(.scheduled)
        case "unpublish": .move(.unpublished)
        default: .save
        }
    }

    static func actionName(for status: ArticleStatus) -> String {
        switch status {
        case .draft: "draft"
        case .inReview: "review"
        case .scheduled: "schedule"
        case .published: "publish"
        case .unpublished: "unpublish"
        }
    }

    static func actionLabel(for status: ArticleStatus) -> String {
        switch status {
        case .draft: "Return to draft"
        case .inReview: "Submit for review"
        case .scheduled: "Schedule"
        case .published: "Publish"
        case .unpublished: "Unpublish"
        }
    }

    /// Builds the input from the form. Throws `invalidInput` with one sentence for
    /// a field that cannot be read (an unknown section, an unparseable time).
    static func input(
        from form: Form,
        id: ArticleID?,
        current: Article?,
        sections: [Section],
        authors: [Author],
        tags: [TagID]
    ) throws -> ArticleInput {
        guard let sectionID = Int64(form.text("section")).map(SectionID.init), sections.contains(where: { $0.id == sectionID }) else {
            throw MastheadError(.invalidInput, "Choose a section.")
        }
        let known = Set(authors.map(\.id))
        var authorIDs: [AuthorID] = []
        for value in form.all("author") {
            guard let id = Int64(value).map(AuthorID.init) else { continue }
            guard known.contains(id) else { throw MastheadError(.invalidInput, "One of the authors does not exist.") }
            if !authorIDs.contains(id) { authorIDs.append(id) }
        }
        let imageURL = form.text("image_url")
        let image =
            imageURL.isEmpty
            ? nil
            : LeadImage(url: imageURL, alt: form.text("image_alt"), credit: form.text("image_credit"), caption: form.text("image_caption"))
        if let image, SafeURL.check(image.url, for: .image) == nil {
            throw MastheadError(.invalidInput, "The lead image address must be an http(s) or site-relative URL.")
        }
        func optional(_ name: String) -> String? {
            let value = form.text(name)
            return value.isEmpty ? nil : value
        }
        let zone = TimeZone(identifier: form.text("zone")) ?? .gmt
        var publishAt: Date?
        let publishText = form.text("publish_at")
        if !publishText.isEmpty {
            guard let date = parseLocalTime(publishText, in: zone) else {
                throw MastheadError(.invalidInput, "The publish time \"\(publishText.prefix(40))\" is not a date and time.")
            }
            publishAt = date
        }
        let dateline = form.text("dateline_zone")
        var status = current?.status ?? .draft
        if case .move(let target) = intent(form) { status = target }
        var input = ArticleInput(
            id: id,
            slug: form.text("slug"),
            headline: form.text("headline"),
            standfirst: form.text("standfirst"),
            sectionID: sectionID,
            authorIDs: authorIDs,
            tagIDs: tags,
            leadImage: image,
            bodyMarkdown: form["body"] ?? "",
            status: status,
            publishedAt: publishAt ?? current?.publishedAt,
            rightsOverride: optional("rights"),
            seoTitle: optional("seo_title"),
            seoDescription: optional("seo_description")
        )
        input.datelineZone = dateline.isEmpty ? nil : dateline
        return input
    }

    /// The tag names typed into the form, comma-separated, de-duplicated by slug.
    static func tagNames(_ form: Form) -> [TagName] {
        TagName.list(form.text("tags").split(separator: ",").map(String.init))
    }

    /// The note typed with a save, dated by the site's clock (`Publishing` dates it again with its own).
    static func note(_ form: Form, at now: Date) -> Correction? {
        let text = form.text("note_text")
        guard !text.isEmpty else { return nil }
        return Correction(kind: form["note_kind"] == "update" ? .update : .correction, note: String(text.prefix(2000)), date: now)
    }

    /// `2026-11-30T09:00` in the given zone, as `<input type="datetime-local">` sends it.
    static func parseLocalTime(_ text: String, in zone: TimeZone) -> Date? {
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    static func localTime(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}

extension EditorForm {
    /// `2027-06-30`, as `<input type="date">` sends it, at midnight UTC.
    static func parseDay(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "yyyy-MM-dd"
        return text.count == 10 ? formatter.date(from: text) : nil
    }
}
