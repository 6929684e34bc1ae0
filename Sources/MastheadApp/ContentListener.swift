import Logging
import MastheadPostgres
import MastheadWeb
import ServiceLifecycle

/// On PostgreSQL, drops this instance's cached pages the moment any instance
/// commits a content change (LISTEN/NOTIFY), instead of at the next once-a-second
/// look at `content_revision` — which `SiteRefresher` keeps doing as the backstop.
struct ContentListener: Service {
    let engine: PostgresEngine
    let site: ReaderSite

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await engine.watchContentChanges {
                do {
                    try await site.refreshIfChanged()
                } catch {
                    site.logger.error("Refreshing after a content change failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
