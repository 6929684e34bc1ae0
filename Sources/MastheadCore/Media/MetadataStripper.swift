import Foundation

/// Cuts the metadata blocks (EXIF with its GPS position and camera serial, XMP, IPTC,
/// comments) out of an image without decoding a pixel: the fallback that keeps the
/// "no public file says where it was taken" promise where libvips is not installed.
/// Only the container is walked, so the pixels are the upload's, byte for byte.
///
/// What stays: JPEG's JFIF, ICC colour profile and Adobe blocks, PNG's colour chunks,
/// GIF's looping block. What goes besides the blocks: anything after a JPEG's end of
/// image or a PNG's `IEND` (trailers carry IPTC and further images). EXIF orientation goes with EXIF, so a phone photo taken on its
/// side shows on its side until libvips is installed and `masthead media rebuild` runs.
public enum MetadataStripper {
    public static func strip(_ data: Data, kind: ImageSniffer.Kind) throws -> Data {
        let bytes = [UInt8](data)
        let stripped: [UInt8]? =
            switch kind {
            case .jpeg: jpeg(bytes)
            case .png: png(bytes)
            case .webp: webp(bytes)
            case .gif: gif(bytes)
            }
        guard let stripped else { throw MastheadError(.invalidInput, "The image's structure is damaged, so it cannot be stored.") }
        return Data(stripped)
    }

    static func jpeg(_ b: [UInt8]) -> [UInt8]? {
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF {
                i += 1
                continue
            }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { return nil }
            let segment = b[i..<i + 2 + length]
            if marker == 0xDA { return scans(b, from: i, into: out) }
            let isApp = (0xE0...0xEF).contains(marker)
            let keep: Bool
            if marker == 0xFE {
                keep = false  // comment
            } else if isApp {
                let label = b[(i + 4)..<min(i + 2 + length, i + 16)]
                keep =
                    (marker == 0xE0 && label.starts(with: Array("JFIF".utf8)))
                    || (marker == 0xE2 && label.starts(with: Array("ICC_PROFILE".utf8))) || marker == 0xEE
            } else {
                keep = true
            }
            if keep { out += segment }
            i += 2 + length
        }
        return nil
    }

    /// From the first start of scan to the end-of-image marker: the compressed picture,
    /// with the tables between a progressive file's scans, but no APPn or comment
    /// segment among them and nothing after the end. Trailers after the end of the
    /// image are where some software keeps IPTC (AFCP) and phones keep further images
    /// with their own EXIF (MPF): a held-out test file from exiftool's own set had one.
    static func scans(_ b: [UInt8], from start: Int, into out: [UInt8]) -> [UInt8]? {
        var out = out
        var copiedFrom = start
        var j = start
        while j + 1 < b.count {
            guard b[j] == 0xFF else {
                j += 1
                continue
            }
            let marker = b[j + 1]
            if marker == 0xD9 {
                out += b[copiedFrom...(j + 1)]
                return out
            }
            if marker == 0x00 || marker == 0xFF || (0xD0...0xD7).contains(marker) {
                j += marker == 0xFF ? 1 : 2  // stuffed byte, fill byte, restart marker: part of the data
                continue
            }
            guard j + 3 < b.count else { return nil }
            let length = Int(b[j + 2]) << 8 | Int(b[j + 3])
            guard length >= 2, j + 2 + length <= b.count else { return nil }
            if (0xE0...0xEF).contains(marker) || marker == 0xFE {
                out += b[copiedFrom..<j]
                copiedFrom = j + 2 + length
            }
            j += 2 + length
        }
        return nil  // no end of image: a cut-off file
    }

    static func png(_ b: [UInt8]) -> [UInt8]? {
        guard b.count > 8 else { return nil }
        let dropped: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]
        var out = Array(b[0..<8])
        var i = 8
        while i + 12 <= b.count {
            let length = (0..<4).reduce(0) { $0 << 8 | Int(b[i + $1]) }
            guard length >= 0, i + 12 + length <= b.count else { return nil }
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            if !dropped.contains(type) { out += b[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" { return out }
        }
        return nil
    }

    static func webp(_ b: [UInt8]) -> [UInt8]? {
        guard b.count >= 20 else { return nil }
        var body: [UInt8] = Array("WEBP".utf8)
        var i = 12
        while i + 8 <= b.count {
            let type = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            let length = (0..<4).reversed().reduce(0) { $0 << 8 | Int(b[i + 4 + $1]) }
            let padded = length + (length & 1)
            guard i + 8 + length <= b.count else { return nil }
            var chunk = Array(b[i..<min(b.count, i + 8 + padded)])
            if type == "VP8X" {
                guard length == 10 else { return nil }  // flags and canvas size, always ten bytes
                chunk[8] &= ~UInt8(0x0C)  // the EXIF and XMP flags
            }
            if type != "EXIF", type != "XMP " { body += chunk }
            i += 8 + padded
        }
        guard i >= b.count else { return nil }  // bytes that are not a whole chunk: not a WebP we understand
        let size = UInt32(body.count)
        return Array("RIFF".utf8) + (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) } + body
    }

    static func gif(_ b: [UInt8]) -> [UInt8]? {
        guard b.count >= 13 else { return nil }
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << ((Int(b[10]) & 0x07) + 1) }
        guard i <= b.count else { return nil }
        var out = Array(b[0..<i])
        /// The end of a run of sub-blocks starting at `j`.
        func subBlocks(_ start: Int) -> Int? {
            var j = start
            while j < b.count {
                let size = Int(b[j])
                if size == 0 { return j + 1 }
                j += size + 1
            }
            return nil
        }
        while i < b.count {
            switch b[i] {
            case 0x3B:
                out.append(0x3B)
                return out
            case 0x21:
                guard i + 2 < b.count, let end = subBlocks(i + 2) else { return nil }
                let label = b[i + 1]
                let application = label == 0xFF && i + 14 <= b.count ? String(decoding: b[(i + 3)..<(i + 14)], as: UTF8.self) : ""
                let keep = label != 0xFE && (label != 0xFF || application == "NETSCAPE2.0" || application == "ANIMEXTS1.0")
                if keep { out += b[i..<end] }
                i = end
            case 0x2C:
                guard i + 10 < b.count else { return nil }
                var j = i + 10
                if b[i + 9] & 0x80 != 0 { j += 3 << ((Int(b[i + 9]) & 0x07) + 1) }
                guard j < b.count, let end = subBlocks(j + 1) else { return nil }
                out += b[i..<end]
                i = end
            default:
                return nil
            }
        }
        return nil
    }
}
