import Foundation
import Hummingbird
import MastheadCore

/// `/search?q=…&section=…&from=YYYY-MM-DD&to=YYYY-MM-DD&page=N`.
struct SearchController: Sendable {
    let site: ReaderSite
    let clientAddress: ClientAddress

    func search(_ request: Request, context: SiteRequestContext) async throws -> Response {
        // Decoded as a form, as browsers send it: "seawall+plan" is "seawall plan".
        let parameters = request.queryForm
        let text = CleanText.clean(String((parameters["q"] ?? "").prefix(500)))
        let snapshot = try await site.snapshot()
        let formatter = snapshot.formatter
        let sectionText = parameters["section"] ?? ""
        let section = sectionText.isEmpty ? nil : Slug(validating: sectionText)
        func day(_ name: String) throws -> (Date?, String) {
            let raw = parameters[name] ?? ""
            guard !raw.isEmpty else { return (nil, "") }
            let parts = raw.split(separator: "-").compactMap { Int($0) }
            guard raw.count == 10, parts.count == 3, let range = formatter.dayRange(year: parts[0], month: parts[1], day: parts[2]) else {
                throw MastheadError(.invalidInput, "Dates are written like 2026-11-30.")
            }
            return (name == "to" ? range.upperBound : range.lowerBound, raw)
        }
        let (from, fromText) = try day("from")
        let (until, untilText) = try day("to")
        let page = try PublicController.pageNumber(request)
        let query = SearchQuery(text: text, section: section, from: from, until: until)
        // Every search costs the database real work: a budget per address, and a cap on
        // how many run at once, so a few clients in a loop cannot take the server.
        let now = site.clock.now
        if !query.terms.isEmpty { try site.options.searchRate.take(clientAddress.of(request, peer: context.peerAddress), now: now) }
        var paged = try await site.options.searchesAtOnce.run {
            try await site.stores.search.search(query, page: PageRequest(page: page, perPage: 10), now: now)
        }
        let summaries = try await site.withImages(paged.items.map(\.article))
        for index in paged.items.indices { paged.items[index].article = summaries[index] }
        let model = SearchPage(
            query: query,
            fromText: fromText,
            untilText: untilText,
            paged: paged,
            settings: snapshot.settings,
            chrome: snapshot.chrome,
            sections: snapshot.sections
        ) { number in
            var items = URLComponents()
            items.queryItems = [URLQueryItem(name: "q", value: text)]
            if !sectionText.isEmpty { items.queryItems?.append(URLQueryItem(name: "section", value: sectionText)) }
            if !fromText.isEmpty { items.queryItems?.append(URLQueryItem(name: "from", value: fromText)) }
            if !untilText.isEmpty { items.queryItems?.append(URLQueryItem(name: "to", value: untilText)) }
            if number > 1 { items.queryItems?.append(URLQueryItem(name: "page", value: String(number))) }
            return "/search" + (items.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        let html = try site.theme.render(model, template: "search")
        // Results depend on the query: rendered per request and not stored by caches.
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
