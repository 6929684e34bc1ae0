import Foundation
import HTTPTypes
import Hummingbird
import MastheadCore
import Prometheus
import Synchronization

/// Prometheus metrics for `/metrics`: requests and latency by route, the page
/// cache's hit ratio and size, views counted, and the database's content revision.
///
/// A registry per application rather than the process-wide `MetricsSystem`, so
/// several sites in one process (the tests) keep their own counts. Route labels
/// are the router's patterns (`/{year}/{month}/{day}/{slug}`), never raw paths,
/// so a flood of distinct URLs cannot grow the label set.
public final class SiteMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    public init() {}

    private struct SeriesKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Series: Sendable {
        var requests: Counter
        var duration: DurationHistogram
    }

    /// The series each (method, route, status) writes to, looked up once: asking the
    /// registry per request built label arrays and cost a tenth of a cache hit.
    private let series = Mutex<[SeriesKey: Series]>([:])

    func record(method: HTTPRequest.Method, route: String, status: HTTPResponse.Status, duration: Duration) {
        let key = SeriesKey(method: method.rawValue, route: route, status: status.code)
        let known = series.withLock { $0[key] }
        let target =
            known
            ?? {
                let made = Series(
                    requests: registry.makeCounter(
                        name: "masthead_http_requests_total",
                        labels: [("method", key.method), ("route", route), ("status", String(key.status))]
                    ),
                    duration: registry.makeDurationHistogram(
                        name: "masthead_http_request_duration_seconds",
                        labels: [("route", route)],
                        buckets: Self.buckets
                    )
                )
                series.withLock { $0[key] = made }
                return made
            }()
        target.requests.increment()
        target.duration.record(duration)
    }

    /// The metrics in Prometheus's text format, with the gauges read now.
    func render(site: ReaderSite, counter: ViewCounter) async -> String {
        let cache = site.cache.statistics
        registry.makeGauge(name: "masthead_page_cache_pages").set(Double(cache.pages))
        registry.makeGauge(name: "masthead_page_cache_hits").set(Double(cache.hits))
        registry.makeGauge(name: "masthead_page_cache_misses").set(Double(cache.misses))
        let views = counter.statistics
        registry.makeGauge(name: "masthead_views_counted").set(Double(views.counted))
        registry.makeGauge(name: "masthead_views_deduplicated").set(Double(views.duplicates))
        registry.makeGauge(name: "masthead_views_from_bots").set(Double(views.bots))
        registry.makeGauge(name: "masthead_views_shed").set(Double(views.shed))
        if let activity = site.stores.activity?.activity {
            registry.makeGauge(name: "masthead_database_calls_in_flight").set(Double(activity.inFlight))
            registry.makeGauge(name: "masthead_database_calls_completed").set(Double(activity.completed))
            registry.makeGauge(name: "masthead_database_calls_failed").set(Double(activity.failed))
        }
        if let revision = try? await site.stores.site.contentRevision() {
            registry.makeGauge(name: "masthead_database_up").set(1.0)
            registry.makeGauge(name: "masthead_content_revision").set(Double(revision))
        } else {
            registry.makeGauge(name: "masthead_database_up").set(0.0)
        }
        return registry.emitToString()
    }
}

/// Counts every request by route and status, and times it.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: SiteMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method, route: context.endpointPath ?? "unmatched", status: response.status, duration: .now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.record(method: request.method, route: context.endpointPath ?? "unmatched", status: status, duration: .now - started)
            throw error
        }
    }
}

/// `/metrics` answers only to the machine itself and private networks, and never
/// through a proxy (a request carrying `X-Forwarded-For` came from outside).
enum MetricsAccess {
    static func allows(_ request: Request, peer: String) -> Bool {
        guard request.headers[.xForwardedFor] == nil else { return false }
        let addresses = AddressPolicy.resolve(peer)
        return !addresses.isEmpty && addresses.allSatisfy(AddressPolicy.isInternal)
    }
}
