#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's processors, without Foundation.
public enum Processors {
    /// Processors online now (at least 1): the default thread count of parallel work.
    public static var activeCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
