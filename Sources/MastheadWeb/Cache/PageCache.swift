import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import MastheadCore
import Synchronization

/// A page rendered into bytes, cut where the sidebar goes so the sidebar can be
/// refreshed without rendering the page again.
@_spi(Benchmarks) public struct RenderedPage: Sendable {
    var before: ByteBuffer
    var after: ByteBuffer
    /// Worked out once, when the page is rendered: reassembling it with a new
    /// sidebar then costs two buffer copies, not a pass over every byte and a date
    /// formatter (72 µs and 319 allocations per reassembly before).
    var hash: UInt64
    /// Already formatted as an HTTP date, so a cache hit formats nothing.
    var lastModified: String?
    /// The headers that depend on the page alone (`Cache-Control`, `Vary`,
    /// `Surrogate-Key`, `Cache-Tag`, `Last-Modified`), built and so validated once,
    /// when it is rendered: neither a request nor a sidebar change rebuilds them.
    var fields: [HTTPField]
    /// What the page shows (see `SurrogateKeys`): a change naming none of these leaves it cached.
    var surrogateKeys: [String]

    @_spi(Benchmarks) public static let sidebarMarker = "<!--masthead:sidebar-->"

    @_spi(Benchmarks) public init(html: String, lastModified: Date?, surrogateKeys: [String] = [SurrogateKeys.site]) {
        if let range = html.range(of: Self.sidebarMarker) {
            before = ByteBuffer(string: String(html[..<range.lowerBound]))
            after = ByteBuffer(string: String(html[range.upperBound...]))
        } else {
            before = ByteBuffer(string: html)
            after = ByteBuffer()
        }
        hash = Theme.fnv1a(html.utf8)
        self.surrogateKeys = surrogateKeys
        let modified = lastModified.map(HTTPDate.format)
        self.lastModified = modified
        fields =
            [
                HTTPField(name: .cacheControl, value: HTTPCaching.readerCacheControl),
                HTTPField(name: .vary, value: "Accept-Encoding"),
                HTTPField(name: .surrogateKey, value: surrogateKeys.joined(separator: " ")),
                HTTPField(name: .cacheTag, value: surrogateKeys.joined(separator: ",")),
            ] + (modified.map { [HTTPField(name: .lastModified, value: $0)] } ?? [])
    }
}

/// What the cache hands back: the whole page, gzipped once for clients that
/// accept it, and its validators. A class, so a cache hit hands over one
/// reference instead of copying (and retaining) each buffer and header in turn.
@_spi(Benchmarks) public final class ServedPage: Sendable {
    @_spi(Benchmarks) public let body: ByteBuffer
    /// The same bytes gzipped when that saves anything (pages under 1 KiB are sent as they are).
    let gzipped: ByteBuffer?
    let lastModified: String?
    /// The page's own headers (see `RenderedPage.fields`) and one strong ETag per
    /// representation, for these exact bytes.
    let fields: [HTTPField]
    let etag: HTTPField
    let gzippedETag: HTTPField

    init(body: ByteBuffer, gzipped: ByteBuffer?, lastModified: String?, fields: [HTTPField], etag: HTTPField, gzippedETag: HTTPField) {
        self.body = body
        self.gzipped = gzipped
        self.lastModified = lastModified
        self.fields = fields
        self.etag = etag
        self.gzippedETag = gzippedETag
    }
}

/// Rendered reader pages by cache key (path plus page number).
///
/// Visible to `Benchmarks/` through `@_spi(Benchmarks)`, nowhere else.
///
/// A `Mutex`, not an actor: this is read on every request, and a lookup is a
/// dictionary access plus a reference-count bump on the stored `ByteBuffer`, far
/// cheaper than an actor hop. Pages are assembled with the current sidebar once,
/// and reassembled only when the sidebar's bytes change.
@_spi(Benchmarks) public final class PageCache: Sendable {
    private struct Entry {
        var page: RenderedPage
        var served: ServedPage
        var sidebarHash: UInt64
        /// The content revision it was rendered from.
        var revision: Int64?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The content revision the entries were rendered from; a page rendered
        /// from another is not kept (see `store`).
        var revision: Int64?
    }

    /// Past this many pages the cache starts over; a flood of distinct URLs can
    /// never grow memory without bound.
    let capacity: Int
    private let state = Mutex(State())
    /// Renders in progress (see `PageCache+Flights.swift`).
    let flights = Mutex<[FlightKey: [Waiter]]>([:])
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    /// Renders started on a miss; lower than `misses` when requests shared a render.
    let renders = Atomic<Int>(0)

    @_spi(Benchmarks) public init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    @_spi(Benchmarks) public func lookup(_ key: String, sidebar: RenderedSidebar) -> ServedPage? {
        let entry = state.withLock { $0.entries[key] }
        guard let entry else {
            misses.add(1, ordering: .relaxed)
            return nil
        }
        hits.add(1, ordering: .relaxed)
        if entry.sidebarHash == sidebar.hash { return entry.served }
        // Its own revision: a page dropped by a save while this reassembles it stays dropped.
        return store(key, page: entry.page, sidebar: sidebar, revision: entry.revision)
    }

