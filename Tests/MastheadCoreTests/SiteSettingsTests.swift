import Foundation
import MastheadCore
import Testing

@Suite("Site settings")
struct SiteSettingsTests {
    @Test(arguments: [
        ("", true), ("https://cdn.example/logo.png", true), ("/media/2026/11/logo.png", true),
        ("javascript:alert(1)", false), ("//evil.example/logo.png", false), ("logo.png", false),
    ])
    func aLogoIsAnAddressOrAPathOnTheSite(_ logo: String, _ accepted: Bool) {
        var settings = SiteSettings.initial
        settings.logoURL = logo
        #expect(settings.validationProblems().isEmpty == accepted)
    }

    @Test func settingsSavedBeforeTheLogoExistedStillRead() throws {
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(SiteSettings.initial)) as! [String: Any]
        old["logoURL"] = nil
        let decoded = try JSONDecoder().decode(SiteSettings.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.logoURL == nil)
        #expect(decoded.name == "Masthead")
    }

    @Test(arguments: [
        ("https://social.example/@courier", true), ("javascript:alert(1)", false), ("//evil.example", false), ("java\tscript:x", false),
    ])
    func socialProfilesFollowTheLinkPolicy(_ url: String, _ accepted: Bool) {
        var settings = SiteSettings.initial
        settings.socialProfiles = [SocialProfile(network: "Mastodon", url: url)]
        #expect(settings.validationProblems().isEmpty == accepted)
    }
}
