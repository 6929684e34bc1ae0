import Foundation

/// What `BodyFinder` sets aside before scoring: elements that are never prose,
/// page chrome, and elements whose class or id names furniture.
extension BodyFinder {
    /// Page chrome and what is not prose: left out unless it holds most of the page's text.
    static let alwaysPruned: Set<String> = ["nav", "aside", "footer", "figure", "figcaption", "header", "menu", "address", "form"]
    static let prunedRoles: Set<String> = [
        "navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog", "menu", "menubar", "search", "toolbar",
    ]
    /// Class and id words of furniture (Readability's "unlikely candidates", and ours), matched as whole
    /// words of `class` and `id` split at spaces, hyphens and underscores.
    static let unlikelyWords: Set<String> = [
        "ad", "ads", "adv", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs", "combx", "comment", "comments", "commentlist",
        "community", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "reply", "rss",
        "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "sponsored", "supplemental", "agegate", "pagination", "pager", "popup",
        "modal", "share", "sharing", "newsletter", "promo", "cookie", "cookies", "consent", "subscribe", "signup", "outbrain", "taboola",
        "recommended", "recirc", "trending", "popular", "mostread", "byline", "author", "authors", "dateline", "timestamp", "caption", "credit",
        "tags", "toolbar", "follow", "nav", "navbar", "navigation", "skip", "print", "widget", "teaser", "readmore", "ticker", "login",
        "masthead", "copyright", "disclaimer", "meta", "hidden", "overlay", "paywall-prompt", "tooltip", "popover", "hovercard",
    ]
    /// Comments and sharing bars stay out even when their class also says "content".
    static let stronglyUnlikelyWords: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "replies", "share", "sharing", "social", "newsletter", "related", "outbrain",
        "taboola", "cookie", "consent", "recirc", "meta", "tooltip", "popover", "hovercard", "byline", "dateline", "tags", "caption", "credit",
        "breadcrumb", "breadcrumbs",
    ]
    /// Words that keep an element despite an unlikely word ("article-header-content" stays).
    /// "elementor-widget-container" wraps every block of a page built with Elementor, the prose too.
    static let maybeWords = ["and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "text", "elementor-widget"]
    static let positiveWords = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story", "prose", "paragraph",
    ]
    static let negativeWords = [
        "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
        "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline",
        "author", "caption", "credit", "nav", "menu", "teaser", "recirc", "newsletter",
    ]

    static func words(_ classAndID: String) -> [Substring] {
        classAndID.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" || $0 == "\n" })
    }

    /// "commentlinks", "commentsection", "commentaires": a readers' comments box under
    /// any name. "commentary" and "commentator" name an opinion piece and its writer.
    static func namesComments(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return lower.hasPrefix("comment") && !lower.hasPrefix("commentary") && !lower.hasPrefix("commentator")
    }

    enum Pruning { case keep, always, furniture, unlessMostOfThePage }

    static let hardPruned: Set<String> = [
        "script", "style", "template", "iframe", "svg", "button", "select", "textarea", "input", "head", "title", "meta", "link", "label", "h1",
        "time", "object", "embed", "canvas", "video", "audio", "dialog", "rt", "rp",
    ]

    func prune(_ node: HTMLNode, strict: Bool) -> Pruning {
        if articleBodyPath.contains(ObjectIdentifier(node)) { return .keep }
        if Self.hardPruned.contains(node.name) { return .always }
        // Hidden until a script shows it: a page loader may hide the whole page this way.
        if node.attributes["hidden"] != nil || node["aria-hidden"] == "true" { return .unlessMostOfThePage }
        if let style = node["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
            style.contains("display:none") || style.contains("visibility:hidden")
        {
            return .unlessMostOfThePage
        }
        if let type = node["itemtype"], type.contains("Comment") { return .furniture }
        if let property = node["itemprop"]?.lowercased(), property == "comment" || property == "author" { return .furniture }
        if Self.alwaysPruned.contains(node.name) { return .unlessMostOfThePage }
        if let role = node["role"]?.lowercased(), Self.prunedRoles.contains(role) { return .unlessMostOfThePage }
        guard !["body", "html", "article", "main", "a"].contains(node.name) else { return .keep }
        let classAndID = node.classAndID
        let words = Self.words(classAndID)
        // Readers' comments stay out of every attempt: a long thread is never the article.
        if words.contains(where: Self.namesComments) { return .furniture }
        guard strict else { return .keep }
        guard words.contains(where: { Self.unlikelyWords.contains(String($0)) }) else { return .keep }
        if words.contains(where: { Self.stronglyUnlikelyWords.contains(String($0)) }) { return .furniture }
        return Self.maybeWords.contains(where: classAndID.contains) ? .keep : .unlessMostOfThePage
    }
}
