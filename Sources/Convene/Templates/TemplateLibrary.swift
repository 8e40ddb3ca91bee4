import Foundation

/// The agenda templates a user can draft from: their own folders first, then the ones
/// Convene ships. A user template with the name of a shipped one replaces it.
public struct TemplateLibrary: Sendable {
    /// Folders searched, in order.
    public let folders: [String]

    public init(folders: [String]) {
        self.folders = folders
    }

    /// The folders for this process: `--templates` folders, then each folder in
    /// `CONVENE_TEMPLATES` (colon-separated), then the shipped templates.
    public static func folders(userFolders: [String], environment: [String: String], executablePath: String) -> [String] {
        var folders = userFolders
        if let variable = environment["CONVENE_TEMPLATES"] {
            folders += variable.split(separator: ":").map(String.init)
        }
        if let shipped = shippedFolder(environment: environment, executablePath: executablePath) {
            folders.append(shipped)
        }
        return folders
    }

    /// Where the shipped templates are: `$CONVENE_HOME/templates/agenda`, beside an installed
    /// binary in `../share/convene/templates/agenda`, or in the source tree the binary was
    /// built in.
    static func shippedFolder(environment: [String: String], executablePath: String) -> String? {
        let manager = FileManager.default
        if let home = environment["CONVENE_HOME"] { return home + "/templates/agenda" }
        let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = binary.deletingLastPathComponent().appendingPathComponent("share/convene/templates/agenda").path
        if manager.fileExists(atPath: installed) { return installed }
        var folder = binary
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("templates/agenda").path
            if manager.fileExists(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Every template, by name, the first folder's winning; with the problems of files
    /// that could not be read.
    public func templates() -> (templates: [AgendaTemplate], problems: [AgendaTemplate.Problem]) {
        var found: [String: AgendaTemplate] = [:]
        var problems: [AgendaTemplate.Problem] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                problems.append(.init(line: nil, message: "templates folder \(folder) cannot be read", hint: "check the path given to --templates or CONVENE_TEMPLATES"))
                continue
            }
            for file in names.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let name = String(file.dropLast(file.hasSuffix(".yaml") ? 5 : 4))
                guard found[name] == nil else { continue }
                let path = folder + "/" + file
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(.init(line: nil, message: "\(path) cannot be read as UTF-8 text"))
                    continue
                }
                do {
                    found[name] = try AgendaTemplate(name: name, path: path, text: text)
                } catch {
                    problems.append(error)
                }
            }
        }
        return (found.values.sorted { $0.name < $1.name }, problems)
    }

    /// The template called `name`, or a problem naming the nearest one.
    public func template(named name: String) throws(AgendaTemplate.Problem) -> AgendaTemplate {
        let all = templates().templates
        if let template = all.first(where: { $0.name == name }) { return template }
        let near = Suggestion.nearest(to: name, in: all.map(\.name))
        throw AgendaTemplate.Problem(line: nil, message: "no template called '\(name)'",
                                     hint: near.map { "did you mean '\($0)'?" } ?? "convene templates lists them")
    }
}
