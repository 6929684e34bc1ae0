import Foundation
import HTTPTypes
import Hummingbird
import MastheadCore

/// The view beacon: `POST /api/v1/views` from the article page's script, and
/// `GET /api/v1/views.gif` from its `<noscript>` image. Counting happens in
/// memory (`ViewCounter`); nothing here touches the store, sets a cookie or keeps
/// an address.
struct ViewsController: Sendable {
    let site: ReaderSite
    let counter: ViewCounter
    let clientAddress: ClientAddress

    static let maximumBodyBytes = 4096
    /// A transparent 1×1 GIF, for the no-script fallback.
    static let pixel: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    func beacon(_ request: Request, context: SiteRequestContext) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw MastheadError(.tooLarge, "A view report is a few bytes.")
        }
        let form = Form(String(buffer: body))
        guard let article = Int64(form.text("article")).map(ArticleID.init) else {
            throw MastheadError(.invalidInput, "A view report names an article.")
        }
        try await count(article, referrer: form["ref"], request: request, context: context)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    func pixel(_ request: Request, context: SiteRequestContext) async throws -> Response {
        // Without an article nothing is counted and the image still answers; a malformed one
        // is a malformed request (our pages never send one).
        if let raw = request.uri.queryParameters.get("article") {
            guard let number = Int64(String(raw)), number >= 1 else { throw MastheadError(.invalidInput, "The article is a positive number.") }
            try await count(ArticleID(number), referrer: nil, request: request, context: context)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "image/gif", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: Self.pixel))
        )
    }

    private func count(_ article: ArticleID, referrer: String?, request: Request, context: SiteRequestContext) async throws {
        let address = clientAddress.of(request, peer: context.peerAddress)
        try site.options.beaconRate.take(address, now: site.clock.now)
        let userAgent = request.headers[.userAgent]
        if BotRules.isBot(userAgent) {
            counter.recordBot()
            return
        }
        // Prefetches and prerenders are not reads; signed-in newsroom staff are not readers.
        let purpose = (request.headers[HTTPField.Name("Sec-Purpose")!] ?? request.headers[HTTPField.Name("Purpose")!] ?? "").lowercased()
        if purpose.contains("prefetch") || purpose.contains("prerender") || request.headers[HTTPField.Name("X-Moz")!] == "prefetch" { return }
        if SessionCookie.value(in: request) != nil { return }
        let snapshot = try await site.snapshot()
        counter.record(
            article: article,
            address: address,
            userAgent: userAgent ?? "",
            referrerDomain: ReferrerViews.domain(of: referrer ?? request.headers[.referer], siteHost: snapshot.siteHost),
            at: site.clock.now
        )
    }
}
