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

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "masthead", metricName: metric, unitName: unit, helpText: help)
    }

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
                        descriptor: Self.name("http_requests", "total", "Requests answered, by method, route pattern and status."),
                        labels: [("method", key.method), ("route", route), ("status", String(key.status))]
                    ),
                    duration: registry.makeDurationHistogram(
                        descriptor: Self.name("http_request_duration", "seconds", "Time from request to response, by route pattern."),
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

    /// What each running total read at the last scrape, so its counter moves on by the growth.
    private let totals = Mutex<[String: Int]>([:])

    /// A running total kept elsewhere (the page cache, the view counter), shown as a
    /// Prometheus counter named `…_total`: `rate()` and resets work on it as on any counter.
    private func total(_ metric: String, _ help: String, _ value: Int) {
        let counter = registry.makeCounter(descriptor: Self.name(metric, "total", help))
        let grown = totals.withLock { seen -> Int in
            let before = seen[metric] ?? 0
            seen[metric] = max(before, value)
            return value - before
        }
        if grown > 0 { counter.increment(by: Int64(grown)) }
    }

    /// The metrics in Prometheus's text format, with the gauges read now.
    func render(site: ReaderSite, counter: ViewCounter) async -> String {
        let cache = site.cache.statistics
        registry.makeGauge(descriptor: Self.name("page_cache", "pages", "Pages held in the page cache now.")).set(Double(cache.pages))
        total("page_cache_hits", "Page cache lookups answered since start.", cache.hits)
        total("page_cache_misses", "Page cache lookups missed since start.", cache.misses)
        total("page_cache_renders", "Pages rendered on a miss since start; requests that miss while a page renders share that render.", cache.renders)
        let views = counter.statistics
        total("views_counted", "Article views counted since start.", views.counted)
        total("views_deduplicated", "Repeat views by the same reader within the window, since start.", views.duplicates)
        total("views_from_bots", "Beacon requests from bots, since start.", views.bots)
        total("views_over_budget", "Views beyond one address's hourly budget (any User-Agent), since start.", views.overBudget)
        total("views_shed", "Views dropped under memory pressure, since start.", views.shed)
        if let activity = site.stores.activity?.activity {
            registry.makeGauge(descriptor: Self.name("database_calls", "in_flight", "Database calls running now (PostgreSQL).")).set(
                Double(activity.inFlight)
            )
            total("database_calls_completed", "Database calls finished since start (PostgreSQL).", activity.completed)
            total("database_calls_failed", "Database calls failed or timed out since start (PostgreSQL).", activity.failed)
        }
        if let revision = try? await site.stores.site.contentRevision() {
            registry.makeGauge(descriptor: Self.name("database", "up", "1 when the database answered the last scrape.")).set(1.0)
            registry.makeGauge(descriptor: Self.name("content", "revision", "The content revision counter; it moves on every content write.")).set(
                Double(revision)
            )
        } else {
            registry.makeGauge(descriptor: Self.name("database", "up", "1 when the database answered the last scrape.")).set(0.0)
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
    /// Headers a reverse proxy adds: a request carrying any of them came through one,
    /// so its loopback peer is the proxy, not the machine's own scraper.
    static let proxyHeaders: [HTTPField.Name] = [
        .xForwardedFor, HTTPField.Name("Forwarded")!, HTTPField.Name("X-Real-IP")!, HTTPField.Name("X-Forwarded-Host")!,
        HTTPField.Name("X-Forwarded-Proto")!, HTTPField.Name("Via")!, HTTPField.Name("True-Client-IP")!, HTTPField.Name("CF-Connecting-IP")!,
        HTTPField.Name("X-Client-IP")!, HTTPField.Name("X-Cluster-Client-IP")!, HTTPField.Name("Fastly-Client-IP")!,
    ]

    static func allows(_ request: Request, peer: String) -> Bool {
        guard !proxyHeaders.contains(where: { request.headers[$0] != nil }) else { return false }
        let addresses = AddressPolicy.resolve(peer)
        return !addresses.isEmpty && addresses.allSatisfy(AddressPolicy.isInternal)
    }
}
