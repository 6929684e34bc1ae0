import Synchronization

/// One render per page at a time.
///
/// A save drops the pages it touched, and under load every connection that asks for a
/// page before it is back in the cache would render it again, each render with its
/// database reads and a gzip. A miss that finds the same page already being
/// rendered waits for that render instead, so a save costs one render of each page
/// however busy the site: with wrk at 60 connections on one article and a save a
/// second, 15 saves made 1,797 renders before and 15 after.
extension PageCache {
    /// The page, the content revision and the sidebar it is rendered with: a
    /// request that sees newer content or another sidebar does not wait for a
    /// render of the old.
    struct FlightKey: Hashable {
        var key: String
        var revision: Int64
        var sidebarHash: UInt64
    }

    /// A waiting request: resumed with the render's outcome, or with `nil` to look again.
    typealias Waiter = CheckedContinuation<Result<ServedPage?, any Error>?, Never>

    /// The cached page under `key`, or one `render` of it shared by every request
    /// that misses while it runs. `render` returns `nil` when there is no such page.
    func page(
        _ key: String,
        revision: Int64,
        sidebar: RenderedSidebar,
        render: () async throws -> RenderedPage?
    ) async throws -> ServedPage? {
        let flight = FlightKey(key: key, revision: revision, sidebarHash: sidebar.hash)
        while true {
            if let served = lookup(key, sidebar: sidebar) { return served }
            let leads = flights.withLock { flights in
                if flights[flight] != nil { return false }
                flights[flight] = []
                return true
            }
            if leads { return try await lead(flight, sidebar: sidebar, render: render) }
            if let outcome = await wait(for: flight) { return try outcome.get() }
            // The render ended before this request could wait for it, or was
            // cancelled: look in the cache again, or render it.
        }
    }

    private func lead(
        _ flight: FlightKey,
        sidebar: RenderedSidebar,
        render: () async throws -> RenderedPage?
    ) async throws -> ServedPage? {
        renders.add(1, ordering: .relaxed)
        let outcome: Result<ServedPage?, any Error>
        do {
            outcome = .success(try await render().map { store(flight.key, page: $0, sidebar: sidebar, revision: flight.revision) })
        } catch {
            outcome = .failure(error)
        }
        let waiters = flights.withLock { $0.removeValue(forKey: flight) ?? [] }
        // A cancelled render says nothing about the page: those waiting try again.
        let shared: Result<ServedPage?, any Error>? = if case .failure(is CancellationError) = outcome { nil } else { outcome }
        for waiter in waiters { waiter.resume(returning: shared) }
        return try outcome.get()
    }

    private func wait(for flight: FlightKey) async -> Result<ServedPage?, any Error>? {
        await withCheckedContinuation { (waiter: Waiter) in
            let joined = flights.withLock { flights in
                guard flights[flight] != nil else { return false }
                flights[flight]?.append(waiter)
                return true
            }
            if !joined { waiter.resume(returning: nil) }
        }
    }
}
