import Foundation
import Hummingbird
import Synchronization
import Testing

@_spi(Benchmarks) @testable import MastheadWeb

/// The page cache under concurrency: one render per page however many requests
/// miss at once, and no page rendered from content older than the cache's kept.
@Suite("Page cache: shared renders, no stale pages")
struct PageCacheTests {
    static let sidebar = RenderedSidebar(html: "<aside>Latest</aside>")

    static func page(_ text: String) -> RenderedPage {
        RenderedPage(html: "<p>\(text)</p>\(RenderedPage.sidebarMarker)<footer>Courier</footer>", lastModified: nil)
    }

    /// Lets a render run only when the test says so.
    final class Gate: Sendable {
        private let stream: AsyncStream<Void>
        private let opener: AsyncStream<Void>.Continuation
        init() { (stream, opener) = AsyncStream.makeStream() }
        func open() { opener.finish() }
        func wait() async { for await _ in stream {} }
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    static func waiting(in cache: PageCache) -> Int {
        cache.flights.withLock { $0.values.reduce(0) { $0 + $1.count } }
    }

    /// Waits (without a clock) until `count` requests wait for the render in flight.
    static func untilWaiting(_ count: Int, in cache: PageCache) async {
        while waiting(in: cache) < count { await Task.yield() }
    }

    /// A request that renders "/story" but stays at `gate` (and honours cancellation
    /// once through it); returns once its render is in flight.
    static func renderHeld(at gate: Gate, _ text: String, revision: Int64, in cache: PageCache) async -> Task<ServedPage?, any Error> {
        let task = Task {
            try await cache.page("/story", revision: revision, sidebar: Self.sidebar) {
                await gate.wait()
                try Task.checkCancellation()
                return Self.page(text)
            }
        }
        while cache.flights.withLock({ $0.isEmpty }) { await Task.yield() }
        return task
    }

    @Test func requestsThatMissWhileAPageRendersShareThatOneRender() async throws {
        let cache = PageCache()
        cache.removeAll(revision: 1)
        let renders = Counter()
        let gate = Gate()
        let served = try await withThrowingTaskGroup(of: ServedPage?.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await cache.page("/story", revision: 1, sidebar: Self.sidebar) {
                        renders.value.add(1, ordering: .relaxed)
                        await gate.wait()
                        return Self.page("Story")
                    }
                }
            }
            await Self.untilWaiting(39, in: cache)
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(renders.value.load(ordering: .relaxed) == 1)
        let first = try #require(served.first ?? nil)
        #expect(served.count == 40 && served.allSatisfy { $0 === first })
        #expect(String(buffer: first.body) == "<p>Story</p><aside>Latest</aside><footer>Courier</footer>")
        #expect(cache.flights.withLock { $0.isEmpty })
    }

    @Test func aPageRenderedFromContentOlderThanTheCacheIsServedButNotKept() async throws {
        let cache = PageCache()
        cache.removeAll(revision: 1)
        // A save lands while the page renders from what the database held before it.
        let old = try await cache.page("/story", revision: 1, sidebar: Self.sidebar) {
            cache.removeAll(revision: 2)
            return Self.page("Before the correction")
        }
        #expect(old.map { String(buffer: $0.body) } == "<p>Before the correction</p><aside>Latest</aside><footer>Courier</footer>")
        #expect(cache.lookup("/story", sidebar: Self.sidebar) == nil)
        let fresh = try await cache.page("/story", revision: 2, sidebar: Self.sidebar) { Self.page("After the correction") }
        #expect(fresh.map { String(buffer: $0.body) } == "<p>After the correction</p><aside>Latest</aside><footer>Courier</footer>")
        #expect(cache.lookup("/story", sidebar: Self.sidebar) === fresh)
    }

    @Test func aFailedRenderFailsEveryRequestWaitingForItAndIsNotKept() async throws {
        struct DatabaseDown: Error {}
        let cache = PageCache()
        cache.removeAll(revision: 1)
        let gate = Gate()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do {
                        _ = try await cache.page("/story", revision: 1, sidebar: Self.sidebar) {
                            await gate.wait()
                            throw DatabaseDown()
                        }
                        return false
                    } catch {
                        return error is DatabaseDown
                    }
                }
            }
            await Self.untilWaiting(4, in: cache)
            gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: true, count: 5))
        #expect(cache.count == 0)
    }

    @Test func whenTheRenderingRequestIsCancelledAWaitingOneRendersInstead() async throws {
        let cache = PageCache()
        cache.removeAll(revision: 1)
        let gate = Gate()
        let leader = await Self.renderHeld(at: gate, "Never", revision: 1, in: cache)
        let follower = Task {
            try await cache.page("/story", revision: 1, sidebar: Self.sidebar) { Self.page("Story") }
        }
        await Self.untilWaiting(1, in: cache)
        leader.cancel()
        gate.open()
        await #expect(throws: CancellationError.self) { try await leader.value }
        let served = try await follower.value
        #expect(served.map { String(buffer: $0.body) } == "<p>Story</p><aside>Latest</aside><footer>Courier</footer>")
    }

    @Test func requestsForNewerContentDoNotWaitForARenderOfTheOld() async throws {
        let cache = PageCache()
        cache.removeAll(revision: 1)
        let gate = Gate()
        let old = await Self.renderHeld(at: gate, "Old", revision: 1, in: cache)
        cache.removeAll(revision: 2)
        // Rendered alongside the old one's, not after it.
        let new = try await cache.page("/story", revision: 2, sidebar: Self.sidebar) { Self.page("New") }
        gate.open()
        _ = try await old.value
        #expect(new.map { String(buffer: $0.body) } == "<p>New</p><aside>Latest</aside><footer>Courier</footer>")
        #expect(cache.lookup("/story", sidebar: Self.sidebar) === new)
    }
}
