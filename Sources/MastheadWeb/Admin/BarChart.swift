import MastheadCore

/// A bar chart drawn as inline SVG on the server: no chart library, no script.
/// Only numbers and escaped labels go into it.
enum BarChart {
    struct Bar {
        var value: Int
        var label: String
    }

    static func svg(_ bars: [Bar], width: Int = 720, height: Int = 160, title: String) -> SafeHTML {
        guard !bars.isEmpty else { return .empty }
        let peak = max(bars.map(\.value).max() ?? 0, 1)
        let slot = Double(width) / Double(bars.count)
        let barWidth = max(slot - 2, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height + 18)\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\">"
        svg += "<title>\(HTMLEscaping.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let barHeight = Double(bar.value) / Double(peak) * Double(height - 4)
            let x = Double(index) * slot
            svg +=
                "<rect x=\"\(format(x))\" y=\"\(format(Double(height) - barHeight))\" width=\"\(format(barWidth))\" height=\"\(format(barHeight))\">"
            svg += "<title>\(HTMLEscaping.escape(bar.label)): \(bar.value)</title></rect>"
        }
        // Label the first, middle and last bars only, so the axis stays readable on a phone.
        for index in Set([0, bars.count / 2, bars.count - 1]).sorted() {
            let x = Double(index) * slot
            svg += "<text x=\"\(format(x))\" y=\"\(height + 14)\">\(HTMLEscaping.escape(bars[index].label))</text>"
        }
        svg += "</svg>"
        return .stored(svg)
    }

    private static func format(_ value: Double) -> String {
        String(Int(value.rounded()))
    }
}
