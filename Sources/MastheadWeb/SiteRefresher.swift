import Logging
import MastheadCore
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
        var licencesCheckedUntil = site.clock.now
        var sinceLicences: Duration = .zero
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: site.options.revisionPollInterval) }
            } catch {
                return  // shutting down
            }
            sinceSidebar += site.options.revisionPollInterval
            sinceLicences += site.options.revisionPollInterval
            do {
                // A licence ends by the clock, not by a write: look every 15 s by default (the index makes it one
                // cheap read) and drop the cached pages that show the image, by their surrogate keys.
                if sinceLicences >= site.options.licenceCheckInterval {
                    let now = site.clock.now
                    for path in try await site.stores.media.licencesEnding(after: licencesCheckedUntil, by: now) {
                        site.logger.info("An image licence ended: its image leaves public pages", metadata: ["image": "\(path)"])
                        site.cache.removePages(showing: Set(try await site.stores.media.pageKeys(showingImage: path)))
                    }
                    // And once across instances, a `media.withdrawn` webhook event, so a CDN purges the same pages.
                    _ = try await site.stores.media.announceWithdrawals(dueBy: now)
                    licencesCheckedUntil = now
                    sinceLicences = .zero
                }
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
