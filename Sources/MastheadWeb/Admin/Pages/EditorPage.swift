import Foundation
import MastheadCore

/// The article editor: every field of `ArticleInput` as a form, the actions the
/// account may take, and (after "Preview") the rendered body.
struct EditorPage: Sendable {
    /// Readership of a saved article.
    struct Stats: Sendable {
        var last24h: Int
        var last7d: Int
        var chart: SafeHTML
        var referrers: String
    }

    struct Note: Sendable {
        var label: String
        var date: String
        var text: String
    }

    var chrome: AdminChrome
    var title: String
    var formAction: String
    var errors: [String]
    var headline: String
    var standfirst: String
    var slug: String
    var sections: [SelectOption]
    /// Three ordered byline slots, each a choice of every author.
    var authorSlots: [[SelectOption]]
    var tags: String
    var imageURL: String
    var imageAlt: String
    var imageCredit: String
    var imageCaption: String
    var library: [SelectOption]
    var body: String
    var wordCount: Int
    var rights: String
    var seoTitle: String
    var seoDescription: String
    var publishAt: String
    var zones: [SelectOption]
    var datelineZones: [SelectOption]
    var statusLabel: String
    var actions: [SelectOption]
    var preview: SafeHTML?
    var notes: [Note]
    var revisionsURL: String?
    var publicURL: String?
    var stats: Stats?

    init(
        chrome: AdminChrome,
        input: ArticleInput,
        tagNames: [String],
        sections: [Section],
        authors: [Author],
        actions: [ArticleStatus],
        zone: TimeZone,
        siteZone: TimeZone,
        media: [MediaAsset] = [],
        errors: [String] = [],
        preview: SafeHTML? = nil,
        publicURL: String? = nil,
        stats: Stats? = nil
    ) {
        self.chrome = chrome
        let isNew = input.id == nil
        title = isNew ? "New article" : "Edit: \(input.headline)"
        formAction = input.id.map { "/admin/articles/\($0)" } ?? "/admin/articles"
        self.errors = errors
        headline = input.headline
        standfirst = input.standfirst
        slug = input.slug
        self.sections = sections.map { SelectOption(value: "\($0.id)", label: $0.name, selected: $0.id == input.sectionID) }
        authorSlots = (0..<3).map { slot in
            [SelectOption(value: "", label: "—", selected: slot >= input.authorIDs.count)]
                + authors.map {
                    SelectOption(value: "\($0.id)", label: $0.name, selected: slot < input.authorIDs.count && input.authorIDs[slot] == $0.id)
                }
        }
        tags = tagNames.joined(separator: ", ")
        imageURL = input.leadImage?.url ?? ""
        imageAlt = input.leadImage?.alt ?? ""
        imageCredit = input.leadImage?.credit ?? ""
        imageCaption = input.leadImage?.caption ?? ""
        library = media.map { SelectOption(value: "\($0.id)", label: "\($0.credit): \($0.alt.prefix(60))", selected: $0.url == input.leadImage?.url) }
        body = input.bodyMarkdown
        wordCount = input.bodyMarkdown.split(whereSeparator: { $0.isWhitespace }).count
        rights = input.rightsOverride ?? ""
        seoTitle = input.seoTitle ?? ""
        seoDescription = input.seoDescription ?? ""
        publishAt = input.publishedAt.map { EditorForm.localTime($0, in: zone) } ?? ""
        let zoneNames = Array(Set([siteZone.identifier, zone.identifier] + EditorForm.commonZones)).sorted()
        zones = zoneNames.map { SelectOption(value: $0, label: $0, selected: $0 == zone.identifier) }
        datelineZones =
            [SelectOption(value: "", label: "The site's (\(siteZone.identifier))", selected: input.datelineZone == nil)]
            + Array(Set(EditorForm.commonZones + [input.datelineZone].compactMap { $0 })).sorted().map {
                SelectOption(value: $0, label: $0, selected: $0 == input.datelineZone)
            }
        statusLabel = isNew ? "New" : input.status.label
        self.actions = actions.map { SelectOption(value: EditorForm.actionName(for: $0), label: EditorForm.actionLabel(for: $0), selected: false) }
        self.preview = preview
        let formatter = SiteDateFormatter(timeZone: siteZone)
        notes = input.corrections.map {
            Note(label: $0.kind == .correction ? "Correction" : "Update", date: formatter.dateTime($0.date), text: $0.note)
        }
        revisionsURL = input.id.map { "/admin/articles/\($0)/revisions" }
        self.publicURL = publicURL
        self.stats = stats
    }
}
