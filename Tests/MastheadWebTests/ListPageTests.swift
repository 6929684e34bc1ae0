import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MastheadCore
import MastheadTesting
import Testing

@Suite("List pages", .onEveryEngine)
struct ListPageTests {
    func cardCount(_ html: String) -> Int {
        html.components(separatedBy: "<li class=\"card\">").count - 1
    }

    @Test func homeShowsCuratedTopStoriesThenTheLatest() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let text = PageText.text(of: String(buffer: response.body))
                let order = [
                    "Top Stories", "Council Approves $48 Million Seawall Plan", "Transit Authority Unveils", "Latest",
                    "Council Approves $48 Million Seawall Plan", "Editor's Picks",
                ]
                #expect(PageText.firstOutOfOrder(order, in: text) == nil)
            }
        }
    }

    @Test func sectionPagesPaginateWithLinksBothWays() async throws {
        try await withTestApp { site in
            // The News desk has 12 demo articles; 10 fit on a page.
            try await site.client.execute(uri: "/section/news", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(cardCount(html) == 10)
                #expect(html.contains("<a rel=\"next\" href=\"/section/news?page=2\">"))
                #expect(PageText.text(of: html).contains("Page 1 of 2"))
            }
            try await site.client.execute(uri: "/section/news?page=2", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(cardCount(html) == 2)
                #expect(html.contains("<a rel=\"prev\" href=\"/section/news\">"))
                #expect(html.contains("<link rel=\"canonical\" href=\"https://courier.example/section/news?page=2\">"))
            }
        }
    }

    @Test func tagPagesListOnlyTaggedArticles() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/tag/rowing", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(cardCount(html) == 1)
                #expect(PageText.text(of: html).contains("Kestrel Bay Rowing Club Marks 100 Years on the Water"))
            }
        }
    }

    @Test func authorPagesShowTheBioAndTheirArticles() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/author/priya-raman", method: .get) { response in
                let html = String(buffer: response.body)
                let text = PageText.text(of: html)
                #expect(text.contains("Priya Raman Science and health correspondent Priya Raman trained as a marine biologist"))
                #expect(html.contains("alt=\"Portrait of Priya Raman\""))
                #expect(text.contains("Bay's Eelgrass Meadows Store More Carbon Than Expected"))
            }
        }
    }

    @Test func dayAndMonthArchivesListThatPeriod() async throws {
        try await withTestApp { site in
            try await site.client.execute(uri: "/2026/11/26", method: .get) { response in
                #expect(response.status == .ok)
                let text = PageText.text(of: String(buffer: response.body))
                #expect(text.contains("Articles from Nov 26, 2026"))
                #expect(text.contains("Courthouse Renovation Falls a Year Behind Schedule"))
            }
            try await site.client.execute(uri: "/2026/08", method: .get) { response in
                #expect(response.status == .ok)
                #expect(PageText.text(of: String(buffer: response.body)).contains("Articles from August 2026"))
            }
        }
    }
}
