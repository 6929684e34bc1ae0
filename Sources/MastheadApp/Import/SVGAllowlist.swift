import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG is imported only when it is a drawing and nothing else, judged by an
/// allowlist rather than by looking for what is known to be bad: every element
/// is an SVG shape, text or paint server in the SVG namespace, every attribute a
/// presentation attribute, and no value refers outside the file. A script in an
/// XHTML namespace (`<h:script>`), `<animate>`, `<use>`, any `href`, entities
/// (`javascript&#58;`) and DOCTYPEs all fail, whatever their spelling.
enum SVGAllowlist {
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let elements: Set<String> = [
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title", "desc", "defs",
        "lineargradient", "radialgradient", "stop", "clippath",
    ]
    static let attributes: Set<String> = [
        "xmlns", "width", "height", "viewbox", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "ox",
        "d", "points", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-dasharray", "opacity", "transform", "font-size", "font-family", "font-weight", "font-style", "text-anchor",
        "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "id",
        "clip-path", "clip-rule", "role", "aria-label", "aria-hidden", "version",
    ]

    final class Judge: NSObject, XMLParserDelegate {
        var safe = true
        var sawSVG = false

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let local = name.lowercased()
            sawSVG = sawSVG || local == "svg"
            guard namespaceURI == SVGAllowlist.svgNamespace, SVGAllowlist.elements.contains(local) else { return refuse(parser) }
            for (attribute, value) in attributes {
                let key = attribute.lowercased()
                guard SVGAllowlist.attributes.contains(key) || key.hasPrefix("xmlns") && value == SVGAllowlist.svgNamespace else {
                    return refuse(parser)
                }
                // Only references inside the file: `url(#gradient)`, never an address.
                let lowered = value.lowercased()
                if lowered.contains("url(") && !lowered.contains("url(#") || lowered.contains(":") && key != "xmlns" && !key.hasPrefix("xmlns") {
                    return refuse(parser)
                }
            }
        }

        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) { refuse(parser) }
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { refuse(parser) }
        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) { refuse(parser) }
        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            refuse(parser)
            return nil
        }

        func refuse(_ parser: XMLParser) {
            safe = false
            parser.abortParsing()
        }
    }

    static func isPlainDrawing(_ data: Data) -> Bool {
        guard data.count <= 2 * 1024 * 1024, let text = String(data: data, encoding: .utf8) else { return false }
        // No DOCTYPE (entities), no character references (which would hide a scheme), no CDATA.
        let lower = text.lowercased()
        guard !lower.contains("<!doctype"), !lower.contains("<!entity"), !lower.contains("&#"), !lower.contains("<![cdata[") else { return false }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let judge = Judge()
        parser.delegate = judge
        return parser.parse() && judge.safe && judge.sawSVG
    }
}
