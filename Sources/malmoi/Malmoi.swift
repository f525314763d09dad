import ArgumentParser
import Foundation
import MalmoiCore

/// The `malmoi` command: builds Korean NLP datasets from annotators' work.
@main
struct Malmoi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "malmoi",
        abstract: "Build Korean NLP datasets: normalize text, analyze morphemes, measure agreement.",
        version: "0.1.0",
        subcommands: [
            Normalize.self,
            Morph.self,
            Agree.self,
            Abuse.self,
            Project.self,
            Store.self,
            Import.self,
            Annotate.self,
            Review.self,
            Stats.self,
            Export.self,
            QA.self,
            Summary.self,
            Model.self,
            MorphLearn.self,
            Report.self,
            Serve.self,
            User.self,
            Login.self,
            Points.self,
        ]
    )

    /// Runs the command and maps failures to Malmoi's exit codes: 0 success, 1 runtime failure,
    /// 2 usage or bad input. ArgumentParser would use `EX_USAGE` (64) for usage errors on Linux.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as any MalmoiReportableError {
            FileHandle.standardError.write(Data("malmoi: \(error.description)\n".utf8))
            exit(withError: ExitCode(error.isBadInput ? 2 : 1))
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
