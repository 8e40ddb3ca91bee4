/// Convene's own version: what `convene --version` prints and what a schedule export names
/// as its generator.
public enum ConveneVersion {
    public static let current = "0.1.0"
}
