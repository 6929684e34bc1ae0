import Logging
import ServiceLifecycle

/// Background service that keeps the reader site's snapshot fresh: it notices
/// content changes within a second (including ones made by `masthead` commands
/// in another process) and recomputes the popularity lists on a timer.
///
/// It sleeps before its first tick: the first snapshot is taken in
/// `beforeServerStarts`, after migrations, and the refresher must not race them.
public struct SiteRefresher: Service {
    let site: ReaderSite

    public init(site: ReaderSite) {
        self.site = site
    }

    public func run() async throws {
        var sinceSidebar: Duration = .zero
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: site.options.revisionPollInterval) }
            } catch {
                return  // shutting down
            }
            sinceSidebar += site.options.revisionPollInterval
            do {
                if sinceSidebar >= site.options.sidebarRefreshInterval {
                    try await site.rebuildSnapshot()
                    sinceSidebar = .zero
                } else {
                    try await site.refreshIfChanged()
                }
            } catch is CancellationError {
                return
            } catch {
                // Keep serving the last good snapshot; the next tick tries again.
                site.logger.error("Refreshing the site snapshot failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
