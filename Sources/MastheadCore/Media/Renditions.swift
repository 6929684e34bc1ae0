import Foundation

/// Where the subject of a photo is, as fractions of its width and height from the
/// top left: every crop keeps this point in frame. Imports and older images sit
/// at the centre.
public struct FocalPoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public static let centre = FocalPoint(x: 0.5, y: 0.5)

    /// Clamped to the picture; a value that is not a number is the centre.
    public init(x: Double, y: Double) {
        self.x = x.isFinite ? min(max(x, 0), 1) : 0.5
        self.y = y.isFinite ? min(max(y, 0), 1) : 0.5
    }

    /// "50x38": part of a crop's file name, so moving the point gives new names and
    /// files that were cached for a year are never wrong.
    var nameComponent: String { "\(Int((x * 100).rounded()))x\(Int((y * 100).rounded()))" }
}

/// The encodings a rendition is made in, best first: a browser takes the first it reads.
public enum RenditionFormat: String, Sendable, Codable, CaseIterable {
    case avif, webp, jpeg

    public var mediaType: String { "image/\(rawValue)" }
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
}

/// A fixed-shape crop of a photo, made around its focal point.
public enum CropShape: String, Sendable, Codable, CaseIterable {
    /// Cards on lists and JSON-LD's first image.
    case wide = "16x9"
    case standard = "4x3"
    case square = "1x1"
    /// `og:image`: 1200×630 is what the social networks ask for.
    case social = "og"

    /// Width over height.
    public var ratio: Double {
        switch self {
        case .wide: 16.0 / 9.0
        case .standard: 4.0 / 3.0
        case .square: 1
        case .social: 1200.0 / 630.0
        }
    }

    /// The widths made of this crop (never more than the photo has).
    var widths: [Int] { self == .wide ? [640, 1200] : [1200] }
}

/// One file made from a photo.
public struct Rendition: Sendable, Hashable, Codable {
    /// Path under the media folder, e.g. `r/ab/ab12…-w640.avif`.
    public var path: String
    public var width: Int
    public var height: Int
    public var format: RenditionFormat
    /// Nil for the full picture, else the crop.
    public var crop: CropShape?

    public var url: String { "/media/" + path }
}

/// Every file made from one photo: the width ladder of the whole picture in each
/// format, and the crops. Stored with the media asset; pages read it to write
/// `srcset`, feeds and JSON-LD to pick absolute URLs.
public struct RenditionSet: Sendable, Hashable, Codable {
    public var renditions: [Rendition]

    public init(renditions: [Rendition]) { self.renditions = renditions }

    /// The whole picture in one format, narrowest first.
    public func ladder(_ format: RenditionFormat) -> [Rendition] {
        renditions.filter { $0.crop == nil && $0.format == format }.sorted { $0.width < $1.width }
    }

    /// A crop in JPEG, the widest made (or the narrowest at least `minimumWidth`).
    public func crop(_ shape: CropShape, atLeast minimumWidth: Int = .max) -> Rendition? {
        let made = renditions.filter { $0.crop == shape }.sorted { $0.width < $1.width }
        return made.first { $0.width >= minimumWidth } ?? made.last
    }
}

/// What to make from a photo of a given size: pure arithmetic, so that the
/// names, sizes and crops are the same wherever they are computed.
public struct RenditionPlan: Sendable, Hashable {
    /// The widths a page may ask for; a phone at DPR 3 takes 960–1280, a desktop 1280–1920.
    public static let ladderWidths = [320, 640, 960, 1280, 1920]
    /// The cleaned master every rendition is made from is no wider or taller than this.
    public static let masterSide = 2560

    public struct Step: Sendable, Hashable {
        public var rendition: Rendition
        /// The part of the master to cut first, for crops: left, top, width, height.
        public var cut: (Int, Int, Int, Int)?

        public static func == (a: Step, b: Step) -> Bool {
            a.rendition == b.rendition && a.cut.map { [$0.0, $0.1, $0.2, $0.3] } == b.cut.map { [$0.0, $0.1, $0.2, $0.3] }
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(rendition) }
    }

    public var steps: [Step]

    /// - Parameters:
    ///   - key: the original's SHA-256 in hex, which names every file.
    ///   - width, height: the master's size (after rotation and the 2560 cap).
    public init(key: String, width: Int, height: Int, focal: FocalPoint) {
        let folder = "r/\(key.prefix(2))/\(key.prefix(32))"
        var steps: [Step] = []
        var widths = Self.ladderWidths.filter { $0 < width }
        widths.append(min(width, Self.ladderWidths.last ?? width))
        for format in RenditionFormat.allCases {
            for w in Set(widths).sorted() {
                let h = max(1, Int((Double(height) * Double(w) / Double(width)).rounded()))
                let path = "\(folder)-w\(w).\(format.fileExtension)"
                steps.append(Step(rendition: Rendition(path: path, width: w, height: h, format: format, crop: nil), cut: nil))
            }
        }
        for shape in CropShape.allCases {
            let cut = Self.cut(width: width, height: height, ratio: shape.ratio, focal: focal)
            // Never wider than the cut itself: a small photo gets one crop of each shape.
            for w in Set(shape.widths.map { min($0, cut.2) }).sorted() {
                let h = max(1, Int((Double(w) / shape.ratio).rounded()))
                let path = "\(folder)-\(shape.rawValue)-f\(focal.nameComponent)-w\(w).jpg"
                steps.append(Step(rendition: Rendition(path: path, width: w, height: h, format: .jpeg, crop: shape), cut: cut))
            }
        }
        self.steps = steps
    }

    public var set: RenditionSet { RenditionSet(renditions: steps.map(\.rendition)) }

    /// The largest rectangle of `ratio` inside the picture, centred on the focal point
    /// as far as the edges allow.
    public static func cut(width: Int, height: Int, ratio: Double, focal: FocalPoint) -> (Int, Int, Int, Int) {
        var w = width
        var h = Int((Double(width) / ratio).rounded())
        if h > height {
            h = height
            w = min(width, Int((Double(height) * ratio).rounded()))
        }
        let left = min(max(Int((focal.x * Double(width)).rounded()) - w / 2, 0), width - w)
        let top = min(max(Int((focal.y * Double(height)).rounded()) - h / 2, 0), height - h)
        return (left, top, max(1, w), max(1, h))
    }
}

extension RenditionSet {
    /// How both stores keep it: one JSON text column.
    public var storedText: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    public init?(storedText: String?) {
        guard let storedText, !storedText.isEmpty,
            let set = try? JSONDecoder().decode(RenditionSet.self, from: Data(storedText.utf8))
        else { return nil }
        self = set
    }
}

extension EmbeddedField {
    /// How both stores keep a set of them: names joined by commas, in a fixed order.
    public static func storedText(_ fields: Set<EmbeddedField>) -> String {
        allCases.filter(fields.contains).map(\.rawValue).joined(separator: ",")
    }

    public static func fields(storedText: String) -> Set<EmbeddedField> {
        Set(storedText.split(separator: ",").compactMap { EmbeddedField(rawValue: String($0)) })
    }
}
