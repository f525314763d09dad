import MalmoiMorph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints the milliseconds spent in `SystemDictionary(contentsOf:)` (mapping and validating the files)
/// and in the first `analyze` call after it, for the dictionary directory given as the argument.
func milliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}

guard CommandLine.arguments.count == 2 else {
    print("usage: MorphLoadTime DICTIONARY_DIRECTORY")
    exit(2)
}
let start = milliseconds()
let dictionary = try SystemDictionary(contentsOf: CommandLine.arguments[1])
let loaded = milliseconds()
_ = Analyzer(dictionary: dictionary).analyze("아버지가 방에 들어가신다")
let analyzed = milliseconds()
print(loaded - start, analyzed - loaded)
