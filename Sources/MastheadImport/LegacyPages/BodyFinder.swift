import Foundation

/// Finds an article's body in a page by scoring candidates, as Readability and
/// trafilatura do, rather than trusting one pattern.
///
/// 1. **Prune**: scripts, navigation, forms' controls, hidden elements and (on the
///    first attempt) elements whose class or id names furniture (`comments`,
///    `share-bar`, `related`) are set aside, unless they hold the page's
///    `itemprop="articleBody"` element or most of its prose.
/// 2. **Measure** every element in one pass: text length, link text, commas.
/// 3. **Score**: each paragraph-like block (`p`, `pre`, `td`, `li`, a `div` with
///    no block inside, a run of bare text) gives points for its length and
///    commas, less its share of link text, to its parent, half to the
///    grandparent and less further up. `<article>`, `main`, `articleBody` and
///    class words (`article-body`, `story`) are evidence, not gates.
/// 4. **Choose** the best candidate, move up when its parent scores higher, and
///    take in siblings that score nearly as well (a body split across `div`s).
/// 5. **Read** the chosen elements into blocks, leaving out lists of links,
///    furniture lines and bylines, and stopping at a "Related stories" heading.
///
/// When an attempt yields little text, it is tried again with the class rules
/// off, and the longest attempt wins. Every pass is linear in the page's size.
struct BodyFinder {
    /// What one pass measured of an element.
    struct Measure {
        var pass = 0
        var removed = false
        var textLength = 0
        var linkLength = 0
        var commas = 0
        var hasBlockChild = false
        var holdsArticle = false
        var score: Double = 0
        var isCandidate = false
    }

    let root: HTMLNode
    private(set) var pass = 0
    private(set) var articleBodyPath: Set<ObjectIdentifier> = []
    private(set) var pageText = 0

    init(root: HTMLNode) {
        self.root = root
        // `itemprop="articleBody"` on an element with content (never the `<meta>` summary).
        if let body = BodyFinder.articleBodyPath(in: root) { articleBodyPath = body }
    }

    /// The body as blocks and the element it was read from.
    mutating func find() -> (blocks: [RecognisedPage.Block], container: HTMLNode?) {
        var best: (blocks: [RecognisedPage.Block], container: HTMLNode?, length: Int) = ([], nil, 0)
        pageText = Self.count(root.textContent).length
        for strict in [true, false] {
            pass += 1
            measure(root, strict: strict, inLink: false)
            let (blocks, container) = attempt()
            let length = blocks.reduce(0) { $0 + $1.text.count }
            if length > best.length { best = (blocks, container, length) }
            // Enough prose, or as much as the page has: no second attempt needed.
            if length >= 500 || length * 2 >= pageText { break }
        }
        return (best.blocks, best.container)
    }

    // MARK: - Prune and measure

    private mutating func measure(_ node: HTMLNode, strict: Bool, inLink: Bool) {
        node.measure = Measure(pass: pass)
        let isLink = inLink || node.name == "a"
        for child in node.children {
            if child.isText {
                let (length, commas) = Self.count(child.text)
                node.measure.textLength += length
                node.measure.commas += commas
                if isLink { node.measure.linkLength += length }
                continue
            }
            let pruning = prune(child, strict: strict)
            if pruning == .always {
                child.measure = Measure(pass: pass, removed: true)
                continue
            }
            measure(child, strict: strict, inLink: isLink)
            // A header or a class rule never removes most of the page's prose: broken markup
            // leaves whole articles inside an unclosed `<header>`, and wrappers are named
            // "page-header-fixed".
            if pruning == .unlessMostOfThePage && !holdsTheStory(child) {
                child.measure.removed = true
                continue
            }
            if pruning == .furniture {
                child.measure.removed = true
                continue
            }
            node.measure.textLength += child.measure.textLength
            node.measure.linkLength += child.measure.linkLength
            node.measure.commas += child.measure.commas
            // `<span><p>…</p></span>` holds blocks as much as `<div><p>` does.
            if HTMLTree.blockElements.contains(child.name) || child.measure.hasBlockChild { node.measure.hasBlockChild = true }
            if child.name == "article" || child.name == "main" || child.measure.holdsArticle { node.measure.holdsArticle = true }
        }
    }

    /// Whether an element that looks like chrome holds the story after all: an `<article>`
    /// inside, or a good part of the page's text that is not links.
    func holdsTheStory(_ node: HTMLNode) -> Bool {
        (node.measure.holdsArticle && (node.name == "header" || node.name == "form")) || node.measure.textLength * 2 >= pageText
    }

