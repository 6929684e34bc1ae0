import MastheadCore

/// How a page asks for a photo: `<picture>` sources for AVIF and WebP, a JPEG
/// `srcset` for the rest, and the size the layout gives it so the browser picks the
/// smallest file that is sharp on its screen.
struct ResponsiveImage: Sendable {
    struct Source: Sendable {
        var type: String
        var srcset: String
    }

    /// The fallback `src`: a mid-sized JPEG, or the image's own URL where no renditions exist.
    var src: String
    var srcset: String?
    var sizes: String
    var sources: [Source]
    var width: Int?
    var height: Int?

    /// The whole picture, for the lead photo (`sizes`: the article column).
    init(_ image: LeadImage, sizes: String) {
        self.sizes = sizes
        width = image.width
        height = image.height
        guard let set = image.renditions, let jpegs = Optional(set.ladder(.jpeg)), !jpegs.isEmpty else {
            src = image.url
            srcset = nil
            sources = []
            return
        }
        src = (jpegs.first { $0.width >= 960 } ?? jpegs.last ?? jpegs[0]).url
        srcset = Self.srcset(jpegs)
        sources = [RenditionFormat.avif, .webp].compactMap { format in
            let ladder = set.ladder(format)
            return ladder.isEmpty ? nil : Source(type: format.mediaType, srcset: Self.srcset(ladder))
        }
        if let widest = jpegs.last {
            width = widest.width
            height = widest.height
        }
    }

    /// A 16:9 card: the wide crop around the focal point, where there is one.
    static func card(_ image: LeadImage) -> (src: String, srcset: String?) {
        guard let set = image.renditions else { return (image.url, nil) }
        let crops = set.renditions.filter { $0.crop == .wide }.sorted { $0.width < $1.width }
        guard let first = crops.first else { return (image.url, nil) }
        return (first.url, crops.count > 1 ? srcset(crops) : nil)
    }

    static func srcset(_ renditions: [Rendition]) -> String {
        renditions.map { "\($0.url) \($0.width)w" }.joined(separator: ", ")
    }
}
