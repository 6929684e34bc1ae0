import MastheadCore

/// First-run set-up shared by `serve`, `migrate` and `demo`.
public enum SiteSetup {
    /// Saves starting settings on a site that has none, so pages always have a name,
    /// a zone and a base URL.
    public static func ensureSettings(stores: Stores, baseURL: String) async throws {
        guard try await stores.site.settings() == nil else { return }
        var settings = SiteSettings.initial
        settings.baseURL = baseURL
        try await stores.site.saveSettings(settings)
    }
}