    /// Letters and digits (not white space) and commas in a run of text.
    static func count(_ text: String) -> (length: Int, commas: Int) {
        var length = 0
        var commas = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : scalar.properties.isWhitespace { continue }
            length += 1
            if scalar == "," || scalar == "\u{FF0C}" || scalar == "\u{3001}" || scalar == "\u{060C}" { commas += 1 }
        }
        return (length, commas)
    }

    static func articleBodyPath(in root: HTMLNode) -> Set<ObjectIdentifier>? {
        var path: [HTMLNode] = []
        var found: Set<ObjectIdentifier>?
        func walk(_ node: HTMLNode) {
            guard found == nil else { return }
            path.append(node)
            defer { path.removeLast() }
            if node.name != "meta", (node["itemprop"] ?? "").split(separator: " ").contains("articleBody"), node.textContent.count > 200 {
                found = Set(path.map(ObjectIdentifier.init))
                return
            }
            for child in node.children where !child.isText { walk(child) }
        }
        walk(root)
        return found
    }

    // MARK: - Score and choose

    func isLive(_ node: HTMLNode) -> Bool { node.measure.pass == pass && !node.measure.removed }

    func linkDensity(_ node: HTMLNode) -> Double {
        node.measure.textLength == 0 ? 0 : Double(node.measure.linkLength) / Double(node.measure.textLength)
    }

    func classWeight(_ node: HTMLNode) -> Double {
        var weight = 0.0
        for value in [node["class"], node["id"]] {
            guard let value, !value.isEmpty else { continue }
            let lower = value.lowercased()
            if Self.negativeWords.contains(where: lower.contains) { weight -= 25 }
            if Self.positiveWords.contains(where: lower.contains) { weight += 25 }
        }
        if articleBodyPath.contains(ObjectIdentifier(node)) && (node["itemprop"] ?? "").contains("articleBody") { weight += 60 }
        if node.name == "article" || node["role"] == "main" || node.name == "main" { weight += 10 }
        return weight
    }

    /// A candidate's start: its tag, and its class words in proportion to its text, so a
    /// "post-ratings" box of 26 characters does not outscore the post.
    func baseScore(_ node: HTMLNode) -> Double {
        let weight = classWeight(node) * min(1, Double(node.measure.textLength) / 300)
        switch node.name {
        case "div", "article", "main", "section": return 5 + weight
        case "pre", "td", "blockquote": return 3 + weight
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": return -3 + weight
        case "h2", "h3", "h4", "h5", "h6", "th": return -5 + weight
        default: return weight
        }
    }

    static let paragraphLike: Set<String> = ["p", "pre", "td", "li", "dd", "blockquote", "h2", "h3", "h4", "h5", "h6"]

    private func score() -> [HTMLNode] {
        var candidates: [HTMLNode] = []
        var path: [HTMLNode] = []
        func credit(_ points: Double) {
            for (distance, ancestor) in path.reversed().enumerated().prefix(5) where ancestor.name != "#root" && ancestor.name != "html" {
                if !ancestor.measure.isCandidate {
                    ancestor.measure.isCandidate = true
                    ancestor.measure.score = baseScore(ancestor)
                    candidates.append(ancestor)
                }
                let divider = distance == 0 ? 1.0 : distance == 1 ? 2.0 : Double(distance) * 3
                ancestor.measure.score += points / divider
            }
        }
        func points(length: Int, commas: Int, linkLength: Int) -> Double? {
            guard length >= 25 else { return nil }
            let linkShare = Double(linkLength) / Double(max(1, length))
            // Commas count up to a point: a list of 300 signatories is not 300 times the prose.
            return (1 + Double(min(commas, 15)) + min(Double(length) / 100, 3)) * (1 - linkShare)
        }
        func walk(_ node: HTMLNode) {
            path.append(node)
            defer { path.removeLast() }
            var bareLength = 0
            var bareCommas = 0
            for child in node.children {
                if child.isText {
                    if node.measure.hasBlockChild {
                        let (length, commas) = Self.count(child.text)
                        bareLength += length
                        bareCommas += commas
                    }
                    continue
                }
                guard isLive(child) else { continue }
                if Self.paragraphLike.contains(child.name) || (!child.measure.hasBlockChild && HTMLTree.blockElements.contains(child.name)) {
                    if let points = points(length: child.measure.textLength, commas: child.measure.commas, linkLength: child.measure.linkLength) {
                        credit(points)
                    }
                    if child.measure.hasBlockChild { walk(child) }
                } else if node.measure.hasBlockChild && !HTMLTree.blockElements.contains(child.name) && !child.measure.hasBlockChild {
                    // Inline elements among blocks are part of a bare-text run.
                    bareLength += child.measure.textLength - child.measure.linkLength
                    bareCommas += child.measure.commas
                } else {
                    walk(child)
                }
            }
            if bareLength >= 25, let points = points(length: bareLength, commas: bareCommas, linkLength: 0) {
                // Bare text among blocks is a paragraph whose parent is this element.
                credit(points)
            }
        }
        walk(root)
        for candidate in candidates { candidate.measure.score *= 1 - linkDensity(candidate) }
        return candidates
    }

    private func attempt() -> ([RecognisedPage.Block], HTMLNode?) {
        let candidates = score()
        guard var top = candidates.max(by: { $0.measure.score < $1.measure.score }) else {
            let body = root.first("body") ?? root
            return (read([body], protected: []), body)
        }
        var parents: [ObjectIdentifier: HTMLNode] = [:]
        func link(_ node: HTMLNode) {
            for child in node.children where !child.isText && isLive(child) {
                parents[ObjectIdentifier(child)] = node
                link(child)
            }
        }
        link(root)
        // The best candidate and what holds it are never another story's card.
        var protected: Set<ObjectIdentifier> = [ObjectIdentifier(top)]
        var holder = parents[ObjectIdentifier(top)]
        while let current = holder {
            protected.insert(ObjectIdentifier(current))
            holder = parents[ObjectIdentifier(current)]
        }
        func ancestors(_ node: HTMLNode) -> [HTMLNode] {
            var chain: [HTMLNode] = []
            var next = parents[ObjectIdentifier(node)]
            while let current = next, current.name != "body", current.name != "#root", current.name != "html" {
                chain.append(current)
                next = parents[ObjectIdentifier(current)]
            }
            return chain
        }
        // A long list (a paper's references, a recipe's steps) outscores the prose around it,
        // item by item: the box that holds both is the body.
        if top.name == "ul" || top.name == "ol" {
            for ancestor in ancestors(top).prefix(2)
            where ancestor.measure.textLength - top.measure.textLength >= 200 && linkDensity(ancestor) < 0.3 {
                top = ancestor
                break
            }
        }
        // A body split into sections scores each section alike: when three of the runners-up
        // (within 75% of the best) share an ancestor with it, that ancestor is the body.
        let runnersUp = candidates.sorted { $0.measure.score > $1.measure.score }.dropFirst().prefix(4)
            .filter { $0.measure.score >= top.measure.score * 0.75 }
        if runnersUp.count >= 3 {
            let lists = runnersUp.map { Set(ancestors($0).map(ObjectIdentifier.init)) }
            for ancestor in ancestors(top) where lists.filter({ $0.contains(ObjectIdentifier(ancestor)) }).count >= 3 {
                top = ancestor
                break
            }
        }
        // Move up while an ancestor scores higher: the body is split across the top candidate's siblings.
        var lastScore = top.measure.score
        let floor = top.measure.score / 3
        for current in ancestors(top).prefix(6) where current.measure.isCandidate {
            if current.measure.score < floor { break }
            if current.measure.score > lastScore {
                top = current
                break
            }
            lastScore = current.measure.score
        }
        // An only child stands for its parent.
        while let up = parents[ObjectIdentifier(top)], up.name != "body", up.name != "#root",
            up.children.filter({ !$0.isText && isLive($0) }).count == 1
        {
            top = up
        }
        var chosen = [top]
        if let up = parents[ObjectIdentifier(top)] {
            let threshold = max(10, top.measure.score * 0.2)
            chosen = up.children.filter { sibling in
                guard !sibling.isText, isLive(sibling) else { return false }
                if sibling === top { return true }
                var bonus = 0.0
                if let classes = top["class"], !classes.isEmpty, sibling["class"] == classes { bonus = top.measure.score * 0.2 }
                if sibling.measure.isCandidate && sibling.measure.score + bonus >= threshold { return true }
                guard sibling.name == "p" || (!sibling.measure.hasBlockChild && sibling.name == "div") else { return false }
                let length = sibling.measure.textLength
                let density = linkDensity(sibling)
                return (length > 80 && density < 0.25) || (length > 0 && length <= 80 && density == 0 && sibling.textContent.hasSuffix("."))
            }
        }
        return (read(chosen, protected: protected), top)
    }

}
