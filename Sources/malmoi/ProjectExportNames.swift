import ArgumentParser
import MalmoiRemote
import MalmoiStore

extension Malmoi.Project {
    /// `malmoi project export-names --project P on|off`: whether clients' exports of a project show annotators' real
    /// names instead of their pseudonyms.
    struct ExportNames: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-names",
            abstract: "Show annotators' real names in clients' exports of a project, or their pseudonyms (the default).",
            discussion: """
                Turns real names on or off and prints the project's setting. On a store an admin opens directly \
                (--store) the change is audited as the command line's; over --server only an admin may change it, and \
                the server audits it under that admin's name. Without on or off, prints the setting.

                Example:
                  malmoi project export-names --project reviews on --server https://labels.example.com
                """
        )

        /// The setting's two values.
        enum Setting: String, ExpressibleByArgument, CaseIterable {
            case on, off
        }

        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Argument(help: "on (real names) or off (pseudonyms); without it, the setting is printed.") var setting: Setting?

        func run() throws {
            let opened = try store.openExisting()
            let real: Bool
            if let remote = opened as? RemoteStore {
                if let setting { try remote.setRealNamesInExports(setting == .on, of: project) }
                real = try remote.realNamesInExports(of: project)
            } else {
                guard let people = opened as? any PeopleStore else { throw ValidationError("this store cannot hold people settings") }
                let name = try opened.project(named: project).name   // an unknown project is an error, not a new setting
                if let setting { try people.setRealNamesInExports(setting == .on, of: name, actor: "cli") }
                real = try people.realNamesInExports(of: name)
            }
            print("\(project)\treal names in exports: \(real ? "on" : "off")")
        }
    }
}
