import Foundation
import Hummingbird
import Logging
import MastheadCore

/// Site settings, for admins: name, address, time zone, rights line, social
/// profiles, follow-box position and list length.
struct SettingsController: Sendable {
    let admin: AdminSite

    struct Page: Sendable {
        var chrome: AdminChrome
        var name: String
        var tagline: String
        var baseURL: String
        var zones: [SelectOption]
        var rightsLine: String
        var profiles: String
        var followBoxAfterParagraph: Int
        var articlesPerPage: Int
        var feedFullContent: Bool
        var logoURL: String
        var errors: [String]
        var saved: Bool
    }

    func show(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageSettings)
        let settings = try await admin.reader.snapshot().settings
        return try render(settings, context: context, saved: request.uri.queryParameters.get("saved") != nil)
    }

    func save(_ request: Request, context: AdminContext) async throws -> Response {
        try context.require(.manageSettings)
        let form = context.form
        var settings = try await admin.reader.snapshot().settings
        settings.name = String(form.text("name").prefix(200))
        settings.tagline = String(form.text("tagline").prefix(300))
        settings.baseURL = form.text("base_url")
        settings.timeZoneIdentifier = form.text("zone")
        settings.rightsLine = String(form.text("rights_line").prefix(500))
        settings.followBoxAfterParagraph = Int(form.text("follow_box")) ?? -1
        settings.articlesPerPage = Int(form.text("per_page")) ?? 0
        settings.feedFullContent = form["feed_full"] == "on"
        settings.logoURL = String(form.text("logo_url").prefix(500))
        var problems = settings.validationProblems()
        var profiles: [SocialProfile] = []
        for line in form.text("profiles").split(whereSeparator: \.isNewline).prefix(20) {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("https://") || parts[1].hasPrefix("http://"),
                SafeURL.check(parts[1], for: .link) != nil
            else {
                problems.append("Write each profile as “Network | https://address”.")
                break
            }
            profiles.append(SocialProfile(network: String(parts[0].prefix(60)), url: parts[1]))
        }
        settings.socialProfiles = profiles
        guard problems.isEmpty else { return try render(settings, context: context, errors: problems, status: .badRequest) }
        try await admin.stores.site.saveSettings(settings)
        await admin.contentChanged()
        context.logger.info("Site settings saved", metadata: ["by": "\(context.account.id)"])
        return .redirect(to: "/admin/settings?saved=1", type: .normal)
    }

    private func render(
        _ settings: SiteSettings,
        context: AdminContext,
        errors: [String] = [],
        saved: Bool = false,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let zones = TimeZone.knownTimeZoneIdentifiers.sorted().map { SelectOption(value: $0, label: $0, selected: $0 == settings.timeZoneIdentifier) }
        let page = Page(
            chrome: AdminChrome(context.session),
            name: settings.name,
            tagline: settings.tagline,
            baseURL: settings.baseURL,
            zones: zones,
            rightsLine: settings.rightsLine,
            profiles: settings.socialProfiles.map { "\($0.network) | \($0.url)" }.joined(separator: "\n"),
            followBoxAfterParagraph: settings.followBoxAfterParagraph,
            articlesPerPage: settings.articlesPerPage,
            feedFullContent: settings.feedFullContent ?? true,
            logoURL: settings.logoURL ?? "",
            errors: errors,
            saved: saved
        )
        return try admin.page(page, template: "settings", status: status)
    }
}
