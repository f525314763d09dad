import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiServer
import MalmoiStore

extension Malmoi {
    /// `malmoi user add | list | revoke | rotate`: the people of a team server.
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Manage the people who sign in to the team server (malmoi serve).",
            subcommands: [Add.self, List.self, Revoke.self, Rotate.self]
        )

        /// Opens the store's people.
        static func people(_ store: StoreOptions) throws -> (any AnnotationStore, any PeopleStore) {
            guard store.server == nil else { throw ValidationError("people are managed on the server's --store, not over --server") }
            let opened = try StoreLocation(parsing: store.path).open()
            guard let people = opened as? any PeopleStore else { throw ValidationError("this store cannot hold people and tokens yet") }
            return (opened, people)
        }

        /// `malmoi user add NAME --role R`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a person and print their token (shown once; only its hash is stored).",
                discussion: """
                    The name becomes the person's identity: NFC, case-folded and trimmed, so `Kim` and `kim` are one person. \
                    The token goes to stdout; give it to the person, who runs `malmoi login URL`.

                    Example:
                      malmoi user add 김민수 --role annotator --qualification korean-native --project reviews
                    """
            )
            @OptionGroup var store: StoreOptions
            @Argument(help: "The person's name.") var name: String
            @Option(help: "annotator, reviewer, client or admin.") var role: String
            @Option(help: "A qualification the person holds (repeatable).") var qualification: [String] = []
            @Option(help: "A project the person is limited to (repeatable; clients must name theirs).") var project: [String] = []

            func run() throws {
                guard let role = PersonRole(rawValue: role) else {
                    throw ValidationError("--role \(role) is not one of \(PersonRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if role == .client, project.isEmpty { throw ValidationError("a client needs at least one --project") }
                let name = try PersonName.identity(of: name, what: "the name")
                let qualifications = try qualification.map { try checkedName($0, "--qualification") }
                let projects = try project.map { try checkedName($0, "--project") }
                let (annotations, people) = try User.people(store)
                let token = AccessToken.generate()
                _ = try people.addPerson(Person(name: name, role: role, qualifications: qualifications, projects: projects),
                                         token: token.stored, actor: "cli")
                if role != .client { _ = try annotations.registerAnnotator(name, qualifications: qualifications) }
                print(token.text)
                writeError("added \(role.rawValue) \(name); the token above is shown only now")
            }
        }

        /// `malmoi user list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List people: name, role, qualifications, projects, state (TSV).")
            @OptionGroup var store: StoreOptions

            func run() throws {
                for person in try User.people(store).1.people() {
                    print([person.name, person.role.rawValue, person.qualifications.joined(separator: ","),
                           person.projects.joined(separator: ","), person.isRevoked ? "revoked" : "active"].joined(separator: "\t"))
                }
            }
        }

        /// `malmoi user revoke NAME`.
        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a person's token at once (their saved work stays).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The person's name.") var name: String

            func run() throws {
                let name = try PersonName.identity(of: name, what: "the name")
                try User.people(store).1.revokePerson(named: name, actor: "cli")
                writeError("revoked \(name)")
            }
        }

        /// `malmoi user rotate NAME`.
        struct Rotate: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "rotate", abstract: "Give a person a new token (printed once); the old one stops working.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The person's name.") var name: String

            func run() throws {
                let name = try PersonName.identity(of: name, what: "the name")
                let token = AccessToken.generate()
                try User.people(store).1.rotateToken(of: name, to: token.stored, actor: "cli")
                print(token.text)
                writeError("rotated the token of \(name); the token above is shown only now")
            }
        }
    }

    /// `malmoi login URL`.
    struct Login: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Save a team server's token for --server (in the config folder, mode 0600).",
            discussion: """
                Reads the token from --token, or from the first line of standard input, checks it with the server, and \
                saves it to $XDG_CONFIG_HOME/malmoi/credentials (else ~/.config/malmoi/credentials).

                Example:
                  malmoi login https://labels.example.com < token.txt
                """
        )
        @Argument(help: "The server's URL.") var server: String
        @Option(help: "The token (default: read from standard input).") var token: String?
        @Flag(help: "Allow plain http:// to a host that is not this machine (the token travels in clear).") var insecureHttp = false

        func run() throws {
            guard let token = (token ?? readLine(strippingNewline: true))?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
                throw ValidationError("no token given: pass --token or pipe it on standard input")
            }
            let remote = try RemoteCredentials.open(server: server, token: token, insecureHTTP: insecureHttp)
            _ = try remote.projects()   // fails with 401 for a bad token
            let path = RemoteCredentials.path
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try RemoteCredentials.save(server: server, token: token, to: path)
            writeError("saved the token for \(server) in \(path)")
        }
    }
}

/// The credentials file could not be written.
struct RemoteCredentialsError: MalmoiReportableError {
    var message: String
    var isBadInput: Bool { false }
    var description: String { message }
}
