/// When the stage timer warns (amber) and when it shows danger (red), in seconds left of the
/// turn or segment it counts down: from its length unless the organisers set them
/// (`convene live --warning-at`, `--danger-at`). At 0 it counts the time over, flashing.
public struct TimerThresholds: Sendable, Equatable {
    /// Seconds left at which the timer warns, for every length; `nil` takes it from the length.
    public var warning: Int?
    /// Seconds left at which it shows danger; `nil` takes it from the length.
    public var danger: Int?

    public init(warning: Int? = nil, danger: Int? = nil) {
        self.warning = warning
        self.danger = danger
    }

    /// The two thresholds for a countdown of `length` seconds. By default the timer warns with
    /// a fifth of the time left, at least a minute and at most five (2 minutes of a 10-minute
    /// turn), and shows danger with a twentieth left, at least 30 seconds and at most two; the
    /// danger threshold is never above the warning one.
    public func of(length: Int) -> (warning: Int, danger: Int) {
        let warning = self.warning ?? min(max(length / 5, 60), 300)
        let danger = self.danger ?? min(max(length / 20, 30), 120)
        return (warning, min(danger, warning))
    }
}
