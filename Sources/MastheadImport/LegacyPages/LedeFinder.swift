import Foundation

/// The lede many templates print between the headline and the body's container: an
/// intro paragraph in a header block of its own ("post-top-content", "intro"), which
/// the body's best candidate does not hold. It is the article's first words, so it
/// opens the body, unless it is the standfirst the page already gives (that is shown
/// above the body and is not repeated).
///
/// Only paragraphs after the page's `<h1>` (or `itemprop="headline"`) and before the container, outside the
/// site's chrome, reading like prose (60 letters or more, few of them links, not a
/// byline, dateline or prompt), and only when little else stands between: a sidebar
/// or a teaser list between headline and body is not a lede.
struct LedeFinder {
    let root: HTMLNode
    let container: HTMLNode

    static let chrome: Set<String> = [
        "nav", "aside", "footer", "form", "figure", "figcaption", "script", "style", "template", "noscript", "ul", "ol", "table",
    ]
    /// Letters between the headline and the body beyond which what lies there is not a lede.
    static let reach = 1_500

    func ledes(standfirst: String?, body: [RecognisedPage.Block]) -> [String] {
        // The paragraphs met after the last `<h1>` before the container, in document order.
        var afterHeadline: [HTMLNode]? = nil
        var between = 0
        var reachedContainer = false
        func walk(_ node: HTMLNode) {
            for child in node.children {
                guard !reachedContainer else { return }
                if child === container {
                    reachedContainer = true
                    return
                }
                if child.isText {
                    if afterHeadline != nil { between += BodyFinder.count(child.text).length }
                    continue
                }
                if Self.isHeadline(child) {
                    afterHeadline = []
                    between = 0
                    continue
                }
                if afterHeadline != nil, child.name == "p" {
                    afterHeadline?.append(child)
                    between += BodyFinder.count(child.textContent).length
                    continue
                }
                if Self.chrome.contains(child.name) || BodyFinder.hardPruned.contains(child.name) {
                    // A headline printed as a breadcrumb's last item still marks where the story starts.
                    if !child.descendants(where: Self.isHeadline).isEmpty {
                        afterHeadline = []
                        between = 0
                    } else if afterHeadline != nil {
                        between += BodyFinder.count(child.textContent).length
                    }
                    continue
                }
                walk(child)
            }
        }
        walk(root)
        guard reachedContainer, let paragraphs = afterHeadline, !paragraphs.isEmpty, between <= Self.reach else { return [] }
        let shown = Set(([standfirst ?? ""] + body.map(\.text)).map(Self.normalised))
        return paragraphs.compactMap { paragraph -> String? in
            let text = collapseWhitespace(paragraph.textContent)
            let letters = BodyFinder.count(text).length
            guard letters >= 60, linkLetters(paragraph) * 3 < letters else { return nil }
            guard !PageFurniture.isFurniture(text), !PageFurniture.isBylineOrDateline(text), !PageFurniture.isRights(text) else { return nil }
            let normalised = Self.normalised(text)
            guard !shown.contains(where: { $0.contains(normalised) || ($0.count >= 40 && normalised.contains($0)) }) else { return nil }
            return text
        }.prefix(3).map { $0 }
    }

    /// The story's headline: an `<h1>`, or what the page marks up as its headline.
    static func isHeadline(_ node: HTMLNode) -> Bool {
        node.name == "h1" || node["itemprop"] == "headline"
    }

    private func linkLetters(_ node: HTMLNode) -> Int {
        node.children.reduce(0) { total, child in
            if child.isText { return total }
            return total + (child.name == "a" ? BodyFinder.count(child.textContent).length : linkLetters(child))
        }
    }

    static func normalised(_ text: String) -> String {
        collapseWhitespace(text).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .…"))
    }
}
