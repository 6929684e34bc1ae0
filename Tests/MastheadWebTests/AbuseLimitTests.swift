import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import MastheadWeb
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Limits on what one address can take: searches, beacons, connections")
struct AbuseLimitTests {
    static func search(_ site: TestSite, _ query: String, from address: String? = nil) async throws -> (HTTPResponse.Status, String?) {
        var headers: HTTPFields = [:]
        if let address { headers[.xForwardedFor] = address }
        return try await site.client.execute(uri: "/search?q=" + query, method: .get, headers: headers) {
            ($0.status, $0.headers[.retryAfter])
        }
    }

    @Test func searchesPerAddressAreLimitedWithRetryAfterAndOthersAreStillServed() async throws {
        try await withTestApp(trustedProxies: ["unknown"]) { site in
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for index in 0..<25 {
                let (status, retry) = try await Self.search(site, "harbor+\(index)", from: "198.51.100.7")
                statuses.append(status)
                retryAfter = retry ?? retryAfter
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .ok })
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests })
            #expect(Int(retryAfter ?? "") == 2, "one search every two seconds after the burst")
            #expect(try await Self.search(site, "harbor", from: "198.51.100.8").0 == .ok)
            // The empty search form costs nothing and is never refused.
            #expect(try await Self.search(site, "", from: "198.51.100.7").0 == .ok)
        }
    }

    @Test func beaconsPerAddressAreLimitedButTheAnswerStaysCheap() async throws {
        try await withTestApp(trustedProxies: ["unknown"]) { site in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<125 {
                statuses.append(
                    try await site.client.execute(
                        uri: "/api/v1/views",
                        method: .post,
                        headers: [.contentType: "application/x-www-form-urlencoded", .xForwardedFor: "203.0.113.9", .userAgent: "Reader"],
                        body: ByteBuffer(string: "article=1")
                    ) { $0.status }
                )
            }
            #expect(statuses.prefix(120).allSatisfy { $0 == .noContent })
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test func repeatedPhrasesAreSearchedOnceAndAtMostThreePhrasesAreKept() {
        let repeated = SearchQuery(text: Array(repeating: "\"the the the the\"", count: 12).joined(separator: " "))
        #expect(repeated.terms == [.phrase(["the", "the", "the", "the"])])
        let many = SearchQuery(text: (1...12).map { "\"the \($0)\"" }.joined(separator: " ") + " harbor")
        #expect(many.terms.filter { if case .phrase = $0 { true } else { false } }.count == SearchQuery.maximumPhrases)
        #expect(many.terms.last == .word("harbor"), "words after the dropped phrases are still searched")
        #expect(SearchQuery(text: "ferry ferry FERRY").terms == [.word("ferry")])
    }

    @Test func expensiveWorkRunsAFewAtATimeQueuesAFewMoreAndRefusesTheRest() async throws {
        let gate = WorkGate(limit: 2, queueLength: 3)
        let tally = Tally()
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await gate.run {
                        tally.enter()
                        while !tally.released.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
                        tally.leave()
                        return "done"
                    }
                }
            }
            // Five in: two running, three queued. A sixth finds the queue full.
            try await Task.sleep(for: .milliseconds(200))
            do {
                _ = try await gate.run { "sixth" }
                Issue.record("a sixth was let in while five were running or queued")
            } catch let throttled as Throttled {
                #expect(throttled.status == .serviceUnavailable)
                #expect(throttled.retryAfter == 1)
            }
            tally.released.store(true, ordering: .releasing)
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: "done", count: 5))
        #expect(tally.peak.load(ordering: .relaxed) == 2)
    }

    final class Tally: Sendable {
        let running = Atomic(0)
        let peak = Atomic(0)
        let released = Atomic(false)

        func enter() {
            let now = running.add(1, ordering: .relaxed).newValue
            var seen = peak.load(ordering: .relaxed)
            while now > seen {
                let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
                if exchanged { break }
                seen = original
            }
        }

        func leave() { running.subtract(1, ordering: .relaxed) }
    }

    @Test func oneAddressCannotHoldMoreThanItsShareOfConnections() async throws {
        try await withTestApp(overHTTP: true, connectionsPerAddress: 3) { site in
            let port = try #require(site.client.port)
            // The test client may hold a connection of its own from the same address.
            let connections = try (0..<6).map { _ in try RawConnection(port: port) }
            let open = connections.map { $0.isOpenAfterWaiting() }
            #expect((2...3).contains(open.filter { $0 }.count), "\(open)")
            // Closing them gives the address its share back.
            for connection in connections { connection.close() }
            try await Task.sleep(for: .milliseconds(200))
            let again = try RawConnection(port: port)
            defer { again.close() }
            #expect(again.get("/healthz").hasPrefix("HTTP/1.1 200"))
        }
    }
}

/// A TCP connection that sends nothing: what a half-open flood looks like.
final class RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw TestFailure("could not connect to port \(port)") }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// True when, two seconds on, the server has neither closed nor answered.
    func isOpenAfterWaiting() -> Bool {
        var byte: UInt8 = 0
        let received = recv(descriptor, &byte, 1, 0)
        return received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    /// Sends a GET and returns the start of the answer.
    func get(_ path: String) -> String {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    func close() { _ = Glibc.close(descriptor) }
}
