import Foundation

/// The site's own name, from `og:site_name`, the publisher, the title's suffix and
/// the domain: "finanztreff.de", "Deutsche Welle" are not authors.
struct SiteName {
    private var keys: [String] = []

    init(meta: HTMLPageRecogniser.MetaTags, linked: StructuredArticle?, url: String?, texts: ShortTexts? = nil) {
        for name in [meta["og:site_name"], meta["application-name"], linked?.publisher].compactMap({ $0 }) { keys.append(Self.key(name)) }
        // The copyright notice's owner: "© 2021 Grenzland Zeitung | Impressum" → "grenzlandzeitung".
        if let rights = texts?.entries.last(where: { PageFurniture.isRights($0.text) })?.text {
            let owner = PageFurniture.rightsOnly(rights).replacingOccurrences(of: "©", with: " ").split(separator: " ").filter { word in
                !word.contains(where: \.isNumber)
                    && !["copyright", "(c)", "all", "rights", "reserved.", "reserved", "ltd", "ltd.", "inc.", "the"].contains(word.lowercased())
            }
            if !owner.isEmpty { keys.append(Self.key(owner.prefix(5).joined(separator: " "))) }
        }
        if let host = url.flatMap({ URL(string: $0)?.host }) {
            let labels = host.lowercased().split(separator: ".").filter { $0 != "www" }
            if let name = labels.dropLast().last { keys.append(Self.key(String(name))) }
            keys.append(Self.key(labels.joined(separator: ".")))
        }
        keys = keys.filter { $0.count >= 3 }
    }

    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    func matches(_ name: String) -> Bool {
        let candidate = Self.key(name)
        guard candidate.count >= 3 else { return false }
        return keys.contains { $0 == candidate || $0.contains(candidate) || candidate.contains($0) }
    }
}

/// The part of the page that holds the story: the body's container and its
/// ancestors up to the one that also holds the headline (at most four levels),
/// so bylines and datelines are read there and not from the site's header.
struct ArticleRegion {
    let node: HTMLNode?
    private let members: Set<ObjectIdentifier>

    init(root: HTMLNode, container: HTMLNode?) {
        guard let container else {
            node = nil
            members = []
            return
        }
        // Parents of the container, nearest first.
        var chain: [HTMLNode] = []
        func find(_ node: HTMLNode, path: inout [HTMLNode]) -> Bool {
            if node === container { return true }
            for child in node.children where !child.isText {
                path.append(child)
                if find(child, path: &path) { return true }
                path.removeLast()
            }
            return false
        }
        var path: [HTMLNode] = []
        _ = find(root, path: &path)
        chain = path.reversed()
        var chosen = container
        for ancestor in chain.prefix(5) where ancestor.name != "body" && ancestor.name != "html" {
            chosen = ancestor
            if ancestor.name == "article" || ancestor.name == "main" || ancestor.first("h1") != nil { break }
        }
        node = chosen
        var all: Set<ObjectIdentifier> = [ObjectIdentifier(chosen)]
        var stack = chosen.children
        while let next = stack.popLast() {
            guard !next.isText else { continue }
            all.insert(ObjectIdentifier(next))
            stack.append(contentsOf: next.children)
        }
        members = all
    }

    func contains(_ node: HTMLNode) -> Bool { members.contains(ObjectIdentifier(node)) }
}

/// schema.org microdata (`itemprop`) of the page's article.
struct Microdata {
    private var values: [String: String] = [:]
    private(set) var authors: [String] = []

    init(_ root: HTMLNode) {
        for node in root.descendants(where: { $0["itemprop"] != nil }) {
            let value = node["content"] ?? node["datetime"] ?? (node.name == "meta" ? nil : node.textContent)
            for property in (node["itemprop"] ?? "").split(separator: " ").map(String.init) {
                if property == "author" || property == "creator" {
                    let name = node.descendants { $0["itemprop"] == "name" }.first.map { $0["content"] ?? $0.textContent } ?? value
                    if let name = name?.nilIfEmpty, name.count < 200 { authors.append(name) }
                } else if values[property] == nil, let value = value?.nilIfEmpty, value.count < 1000 {
                    values[property] = value
                }
            }
        }
    }

    func value(_ property: String) -> String? { values[property] }
}
