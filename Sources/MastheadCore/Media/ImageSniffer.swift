/// Recognises an uploaded image by its bytes, never by its name or declared type,
/// and reads its dimensions from the header without decoding a pixel.
///
/// Only JPEG, PNG, WebP and GIF are images here. SVG (which can carry script),
/// and anything else, is refused.
public enum ImageSniffer {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case jpeg, png, webp, gif

        public var mediaType: String { "image/\(rawValue)" }
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    public struct Image: Sendable, Hashable {
        public var kind: Kind
        public var width: Int
        public var height: Int
    }

    /// Refused before anything is decoded: decompression bombs declare huge sizes.
    public static let maximumPixels = 50_000_000
    public static let maximumSide = 20_000

    /// The image in `header` (the whole file is best: a JPEG's size can follow a large
    /// colour profile or XMP block; the walk skips them without copying), or a
    /// sentence saying why it is refused.
    public static func sniff(_ header: [UInt8]) -> Result<Image, MastheadError> {
        guard let found = recognise(header) else {
            return .failure(MastheadError(.invalidInput, "That file is not a JPEG, PNG, WebP or GIF image."))
        }
        if let refused = checkSize(width: found.width, height: found.height) { return .failure(refused) }
        return .success(found)
    }

    /// An AVIF or HEIC file (an ISO-BMFF `ftyp` box naming a still-image brand) and the
    /// size its largest `ispe` box declares. These are converted, never served as they are,
    /// and only where libvips is installed.
    public static func heif(_ b: [UInt8]) -> (width: Int, height: Int)? {
        guard b.count >= 16, Array(b[4..<8]) == Array("ftyp".utf8) else { return nil }
        let boxEnd = min(b.count, max(16, bigEndian(b, 0, 4)))
        let brands = stride(from: 8, to: boxEnd - 3, by: 4).map { String(decoding: b[$0..<$0 + 4], as: UTF8.self) }
        guard !Set(brands).isDisjoint(with: ["avif", "heic", "heix", "mif1", "heim", "heis"]) else { return nil }
        var best: (width: Int, height: Int)?
        let marker = Array("ispe".utf8)
        var i = 0
        let end = min(b.count, 1 << 20)  // the `meta` box comes first; pixels follow
        while i + 16 <= end {
            if b[i] == marker[0], Array(b[i..<i + 4]) == marker {
                let size = (width: bigEndian(b, i + 8, 4), height: bigEndian(b, i + 12, 4))
                if size.width * size.height > (best.map { $0.width * $0.height } ?? -1) { best = size }
                i += 16
            } else {
                i += 1
            }
        }
        return best
    }

    /// Refuses a declared size that would be a decompression bomb.
    public static func checkSize(width: Int, height: Int) -> MastheadError? {
        guard width > 0, height > 0, width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            return MastheadError(.invalidInput, "The image is \(width)×\(height) pixels; the limit is 50 megapixels.")
        }
        return nil
    }

    static func recognise(_ b: [UInt8]) -> Image? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) {
            return Image(kind: .png, width: bigEndian(b, 16, 4), height: bigEndian(b, 20, 4))
        }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)), b.count >= 10 {
            return Image(kind: .gif, width: Int(b[6]) | Int(b[7]) << 8, height: Int(b[8]) | Int(b[9]) << 8)
        }
        if b.count >= 30, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) {
            return webp(b)
        }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(b) }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> Image? {
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ":
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return Image(kind: .webp, width: littleEndian(b, 26, 2) & 0x3FFF, height: littleEndian(b, 28, 2) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = littleEndian(b, 21, 4)
            return Image(kind: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return Image(kind: .webp, width: littleEndian(b, 24, 3) + 1, height: littleEndian(b, 27, 3) + 1)
        default:
            return nil
        }
    }

    /// Walks the JPEG's segments to the first start-of-frame marker.
    private static func jpeg(_ b: [UInt8]) -> Image? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF {
                i += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i += 2
                continue
            }
            let length = bigEndian(b, i + 2, 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return Image(kind: .jpeg, width: bigEndian(b, i + 7, 2), height: bigEndian(b, i + 5, 2))
            }
            i += 2 + length
        }
        return nil
    }

    private static func bigEndian(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= b.count else { return 0 }
        return (0..<count).reduce(0) { $0 << 8 | Int(b[offset + $1]) }
    }

    private static func littleEndian(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= b.count else { return 0 }
        return (0..<count).reversed().reduce(0) { $0 << 8 | Int(b[offset + $1]) }
    }
}
