import Foundation
import MastheadCore
import Synchronization

/// Everything about the site that pages share and that changes rarely: settings,
/// navigation, and the rendered sidebar. Rebuilt by `SiteRefresher`, read by
/// every request without touching the database.
public struct SiteSnapshot: Sendable {
    var settings: SiteSettings
    var sections: [Section]
    var chrome: SiteChrome
    var sidebar: RenderedSidebar
    /// The store's content revision this snapshot was built from.
    var revision: Int64
    /// The host of the base URL, parsed once here rather than on every view report.
    var siteHost: String?

    var formatter: SiteDateFormatter { SiteDateFormatter(timeZone: settings.timeZone) }
}

/// Holds the current snapshot. A `Mutex` for the same reason as `PageCache`:
/// it is read on every request.
final class SnapshotHolder: Sendable {
    private let current = Mutex<SiteSnapshot?>(nil)

    var snapshot: SiteSnapshot? { current.withLock { $0 } }

    /// Rebuilds take turns (`ReaderSite.rebuilds`), so the last one is the newest.
    func replace(with snapshot: SiteSnapshot) {
        current.withLock { $0 = snapshot }
    }
}