    /// Assembles `page` with `sidebar` and keeps it, unless it was rendered from
    /// content older than the cache's: a render that read the database just before
    /// a save and finished after the cache was emptied for it would otherwise keep
    /// the old page until the next save. `revision` nil keeps it regardless.
    @discardableResult
    @_spi(Benchmarks) public func store(_ key: String, page: RenderedPage, sidebar: RenderedSidebar, revision: Int64? = nil) -> ServedPage {
        var body = ByteBuffer()
        body.reserveCapacity(page.before.readableBytes + sidebar.bytes.readableBytes + page.after.readableBytes)
        body.writeImmutableBuffer(page.before)
        if page.after.readableBytes > 0 || page.before.readableBytes == 0 {
            body.writeImmutableBuffer(sidebar.bytes)
        }
        body.writeImmutableBuffer(page.after)
        // A strong validator for these exact bytes: it changes when the page or the sidebar does.
        let hash = (page.hash &* 0x100_0000_01B3) ^ sidebar.hash
        let tag = String(hash, radix: 36)
        let served = ServedPage(
            body: body,
            gzipped: Self.gzip(body),
            lastModified: page.lastModified,
            fields: page.fields,
            etag: HTTPField(name: .eTag, value: "\"\(tag)\""),
            gzippedETag: HTTPField(name: .eTag, value: "\"\(tag)-gz\"")
        )
        state.withLock { state in
            if let revision, revision != state.revision { return }
            if state.entries.count >= capacity, state.entries[key] == nil { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(page: page, served: served, sidebarHash: sidebar.hash, revision: revision ?? state.revision)
        }
        return served
    }

    /// Compressed once when a page is stored, never per request: gzip at level 6 costs
    /// about as much as serving the page a hundred times.
    static func gzip(_ body: ByteBuffer) -> ByteBuffer? {
        guard body.readableBytes >= 1_024 else { return nil }
        var input = body
        guard let compressed = try? input.compress(with: .gzip()), compressed.readableBytes < body.readableBytes else { return nil }
        return compressed
    }

    /// Drops every page: content changed, and `revision` is what pages are rendered from now.
    func removeAll(revision: Int64? = nil) {
        state.withLock { state in
            state.entries.removeAll()
            state.revision = revision
        }
    }

    /// Drops the pages that show any of `keys` (and those keyed by the site alone) and
    /// keeps the revision: for changes that come with the clock (a licence ending), not with a save.
    func removePages(showing keys: Set<String>) {
        guard !keys.isEmpty else { return }
        state.withLock { state in state.entries = state.entries.filter { Self.survives($0.value, dropping: keys) } }
    }

    /// Whether a page outlives a change to `keys`: it names what it shows, and none of that changed.
    private static func survives(_ entry: Entry, dropping keys: Set<String>) -> Bool {
        let shown = entry.page.surrogateKeys
        return shown.contains { $0 != SurrogateKeys.site } && !shown.contains(where: keys.contains)
    }

    /// The content revision the cached pages are rendered from (nil before the first snapshot).
    var revision: Int64? { state.withLock { $0.revision } }

    /// Moves the cache from content revision `from` to `to`, dropping the pages that
    /// show any of `keys` (and those keyed by the site alone, which may show
    /// anything). The rest stay, now counted as rendered from `to`. A cache already
    /// at `to` has nothing to do; one between `from` and `to` drops what `keys`
    /// name, a superset of what is left. When `keys` is nil (a write left no
    /// record, or the revision went back: a restored backup), every page goes.
    func advance(from: Int64?, to revision: Int64, dropping keys: Set<String>?) {
        state.withLock { state in
            if state.revision == revision { return }
            guard let keys, let from, let current = state.revision, current >= from, current < revision else {
                state.entries.removeAll()
                state.revision = revision
                return
            }
            state.entries = state.entries.filter { Self.survives($0.value, dropping: keys) }
            for key in state.entries.keys { state.entries[key]?.revision = revision }
            state.revision = revision
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Lookups answered and missed and renders since start, and pages held now.
    var statistics: (hits: Int, misses: Int, renders: Int, pages: Int) {
        (hits.load(ordering: .relaxed), misses.load(ordering: .relaxed), renders.load(ordering: .relaxed), count)
    }
}

/// The sidebar lists rendered to bytes, with a hash that changes only when they do.
@_spi(Benchmarks) public struct RenderedSidebar: Sendable {
    var html: String
    var bytes: ByteBuffer
    var hash: UInt64

    @_spi(Benchmarks) public init(html: String) {
        self.html = html
        bytes = ByteBuffer(string: html)
        hash = Theme.fnv1a(html.utf8)
    }
}

/// HTTP dates (RFC 9110 IMF-fixdate), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// An IMF-fixdate back to a date; `nil` for anything else (obsolete formats are not worth a 304).
    static func parse(_ text: String) -> Date? {
        guard text.count <= 40 else { return nil }
        return formatter().date(from: text)
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
