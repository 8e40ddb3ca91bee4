import ArgumentParser
import Convene
import ConveneStore
import Foundation

/// The one place where the library's typed errors become messages and exit codes: each is
/// printed once, as `convene: error: …` with its hint, and mapped to the documented code.
extension Terminal {
    /// Runs `body`, turning any error the library throws into its message and exit code.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let (message, code) = failure(error)
            Terminal.error(message)
            throw ExitCode(code)
        }
    }

    /// The message and exit code of a library error.
    static func failure(_ error: any Error) -> (String, Int32) {
        switch error {
        case let problem as OutputError:
            if case .linked = problem { ("convene: error: \(problem)", Exit.invalidInput) } else { ("convene: error: \(problem)", Exit.cannotWrite) }
        case let problem as TemplateProblem:
            (problem.description + "; nothing written", Exit.invalidInput)
        case let problem as BriefingError:
            ("convene: error: \(problem)", Exit.usage)
        case let problem as CalendarOutputs.NoOrganizer:
            ("convene: error: \(problem)", Exit.invalidInput)
        case let problem as StoreError:
            switch problem {
            case .busy, .cannotOpen: ("convene: error: \(problem)", Exit.cannotWrite)
            case .damaged, .legacyEntry: ("convene: error: \(problem)", Exit.invalidInput)
            }
        case let problem as PDFError:
            // No engine is what is missing on this machine, as the tz database can be; an
            // engine that fails is an output that could not be written.
            if case .notInstalled = problem { ("convene: error: \(problem)", Exit.invalidInput) } else { ("convene: error: \(problem)", Exit.cannotWrite) }
        case let problem as CalDAVError:
            switch problem {
            case .badURL, .credentialsInURL, .plainHTTP: ("convene: error: \(problem)", Exit.usage)
            case .badTimeout, .halfCredentials, .badUser, .noCredentials, .netrc: ("convene: error: \(problem)", Exit.invalidInput)
            case .unreachable, .refused, .notACalendar: ("convene: error: \(problem)", Exit.cannotWrite)
            }
        case let problem as ZoneDirectory.LoadError:
            ("convene: error: \(problem)", Exit.invalidInput)
        case let problem as CustomStringConvertible:
            ("convene: error: \(problem)", Exit.invalidInput)
        default:
            ("convene: error: \(error)", Exit.invalidInput)
        }
    }

    /// Loads and checks an agenda file, or prints why it cannot be used and exits 1; `then`
    /// says what did not happen ("nothing written").
    static func valid(_ path: String, zones: ZoneDirectory, then consequence: String) throws -> ValidAgenda {
        let check = try Terminal.check(path, zones: zones)
        guard let valid = check.valid else {
            Terminal.error("\(path): \(Terminal.summary(check.diagnostics)); \(consequence)")
            throw ExitCode(Exit.invalidInput)
        }
        return valid
    }
}
