import Foundation

/// The source of "now" for everything that depends on wall-clock time.
///
/// Injected rather than read from `Date()` so tests, and the reliability
/// battery's clock-jump checks, can hold time still or move it.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    public var now: Date { read() }

    public static let system = WallClock { Date() }

    public static func fixed(_ date: Date) -> WallClock {
        WallClock { date }
    }
}
